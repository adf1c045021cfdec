package dev.descent.ui.charts;

import java.awt.Color;
import java.util.Objects;

/**
 * One line of a chart: its points (shared arrays, never modified after construction) and how it is
 * drawn.
 *
 * @param key   unique within its chart (JFreeChart looks series up by key)
 * @param label what the hover read-out calls it
 * @param color line colour
 * @param line  line style
 * @param x     step of each point, ascending
 * @param y     value of each point as drawn; NaN leaves a gap
 * @param log   whether {@code y} holds base-10 logarithms (drawn on an {@link ExponentAxis})
 */
record Curve(String key, String label, Color color, Line line, double[] x, double[] y, boolean log) {
    /** How a curve is drawn. */
    enum Line {
        /** 2 px solid: the main curves. */
        SOLID,
        /** 2 px dashed: validation curves. */
        DASHED,
        /** 1 px, translucent: the raw curve behind a smoothed one; not in the hover read-out. */
        FAINT
    }

    Curve {
        Objects.requireNonNull(key);
        Objects.requireNonNull(color);
        Objects.requireNonNull(line);
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
    }

    /** A curve drawn on a linear axis. */
    Curve(String key, String label, Color color, Line line, double[] x, double[] y) {
        this(key, label, color, line, x, y, false);
    }

    int size() {
        return x.length;
    }

    /** The value of point {@code i} (undoing the logarithm of a log curve). */
    double value(int i) {
        return log ? Math.pow(10, y[i]) : y[i];
    }

    /** Index of the point whose x is nearest {@code value}, or -1 if the curve is empty. */
    int nearest(double value) {
        if (x.length == 0) {
            return -1;
        }
        int lo = 0;
        int hi = x.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo > 0 && Math.abs(x[lo - 1] - value) <= Math.abs(x[lo] - value)) {
            return lo - 1;
        }
        return lo;
    }
}
