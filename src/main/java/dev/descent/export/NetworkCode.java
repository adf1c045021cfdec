package dev.descent.export;

import dev.descent.engine.graph.ActivationFunction;
import dev.descent.engine.graph.Initializer;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.vocab.Choice;
import java.util.List;

/**
 * The network of a run as an {@code nn.Module}: one attribute per node that has a module, and a
 * {@code forward} with one line per node in Descent's computation order. Also the initial weights: loading
 * Descent's, or torch's own initializers for what each dense node names.
 */
final class NetworkCode {
    private final RunPlan plan;
    private final PythonNames names;

    NetworkCode(RunPlan plan) {
        this.plan = plan;
        this.names = new PythonNames(plan.order());
    }

    /** The attribute and variable name of node {@code id}. */
    String name(String id) {
        return names.of(id);
    }

    /** Whether a node computes GELU, which needs the script's own module. */
    boolean usesSigmoidGelu() {
        return activations().stream().anyMatch(a -> a.function().term() == ActivationFunction.GELU);
    }

    /** Whether dropout masks are replayed from files. */
    boolean replaysDropout() {
        return !plan.freshInit() && !plan.drawingDropouts().isEmpty();
    }

    private List<NodeSpec.Activation> activations() {
        return plan.network().nodesOf(NodeSpec.Activation.class);
    }

    /** The nn.Module class. */
    String moduleClass() {
        StringBuilder b = new StringBuilder();
        b.append("class Network(nn.Module):\n");
        b.append("    \"\"\"").append(Py.wrap("Descent's network, one module per node, computed in Descent's order: "
                + Py.text(String.join(", ", plan.order())) + ". forward returns the raw output z of node "
                + Py.text(plan.outputNode()) + ", which the loss receives.", Call.WIDTH - 3, "    ").substring(4));
        b.append("    \"\"\"\n\n");
        b.append("    def __init__(self):\n        super().__init__()\n");
        for (String id : plan.order()) {
            NodeSpec node = plan.network().node(id).orElseThrow();
            String module = module(node);
            if (module != null) {
                String line = "        self." + name(id) + " = " + module;
                String comment = "  # " + describe(node);
                if (line.length() + comment.length() <= Call.WIDTH) {
                    b.append(line).append(comment).append('\n');
                } else {
                    b.append(Py.wrap(describe(node), Call.WIDTH, "        # ")).append(line).append('\n');
                }
            }
        }
        b.append('\n');
        String input = name(plan.order().get(0));
        b.append("    def forward(self, ").append(input).append("):\n");
        for (String id : plan.order()) {
            NodeSpec node = plan.network().node(id).orElseThrow();
            if (node instanceof NodeSpec.Input || node instanceof NodeSpec.Loss) {
                continue;
            }
            List<String> inputs = plan.network().inputsOf(id).stream().map(this::name).toList();
            b.append("        ").append(name(id)).append(" = ");
            if (node instanceof NodeSpec.Add) {
                b.append(String.join(" + ", inputs)).append("  # ").append(describe(node));
            } else {
                b.append("self.").append(name(id)).append('(').append(inputs.get(0)).append(')');
            }
            b.append('\n');
        }
        b.append("        return ").append(name(plan.outputNode())).append('\n');
        return b.toString();
    }

    /** The module of a node, or null for nodes that are only a line of forward (input, add, loss). */
    private String module(NodeSpec node) {
        return switch (node.type()) {
            case INPUT, ADD, LOSS -> null;
            case DENSE -> {
                NodeSpec.Dense dense = (NodeSpec.Dense) node;
                yield "nn.Linear(" + plan.inputWidth(node.id()) + ", " + dense.units()
                        + (dense.bias() ? "" : ", bias=False") + ")";
            }
            case ACTIVATION -> activation(((NodeSpec.Activation) node).function());
            case BATCH_NORM -> {
                NodeSpec.BatchNorm norm = (NodeSpec.BatchNorm) node;
                yield "nn.BatchNorm1d(" + plan.widths().get(node.id()) + ", eps=" + Py.number(norm.eps())
                        + ", momentum=" + Py.number(norm.momentum()) + ")";
            }
            case LAYER_NORM -> "nn.LayerNorm(" + plan.widths().get(node.id()) + ", eps=1e-05)";
            case DROPOUT -> {
                NodeSpec.Dropout dropout = (NodeSpec.Dropout) node;
                yield replaysDropout() && dropout.rate() > 0
                        ? "ReplayedDropout(" + Py.number(dropout.rate()) + ", " + Py.string(maskFile(node.id())) + ")"
                        : "nn.Dropout(" + Py.number(dropout.rate()) + ")";
            }
        };
    }

    /** The masks file of dropout node {@code id}, relative to the script. */
    String maskFile(String id) {
        return "dropout_masks/" + name(id) + ".txt";
    }

    private static String activation(Choice<ActivationFunction> function) {
        return switch (function.term()) {
            case IDENTITY -> "nn.Identity()";
            case SIGMOID -> "nn.Sigmoid()";
            case TANH -> "nn.Tanh()";
            case RELU -> "nn.ReLU()";
            case LEAKY_RELU -> "nn.LeakyReLU(negative_slope=" + Py.number(function.value("alpha")) + ")";
            case ELU -> "nn.ELU(alpha=" + Py.number(function.value("alpha")) + ")";
            case SELU -> "nn.SELU()";
            case GELU -> "SigmoidGELU()";
            case SWISH -> "nn.SiLU()";
            case SOFTPLUS -> "nn.Softplus()";
            case SOFTMAX -> "nn.Softmax(dim=1)";
        };
    }

    /** What a node is in Descent's words, for the comment beside its module. */
    private String describe(NodeSpec node) {
        String label = node.type().id() + (name(node.id()).equals(node.id()) ? "" : " '" + Py.text(node.id()) + "'");
        return switch (node.type()) {
            case INPUT, LOSS -> label;
            case DENSE -> {
                NodeSpec.Dense dense = (NodeSpec.Dense) node;
                yield label + ": " + dense.units() + " units, init " + dense.init().describe()
                        + (dense.bias() ? "" : ", no bias");
            }
            case ACTIVATION -> label + ": " + ((NodeSpec.Activation) node).function().describe();
            case BATCH_NORM -> label + " (momentum as in PyTorch: the newest batch's weight)";
            case LAYER_NORM -> label + " over each example's features";
            case DROPOUT -> label + ": p = " + Py.number(((NodeSpec.Dropout) node).rate())
                    + (replaysDropout() && ((NodeSpec.Dropout) node).rate() > 0 ? ", Descent's masks" : "");
            case ADD -> label + ": the residual sum of " + String.join(", ", plan.network().inputsOf(node.id()));
        };
    }

    /** The function that gives the network its initial weights. */
    String initialWeights() {
        if (!plan.freshInit()) {
            return """
                    def load_initial_weights(model):
                        \"""Descent's initial weights, by PyTorch parameter name. Descent keeps a dense node's W as
                        [inputs, units] (y = x·W + b); nn.Linear keeps its transpose, and the file holds that.
                        Batch and layer norm start at γ = 1, β = 0, and running statistics at mean 0, variance 1.
                        \"""
                        state = json.loads((HERE / "initial_weights.json").read_text())
                        model.load_state_dict({name: torch.tensor(value) for name, value in state.items()})
                    """;
        }
        StringBuilder b = new StringBuilder();
        b.append("def initialize(model):\n");
        b.append("    \"\"\"PyTorch's own initializers for the ones Descent's dense nodes name; biases start at 0 as in\n");
        b.append("    Descent. Batch and layer norm keep PyTorch's defaults (γ = 1, β = 0), which are Descent's too.\n");
        b.append("    \"\"\"\n");
        for (NodeSpec.Dense dense : denseInOrder()) {
            String weight = "model." + name(dense.id()) + ".weight";
            b.append("    ").append(initializer(dense.init(), weight)).append("  # ").append(dense.init().describe())
                    .append('\n');
            if (dense.bias()) {
                b.append("    nn.init.zeros_(model.").append(name(dense.id())).append(".bias)\n");
            }
        }
        if (denseInOrder().isEmpty()) {
            b.append("    pass\n");
        }
        return b.toString();
    }

    private List<NodeSpec.Dense> denseInOrder() {
        return plan.order().stream().map(id -> plan.network().node(id).orElseThrow())
                .filter(n -> n instanceof NodeSpec.Dense).map(n -> (NodeSpec.Dense) n).toList();
    }

    /** torch.nn.init's form of an initializer (fan-in is nn.Linear's in_features, as in Descent). */
    private static String initializer(Choice<Initializer> init, String w) {
        return switch (init.term()) {
            case ZEROS -> "nn.init.zeros_(" + w + ")";
            case CONSTANT -> "nn.init.constant_(" + w + ", " + Py.number(init.value("value")) + ")";
            case UNIFORM -> "nn.init.uniform_(" + w + ", a=" + Py.number(init.value("low")) + ", b="
                    + Py.number(init.value("high")) + ")";
            case NORMAL -> "nn.init.normal_(" + w + ", mean=" + Py.number(init.value("mean")) + ", std="
                    + Py.number(init.value("std")) + ")";
            case XAVIER_UNIFORM -> "nn.init.xavier_uniform_(" + w + ")";
            case XAVIER_NORMAL -> "nn.init.xavier_normal_(" + w + ")";
            case HE_UNIFORM -> "nn.init.kaiming_uniform_(" + w + ", nonlinearity=\"relu\")";
            case HE_NORMAL -> "nn.init.kaiming_normal_(" + w + ", nonlinearity=\"relu\")";
            case LECUN_UNIFORM -> "nn.init.kaiming_uniform_(" + w + ", nonlinearity=\"linear\")";
            case LECUN_NORMAL -> "nn.init.kaiming_normal_(" + w + ", nonlinearity=\"linear\")";
            case ORTHOGONAL -> "nn.init.orthogonal_(" + w + ", gain=" + Py.number(init.value("gain")) + ")";
        };
    }

    /** The script's own modules this network needs, or "". */
    String customModules() {
        StringBuilder b = new StringBuilder();
        if (usesSigmoidGelu()) {
            b.append("""
                    class SigmoidGELU(nn.Module):
                        \"""Descent's GELU, ND4J's sigmoid approximation: f(z) = z·σ(1.702·z). PyTorch's nn.GELU is
                        the exact z·Φ(z) (or its tanh approximation), which differs by up to 0.02.
                        \"""

                        def forward(self, z):
                            return z * torch.sigmoid(1.702 * z)


                    """);
        }
        if (replaysDropout()) {
            b.append("""
                    class ReplayedDropout(nn.Module):
                        \"""Inverted dropout with Descent's masks: y = x·m/(1 − p) in training, y = x in evaluation.

                        Descent draws m ~ Bernoulli(1 − p) from ND4J's random generator, which PyTorch cannot
                        reproduce, so the masks it drew are read from a file: one line per training step, one
                        character per value of the [batch, width] mask, row by row ('1' kept, '0' dropped). After
                        the last recorded step the masks come from torch.bernoulli (the run is no longer a replica).
                        \"""

                        def __init__(self, p, masks):
                            super().__init__()
                            self.p = p
                            self.masks = (HERE / masks).read_text().split()
                            self.steps = 0

                        def forward(self, x):
                            if not self.training:
                                return x
                            if self.steps < len(self.masks):
                                kept = torch.tensor([int(c) for c in self.masks[self.steps]], dtype=x.dtype)
                                kept = kept.reshape(x.shape)
                            else:
                                if self.steps == len(self.masks):
                                    print(f"note: Descent's dropout masks end after step {self.steps};"
                                          " drawing new ones", file=sys.stderr)
                                kept = torch.bernoulli(torch.full_like(x, 1 - self.p))
                            self.steps += 1
                            return x * (kept * (1 / (1 - self.p)))


                    """);
        }
        return b.toString();
    }
}
