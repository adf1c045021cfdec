package dev.descent.ui.charts;

import java.awt.Color;
import java.util.Objects;

/**
 * A filled band behind a mean curve: at each step, from {@code low} to {@code high} (±1 standard
 * deviation, or minimum to maximum, over a run's members), values as drawn (base-10 logarithms on a
 * log axis). Arrays are shared and never modified.
 *
 * @param key   unique within its chart
 * @param color the run's colour (drawn translucent)
 */
record BandArea(String key, Color color, double[] x, double[] low, double[] high) {
    BandArea {
        Objects.requireNonNull(key);
        Objects.requireNonNull(color);
        if (x.length != low.length || x.length != high.length) {
            throw new IllegalArgumentException("x, low and high differ in length");
        }
    }

    int size() {
        return x.length;
    }
}
