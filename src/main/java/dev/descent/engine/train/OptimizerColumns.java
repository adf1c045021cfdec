package dev.descent.engine.train;

import java.util.List;

/**
 * A step's optimizer figures of every parameter node, copied out as columns, in
 * {@link MetricLayout#parameterNodes()} order:
 * <ul>
 *   <li>effective learning rate ‖Δθ‖₂ / ‖g‖₂: how far the step went per unit of gradient (η for plain
 *       SGD; clipping, momentum and the adaptive optimizers' per-weight scaling all show in it; NaN where
 *       the gradient is 0);</li>
 *   <li>for each state vector the optimizer reports ({@link dev.descent.engine.optim.StateVector}), its
 *       root mean square over the node's parameters after the step, √(Σ sᵢ² / n).</li>
 * </ul>
 *
 * @param symbols        each state vector's symbol, in the optimizer's order (empty for SGD)
 * @param meanings       each state vector's meaning
 * @param effectiveRates per node: ‖Δθ‖₂ / ‖g‖₂
 * @param stateRms       per state vector, per node: the RMS
 */
public record OptimizerColumns(List<String> symbols, List<String> meanings, double[] effectiveRates,
                               double[][] stateRms) {
    public OptimizerColumns {
        symbols = List.copyOf(symbols);
        meanings = List.copyOf(meanings);
        if (symbols.size() != meanings.size() || symbols.size() != stateRms.length) {
            throw new IllegalArgumentException(symbols.size() + " symbols, " + meanings.size() + " meanings, "
                    + stateRms.length + " state columns");
        }
    }

    /** Figures without state vectors (a stacked member, whose optimizer state is the group's). */
    static OptimizerColumns withoutState(double[] gradients, double[] updates) {
        return new OptimizerColumns(List.of(), List.of(), effectiveRates(gradients, updates), new double[0][]);
    }

    /** ‖Δθ‖₂ / ‖g‖₂ of each node (NaN where ‖g‖₂ is 0). */
    static double[] effectiveRates(double[] gradients, double[] updates) {
        double[] rates = new double[gradients.length];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = gradients[i] == 0 ? Double.NaN : updates[i] / gradients[i];
        }
        return rates;
    }
}
