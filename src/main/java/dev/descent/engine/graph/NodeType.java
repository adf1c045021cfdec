package dev.descent.engine.graph;

import dev.descent.engine.vocab.Explained;
import dev.descent.engine.vocab.Term;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kinds of node a network is built from, by the names used in files. Each constant's
 * {@link Explained} text states what the node computes (the same formula as the Javadoc of its layer in
 * {@code engine.nn}); the window's palette and node cards read it from here, so they cannot disagree.
 */
public enum NodeType {
    @Explained(title = "Input",
            summary = "Where examples enter; its width is the data's number of features.",
            formula = "x ∈ ℝ^(N × d),  d = number of features",
            source = "—")
    INPUT("input"),

    @Explained(title = "Dense",
            summary = "Fully connected layer: every output is a weighted sum of every input plus a bias.",
            formula = "y = x·W + b,  W of shape [d_in, units]",
            source = "ND4J XwPlusB")
    DENSE("dense"),

    @Explained(title = "Activation",
            summary = "Applies a non-linear function to each value; without it, layers collapse into one linear map.",
            formula = "y = f(x), element-wise; f is the node's activation function",
            source = "ND4J IActivation")
    ACTIVATION("activation"),

    @Explained(title = "Batch norm",
            summary = "Normalizes each feature over the minibatch, then rescales it with learned γ and β.",
            formula = "y = γ·(x − μ_B) / √(σ²_B + ε) + β,  μ_B, σ²_B per feature over the minibatch;"
                    + " evaluation uses running averages",
            source = "Ioffe & Szegedy 2015; as torch.nn.BatchNorm1d; ND4J batchnorm")
    BATCH_NORM("batch_norm"),

    @Explained(title = "Layer norm",
            summary = "Normalizes each example over its features, then rescales it with learned γ and β.",
            formula = "y = γ·(x − μ) / √(σ² + ε) + β,  μ, σ² (biased) per example over its features; ε = 10⁻⁵",
            source = "Ba, Kiros & Hinton 2016; as torch.nn.LayerNorm; ours, on ND4J ops (ND4J layer_norm has no ε)")
    LAYER_NORM("layer_norm"),

    @Explained(title = "Dropout",
            summary = "During training, zeroes each value with probability p and scales the rest by 1/(1−p).",
            formula = "y = m ⊙ x / (1 − p),  mᵢ ~ Bernoulli(1 − p)  (training only; y = x in evaluation)",
            source = "Srivastava et al. 2014 (inverted dropout)")
    DROPOUT("dropout"),

    @Explained(title = "Add",
            summary = "Sums inputs of equal width: the merge of a residual (skip) connection.",
            formula = "y = x₁ + x₂ + …",
            source = "He et al. 2016 (residual connections)")
    ADD("add"),

    @Explained(title = "Loss",
            summary = "Compares the network's output with the target; training minimizes it.",
            formula = "L = (1/N) Σₙ ℓ(ŷₙ, yₙ), the batch mean of the node's loss function",
            source = "ND4J ILossFunction")
    LOSS("loss");

    private final String id;

    NodeType(String id) {
        this.id = id;
    }

    /** The name in files. */
    public String id() {
        return id;
    }

    /** Whether nodes of this type have trainable values (weights, biases, γ and β). */
    public boolean hasParameters() {
        return this == DENSE || this == BATCH_NORM || this == LAYER_NORM;
    }

    /** Title, summary, formula and source, from the constant's {@link Explained} annotation. */
    public Explained explained() {
        return Texts.ALL.get(this);
    }

    /** Display name. */
    public String title() {
        return explained().title();
    }

    /** One line on what the node does. */
    public String summary() {
        return explained().summary();
    }

    /** The node type called {@code id}, if any. */
    public static Optional<NodeType> byId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }

    /** All names, for error messages. */
    public static String ids() {
        return Arrays.stream(values()).map(NodeType::id).collect(Collectors.joining(", "));
    }

    /** The annotations, read once (after the constants exist). */
    private static final class Texts {
        static final Map<NodeType, Explained> ALL = new EnumMap<>(NodeType.class);

        static {
            for (NodeType type : values()) {
                ALL.put(type, Term.explainedOf(type, null));
            }
        }
    }
}
