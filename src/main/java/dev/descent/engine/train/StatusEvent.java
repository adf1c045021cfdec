package dev.descent.engine.train;

/**
 * A run changed status.
 *
 * @param runIndex position of the run in its comparison
 * @param run      the run's name
 * @param status   the new status
 * @param step     steps taken so far; for {@link RunStatus#DIVERGED}, the step at which it happened
 * @param message  a sentence for people, e.g. why a run diverged and what to try
 */
public record StatusEvent(int runIndex, String run, RunStatus status, int step, String message) {
}
