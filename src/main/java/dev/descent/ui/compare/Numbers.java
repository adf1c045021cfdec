package dev.descent.ui.compare;

import java.util.Locale;

/** Figures as the Compare area shows them: four significant digits, whole numbers as they are. */
final class Numbers {
    private Numbers() {
    }

    static String format(double value) {
        if (!Double.isFinite(value)) {
            return "";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e7) {
            return Long.toString((long) value);
        }
        double abs = Math.abs(value);
        if (abs >= 1e-3 && abs < 1e5) {
            return new java.math.BigDecimal(value).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.3e", value).replaceAll("\\.?0+e", "e").replace("e+0", "e").replace("e-0", "e-")
                .replace("e+", "e");
    }
}
