package dev.descent.engine.train;

/**
 * Receives a run's events on that run's training thread. Implementations must return quickly and never
 * block (hand the event to another thread if work is needed); a listener that throws is removed and the
 * run continues.
 */
public interface TrainingListener {

    /** After every step. */
    default void onStep(StepEvent event) {
    }

    /** After every evaluation (following the step event of the same step). */
    default void onEvaluation(EvaluationEvent event) {
    }

    /** Before the first step that uses hyperparameters changed while the run trains. */
    default void onRetune(RetuneEvent event) {
    }

    /** When the run's status changes. */
    default void onStatus(StatusEvent event) {
    }
}
