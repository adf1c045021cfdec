package dev.descent.engine.graph;

import dev.descent.engine.vocab.Choice;
import dev.descent.engine.vocab.Explained;
import dev.descent.engine.vocab.Param;
import dev.descent.engine.vocab.Term;
import java.util.List;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * Activation functions, computed forward and backward by ND4J's {@link IActivation} implementations.
 *
 * <p>Each also defines when a unit counts as <em>saturated</em> (or, for ReLU, <em>dead</em>) in the
 * training metrics: when its local slope f′(z) is below 5% of the function's largest slope, so almost
 * no gradient flows back through it. Expressed as a threshold on the pre-activation z.
 */
public enum ActivationFunction implements Term {

    @Explained(title = "Identity",
            summary = "Passes values through unchanged: stacked layers stay one linear map.",
            formula = "f(z) = z",
            source = "ND4J ActivationIdentity")
    IDENTITY("identity", Saturation.NEVER),

    @Explained(title = "Sigmoid",
            summary = "Squashes into (0, 1); its slope is at most 1/4 and nearly 0 for |z| > 4, so deep stacks lose their gradient.",
            formula = "f(z) = 1 / (1 + e^(−z))",
            source = "ND4J ActivationSigmoid")
    SIGMOID("sigmoid", Saturation.absAbove(4.3565)),

    @Explained(title = "Tanh",
            summary = "Squashes into (−1, 1), centred on zero; saturates for |z| > 2, where gradients vanish.",
            formula = "f(z) = (e^z − e^(−z)) / (e^z + e^(−z))",
            source = "ND4J ActivationTanH")
    TANH("tanh", Saturation.absAbove(2.1783)),

    @Explained(title = "ReLU",
            summary = "Keeps positive values, zeroes the rest: no saturation for z > 0, but a unit stuck at z < 0 is dead.",
            formula = "f(z) = max(0, z)",
            source = "Nair & Hinton 2010; ND4J RectifiedLinear and Step ops (the values of ND4J ActivationReLU)")
    RELU("relu", Saturation.atOrBelow(0)),

    @Explained(title = "Leaky ReLU",
            summary = "ReLU with a small slope α for negative inputs, so units cannot die completely.",
            formula = "f(z) = z if z > 0, α·z otherwise",
            source = "Maas et al. 2013; ND4J ActivationLReLU")
    LEAKY_RELU("leaky_relu", null, Param.real("alpha", 0.01, 0, 1, "α: slope for negative inputs.")),

    @Explained(title = "ELU",
            summary = "Smooth for negative inputs, tending to −α, which pushes mean activations towards zero.",
            formula = "f(z) = z if z > 0, α·(e^z − 1) otherwise",
            source = "Clevert et al. 2016; forward by ND4J ActivationELU, backward ours (ND4J's ignores α)")
    ELU("elu", null, Param.positive("alpha", 1.0, "α: the value approached for very negative inputs is −α.")),

    @Explained(title = "SELU",
            summary = "Scaled ELU whose constants keep activations near mean 0, variance 1 through many layers (with LeCun normal init).",
            formula = "f(z) = λ·z if z > 0, λ·α·(e^z − 1) otherwise;  λ ≈ 1.0507, α ≈ 1.6733",
            source = "Klambauer et al. 2017; ND4J ActivationSELU")
    SELU("selu", Saturation.below(-2.9957)),

    @Explained(title = "GELU",
            summary = "Weights each input by how likely it is to be positive under a Gaussian: a smooth ReLU used in transformers.",
            formula = "f(z) = z·σ(1.702·z)  (the sigmoid form of z·Φ(z))",
            source = "Hendrycks & Gimpel 2016, sigmoid approximation; ND4J ActivationGELU")
    GELU("gelu", Saturation.below(-2.308)),

    @Explained(title = "Swish",
            summary = "z times its own sigmoid: smooth, slightly non-monotonic, unbounded above.",
            formula = "f(z) = z · σ(z)",
            source = "Ramachandran et al. 2017; ND4J ActivationSwish")
    SWISH("swish", Saturation.below(-3.929)),

    @Explained(title = "Softplus",
            summary = "A smooth ReLU whose slope is the sigmoid: never exactly zero, never exactly dead.",
            formula = "f(z) = ln(1 + e^z)",
            source = "Dugas et al. 2001; ND4J ActivationSoftPlus")
    SOFTPLUS("softplus", Saturation.below(-2.944)),

    @Explained(title = "Softmax",
            summary = "Turns a row of scores into probabilities that sum to 1; the cross-entropy loss applies it itself.",
            formula = "f(z)ᵢ = e^(zᵢ) / Σⱼ e^(zⱼ)",
            source = "ND4J ActivationSoftmax")
    SOFTMAX("softmax", Saturation.outputOutside(0.0127, 0.9873));

    private final String id;
    private final Saturation fixedSaturation;
    private final List<Param> params;

    ActivationFunction(String id, Saturation saturation, Param... params) {
        this.id = id;
        this.fixedSaturation = saturation;
        this.params = List.of(params);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Explained explained() {
        return Term.explainedOf(this, null);
    }

    @Override
    public List<Param> params() {
        return params;
    }

    /** ND4J's implementation of the chosen function. */
    public static IActivation create(Choice<ActivationFunction> choice) {
        return switch (choice.term()) {
            case IDENTITY -> new ActivationIdentity();
            case SIGMOID -> new ActivationSigmoid();
            case TANH -> new ActivationTanH();
            case RELU -> new ActivationReLU();
            case LEAKY_RELU -> new ActivationLReLU(choice.value("alpha"));
            case ELU -> new EluActivation(choice.value("alpha"));
            case SELU -> new ActivationSELU();
            case GELU -> new ActivationGELU(false);
            case SWISH -> new ActivationSwish();
            case SOFTPLUS -> new ActivationSoftPlus();
            case SOFTMAX -> new ActivationSoftmax();
        };
    }

    /** When a unit of the chosen function counts as saturated (slope below 5% of its maximum). */
    public static Saturation saturation(Choice<ActivationFunction> choice) {
        return switch (choice.term()) {
            case LEAKY_RELU -> choice.value("alpha") < 0.05 ? Saturation.below(0) : Saturation.NEVER;
            case ELU -> {
                double alpha = choice.value("alpha");
                yield Saturation.below(Math.log(0.05 * Math.max(1, alpha) / alpha));
            }
            default -> choice.term().fixedSaturation;
        };
    }
}
