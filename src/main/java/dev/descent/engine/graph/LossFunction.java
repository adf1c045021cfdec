package dev.descent.engine.graph;

import dev.descent.engine.data.DataShape;
import dev.descent.engine.vocab.Choice;
import dev.descent.engine.vocab.Explained;
import dev.descent.engine.vocab.Param;
import dev.descent.engine.vocab.Term;
import java.util.List;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMAE;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * Losses, computed with their gradients as {@link ILossFunction}s: ND4J's own where it has a suitable one,
 * ours on ND4J ops otherwise (Huber; binary cross-entropy on logits). The loss node receives the
 * network's raw output z; the two cross-entropies apply their own squashing function (softmax, sigmoid)
 * in the numerically stable combined form. Every loss is averaged over the minibatch (and over outputs,
 * like torch's "mean" reduction).
 */
public enum LossFunction implements Term {

    @Explained(title = "Mean squared error",
            summary = "Average squared distance to the target: large errors dominate.",
            formula = "L = (1/n)·Σᵢ (zᵢ − yᵢ)²",
            source = "torch.nn.MSELoss; computed by ND4J LossMSE")
    MSE("mse", ActivationFunction.IDENTITY),

    @Explained(title = "Mean absolute error",
            summary = "Average absolute distance: robust to outliers, but its gradient never shrinks near the target.",
            formula = "L = (1/n)·Σᵢ |zᵢ − yᵢ|",
            source = "torch.nn.L1Loss; computed by ND4J LossMAE")
    MAE("mae", ActivationFunction.IDENTITY),

    @Explained(title = "Huber",
            summary = "Squared error near the target, absolute error far from it: smooth and robust to outliers.",
            formula = "L = (1/n)·Σᵢ ½dᵢ² if |dᵢ| ≤ δ, δ·(|dᵢ| − ½δ) otherwise;  dᵢ = zᵢ − yᵢ",
            source = "Huber 1964; torch.nn.HuberLoss; computed by ND4J's huber_loss and huber_loss_grad ops")
    HUBER("huber", ActivationFunction.IDENTITY, Param.positive("delta", 1.0, "δ: where the loss turns from squared to linear.")),

    @Explained(title = "Binary cross-entropy",
            summary = "For two classes with one output: the negative log-likelihood of the label under p = σ(z).",
            formula = "L = (1/N)·Σ [max(z, 0) − z·y + ln(1 + e^(−|z|))] = −(1/N)·Σ [y·ln σ(z) + (1 − y)·ln(1 − σ(z))];"
                    + "   ∂L/∂z = (σ(z) − y)/N",
            source = "torch.nn.BCEWithLogitsLoss; ours, on ND4J element-wise ops (ND4J's LossBinaryXENT clips σ(z) at 10⁻⁵)")
    BINARY_CROSS_ENTROPY("binary_cross_entropy", ActivationFunction.SIGMOID),

    @Explained(title = "Cross-entropy",
            summary = "For K classes with K outputs: the negative log-probability softmax gives the true class.",
            formula = "L = −(1/N)·Σ ln softmax(z)_y",
            source = "torch.nn.CrossEntropyLoss; computed with ND4J's reduce_max, exp, reduce_sum, log and softmax ops")
    CROSS_ENTROPY("cross_entropy", ActivationFunction.SOFTMAX);

    private final String id;
    private final ActivationFunction squashing;
    private final List<Param> params;

    LossFunction(String id, ActivationFunction squashing, Param... params) {
        this.id = id;
        this.squashing = squashing;
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

    /** The function the loss applies to z before comparing with the target (identity for regression losses). */
    public ActivationFunction squashing() {
        return squashing;
    }

    /** Whether the loss needs class labels. */
    public boolean needsClasses() {
        return this == BINARY_CROSS_ENTROPY || this == CROSS_ENTROPY;
    }

    /** The implementation: ND4J's loss, or ours on ND4J ops for Huber and binary cross-entropy. */
    public static ILossFunction create(Choice<LossFunction> choice) {
        return switch (choice.term()) {
            case MSE -> new LossMSE();
            case MAE -> new LossMAE();
            case HUBER -> new HuberLossFunction(choice.value("delta"));
            case BINARY_CROSS_ENTROPY -> new BinaryCrossEntropyWithLogits();
            case CROSS_ENTROPY -> new LossMCXENT();
        };
    }

    /** The activation ND4J's loss receives: what turns z into the prediction. */
    public IActivation outputActivation() {
        return switch (squashing) {
            case SOFTMAX -> new ActivationSoftmax();
            case SIGMOID -> new ActivationSigmoid();
            default -> new ActivationIdentity();
        };
    }

    /**
     * How many outputs this loss needs for {@code data}: K for cross-entropy and for regression losses
     * on one-hot classes, 1 for binary cross-entropy, the number of targets for regression.
     */
    public int requiredWidth(DataShape data) {
        if (!data.isClassification()) {
            return data.targets();
        }
        return this == BINARY_CROSS_ENTROPY ? 1 : data.classes();
    }

    /**
     * Why this loss cannot train on {@code data} with {@code width} network outputs, or {@code null}
     * if it can.
     */
    public String fitProblem(DataShape data, int width) {
        if (needsClasses() && !data.isClassification()) {
            return id + " needs class labels but the data is regression; use mse, mae or huber";
        }
        if (this == BINARY_CROSS_ENTROPY && data.classes() != 2) {
            return "binary_cross_entropy needs exactly 2 classes but the data has " + data.classes()
                    + "; use cross_entropy";
        }
        int required = requiredWidth(data);
        if (width >= 0 && width != required) {
            String what = this == BINARY_CROSS_ENTROPY ? "1 output (the logit of class 1)"
                    : data.isClassification() ? required + " outputs, one per class"
                    : required + (required == 1 ? " output" : " outputs") + ", one per target";
            return id + " needs " + what + " but receives " + width;
        }
        return null;
    }
}
