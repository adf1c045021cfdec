package dev.descent.ui.model;

import dev.descent.engine.train.RunStatus;
import dev.descent.engine.train.RunSummary;
import dev.descent.engine.train.StepRate;
import java.util.List;
import java.util.Locale;

/** The words and numbers the window shows about training: a run's status and speed, the status line. Pure. */
final class StatusLines {
    private StatusLines() {
    }

    /** "training", "diverged at step 7", ... */
    static String status(RunSummary s) {
        return switch (s.status()) {
            case DIVERGED -> "diverged at step " + s.divergedAtStep();
            default -> s.status().id();
        };
    }

    /** "3,200/s" while the run trains, empty otherwise. */
    static String speed(RunSummary s) {
        return s.steps() == 0 || s.status() != RunStatus.TRAINING ? "" : String.format(Locale.ROOT, "%,.0f/s",
                s.stepsPerSecond());
    }

    /**
     * The status line: "step 1,200 of 5,000 · 3,100 steps/s · 2 s left" while training (the time the
     * slowest run still needs), "step 300 of 300 · trained in 1 s · 4,000 steps/s on average" once every
     * run is done, and how to go on when paused.
     */
    static String line(List<RunSummary> summaries, int total, boolean paused) {
        return line(summaries, total, paused, StepRate.FULL_SPEED);
    }

    /**
     * The step a slow-motion frame shows, in the status line and at the charts' end: the step every run
     * still training has reached (they take each step together, so the others are at most one ahead for
     * a moment), or, once all have ended, the furthest any got.
     */
    static int frameStep(List<RunSummary> summaries) {
        int most = 0;
        int reached = Integer.MAX_VALUE;
        for (RunSummary s : summaries) {
            most = Math.max(most, s.steps());
            if (!s.status().isFinal()) {
                reached = Math.min(reached, s.steps());
            }
        }
        return reached == Integer.MAX_VALUE ? most : reached;
    }

    /**
     * As {@link #line(List, int, boolean)}; in slow motion, while training, the {@link #frameStep} and the
     * chosen rate instead of the runs' summed speed: "step 37 of 1,500 · slow motion: 5 steps/s · 4 min 53 s
     * left".
     */
    static String line(List<RunSummary> summaries, int total, boolean paused, StepRate rate) {
        boolean allFinal = true;
        int slowestLeft = 0;
        double slowestRate = Double.MAX_VALUE;
        int maxStep = 0;
        double totalRate = 0;
        for (RunSummary s : summaries) {
            allFinal &= s.status().isFinal();
            maxStep = Math.max(maxStep, s.steps());
            if (!s.status().isFinal()) {
                totalRate += s.stepsPerSecond();
                if (s.stepsPerSecond() > 0 && s.stepsPerSecond() < slowestRate) {
                    slowestRate = s.stepsPerSecond();
                    slowestLeft = total - s.steps();
                }
            }
        }
        if (allFinal) {
            // a finished comparison has no current speed: report each run's average over its training
            double seconds = 0;
            totalRate = 0;
            for (RunSummary s : summaries) {
                seconds = Math.max(seconds, s.wallSeconds());
                totalRate += s.stepsPerSecond();
            }
            return String.format(Locale.ROOT, "step %,d of %,d · trained in %s · %,.0f steps/s on average",
                    maxStep, total, duration(seconds), totalRate);
        }
        if (paused) {
            int shown = rate.isFullSpeed() ? maxStep : frameStep(summaries);
            return String.format(Locale.ROOT, "step %,d of %,d · paused: F8 takes one step, F5 goes on", shown, total);
        }
        if (!rate.isFullSpeed()) {
            // the time left at the chosen rate: a run's measured speed averages over its first, slow step and
            // any steps taken at another rate
            int shown = frameStep(summaries);
            return String.format(Locale.ROOT, "step %,d of %,d · slow motion: %s · %s left", shown, total,
                    rate.label(), duration((total - shown) / rate.perSecond()));
        }
        String left = slowestRate < Double.MAX_VALUE ? " · " + duration(slowestLeft / slowestRate) + " left" : "";
        return String.format(Locale.ROOT, "step %,d of %,d · %,.0f steps/s%s", maxStep, total, totalRate, left);
    }

    /** "4 s", "2 min 05 s" (at least 1 s). */
    static String duration(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.0f s", Math.max(1, seconds));
        }
        return String.format(Locale.ROOT, "%d min %02d s", (long) seconds / 60, (long) seconds % 60);
    }

    /** A hyperparameter as the runs panel shows it: "0.01", "3". */
    /**
     * A hyperparameter as a person writes it: whole numbers as such ("100"), others in plain decimals down
     * to 0.0001 ("0.0002", not Java's "2.0E-4"), smaller or larger ones as "2.5e-7".
     */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return Long.toString((long) v);
        }
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return NumberText.decimal(v, 1e6);
    }
}
