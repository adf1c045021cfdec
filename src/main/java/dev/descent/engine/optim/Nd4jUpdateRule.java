package dev.descent.engine.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * An update rule computed by one of ND4J's updaters ({@code org.nd4j.linalg.learning}). Training no
 * longer uses it (every rule runs in one pass, see {@link BlockedRule} and docs/decisions/0015): it is
 * the reference the one-pass rules are tested against, and the way back should ND4J's ops become fast.
 *
 * <p>Two ways of passing the learning rate:
 * <ul>
 *   <li>{@link #scaledInside}: ND4J's updater receives η and applies it itself. Used where η multiplies
 *       the finished step (SGD, AdaGrad, RMSprop, Adam, AdaMax, AMSGrad), so a schedule changes η exactly
 *       as in torch.optim.</li>
 *   <li>{@link #scaledAfter}: ND4J's updater runs with η = 1 and the result is multiplied by η. Used for
 *       AdaDelta (ND4J's has no learning rate; torch's multiplies the step by η) and Nesterov (ND4J keeps
 *       its velocity in units of η·g, so a changing η would reach back into old steps; with η = 1 its
 *       velocity is torch's momentum buffer and ×η gives torch's step at every η).</li>
 * </ul>
 */
final class Nd4jUpdateRule implements UpdateRule {
    private final IUpdater config;
    private final GradientUpdater<?> updater;
    private final boolean scaleAfter;

    private Nd4jUpdateRule(IUpdater config, long parameterCount, INDArray like, boolean scaleAfter) {
        this.config = config;
        this.scaleAfter = scaleAfter;
        long stateSize = config.stateSize(parameterCount);
        INDArray state = stateSize == 0 ? null : Nd4j.create(like.dataType(), 1, stateSize);
        this.updater = config.instantiate(state, true);
        if (scaleAfter && config.hasLearningRate()) {
            config.setLrAndSchedule(1.0, null);
        }
    }

    /** ND4J applies η itself. */
    static Nd4jUpdateRule scaledInside(IUpdater config, long parameterCount, INDArray like) {
        return new Nd4jUpdateRule(config, parameterCount, like, false);
    }

    /** ND4J runs with η = 1; the step is multiplied by η afterwards. */
    static Nd4jUpdateRule scaledAfter(IUpdater config, long parameterCount, INDArray like) {
        return new Nd4jUpdateRule(config, parameterCount, like, true);
    }

    @Override
    public void apply(INDArray gradient, int iteration, double learningRate) {
        if (!scaleAfter) {
            config.setLrAndSchedule(learningRate, null);
        }
        updater.applyUpdater(gradient, iteration, 0);
        if (scaleAfter) {
            gradient.muli(learningRate);
        }
    }

    @Override
    public Map<String, INDArray> state() {
        return updater.getState();
    }

    /** ND4J's state arrays under ND4J's names (this rule is a reference, not shown to users). */
    @Override
    public java.util.List<StateVector> stateVectors() {
        Map<String, INDArray> state = updater.getState();
        if (state == null) {
            return java.util.List.of();
        }
        return state.entrySet().stream().map(e -> new StateVector(e.getKey(), "ND4J's " + e.getKey(), e.getValue())).toList();
    }
}
