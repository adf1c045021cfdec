package dev.descent.engine.train;

import java.util.SplittableRandom;

/**
 * The order in which an epoch visits the training examples: a Fisher–Yates shuffle seeded by the
 * experiment seed and the epoch number. Every run computes the same order, so runs of a comparison see
 * identical minibatches.
 */
final class BatchOrder {
    private final long seed;
    private final int size;

    BatchOrder(long seed, int size) {
        this.seed = seed;
        this.size = size;
    }

    /** The permutation of 0..size−1 for the 0-based {@code epoch}. */
    int[] permutation(int epoch) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
