package dev.descent.experiment;

/**
 * How long and in what batches every run trains, and how many seeds each run trains with.
 *
 * @param epochs        passes over the training split
 * @param batchSize     examples per step
 * @param evaluateEvery steps between two validation measurements (also measured at each epoch end)
 * @param seeds         members of every run (1 to {@value #MAX_SEEDS}): member k trains from seed
 *                      {@code seed + k} (initial weights, batch order, dropout) on the data and split of
 *                      {@code seed}; member 0 is the run as it trains with one seed
 */
public record TrainingSpec(int epochs, int batchSize, int evaluateEvery, int seeds) {
    public static final TrainingSpec DEFAULT = new TrainingSpec(20, 32, 50, 1);
    /** Most members a run may train. */
    public static final int MAX_SEEDS = 64;

    /** One seed per run. */
    public TrainingSpec(int epochs, int batchSize, int evaluateEvery) {
        this(epochs, batchSize, evaluateEvery, 1);
    }

    public TrainingSpec withSeeds(int seeds) {
        return new TrainingSpec(epochs, batchSize, evaluateEvery, seeds);
    }
}
