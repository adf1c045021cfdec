package dev.descent.ui.charts;

import dev.descent.engine.train.DownsampledSeries;
import java.util.Locale;

/**
 * What a loss chart's x axis counts. A run's metrics are kept by step; the other axes map each step s
 * (1-based, one minibatch each) of a run with batch size b, B = ⌈n/b⌉ batches per epoch and n training
 * examples:
 * <ul>
 *   <li>examples seen x(s) = e·n + min((j+1)·b, n), with e = ⌊(s−1)/B⌋ the epoch and j = (s−1) mod B the
 *       batch within it (the last batch of an epoch may be short, so this is s·b only within the first);</li>
 *   <li>epochs x(s) = examples seen / n (1 at the end of the first epoch, 2.5 halfway through the third);</li>
 *   <li>training time x(s) = the run's training time in seconds at step s, pauses excluded, read from its
 *       history and interpolated linearly between the recorded steps.</li>
 * </ul>
 * A step between two whole steps (the centre of a downsampled bucket) maps linearly between theirs.
 */
enum XAxis {
    STEP("Steps", "step"),
    EPOCH("Epochs", "epoch"),
    EXAMPLES("Examples", "examples seen"),
    TIME("Time", "training time (s)");

    private final String text;
    private final String label;

    XAxis(String text, String label) {
        this.text = text;
        this.label = label;
    }

    /** The axis's label under the chart. */
    String label() {
        return label;
    }

    /** Its position {@code x} in words, for the hover read-out: "step 1,200", "epoch 2.35", "38,400 examples", "12.5 s". */
    String describe(double x) {
        return switch (this) {
            case STEP -> String.format(Locale.ROOT, "step %,d", Math.round(x));
            case EPOCH -> String.format(Locale.ROOT, "epoch %.2f", x);
            case EXAMPLES -> String.format(Locale.ROOT, "%,d examples", Math.round(x));
            case TIME -> x < 10 ? String.format(Locale.ROOT, "%.2f s", x) : String.format(Locale.ROOT, "%,.1f s", x);
        };
    }

    /** Whether its values are whole numbers (integer ticks). */
    boolean whole() {
        return this == STEP || this == EXAMPLES;
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * {@code steps} mapped onto this axis for a run of batch size {@code batchSize} over {@code trainSize}
     * examples, whose training time is {@code seconds} (its {@code trainingSeconds} history, for
     * {@link #TIME}). Returns {@code steps} itself on the step axis; NaN where the mapping is unknown (no
     * data size, no time recorded yet).
     */
    double[] map(double[] steps, int batchSize, int trainSize, DownsampledSeries.Snapshot seconds) {
        if (this == STEP) {
            return steps;
        }
        double[] x = new double[steps.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = switch (this) {
                case EXAMPLES -> examplesSeen(steps[i], batchSize, trainSize);
                case EPOCH -> trainSize > 0 ? examplesSeen(steps[i], batchSize, trainSize) / trainSize : Double.NaN;
                case TIME -> seconds == null ? Double.NaN : interpolate(seconds.steps(), seconds.means(), steps[i]);
                default -> steps[i];
            };
        }
        return x;
    }

    /** Examples seen after step {@code step}, as the class comment defines it (linear between whole steps). */
    static double examplesSeen(double step, int batchSize, int trainSize) {
        if (batchSize <= 0 || trainSize <= 0) {
            return Double.NaN;
        }
        double below = Math.floor(step);
        double at = examplesAfter((long) below, batchSize, trainSize);
        return below == step ? at : at + (step - below) * (examplesAfter((long) below + 1, batchSize, trainSize) - at);
    }

    private static double examplesAfter(long step, int batchSize, int trainSize) {
        if (step <= 0) {
            return 0;
        }
        long perEpoch = (trainSize + batchSize - 1) / batchSize;
        long epoch = (step - 1) / perEpoch;
        long batch = (step - 1) % perEpoch;
        return (double) epoch * trainSize + Math.min((batch + 1) * (long) batchSize, trainSize);
    }

    /** y at {@code x} on the polyline through (xs, ys) (xs ascending); held at the ends, NaN when empty. */
    static double interpolate(double[] xs, double[] ys, double x) {
        int n = xs.length;
        if (n == 0) {
            return Double.NaN;
        }
        if (x <= xs[0]) {
            return ys[0];
        }
        if (x >= xs[n - 1]) {
            return ys[n - 1];
        }
        int i = java.util.Arrays.binarySearch(xs, x);
        if (i >= 0) {
            return ys[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double t = (x - xs[lo]) / (xs[hi] - xs[lo]);
        return ys[lo] + t * (ys[hi] - ys[lo]);
    }
}
