package dev.descent.ui.charts;

/** Small helpers for curve values. */
final class Curves {
    private Curves() {
    }

    /**
     * {@code y} ready for an axis. Linear: infinite values (a diverged run) become NaN, which leaves a
     * gap instead of breaking the axis range; returns {@code y} itself when nothing needs changing.
     * Log: a new array of base-10 logarithms; an exact zero becomes −∞ (log10 0), which the chart draws
     * as a mark along the bottom edge and the hover reads as 0 (a dead layer's gradient is the lesson,
     * not a gap); negative or non-finite values become NaN.
     */
    static double[] forAxis(double[] y, boolean log) {
        if (log) {
            double[] out = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                out[i] = y[i] == 0 ? Double.NEGATIVE_INFINITY
                        : y[i] > 0 && Double.isFinite(y[i]) ? Math.log10(y[i]) : Double.NaN;
            }
            return out;
        }
        int i = 0;
        while (i < y.length && !Double.isInfinite(y[i])) {
            i++;
        }
        if (i == y.length) {
            return y;
        }
        double[] copy = y.clone();
        for (; i < copy.length; i++) {
            if (Double.isInfinite(copy[i])) {
                copy[i] = Double.NaN;
            }
        }
        return copy;
    }

    /**
     * {@code c} with at most two points per {@code step}-wide column of x: each column keeps its lowest
     * and highest point, in step order (plus the curve's first and last point). Drawn at one column per pixel this looks the same as the full
     * curve (spikes included) for a fraction of the drawing. Curves that are small enough come back
     * as they are.
     */
    static Curve decimate(Curve c, double step) {
        int n = c.size();
        if (n < 4 || !(step > 0)) {
            return c;
        }
        double[] x = c.x();
        double[] y = c.y();
        double span = x[n - 1] - x[0];
        if (n <= 2 * (span / step + 1)) {
            return c;
        }
        double[] ox = new double[n];
        double[] oy = new double[n];
        int m = 0;
        int i = 0;
        while (i < n) {
            long column = (long) Math.floor((x[i] - x[0]) / step);
            int lo = -1;
            int hi = -1;
            int first = i;
            while (i < n && (long) Math.floor((x[i] - x[0]) / step) == column) {
                if (!Double.isNaN(y[i])) {
                    if (lo < 0 || y[i] < y[lo]) {
                        lo = i;
                    }
                    if (hi < 0 || y[i] > y[hi]) {
                        hi = i;
                    }
                }
                i++;
            }
            if (lo < 0) { // only gaps in this column: keep one gap
                lo = first;
                hi = first;
            }
            // the curve's first and last points always stay: a live curve reaches the newest step
            int[] keep = {first == 0 ? 0 : Math.min(lo, hi), Math.min(lo, hi), Math.max(lo, hi),
                    i == n ? n - 1 : Math.max(lo, hi)};
            int previous = -1;
            for (int k : keep) {
                if (k != previous) {
                    ox[m] = x[k];
                    oy[m++] = y[k];
                    previous = k;
                }
            }
        }
        return new Curve(c.key(), c.label(), c.color(), c.line(), java.util.Arrays.copyOf(ox, m),
                java.util.Arrays.copyOf(oy, m), c.log());
    }
}
