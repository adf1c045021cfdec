package dev.descent.ui.charts;

/**
 * Exponential moving average over a window measured in steps, applied when drawing (the history keeps
 * the raw values). A point that stands for k steps (a downsampled bucket) counts as k steps, so the
 * curve does not change shape when the history merges buckets:
 * <pre>  d = w^k,  num ← d·num + (1 − d)·v,  den ← d·den + (1 − d),  s = num / den,  w = 1 − 1/window</pre>
 * Dividing by {@code den} removes the pull towards zero at the start (the debiasing of TensorBoard's
 * smoothing and of Adam's moments, Kingma and Ba 2015). Non-finite points (NaN gaps, and −∞, an exact
 * zero on a log axis) are drawn as they are and skipped.
 */
final class Smoothing {
    private Smoothing() {
    }

    /**
     * The smoothed values.
     *
     * @param steps  step of each point, ascending
     * @param values value of each point
     * @param window averaging window in steps; 1 or less returns {@code values} itself
     */
    static double[] ema(double[] steps, double[] values, double window) {
        if (window <= 1 || values.length == 0) {
            return values;
        }
        double w = 1 - 1 / window;
        double[] out = new double[values.length];
        double num = 0;
        double den = 0;
        double previous = steps[0] - 1;
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!Double.isFinite(v)) {
                out[i] = v; // a gap stays a gap, an exact zero on a log axis (−∞) stays zero
                continue;
            }
            double k = Math.max(1, steps[i] - previous);
            previous = steps[i];
            double d = Math.pow(w, k);
            num = d * num + (1 - d) * v;
            den = d * den + (1 - d);
            out[i] = num / den;
        }
        return out;
    }
}
