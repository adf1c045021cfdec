package dev.descent.engine.train;

/**
 * A measurement on the validation split, taken every {@code evaluateEvery} steps and at each epoch end.
 *
 * @param runIndex position of the run in its comparison
 * @param run      the run's name
 * @param step     steps taken when measured
 * @param epoch    1-based epoch
 * @param validationLoss     mean loss over the validation split (evaluation mode: running batch-norm
 *                           statistics, no dropout)
 * @param validationAccuracy share of validation examples classified correctly; NaN for regression
 */
public record EvaluationEvent(int runIndex, String run, int step, int epoch, double validationLoss,
                              double validationAccuracy) {
}
