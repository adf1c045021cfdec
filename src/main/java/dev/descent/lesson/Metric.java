package dev.descent.lesson;

import dev.descent.engine.train.DownsampledSeries;
import dev.descent.engine.train.RunHistory;
import dev.descent.engine.train.RunStatus;
import dev.descent.engine.train.RunSummary;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a lesson's challenge measures of a run once it has trained, always on the validation split (the
 * examples the run does not train on), so one noisy minibatch cannot decide a challenge. A run that
 * diverged or failed has no value: it never meets a goal.
 */
public enum Metric {
    /** The validation accuracy at the last evaluation, in [0, 1]. */
    VAL_ACCURACY("val_accuracy", "validation accuracy", true),
    /** The highest validation accuracy of any evaluation. */
    BEST_VAL_ACCURACY("best_val_accuracy", "best validation accuracy", true),
    /** The validation loss at the last evaluation. */
    VAL_LOSS("val_loss", "validation loss", false),
    /** The lowest validation loss of any evaluation. */
    BEST_VAL_LOSS("best_val_loss", "best validation loss", false);

    private final String id;
    private final String title;
    private final boolean fraction;

    Metric(String id, String title, boolean fraction) {
        this.id = id;
        this.title = title;
        this.fraction = fraction;
    }

    /** The name in lesson files. */
    public String id() {
        return id;
    }

    /** In words, for the window and the command line. */
    public String title() {
        return title;
    }

    /** Whether its values are fractions in [0, 1] (shown as percentages). */
    public boolean isFraction() {
        return fraction;
    }

    /**
     * The value of a trained run: NaN when the run diverged or failed, or was never evaluated.
     *
     * @param history its metrics, or null (then the best accuracy is the last one)
     */
    public double of(RunSummary summary, RunHistory history) {
        if (summary.status() == RunStatus.DIVERGED || summary.status() == RunStatus.FAILED) {
            return Double.NaN;
        }
        return switch (this) {
            case VAL_ACCURACY -> summary.validationAccuracy();
            case BEST_VAL_ACCURACY -> history == null ? summary.validationAccuracy() : highest(history.validationAccuracy());
            case VAL_LOSS -> summary.finalValidationLoss();
            case BEST_VAL_LOSS -> summary.bestValidationLoss();
        };
    }

    private static double highest(DownsampledSeries series) {
        double best = Double.NaN;
        for (double v : series.snapshot().maxs()) {
            best = Double.isNaN(best) ? v : Math.max(best, v);
        }
        return best;
    }

    /** A value as the window and the command line show it: a percentage for a fraction, else 4 digits. */
    public String format(double value) {
        if (Double.isNaN(value)) {
            return "none";
        }
        return fraction ? String.format(java.util.Locale.ROOT, "%.1f%%", 100 * value)
                : String.format(java.util.Locale.ROOT, "%.4g", value);
    }

    public static Optional<Metric> byId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
    }

    /** The names in files, comma-separated. */
    public static String ids() {
        return Arrays.stream(values()).map(Metric::id).collect(Collectors.joining(", "));
    }
}
