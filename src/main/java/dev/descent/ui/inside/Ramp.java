package dev.descent.ui.inside;

import javafx.scene.paint.Color;

/**
 * A perceptually even colour ramp from dark to bright (viridis' five anchor colours, interpolated), so
 * that a small value reads dark and a large one bright in light and dark themes alike.
 */
final class Ramp {
    private static final Color[] STOPS = {Color.web("#440154"), Color.web("#3b528b"), Color.web("#21918c"),
            Color.web("#5ec962"), Color.web("#fde725")};
    private static final int STEPS = 256;
    private static final int[] ARGB = new int[STEPS];

    static {
        for (int i = 0; i < STEPS; i++) {
            Color c = at(i / (STEPS - 1.0));
            ARGB[i] = 0xff000000 | ((int) Math.round(c.getRed() * 255) << 16)
                    | ((int) Math.round(c.getGreen() * 255) << 8) | (int) Math.round(c.getBlue() * 255);
        }
    }

    private Ramp() {
    }

    /** The colour at {@code t} in [0, 1] (clamped). */
    static Color at(double t) {
        double x = Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t)) * (STOPS.length - 1);
        int i = Math.min(STOPS.length - 2, (int) x);
        return STOPS[i].interpolate(STOPS[i + 1], x - i);
    }

    /** The colour at {@code t} as packed ARGB, for pixel writers. */
    static int argb(double t) {
        double x = Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t));
        return ARGB[(int) Math.round(x * (STEPS - 1))];
    }
}
