package dev.descent.engine.optim;

/**
 * A schedule that reacts to how training goes: told the monitored loss after every evaluation. The
 * trainer passes the validation loss, or the mean training loss since the last evaluation when there
 * is no validation split.
 */
public interface MetricFeedback {

    /** Records the monitored loss measured after {@code iteration} updates. */
    void observe(int iteration, double loss);
}
