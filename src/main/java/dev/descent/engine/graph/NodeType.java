package dev.descent.engine.graph;

import dev.descent.engine.vocab.Choice;
import dev.descent.engine.vocab.Explained;
import dev.descent.engine.vocab.Param;
import dev.descent.engine.vocab.Term;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kinds of node a network is built from, by the names used in files. Each constant's
 * {@link Explained} text states what the node computes (the same formula as the Javadoc of its layer in
 * {@code engine.nn}); the window's palette and node cards read it from here, so they cannot disagree.
 *
 * <p>Everything else a part of Descent needs to know about a node type is here too, once: its settings
 * with their keys in files, defaults, ranges and help ({@link #keys()}, {@link #params()}), which of them a
 * file must give, the settings of a new node ({@link #newNode}), and how many trainable values a node has
 * ({@link #parameterCount}). The reader, the writer, the validator, the compiled network, the inspector
 * and the window's edits all read them from here.
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

    /** A dense node's number of outputs; files must give it, a new node has 16. */
    public static final Param UNITS = Param.integer("units", 16, 1, Integer.MAX_VALUE, "Number of outputs of the layer.");
    /** Whether a dense node adds a bias. */
    public static final Param BIAS = Param.flag("bias", true, "Add a learned bias b to every output (y = x·W + b).");
    /** A batch-norm node's weight of the newest batch in its running statistics (torch's momentum and default). */
    public static final Param MOMENTUM = Param.real("momentum", 0.1, 0, 1,
            "Weight of the newest batch in the running mean and variance used for evaluation (torch's momentum).");
    /** A batch-norm node's ε (torch's default). */
    public static final Param EPS = Param.positive("eps", 1e-5, "ε: added to the variance before the square root.");
    /** A dropout node's probability of zeroing a value. */
    public static final Param RATE = Param.fraction("rate", 0.5,
            "p: probability of zeroing each value during training (0 keeps everything).");
    /** Key of a dense node's initializer (a choice). */
    public static final String INIT = "init";
    /** Key of an activation or loss node's function (a choice). */
    public static final String FUNCTION = "function";
    /** The initializer of a dense node that names none. */
    public static final Initializer DEFAULT_INIT = Initializer.XAVIER_UNIFORM;

    private final String id;

    NodeType(String id) {
        this.id = id;
    }

    /** The keys of this type's own settings, in the order files list them (after id and type). */
    public List<String> keys() {
        return switch (this) {
            case DENSE -> List.of(UNITS.key(), INIT, BIAS.key());
            case ACTIVATION, LOSS -> List.of(FUNCTION);
            case BATCH_NORM -> List.of(MOMENTUM.key(), EPS.key());
            case DROPOUT -> List.of(RATE.key());
            case INPUT, LAYER_NORM, ADD -> List.of();
        };
    }

    /** Every key a node of this type may have in a file, in the order the writer writes them. */
    public List<String> fileKeys() {
        List<String> keys = new ArrayList<>(List.of("id", "type"));
        keys.addAll(keys());
        keys.addAll(List.of("x", "y"));
        return keys;
    }

    /** The settings that are numbers or switches, with their defaults and ranges (the others are choices). */
    public List<Param> params() {
        return switch (this) {
            case DENSE -> List.of(UNITS, BIAS);
            case BATCH_NORM -> List.of(MOMENTUM, EPS);
            case DROPOUT -> List.of(RATE);
            case INPUT, ACTIVATION, LAYER_NORM, ADD, LOSS -> List.of();
        };
    }

    /** The setting of {@code key} that is a number or a switch, if this type has one. */
    public Optional<Param> param(String key) {
        return params().stream().filter(p -> p.key().equals(key)).findFirst();
    }

    /** The key of its one choice of a vocabulary entry (a dense node's initializer, a function), or null. */
    public String choiceKey() {
        return switch (this) {
            case DENSE -> INIT;
            case ACTIVATION, LOSS -> FUNCTION;
            default -> null;
        };
    }

    /** The vocabulary its choice comes from, or null. */
    public Class<? extends Term> choiceKind() {
        return switch (this) {
            case DENSE -> Initializer.class;
            case ACTIVATION -> ActivationFunction.class;
            case LOSS -> LossFunction.class;
            default -> null;
        };
    }

    /** {@code choice}, checked to be of {@link #choiceKind()}; null stays null (a choice a file got wrong). */
    Choice<?> checkedChoice(Choice<?> choice) {
        if (choice != null && !choiceKind().isInstance(choice.term())) {
            throw new IllegalArgumentException(id + " takes " + choiceKind().getSimpleName() + ", not " + choice.term());
        }
        return choice;
    }

    /** Whether a file must give {@code key} (it has no default in files). */
    public boolean requires(String key) {
        return (this == DENSE && key.equals(UNITS.key())) || ((this == ACTIVATION || this == LOSS) && key.equals(FUNCTION));
    }

    /** The first part of a new node's id ("dense", then "dense2", ...). */
    public String idPrefix() {
        return switch (this) {
            case INPUT -> "in";
            case DENSE -> "dense";
            case ACTIVATION -> "act";
            case BATCH_NORM -> "bn";
            case LAYER_NORM -> "ln";
            case DROPOUT -> "drop";
            case ADD -> "add";
            case LOSS -> "loss";
        };
    }

    /**
     * A new node of this type with every setting at its default: 16 units and the default initializer
     * with a bias; ReLU; cross-entropy; torch's batch-norm momentum and ε; a dropout rate of 0.5.
     */
    public NodeSpec newNode(String id, Position position) {
        return switch (this) {
            case INPUT -> new NodeSpec.Input(id, position);
            case DENSE -> new NodeSpec.Dense(id, (int) UNITS.defaultValue(), Choice.of(DEFAULT_INIT),
                    BIAS.defaultValue() != 0, position);
            case ACTIVATION -> new NodeSpec.Activation(id, Choice.of(ActivationFunction.RELU), position);
            case BATCH_NORM -> new NodeSpec.BatchNorm(id, MOMENTUM.defaultValue(), EPS.defaultValue(), position);
            case LAYER_NORM -> new NodeSpec.LayerNorm(id, position);
            case DROPOUT -> new NodeSpec.Dropout(id, RATE.defaultValue(), position);
            case ADD -> new NodeSpec.Add(id, position);
            case LOSS -> new NodeSpec.Loss(id, Choice.of(LossFunction.CROSS_ENTROPY), position);
        };
    }

    /**
     * Trainable values of {@code node} when its input is {@code inputWidth} wide: a dense node's weights
     * (in × units) and bias (units), a batch- or layer-norm node's γ and β (2 × width), none otherwise.
     */
    public static long parameterCount(NodeSpec node, long inputWidth) {
        if (node instanceof NodeSpec.Dense dense) {
            return inputWidth * dense.units() + (dense.bias() ? dense.units() : 0);
        }
        return node.type().hasParameters() ? 2 * inputWidth : 0;
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
