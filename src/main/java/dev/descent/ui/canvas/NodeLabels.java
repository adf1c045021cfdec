package dev.descent.ui.canvas;

import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.graph.Edge;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.Problem;
import dev.descent.engine.graph.Validation;
import dev.descent.experiment.Experiment;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The words on a node card: the one-line detail and the hover text. Pure. */
final class NodeLabels {
    private NodeLabels() {
    }

    /**
     * The detail line: "16 units · he_normal", "relu", "p = 0.5", "cross_entropy", "2 features ·
     * standardize" for the input (with its width once the data is known).
     *
     * @param validation what the validator inferred, or null while the data loads
     */
    static String detail(NodeSpec node, Experiment experiment, Validation validation) {
        return details(node, experiment, validation).get(0);
    }

    /**
     * The detail line and shorter forms of it, longest first, for a card too narrow for the whole line:
     * "16 units · xavier_uniform", then "16 · xavier_uniform", then "xavier_uniform", then "16 units". The
     * edge labels show the widths, so a short form keeps the initializer rather than the width.
     */
    static List<String> details(NodeSpec node, Experiment experiment, Validation validation) {
        if (node instanceof NodeSpec.Input) {
            Integer width = validation == null ? null : validation.widths().get(node.id());
            String normalizer = experiment.normalizer().term() == InputNormalizer.NONE ? null
                    : experiment.normalizer().describe();
            String features = width == null ? null : width + (width == 1 ? " feature" : " features");
            if (features == null) {
                return List.of(normalizer == null ? "data" : normalizer);
            }
            return normalizer == null ? List.of(features) : List.of(features + " · " + normalizer, normalizer);
        }
        if (node instanceof NodeSpec.Dense dense) {
            String units = dense.units() + (dense.units() == 1 ? " unit" : " units");
            String init = dense.init().describe();
            String bias = dense.bias() ? "" : " · no bias";
            return distinct(units + " · " + init + bias, dense.units() + " · " + init + bias,
                    dense.units() + " · " + init, init + bias, init, units);
        }
        if (node instanceof NodeSpec.Activation activation) {
            return distinct(activation.function().describe(), activation.function().term().id());
        }
        if (node instanceof NodeSpec.BatchNorm norm) {
            return List.of("momentum " + number(norm.momentum()));
        }
        if (node instanceof NodeSpec.LayerNorm) {
            return List.of("per example");
        }
        if (node instanceof NodeSpec.Dropout dropout) {
            return List.of("p = " + number(dropout.rate()));
        }
        if (node instanceof NodeSpec.Add) {
            int inputs = experiment.network().inputsOf(node.id()).size();
            return List.of("sum of " + inputs + (inputs == 1 ? " input" : " inputs"));
        }
        NodeSpec.Loss loss = (NodeSpec.Loss) node;
        return distinct(loss.function().describe(), loss.function().term().id());
    }

    private static List<String> distinct(String... forms) {
        return List.copyOf(new LinkedHashSet<>(List.of(forms)));
    }

    /** Hover text: what is wrong first (the engine's words), then what the node does. */
    static String tooltip(NodeSpec node, List<Problem> problems) {
        String about = node.type().title() + " '" + node.id() + "': " + node.type().summary();
        if (problems.isEmpty()) {
            return about;
        }
        return problems.stream().map(p -> "⚠ " + p.message()).collect(Collectors.joining("\n")) + "\n\n" + about;
    }

    /** Hover text of an edge: "h1 → a1 carries N × 16". */
    static String edgeTooltip(Edge edge, String shape) {
        return shape == null || shape.equals("?") ? edge.toString() : edge + " carries " + shape;
    }

    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e6) {
            return String.valueOf((long) value);
        }
        String s = String.format(Locale.ROOT, "%.4g", value);
        if (s.contains("e")) {
            return s;
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
