package dev.descent.lesson;

/**
 * A challenge judged on trained runs.
 *
 * @param goal       what was asked
 * @param met        whether the goal is met
 * @param value      the measured run's value (NaN if it has none)
 * @param other      the other run's value, or NaN when the goal is a number
 * @param whyNoValue why the measured run has no value ("diverged at step 12"), or empty
 */
public record Verdict(Goal goal, boolean met, double value, double other, String whyNoValue) {

    /** One line: {@code met: validation accuracy of 'He' is 97.5% (goal: above 95.0%)}. */
    public String line() {
        Metric m = goal.metric();
        String measured = Double.isNaN(value) ? "has no value" + (whyNoValue.isEmpty() ? "" : " (" + whyNoValue + ")")
                : "is " + m.format(value);
        String against = goal.comparesRuns() ? "; '" + goal.otherRun() + "' has " + m.format(other) : "";
        return (met ? "met: " : "not met: ") + m.title() + " of '" + goal.run() + "' " + measured + against
                + " (goal: " + goal.describe().substring(goal.describe().indexOf("' ") + 2) + ")";
    }
}
