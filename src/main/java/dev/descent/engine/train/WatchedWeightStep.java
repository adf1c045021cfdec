package dev.descent.engine.train;

import java.util.List;

/**
 * What one step did to the watched weight θ = W[row][column] ({@link WatchedWeight}), copied out on the
 * run's thread: the weight, its gradient, the step the optimizer took and the optimizer's own state for
 * this one weight, read from every {@link dev.descent.engine.optim.StateVector} the optimizer reports (so
 * no optimizer is special-cased: momentum's velocity v, RMSprop's and Adagrad's accumulator s, Adam's m and
 * v; none for SGD).
 *
 * @param weight   which weight
 * @param step     the 1-based step
 * @param value    θ after the step
 * @param gradient g = ∂L/∂θ on the step's minibatch, before clipping and weight decay (as the per-layer
 *                 gradient norms)
 * @param update   Δθ, the step the optimizer took: θ after = θ before − Δθ
 * @param symbols  each state vector's symbol, in the optimizer's order
 * @param meanings each state vector's meaning
 * @param state    each state vector's value at this weight after the step (not to be modified)
 */
public record WatchedWeightStep(WatchedWeight weight, int step, double value, double gradient, double update,
                                List<String> symbols, List<String> meanings, double[] state) {
    public WatchedWeightStep {
        symbols = List.copyOf(symbols);
        meanings = List.copyOf(meanings);
        if (symbols.size() != meanings.size() || symbols.size() != state.length) {
            throw new IllegalArgumentException(symbols.size() + " symbols, " + meanings.size() + " meanings, "
                    + state.length + " state values");
        }
    }

    /**
     * The effective step |Δθ| / |g|: how far the step moved this weight per unit of its gradient (η for
     * plain SGD; momentum and the adaptive optimizers' per-weight scaling show in it); NaN where g = 0.
     */
    public double effectiveStep() {
        return gradient == 0 ? Double.NaN : Math.abs(update) / Math.abs(gradient);
    }
}
