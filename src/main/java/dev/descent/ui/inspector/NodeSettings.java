package dev.descent.ui.inspector;

import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.graph.ActivationFunction;
import dev.descent.engine.graph.Initializer;
import dev.descent.engine.graph.LossFunction;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.NodeType;
import dev.descent.engine.graph.Problem;
import dev.descent.engine.graph.Validation;
import dev.descent.engine.vocab.Param;
import dev.descent.ui.model.EditTiming;
import dev.descent.ui.model.Edits;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The form of one node: its id, its settings by type (units, initializer, bias; activation function;
 * batch-norm momentum and ε; dropout rate; loss function, each with its parameters), and, read-only,
 * the widths it receives and produces, its parameter count and its problems. Keys, defaults, ranges
 * and help of the settings, and the parameter count, are the node type's ({@link NodeType}).
 */
final class NodeSettings {

    private NodeSettings() {
    }

    /** What decides the form's shape: the node, its type and its chosen function. */
    static String key(NodeSpec node) {
        String chosen = "";
        if (node instanceof NodeSpec.Dense d) {
            chosen = d.init().term().id();
        } else if (node instanceof NodeSpec.Activation a) {
            chosen = a.function().term().id();
        } else if (node instanceof NodeSpec.Loss l) {
            chosen = l.function().term().id();
        }
        return "node:" + node.id() + ":" + node.type().id() + ":" + chosen;
    }

    static void build(Form f, Context c, NodeSpec node) {
        String id = node.id();
        f.notice("timing", () -> c.timingNote(EditTiming.Kind.NETWORK, -1));
        f.heading("Node");
        f.text("id", "Id", "The node's name in files, metrics and messages; unique in the network.", () -> id,
                v -> idProblem(c.experiment().network(), id, v.strip()),
                v -> c.together(() -> {
                    String newId = v.strip();
                    c.edit("Rename node " + id, e -> Edits.renameNode(e, id, newId));
                    if (c.experiment().network().node(newId).isPresent()) {
                        c.selection().selectGraph(Set.of(newId), Set.of());
                    }
                }), null);
        f.info("shape", "Shape", () -> shape(c, id));
        if (node.type().hasParameters()) {
            f.info("parameters", "Parameters", () -> {
                long n = parameters(c, id);
                return n < 0 ? "?" : String.format(Locale.ROOT, "%,d", n);
            });
        }

        switch (node.type()) {
            case INPUT -> {
                f.heading("Input normalizer");
                f.choice("normalizer", "Normalizer", List.of(InputNormalizer.values()), null,
                        () -> c.experiment().normalizer(),
                        (what, choice) -> c.edit("Set input normalizer", e -> e.withNormalizer(choice)));
            }
            case DENSE -> {
                f.heading("Dense layer");
                number(f, c, id, NodeType.UNITS, "Units", "Set units");
                f.flag("bias", "Bias", NodeType.BIAS.summary(),
                        () -> as(c, id, NodeSpec.Dense.class).bias(), () -> false,
                        on -> replace(c, id, on ? "Add bias" : "Remove bias", n -> n.with(NodeType.BIAS, on ? 1 : 0)));
                f.heading("Initializer");
                f.choice("init", "Initializer", List.of(Initializer.values()), null,
                        () -> as(c, id, NodeSpec.Dense.class).init(),
                        (what, choice) -> replace(c, id, what, n -> ((NodeSpec.Dense) n).withInit(choice)));
            }
            case ACTIVATION -> {
                f.heading("Activation");
                f.choice("function", "Function", List.of(ActivationFunction.values()), null,
                        () -> as(c, id, NodeSpec.Activation.class).function(),
                        (what, choice) -> replace(c, id, what, n -> ((NodeSpec.Activation) n).withFunction(choice)));
            }
            case BATCH_NORM -> {
                f.heading("Batch norm");
                number(f, c, id, NodeType.MOMENTUM, "momentum", "Set momentum");
                number(f, c, id, NodeType.EPS, "eps  ε", "Set eps");
            }
            case DROPOUT -> {
                f.heading("Dropout");
                number(f, c, id, NodeType.RATE, "rate  p", "Set dropout rate");
            }
            case LOSS -> {
                f.heading("Loss");
                f.choice("function", "Function", List.of(LossFunction.values()), null,
                        () -> as(c, id, NodeSpec.Loss.class).function(),
                        (what, choice) -> replace(c, id, what, n -> ((NodeSpec.Loss) n).withFunction(choice)));
            }
            case LAYER_NORM -> f.note("Nothing to set: each example is normalized over its features, "
                    + "then scaled by the learned γ and shifted by β.");
            case ADD -> f.note("Nothing to set: sums its inputs, which must all have the same width.");
        }
        f.problems("node", () -> {
            Validation v = c.data().validationProperty().get();
            return v == null ? List.of() : v.problemsOf(id).stream().map(Problem::message).toList();
        });
    }

    /** A field for one of the node's number settings, checked against the setting's range as typed. */
    private static void number(Form f, Context c, String id, Param param, String label, String what) {
        f.number(param.key(), label, param, () -> c.experiment().network().node(id).orElseThrow().value(param),
                () -> false, v -> replace(c, id, what, n -> n.with(param, v)));
    }

    static String idProblem(NetworkSpec network, String oldId, String newId) {
        if (newId.isEmpty()) {
            return "id must not be empty";
        }
        if (!newId.equals(oldId) && network.node(newId).isPresent()) {
            return "id '" + newId + "' is already used by another node";
        }
        return null;
    }

    /** "N × 2 → N × 16", with "?" where a width is not known yet. */
    static String shape(Context c, String id) {
        Validation v = c.data().validationProperty().get();
        NetworkSpec network = c.experiment().network();
        NodeSpec node = network.node(id).orElse(null);
        if (node == null) {
            return "";
        }
        List<String> inputs = network.inputsOf(id);
        String in = inputs.stream().map(i -> width(v, i)).collect(Collectors.joining(" + "));
        return switch (node.type()) {
            case INPUT -> "→ " + width(v, id);
            case LOSS -> (in.isEmpty() ? "nothing" : in) + " → loss";
            default -> (in.isEmpty() ? "nothing" : in) + " → " + width(v, id);
        };
    }

    private static String width(Validation v, String id) {
        Integer w = v == null ? null : v.widths().get(id);
        return "N × " + (w == null ? "?" : w);
    }

    /** Trainable values of a node, or -1 when its input width is not known. */
    static long parameters(Context c, String id) {
        Validation v = c.data().validationProperty().get();
        NetworkSpec network = c.experiment().network();
        NodeSpec node = network.node(id).orElse(null);
        if (v == null || node == null) {
            return -1;
        }
        List<String> inputs = network.inputsOf(id);
        Integer in = inputs.size() == 1 ? v.widths().get(inputs.get(0)) : null;
        if (in == null) {
            return -1;
        }
        return NodeType.parameterCount(node, in);
    }

    private static <T extends NodeSpec> T as(Context c, String id, Class<T> kind) {
        return c.experiment().network().node(id).filter(kind::isInstance).map(kind::cast)
                .orElseThrow(() -> new IllegalStateException("no " + kind.getSimpleName() + " '" + id + "'"));
    }

    private static void replace(Context c, String id, String what, UnaryOperator<NodeSpec> change) {
        c.edit(what, e -> e.network().node(id).map(n -> Edits.replaceNode(e, change.apply(n))).orElse(e));
    }
}
