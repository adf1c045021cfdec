package dev.descent.experiment;

/**
 * How long and in what batches every run trains.
 *
 * @param epochs        passes over the training split
 * @param batchSize     examples per step
 * @param evaluateEvery steps between two validation measurements (also measured at each epoch end)
 */
public record TrainingSpec(int epochs, int batchSize, int evaluateEvery) {
    public static final TrainingSpec DEFAULT = new TrainingSpec(20, 32, 50);
}
