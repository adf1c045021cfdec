package dev.descent.ui.model;

import java.math.BigDecimal;

/** Numbers as a person writes them, for every panel that shows a value the user typed or may type. */
public final class NumberText {
    private NumberText() {
    }

    /**
     * A finite number in plain decimals from 0.0001 up to {@code plainBelow} ("0.0002", not Java's "2.0E-4"),
     * else as "2.5e-7" / "1e7".
     */
    public static String decimal(double v, double plainBelow) {
        double a = Math.abs(v);
        if (a >= 1e-4 && a < plainBelow) {
            return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }
        return Double.toString(v).replace(".0E", "E").replace('E', 'e');
    }
}
