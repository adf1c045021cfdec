package dev.descent.engine.train;

import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Settings every run of a comparison shares.
 *
 * @param seed          seeds initial weights, batch order and dropout
 * @param epochs        passes over the training split (ignored when {@code maxSteps > 0})
 * @param batchSize     examples per step. The last batch of an epoch may be smaller, but never a single
 *                      example: one left over joins the batch before it (B + 1 examples), for every run
 *                      alike so lockstep runs keep identical batches. Batch norm cannot normalize one
 *                      example (its variance is 0: the output would be β and no gradient would flow;
 *                      torch raises an error), and a one-example step is a noisy step of weight 1/B.
 * @param evaluateEvery steps between validation measurements; also measured at each epoch end
 * @param maxSteps      if positive, train exactly this many steps whatever {@code epochs} says
 * @param dataType      FLOAT for training, DOUBLE for exact comparisons
 */
public record TrainingConfig(long seed, int epochs, int batchSize, int evaluateEvery, int maxSteps, DataType dataType) {
    /** Most steps a run takes: steps are counted in an int everywhere (events, histories, files). */
    public static final int MAX_STEPS = Integer.MAX_VALUE;

    public TrainingConfig {
        if (epochs < 1 || batchSize < 1 || evaluateEvery < 1 || maxSteps < 0) {
            throw new IllegalArgumentException("epochs, batchSize and evaluateEvery must be >= 1 and maxSteps >= 0");
        }
    }

    /**
     * Steps per epoch for {@code trainSize} examples: ⌈trainSize / batchSize⌉, less one when a single
     * example would be left over for a batch of its own (it joins the previous batch).
     */
    public int stepsPerEpoch(int trainSize) {
        return batchesPerEpoch(trainSize, batchSize);
    }

    /** Batches of an epoch, as {@link #stepsPerEpoch}. */
    static int batchesPerEpoch(int trainSize, int batchSize) {
        int full = trainSize / batchSize;
        int rest = trainSize % batchSize;
        if (rest == 1 && full > 0) {
            return full;
        }
        return full + (rest > 0 ? 1 : 0);
    }

    /**
     * Total steps of a run on {@code trainSize} examples.
     *
     * @throws IllegalArgumentException if they are more than {@link #MAX_STEPS}; {@link #stepsProblem}
     *                                  says so in words first (the reader, {@code validate} and
     *                                  {@link LockstepComparison#create} refuse such settings)
     */
    public int totalSteps(int trainSize) {
        if (maxSteps > 0) {
            return maxSteps;
        }
        String problem = stepsProblem(epochs, batchSize, trainSize);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return (int) steps(epochs, batchSize, trainSize);
    }

    /** Steps of {@code epochs} epochs on {@code trainSize} examples in batches of {@code batchSize}, exactly. */
    public static long steps(int epochs, int batchSize, int trainSize) {
        return (long) epochs * batchesPerEpoch(trainSize, batchSize);
    }

    /**
     * Why {@code epochs} epochs would be more steps than a run can count ({@link #MAX_STEPS}), with the
     * largest epoch count that fits, or null if they are not.
     */
    public static String stepsProblem(int epochs, int batchSize, int trainSize) {
        long steps = steps(epochs, batchSize, trainSize);
        if (steps <= MAX_STEPS) {
            return null;
        }
        int perEpoch = batchesPerEpoch(trainSize, batchSize);
        return String.format(Locale.ROOT, "epochs must be at most %,d here: %,d epochs of %,d %s are %,d steps, and a run"
                        + " takes at most %,d steps", MAX_STEPS / perEpoch, epochs, perEpoch, perEpoch == 1 ? "step" : "steps",
                steps, MAX_STEPS);
    }

    public TrainingConfig withMaxSteps(int maxSteps) {
        return new TrainingConfig(seed, epochs, batchSize, evaluateEvery, maxSteps, dataType);
    }
}
