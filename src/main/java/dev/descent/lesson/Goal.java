package dev.descent.lesson;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a challenge asks of one run: its {@link Metric} above or below a number, or above or below another
 * run's value by a margin.
 *
 * <ul>
 *   <li>against a number: met when {@code value > threshold} (above) or {@code value < threshold} (below);</li>
 *   <li>against a run: met when {@code value > other + by} (above) or {@code value < other − by} (below).</li>
 * </ul>
 * A run with no value (it diverged, failed or was never evaluated) never meets a goal.
 *
 * @param run       the run measured
 * @param metric    what is measured
 * @param above     true for "above", false for "below"
 * @param threshold the number to beat, or NaN when the goal compares with {@code otherRun}
 * @param otherRun  the run to beat, or null
 * @param by        the margin by which {@code otherRun} must be beaten (≥ 0; 0 against a number)
 */
public record Goal(String run, Metric metric, boolean above, double threshold, String otherRun, double by) {

    public Goal {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(metric, "metric");
        if ((otherRun == null) == Double.isNaN(threshold)) {
            throw new IllegalArgumentException("a goal has a threshold or another run, not both");
        }
    }

    /** {@code run}'s metric above (or below) a number. */
    public static Goal against(String run, Metric metric, boolean above, double threshold) {
        return new Goal(run, metric, above, threshold, null, 0);
    }

    /** {@code run}'s metric above (or below) {@code otherRun}'s by at least {@code by}. */
    public static Goal beating(String run, Metric metric, boolean above, String otherRun, double by) {
        return new Goal(run, metric, above, Double.NaN, otherRun, by);
    }

    /** Whether it compares two runs. */
    public boolean comparesRuns() {
        return otherRun != null;
    }

    /** The runs that must train for the goal to be judged: the measured run, then the other one if any. */
    public List<String> runs() {
        return otherRun == null ? List.of(run) : List.of(run, otherRun);
    }

    /**
     * Whether {@code value} meets the goal, {@code other} being the other run's value (ignored against a
     * number).
     */
    public boolean isMet(double value, double other) {
        double bar = bar(other);
        if (Double.isNaN(value) || Double.isNaN(bar)) {
            return false;
        }
        return above ? value > bar : value < bar;
    }

    /** The value to beat: the threshold, or the other run's value moved by the margin. */
    public double bar(double other) {
        if (otherRun == null) {
            return threshold;
        }
        return above ? other + by : other - by;
    }

    /** The goal in words: {@code validation accuracy of 'Tiny' above 95.0%}. */
    public String describe() {
        String side = above ? "above " : "below ";
        String target;
        if (otherRun == null) {
            target = metric.format(threshold);
        } else {
            target = "that of '" + otherRun + "'" + (by > 0 ? " by more than "
                    + (metric.isFraction() ? String.format(Locale.ROOT, "%.1f points", 100 * by) : metric.format(by)) : "");
        }
        return metric.title() + " of '" + run + "' " + side + target;
    }
}
