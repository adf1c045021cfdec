package dev.descent.ui.charts;

import dev.descent.engine.train.LockstepComparison;
import dev.descent.engine.train.RunHistory;
import java.awt.Color;
import java.util.List;

/**
 * What the charts draw from at one frame.
 *
 * @param comparison the running comparison, or null (the charts are empty)
 * @param runs       one entry per run, in run order; histories are null without a comparison
 * @param focus      index into {@code runs} of the run whose per-layer details are shown, or -1
 * @param totalSteps steps each run will take (0 without a comparison)
 * @param lastStep   the last step this frame shows (the status line's, in slow motion), or
 *                   {@code Long.MAX_VALUE}: every point the histories have
 */
record ChartInput(LockstepComparison comparison, List<Run> runs, int focus, int totalSteps, long lastStep) {
    /**
     * A run as the charts see it.
     *
     * @param divergedAt the step at which it diverged, or -1 if it has not
     * @param group      the run of the file this member belongs to (its seeds and sweep point share it);
     *                   the loss and metric charts draw a group of several members as one mean curve
     * @param pace       how its steps turn into examples and epochs ({@link XAxis}), or null when unknown
     */
    record Run(String name, Color color, RunHistory history, int divergedAt, String group, Pace pace) {
        Run(String name, Color color, RunHistory history) {
            this(name, color, history, -1);
        }

        Run(String name, Color color, RunHistory history, int divergedAt) {
            this(name, color, history, divergedAt, name);
        }

        Run(String name, Color color, RunHistory history, int divergedAt, String group) {
            this(name, color, history, divergedAt, group, null);
        }

        boolean diverged() {
            return divergedAt > 0;
        }
    }

    /**
     * How a run's steps relate to its data.
     *
     * @param batchSize  examples per step (the last batch of an epoch may be shorter)
     * @param trainSize  examples in the training split
     * @param totalSteps steps the run takes in all
     */
    record Pace(int batchSize, int trainSize, int totalSteps) {
    }

    ChartInput {
        runs = List.copyOf(runs);
    }

    /** Every point the histories have. */
    ChartInput(LockstepComparison comparison, List<Run> runs, int focus, int totalSteps) {
        this(comparison, runs, focus, totalSteps, Long.MAX_VALUE);
    }

    /** The focus run, or null if there is none. */
    Run focusRun() {
        return focus >= 0 && focus < runs.size() ? runs.get(focus) : null;
    }
}
