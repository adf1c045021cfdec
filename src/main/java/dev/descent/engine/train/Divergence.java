package dev.descent.engine.train;

import java.util.Locale;

/**
 * Where a run diverged: the step, the node, and which quantity was the first to become non-finite or
 * absurd ({@link DivergenceLocator}).
 *
 * @param step     the step that failed (1-based)
 * @param node     a node id of the run's network
 * @param quantity what went wrong there
 * @param value    the offending value (NaN, ±infinity, or a norm or magnitude above {@link DivergenceLocator#ABSURD})
 * @param initial  whether the weights were already that way before the first update (their initializer)
 */
public record Divergence(int step, String node, Quantity quantity, double value, boolean initial) {

    /** What became non-finite or absurd; {@link #id()} is the name in {@code summary.json}. */
    public enum Quantity {
        /** The loss, while every node's output was finite. */
        LOSS("loss"),
        /** A node's output in the forward pass. */
        ACTIVATION("activation"),
        /** The gradient of a node's parameters in the backward pass. */
        GRADIENT("gradient"),
        /** A node's weights (after an update, or from their initializer). */
        WEIGHTS("weights");

        private final String id;

        Quantity(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** One sentence for the window and the summary: what happened where, and what to try. */
    public String sentence() {
        String what = describe(value);
        return switch (quantity) {
            case WEIGHTS -> initial
                    ? String.format(Locale.ROOT, "The initial weights of %s are %s (norm %s): use a smaller init for %s"
                    + " (xavier or he scale by the layer's size).", node, what, number(value), node)
                    : String.format(Locale.ROOT, "The weights of %s became %s at step %d: the update was too large;"
                    + " lower the learning rate or clip gradients (clipNorm).", node, what, step);
            case ACTIVATION -> String.format(Locale.ROOT, "The output of %s became %s at step %d in the forward pass:"
                    + " normalize the inputs, use a smaller init or lower the learning rate.", node, what, step);
            case GRADIENT -> String.format(Locale.ROOT, "The gradient of %s became %s at step %d in the backward pass:"
                    + " clip gradients (clipNorm) or lower the learning rate.", node, what, step);
            case LOSS -> String.format(Locale.ROOT, "The loss became %s at step %d while every layer's output was finite:"
                    + " lower the learning rate or normalize the inputs.", what, step);
        };
    }

    private static String describe(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        return Double.isInfinite(v) ? "infinite" : "huge";
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2g", v) : describe(v);
    }
}
