package dev.descent.engine.train;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * Settings every run of a comparison shares.
 *
 * @param seed          seeds initial weights, batch order and dropout
 * @param epochs        passes over the training split (ignored when {@code maxSteps > 0})
 * @param batchSize     examples per step (the last batch of an epoch may be smaller)
 * @param evaluateEvery steps between validation measurements; also measured at each epoch end
 * @param maxSteps      if positive, train exactly this many steps whatever {@code epochs} says
 * @param dataType      FLOAT for training, DOUBLE for exact comparisons
 */
public record TrainingConfig(long seed, int epochs, int batchSize, int evaluateEvery, int maxSteps, DataType dataType) {

    public TrainingConfig {
        if (epochs < 1 || batchSize < 1 || evaluateEvery < 1 || maxSteps < 0) {
            throw new IllegalArgumentException("epochs, batchSize and evaluateEvery must be >= 1 and maxSteps >= 0");
        }
    }

    /** Steps per epoch for {@code trainSize} examples: ⌈trainSize / batchSize⌉. */
    public int stepsPerEpoch(int trainSize) {
        return (trainSize + batchSize - 1) / batchSize;
    }

    /** Total steps of a run on {@code trainSize} examples. */
    public int totalSteps(int trainSize) {
        return maxSteps > 0 ? maxSteps : Math.multiplyExact(epochs, stepsPerEpoch(trainSize));
    }

    public TrainingConfig withMaxSteps(int maxSteps) {
        return new TrainingConfig(seed, epochs, batchSize, evaluateEvery, maxSteps, dataType);
    }
}
