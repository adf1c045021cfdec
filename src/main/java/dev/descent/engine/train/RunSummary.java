package dev.descent.engine.train;

/**
 * How a run ended (or where it is).
 *
 * @param name                the run's name
 * @param status              its status
 * @param steps               steps taken
 * @param divergedAtStep      the step at which it diverged, or -1
 * @param finalTrainLoss      loss of the last step's minibatch (NaN before the first step)
 * @param finalValidationLoss last validation loss (NaN if never evaluated)
 * @param bestValidationLoss  lowest validation loss (NaN if never evaluated)
 * @param validationAccuracy  last validation accuracy (NaN for regression or if never evaluated)
 * @param wallSeconds         time spent training, pauses excluded
 * @param stepsPerSecond      steps / wallSeconds
 * @param message             why it diverged or failed, or empty
 */
public record RunSummary(String name, RunStatus status, int steps, int divergedAtStep, double finalTrainLoss,
                         double finalValidationLoss, double bestValidationLoss, double validationAccuracy,
                         double wallSeconds, double stepsPerSecond, String message) {
}
