package dev.descent.engine.vocab;

import java.util.Locale;

/**
 * One tunable parameter of a vocabulary entry (a learning rate, a momentum, a dropout rate...).
 *
 * @param key          the name in experiment files and the window ("learningRate", "std", ...)
 * @param type         how values are written and checked
 * @param defaultValue used when a file or the window does not set it
 * @param min          smallest valid value
 * @param minExclusive whether {@code min} itself is invalid
 * @param max          largest valid value
 * @param maxExclusive whether {@code max} itself is invalid
 * @param summary      one line for tooltips and help
 */
public record Param(String key, Type type, double defaultValue, double min, boolean minExclusive, double max,
                    boolean maxExclusive, String summary) {

    /** How a parameter's values are written and checked. */
    public enum Type { REAL, INTEGER, BOOLEAN }

    /** A real number in [min, max]. */
    public static Param real(String key, double defaultValue, double min, double max, String summary) {
        return new Param(key, Type.REAL, defaultValue, min, false, max, false, summary);
    }

    /** A real number greater than zero. */
    public static Param positive(String key, double defaultValue, String summary) {
        return new Param(key, Type.REAL, defaultValue, 0, true, Double.MAX_VALUE, false, summary);
    }

    /** A real number in [0, 1): decay rates, momentum coefficients. */
    public static Param fraction(String key, double defaultValue, String summary) {
        return new Param(key, Type.REAL, defaultValue, 0, false, 1, true, summary);
    }

    /** A multiplicative factor in (0, 1]: decay factors, reduction factors. */
    public static Param factor(String key, double defaultValue, String summary) {
        return new Param(key, Type.REAL, defaultValue, 0, true, 1, false, summary);
    }

    /** A whole number in [min, max]. */
    public static Param integer(String key, int defaultValue, int min, int max, String summary) {
        return new Param(key, Type.INTEGER, defaultValue, min, false, max, false, summary);
    }

    /** A yes/no switch; stored as 0 or 1. */
    public static Param flag(String key, boolean defaultValue, String summary) {
        return new Param(key, Type.BOOLEAN, defaultValue ? 1 : 0, 0, false, 1, false, summary);
    }

    /** Returns {@code null} if {@code value} is valid, otherwise what is wrong with it and what is valid. */
    public String problemWith(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return key + " must be a finite number";
        }
        if (type == Type.INTEGER && value != Math.rint(value)) {
            return key + " must be a whole number, got " + format(value);
        }
        if (type == Type.BOOLEAN && value != 0 && value != 1) {
            return key + " must be true or false";
        }
        boolean tooSmall = minExclusive ? value <= min : value < min;
        boolean tooLarge = maxExclusive ? value >= max : value > max;
        if (tooSmall || tooLarge) {
            return key + " must be " + rangeText() + ", got " + format(value);
        }
        return null;
    }

    /** The valid range in words, e.g. "in [0, 1)" or "> 0". */
    public String rangeText() {
        if (type == Type.BOOLEAN) {
            return "true or false";
        }
        boolean unbounded = max >= Double.MAX_VALUE || (type == Type.INTEGER && max >= Integer.MAX_VALUE);
        if (unbounded) {
            return (minExclusive ? "> " : ">= ") + format(min);
        }
        return "in " + (minExclusive ? "(" : "[") + format(min) + ", " + format(max) + (maxExclusive ? ")" : "]");
    }

    /** Shortest faithful text for a value of this parameter. */
    public String format(double value) {
        if (type == Type.BOOLEAN) {
            return value != 0 ? "true" : "false";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%s", value);
    }
}
