package dev.descent.engine.graph;

/**
 * The region where an activation's slope is nearly zero, as a rule on the pre-activation z (or, for
 * softmax, on the output). Used to report the fraction of saturated or dead units.
 *
 * @param kind      which rule applies
 * @param low       threshold below which (or outside of which) a unit is saturated
 * @param high      upper threshold for {@link Kind#OUTPUT_OUTSIDE}
 */
public record Saturation(Kind kind, double low, double high) {

    /** How the thresholds are read. */
    public enum Kind {
        /** Never saturates. */
        NEVER,
        /** Saturated when z &lt; low. */
        BELOW,
        /** Saturated when z ≤ low (ReLU's dead region includes 0). */
        AT_OR_BELOW,
        /** Saturated when |z| &gt; low. */
        ABS_ABOVE,
        /** Saturated when the output is &lt; low or &gt; high. */
        OUTPUT_OUTSIDE
    }

    /** Never saturates. */
    public static final Saturation NEVER = new Saturation(Kind.NEVER, 0, 0);

    public static Saturation below(double z) {
        return new Saturation(Kind.BELOW, z, 0);
    }

    public static Saturation atOrBelow(double z) {
        return new Saturation(Kind.AT_OR_BELOW, z, 0);
    }

    public static Saturation absAbove(double z) {
        return new Saturation(Kind.ABS_ABOVE, z, 0);
    }

    public static Saturation outputOutside(double low, double high) {
        return new Saturation(Kind.OUTPUT_OUTSIDE, low, high);
    }
}
