package dev.descent.engine.optim;

import dev.descent.engine.vocab.Choice;
import dev.descent.engine.vocab.Explained;
import dev.descent.engine.vocab.Param;
import dev.descent.engine.vocab.Term;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The optimizers. Update rules and hyperparameter meanings are those documented for torch.optim; each
 * uses ND4J's updater where ND4J computes the same trajectory (checked over 200 steps in the tests) and
 * our own rule where it does not. Every optimizer also takes {@code weightDecay} λ (L2: g ← g + λθ;
 * decoupled for AdamW) and {@code clipNorm} c (g ← g·min(1, c/‖g‖₂) over all parameters; 0 = off).
 *
 * <p>In every formula g is the gradient, θ the parameters, η the learning rate of the step and t the
 * 1-based step count.
 */
public enum OptimizerType implements Term {

    @Explained(title = "SGD",
            summary = "Steps straight down the gradient: simple and predictable, but slow along ravines and noisy.",
            formula = "θ ← θ − η·g",
            source = "Robbins & Monro 1951; torch.optim.SGD; ND4J's Sgd updater's rule, run in one pass by ours")
    SGD("sgd", null, lr(0.01)),

    MOMENTUM("momentum", MomentumRule.class, lr(0.01), momentum(0.9)),

    @Explained(title = "Nesterov momentum",
            summary = "Momentum that looks ahead: the step also uses the gradient where the velocity is heading.",
            formula = "v ← μ·v + g;   θ ← θ − η·(g + μ·v)",
            source = "Nesterov 1983, Sutskever et al. 2013; torch.optim.SGD(nesterov=True); ND4J's Nesterovs updater's rule, run in one pass by ours")
    NESTEROV("nesterov", null, lr(0.01), momentum(0.9)),

    @Explained(title = "RMSprop",
            summary = "Divides each step by a running root-mean-square of recent gradients, so every weight gets its own step size.",
            formula = "s ← ρ·s + (1−ρ)·g²;   θ ← θ − η·g / (√s + ε)",
            source = "Hinton, Coursera lecture 6e, 2012; torch.optim.RMSprop; ND4J's RmsProp updater's rule (run in one pass by ours), whose s"
                    + " starts at ε instead of 0 (within 10⁻³ of torch over 200 steps)")
    RMSPROP("rmsprop", null, lr(0.01), rho(0.99, "Decay of the running average of squared gradients (torch's alpha)."), eps(1e-8)),

    @Explained(title = "Adagrad",
            summary = "Divides by the root of all squared gradients so far: rare features get big steps, and steps only ever shrink.",
            formula = "s ← s + g²;   θ ← θ − η·g / (√s + ε)",
            source = "Duchi et al. 2011; torch.optim.Adagrad; ND4J's AdaGrad updater's rule (run in one pass by ours), whose s starts at 10⁻⁶"
                    + " instead of 0 (within 10⁻³ of torch over 200 steps)")
    ADAGRAD("adagrad", null, lr(0.01), eps(1e-10)),

    @Explained(title = "Adadelta",
            summary = "Scales each step by the ratio of recent update size to recent gradient size, so units match without tuning η much.",
            formula = "s ← ρ·s + (1−ρ)·g²;   Δ ← √(d + ε) / √(s + ε) · g;   d ← ρ·d + (1−ρ)·Δ²;   θ ← θ − η·Δ",
            source = "Zeiler 2012; torch.optim.Adadelta; ND4J's AdaDelta updater's rule (run in one pass by ours), scaled by η")
    ADADELTA("adadelta", null, lr(1.0), rho(0.9, "Decay of the running averages of squared gradients and squared updates."), eps(1e-6)),

    @Explained(title = "Adam",
            summary = "Momentum plus RMSprop with bias correction: a robust default that adapts each weight's step.",
            formula = "m ← β₁m + (1−β₁)g;   v ← β₂v + (1−β₂)g²;   θ ← θ − η·m̂ / (√v̂ + ε),   m̂ = m/(1−β₁ᵗ),  v̂ = v/(1−β₂ᵗ)",
            source = "Kingma & Ba 2015; torch.optim.Adam; ND4J's Adam updater's rule (run in one pass by ours), which folds the bias corrections"
                    + " into η (ε acts as ε/√(1−β₂ᵗ); within 10⁻³ of torch over 200 steps)")
    ADAM("adam", null, lr(0.001), beta1(), beta2(), eps(1e-8)),

    @Explained(title = "AdamW",
            summary = "Adam whose weight decay shrinks the weights directly instead of passing through the adaptive scaling.",
            formula = "θ ← θ − η·λ·θ − η·m̂ / (√v̂ + ε)   (m̂, v̂ as in Adam)",
            source = "Loshchilov & Hutter 2019; torch.optim.AdamW; ND4J's Adam updater plus our decoupled decay")
    ADAMW("adamw", null, lr(0.001), beta1(), beta2(), eps(1e-8)),

    ADAMAX("adamax", AdamaxRule.class, lr(0.002), beta1(), beta2(), eps(1e-8)),

    NADAM("nadam", NadamRule.class, lr(0.002), beta1(), beta2(), eps(1e-8),
            Param.real("momentumDecay", 0.004, 0, 1, "ψ: how fast NAdam's look-ahead weight warms up towards β₁.")),

    @Explained(title = "AMSGrad",
            summary = "Adam that never lets its squared-gradient estimate shrink, so step sizes cannot suddenly grow.",
            formula = "vₘₐₓ ← max(vₘₐₓ, v);   θ ← θ − η·m̂ / (√(vₘₐₓ/(1−β₂ᵗ)) + ε)   (m, v as in Adam)",
            source = "Reddi et al. 2018; torch.optim.Adam(amsgrad=True); ND4J's AMSGrad updater's rule (run in one pass by ours), which folds"
                    + " the bias corrections into η like Adam (within 10⁻³ of torch over 200 steps)")
    AMSGRAD("amsgrad", null, lr(0.001), beta1(), beta2(), eps(1e-8));

    /** Key of the learning rate η, common to all optimizers. */
    public static final String LEARNING_RATE = "learningRate";
    /** Key of the weight decay λ, common to all optimizers. */
    public static final String WEIGHT_DECAY = "weightDecay";
    /** Key of the gradient-clipping threshold, common to all optimizers. */
    public static final String CLIP_NORM = "clipNorm";

    private final String id;
    private final Class<?> implementation;
    private final List<Param> params;

    OptimizerType(String id, Class<?> implementation, Param... own) {
        this.id = id;
        this.implementation = implementation;
        List<Param> all = new ArrayList<>(List.of(own));
        all.add(Param.real(WEIGHT_DECAY, id.equals("adamw") ? 0.01 : 0.0, 0, Double.MAX_VALUE,
                id.equals("adamw") ? "λ: decoupled weight decay, shrinks weights by η·λ each step."
                        : "λ: L2 penalty, adds λ·θ to the gradient."));
        all.add(Param.real(CLIP_NORM, 0.0, 0, Double.MAX_VALUE,
                "Rescales the whole gradient when its L2 norm exceeds this value; 0 turns clipping off."));
        this.params = List.copyOf(all);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Explained explained() {
        return Term.explainedOf(this, implementation);
    }

    @Override
    public List<Param> params() {
        return params;
    }

    /** Whether weight decay is decoupled from the gradient (AdamW) rather than an L2 term. */
    public boolean decoupledWeightDecay() {
        return this == ADAMW;
    }

    /**
     * Creates this optimizer's update rule with fresh state for a parameter row vector shaped like
     * {@code parameters}.
     */
    static UpdateRule createRule(Choice<OptimizerType> choice, INDArray parameters) {
        return switch (choice.term()) {
            case SGD -> new Nd4jRules.Sgd();
            case MOMENTUM -> new MomentumRule(choice.value("momentum"), parameters);
            case NESTEROV -> new Nd4jRules.Nesterov(choice.value("momentum"), parameters);
            case RMSPROP -> new Nd4jRules.RmsPropRule(choice.value("rho"), choice.value("eps"), parameters);
            case ADAGRAD -> new Nd4jRules.AdaGradRule(choice.value("eps"), parameters);
            case ADADELTA -> new Nd4jRules.AdaDeltaRule(choice.value("rho"), choice.value("eps"), parameters);
            case ADAM, ADAMW -> AdamRule.adam(choice.value("beta1"), choice.value("beta2"), choice.value("eps"), parameters);
            case ADAMAX -> new AdamaxRule(choice.value("beta1"), choice.value("beta2"), choice.value("eps"), parameters);
            case NADAM -> new NadamRule(choice.value("beta1"), choice.value("beta2"), choice.value("eps"),
                    choice.value("momentumDecay"), parameters);
            case AMSGRAD -> AdamRule.amsgrad(choice.value("beta1"), choice.value("beta2"), choice.value("eps"), parameters);
        };
    }

    private static Param lr(double defaultValue) {
        return Param.positive(LEARNING_RATE, defaultValue, "η: the base step size; the schedule scales it over time.");
    }

    private static Param momentum(double defaultValue) {
        return Param.fraction("momentum", defaultValue, "μ: how much of the previous velocity each step keeps.");
    }

    private static Param rho(double defaultValue, String summary) {
        return Param.fraction("rho", defaultValue, "ρ: " + summary);
    }

    private static Param beta1() {
        return Param.fraction("beta1", 0.9, "β₁: decay of the running mean of gradients (first moment).");
    }

    private static Param beta2() {
        return Param.fraction("beta2", 0.999, "β₂: decay of the running mean of squared gradients (second moment).");
    }

    private static Param eps(double defaultValue) {
        return Param.positive("eps", defaultValue, "ε: keeps the division stable when the denominator is tiny.");
    }
}
