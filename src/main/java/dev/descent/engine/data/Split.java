package dev.descent.engine.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A dataset cut in two: examples to train on and examples held out to measure generalization.
 *
 * @param train      the examples the network learns from
 * @param validation the held-out examples; empty when the fraction is 0
 */
public record Split(Dataset train, Dataset validation) {

    public Split {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
    }

    /**
     * Shuffles the example indices with a Fisher–Yates pass driven by {@code new SplittableRandom(seed)}
     * and takes the first round(fraction × N) of them, in shuffled order, as the validation set; the rest,
     * also in shuffled order, train. The validation count is raised to 1 when the fraction is above 0 and
     * lowered so that training keeps at least 1 example (a single example therefore always trains). The
     * same data, fraction and seed always give the same split.
     *
     * @param validationFraction share of examples held out, in [0, 1)
     * @throws IllegalArgumentException if the fraction is outside [0, 1)
     */
    public static Split of(Dataset data, double validationFraction, long seed) {
        Objects.requireNonNull(data, "data");
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("the validation fraction must be in [0, 1), got " + validationFraction);
        }
        int n = data.size();
        int[] order = shuffled(n, seed);
        int held = validationCount(n, validationFraction);
        return new Split(data.subset(Arrays.copyOfRange(order, held, n)),
                data.subset(Arrays.copyOfRange(order, 0, held)));
    }

    private static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** How many of {@code n} examples {@link #of} holds out for {@code fraction}. */
    public static int validationCount(int n, double fraction) {
        long held = Math.round(fraction * n);
        if (fraction > 0) {
            held = Math.max(1, held);
        }
        return (int) Math.max(0, Math.min(held, n - 1L));
    }
}
