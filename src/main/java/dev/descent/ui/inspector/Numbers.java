package dev.descent.ui.inspector;

import java.util.regex.Pattern;

/** How the inspector writes and reads numbers: "0.001" and "1e-3" alike, nothing Java-specific ("1d", "NaN"). */
final class Numbers {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private Numbers() {
    }

    /** Shortest readable text: whole numbers without a point, small and large ones as "1e-8". */
    static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return dev.descent.ui.model.NumberText.decimal(v, 1e7);
    }

    /** The number written in {@code text}, or null if it is not one. */
    static Double parse(String text) {
        String t = text == null ? "" : text.strip();
        if (!NUMBER.matcher(t).matches()) {
            return null;
        }
        return Double.parseDouble(t);
    }
}
