package dev.descent.engine.graph;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kinds of node a network is built from, by the names used in files. */
public enum NodeType {
    INPUT("input", "Input", "Where examples enter; its width is the data's number of features."),
    DENSE("dense", "Dense", "Fully connected layer: every output is a weighted sum of every input plus a bias."),
    ACTIVATION("activation", "Activation", "Applies a non-linear function to each value; without it, layers collapse into one linear map."),
    BATCH_NORM("batch_norm", "Batch norm", "Normalizes each feature over the minibatch, then rescales it with learned γ and β."),
    LAYER_NORM("layer_norm", "Layer norm", "Normalizes each example over its features, then rescales it with learned γ and β."),
    DROPOUT("dropout", "Dropout", "During training, zeroes each value with probability p and scales the rest by 1/(1−p)."),
    ADD("add", "Add", "Sums inputs of equal width: the merge of a residual (skip) connection."),
    LOSS("loss", "Loss", "Compares the network's output with the target; training minimizes it.");

    private final String id;
    private final String title;
    private final String summary;

    NodeType(String id, String title, String summary) {
        this.id = id;
        this.title = title;
        this.summary = summary;
    }

    /** The name in files. */
    public String id() {
        return id;
    }

    /** Display name. */
    public String title() {
        return title;
    }

    /** One line on what the node does. */
    public String summary() {
        return summary;
    }

    /** The node type called {@code id}, if any. */
    public static Optional<NodeType> byId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }

    /** All names, for error messages. */
    public static String ids() {
        return Arrays.stream(values()).map(NodeType::id).collect(Collectors.joining(", "));
    }
}
