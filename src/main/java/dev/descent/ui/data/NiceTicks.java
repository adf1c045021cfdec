package dev.descent.ui.data;

import java.util.ArrayList;
import java.util.List;

/** Round tick values (1, 2 or 5 times a power of ten apart) for an axis. */
final class NiceTicks {
    private NiceTicks() {
    }

    /** About {@code count} round values inside [{@code min}, {@code max}]. */
    static List<Double> of(double min, double max, int count) {
        List<Double> ticks = new ArrayList<>();
        if (!(max > min) || count < 1) {
            return ticks;
        }
        double rough = (max - min) / count;
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double f = rough / magnitude;
        double step = (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * magnitude;
        for (double v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) {
            ticks.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return ticks;
    }

    /** A short label: as many decimals as the step needs. */
    static String label(double value, double step) {
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        return String.format(java.util.Locale.ROOT, "%." + decimals + "f", value);
    }
}
