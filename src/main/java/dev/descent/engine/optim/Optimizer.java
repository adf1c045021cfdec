package dev.descent.engine.optim;

import dev.descent.engine.vocab.Choice;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One run's optimizer: gradient clipping, weight decay and the update rule, in torch's order.
 * <ol>
 *   <li>clip: if ‖g‖₂ &gt; c then g ← g · c / (‖g‖₂ + 10⁻⁶)  (torch.nn.utils.clip_grad_norm_);</li>
 *   <li>L2 weight decay: g ← g + λ·θ  (all optimizers but AdamW);</li>
 *   <li>the rule turns g into the step Δθ (see {@link OptimizerType});</li>
 *   <li>decoupled weight decay (AdamW): Δθ ← Δθ + η·λ·θ.</li>
 * </ol>
 * The caller then applies θ ← θ − Δθ.
 */
public final class Optimizer {
    private final Choice<OptimizerType> choice;
    private final UpdateRule rule;
    private final double weightDecay;
    private final double clipNorm;
    private final boolean decoupled;

    private Optimizer(Choice<OptimizerType> choice, UpdateRule rule) {
        this.choice = choice;
        this.rule = rule;
        this.weightDecay = choice.value(OptimizerType.WEIGHT_DECAY);
        this.clipNorm = choice.value(OptimizerType.CLIP_NORM);
        this.decoupled = choice.term().decoupledWeightDecay();
    }

    /** An optimizer with fresh state for the parameter row vector {@code parameters}. */
    public static Optimizer create(Choice<OptimizerType> choice, INDArray parameters) {
        return new Optimizer(choice, OptimizerType.createRule(choice, parameters));
    }

    /**
     * This optimizer with the hyperparameters of {@code next}, an optimizer of the same type, continuing
     * from this one's state (velocities, moment estimates): for a run whose learning rate, momentum,
     * betas, ... change between two of its steps. This optimizer must not be used afterwards.
     *
     * @param parameters the parameter row vector the state is for
     * @throws IllegalArgumentException if {@code next} is another optimizer
     */
    public Optimizer retuned(Choice<OptimizerType> next, INDArray parameters) {
        if (next.term() != choice.term()) {
            throw new IllegalArgumentException("cannot change " + choice.term().id() + " into " + next.term().id()
                    + " while it trains: its state would not carry over");
        }
        UpdateRule nextRule = OptimizerType.createRule(next, parameters);
        nextRule.continueFrom(rule);
        return new Optimizer(next, nextRule);
    }

    /** The configuration this optimizer was made from. */
    public Choice<OptimizerType> choice() {
        return choice;
    }

    /** The update rule's state arrays by name. */
    public java.util.Map<String, INDArray> state() {
        return rule.state();
    }

    /** The update rule's state, described ({@link UpdateRule#stateVectors()}). */
    public java.util.List<StateVector> stateVectors() {
        return rule.stateVectors();
    }

    /** The base learning rate η₀ that schedules scale. */
    public double baseLearningRate() {
        return choice.value(OptimizerType.LEARNING_RATE);
    }

    /**
     * Turns {@code gradient} into the step Δθ, in place.
     *
     * @param gradient     ∂L/∂θ for all parameters, a row vector; overwritten with Δθ
     * @param parameters   θ, read for weight decay
     * @param gradientNorm ‖g‖₂ over all parameters (the caller computes it for its metrics anyway)
     * @param iteration    number of updates already made
     * @param learningRate η of this step
     * @return whether the gradient was clipped
     */
    public boolean computeUpdate(INDArray gradient, INDArray parameters, double gradientNorm, int iteration,
                                 double learningRate) {
        boolean clipped = clipNorm > 0 && gradientNorm > clipNorm;
        if (clipped) {
            gradient.muli(clipNorm / (gradientNorm + 1e-6));
        }
        if (weightDecay > 0 && !decoupled) {
            Nd4j.getBlasWrapper().level1().axpy(gradient.length(), weightDecay, parameters, gradient);
        }
        rule.apply(gradient, iteration, learningRate);
        if (weightDecay > 0 && decoupled) {
            Nd4j.getBlasWrapper().level1().axpy(gradient.length(), learningRate * weightDecay, parameters, gradient);
        }
        return clipped;
    }
}
