package dev.descent.engine.ensemble;

import dev.descent.engine.graph.ActivationFunction;
import dev.descent.engine.graph.LossFunction;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.Saturation;
import dev.descent.engine.nn.Network;
import dev.descent.engine.nn.ParameterSegment;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The members of an ensemble (networks of one spec: seeds of a run, sweep points that differ in
 * optimizer or schedule values) stacked into one computation. Every member's parameters are one row of
 * a [M, P] matrix laid out exactly as that member's own {@link Network} lays out its flat vector, so a
 * member's optimizer works on its row ({@link #parametersOf}) and a member's network is brought up to
 * date with one copy ({@link #copyTo}). Each dense node sees its weights as a strided rank-3 view
 * W [M, n_in, units] of that matrix and its bias as b [M, 1, units]; a step runs one batched matrix
 * product per product of the single-network path:
 * <pre>
 *   forward   Y[m] = X[m]·W[m] + b[m]
 *   backward  ∂L/∂W[m] = X[m]ᵀ·Δ[m],  ∂L/∂b[m] = Σ_rows Δ[m],  ∂L/∂X[m] = Δ[m]·W[m]ᵀ
 * </pre>
 * with ND4J's {@code matmul} on rank-3 arrays (measured on the project machine, 64 members of 32×16 by
 * 16×16: 86 µs for one batched product, against 280 µs for a plain Java loop and about 190 µs for 64
 * separate {@code gemm} calls). Activations run ND4J's element-wise ops on [M, rows, width] arrays. The
 * loss (softmax cross-entropy or MSE), the per-member norms and the activation statistics are computed in
 * Java over the stacked buffers in one pass each, per member, so no step makes a native call per member.
 *
 * <p>What can be stacked is decided in one place, {@link #unsupported}; everything else trains member by
 * member on the single-network path. Not thread-safe: belongs to one worker at a time.
 */
public final class StackedNetwork {
    private final NetworkSpec spec;
    private final int members;
    private final int width;
    private final List<ParameterSegment> segments;
    private final INDArray values;
    private final INDArray gradients;
    private final List<Node> nodes;
    private final float[] previous;
    private final float[] normScratch;
    private final Map<Integer, StackedPass> passes = new HashMap<>();

    /** One node of the chain, as the stacked pass needs it. */
    sealed interface Node permits DenseNode, ActivationNode, LossNode, InputNode {
        String id();

        int width();
    }

    record InputNode(String id, int width) implements Node {
    }

    /** W [M, in, units] and b [M, 1, units] (null without bias) as views of the stacked rows, with their gradients. */
    record DenseNode(String id, int width, int in, INDArray weights, INDArray bias, INDArray weightGradient,
                     INDArray biasGradient, int offset) implements Node {
    }

    record ActivationNode(String id, int width, IActivation function, boolean relu, Saturation saturation)
            implements Node {
    }

    record LossNode(String id, int width, boolean crossEntropy) implements Node {
    }

    private StackedNetwork(List<Network> networks) {
        Network first = networks.get(0);
        this.spec = first.spec();
        this.members = networks.size();
        this.segments = first.segments();
        this.width = (int) first.parameters().length();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            this.values = Nd4j.create(DataType.FLOAT, members, width);
            this.gradients = Nd4j.create(DataType.FLOAT, members, width);
            this.previous = new float[members * width];
            this.normScratch = new float[members * width];
            for (int m = 0; m < members; m++) {
                parametersOf(m).assign(networks.get(m).parameters());
            }
            this.nodes = compile(first);
        }
    }

    /**
     * Why networks of {@code spec} trained in {@code dataType} cannot be stacked, or null if they can: the
     * single place that decides what the batched path covers. It covers a chain input → (dense |
     * activation)* → loss, float32, every activation but softmax, and the softmax cross-entropy and MSE
     * losses; anything else (batch or layer norm, dropout, residual adds, the other losses, float64)
     * trains member by member.
     */
    public static String unsupported(NetworkSpec spec, DataType dataType) {
        if (dataType != DataType.FLOAT) {
            return "the stacked path computes in float32";
        }
        for (NodeSpec node : spec.nodes()) {
            if (spec.inputsOf(node.id()).size() > 1) {
                return "node '" + node.id() + "' has several inputs";
            }
            String why = null;
            if (node instanceof NodeSpec.Activation a) {
                why = a.function().term() == ActivationFunction.SOFTMAX ? "activation '" + a.id() + "' is softmax" : null;
            } else if (node instanceof NodeSpec.Loss l) {
                LossFunction f = l.function().term();
                why = f == LossFunction.CROSS_ENTROPY || f == LossFunction.MSE ? null
                        : "loss '" + l.id() + "' is " + f.id();
            } else if (!(node instanceof NodeSpec.Input) && !(node instanceof NodeSpec.Dense)) {
                why = "node '" + node.id() + "' is a " + node.type().name().toLowerCase(java.util.Locale.ROOT);
            }
            if (why != null) {
                return why;
            }
        }
        for (NodeSpec node : spec.nodes()) {
            long consumers = spec.nodes().stream().filter(n -> spec.inputsOf(n.id()).contains(node.id())).count();
            if (consumers > 1) {
                return "node '" + node.id() + "' feeds several nodes";
            }
        }
        return null;
    }

    /** Optimizers the stacked path computes ({@link StackedOptimizer}). */
    static final java.util.Set<dev.descent.engine.optim.OptimizerType> OPTIMIZERS = java.util.EnumSet.of(
            dev.descent.engine.optim.OptimizerType.SGD, dev.descent.engine.optim.OptimizerType.MOMENTUM,
            dev.descent.engine.optim.OptimizerType.ADAM, dev.descent.engine.optim.OptimizerType.ADAMW);

    /** Why members with {@code optimizer} cannot be stacked (SGD, momentum, Adam and AdamW can), or null. */
    public static String unsupported(dev.descent.engine.vocab.Choice<dev.descent.engine.optim.OptimizerType> optimizer) {
        return OPTIMIZERS.contains(optimizer.term()) ? null : "optimizer " + optimizer.term().id();
    }

    /** The members' networks (compiled from one spec, float32) stacked, starting from their current weights. */
    public static StackedNetwork of(List<Network> networks) {
        if (networks.isEmpty()) {
            throw new IllegalArgumentException("no members to stack");
        }
        String why = unsupported(networks.get(0).spec(), networks.get(0).dataType());
        if (why != null) {
            throw new IllegalArgumentException("cannot stack these networks: " + why);
        }
        for (Network n : networks) {
            if (!n.spec().equals(networks.get(0).spec())) {
                throw new IllegalArgumentException("stacked members must share one network spec");
            }
        }
        return new StackedNetwork(networks);
    }

    private List<Node> compile(Network first) {
        List<Node> list = new ArrayList<>();
        Map<String, ParameterSegment> segmentOf = new HashMap<>();
        for (ParameterSegment s : segments) {
            segmentOf.put(s.nodeId(), s);
        }
        int previous = 0;
        for (String id : first.order()) {
            NodeSpec node = spec.node(id).orElseThrow();
            Node compiled;
            if (node instanceof NodeSpec.Input) {
                compiled = new InputNode(id, widthOfInput(first, segmentOf));
            } else if (node instanceof NodeSpec.Dense d) {
                compiled = dense(d, previous, segmentOf.get(id));
            } else if (node instanceof NodeSpec.Activation a) {
                compiled = new ActivationNode(id, previous, ActivationFunction.create(a.function()),
                        a.function().term() == ActivationFunction.RELU, ActivationFunction.saturation(a.function()));
            } else if (node instanceof NodeSpec.Loss l) {
                compiled = new LossNode(id, previous, l.function().term() == LossFunction.CROSS_ENTROPY);
            } else {
                throw new IllegalStateException("unsupported node " + id);
            }
            list.add(compiled);
            previous = compiled.width();
        }
        return List.copyOf(list);
    }

    /** The input width: what the first dense node's weights take (n_in = (segment − bias) / units). */
    private int widthOfInput(Network first, Map<String, ParameterSegment> segmentOf) {
        for (String id : first.order()) {
            if (spec.node(id).orElseThrow() instanceof NodeSpec.Dense d) {
                long weights = segmentOf.get(id).length() - (d.bias() ? d.units() : 0);
                return (int) (weights / d.units());
            }
        }
        throw new IllegalStateException("a stacked network needs a dense node");
    }

    private DenseNode dense(NodeSpec.Dense d, int in, ParameterSegment s) {
        int units = d.units();
        long o = s.offset();
        long biasAt = o + (long) in * units;
        return new DenseNode(d.id(), units, in, view(values, o, members, in, units), d.bias() ? view(values, biasAt, members, 1, units) : null,
                view(gradients, o, members, in, units), d.bias() ? view(gradients, biasAt, members, units) : null, (int) o);
    }

    /** A c-order view of the [M, P] matrix {@code flat}: member m's block of {@code shape} starts at m·P + offset. */
    private INDArray view(INDArray flat, long offset, long... shape) {
        long[] stride = new long[shape.length];
        stride[shape.length - 1] = 1;
        for (int i = shape.length - 2; i >= 1; i--) {
            stride[i] = stride[i + 1] * shape[i + 1];
        }
        stride[0] = width;
        return Nd4j.create(flat.data(), shape, stride, offset, 'c');
    }

    /** Number of members. */
    public int members() {
        return members;
    }

    /** The spec every member was compiled from. */
    public NetworkSpec spec() {
        return spec;
    }

    /** Which part of each row belongs to which node (the members' own segments). */
    public List<ParameterSegment> segments() {
        return segments;
    }

    /** All members' parameters, [M, P]. */
    public INDArray parameters() {
        return values;
    }

    /** All members' gradients from the last backward pass, [M, P]; the optimizers turn row m into Δθ. */
    public INDArray gradients() {
        return gradients;
    }

    /** Member {@code m}'s parameters, a [1, P] view laid out as its network's. */
    public INDArray parametersOf(int m) {
        return row(values, m);
    }

    /** Member {@code m}'s gradient (or, after its optimizer ran, its update), a [1, P] view. */
    public INDArray gradientsOf(int m) {
        return row(gradients, m);
    }

    /** Row {@code m} of {@code flat} as a dense c-order [1, P] view (an interval index gives 'f' order for M = 1). */
    private INDArray row(INDArray flat, int m) {
        return Nd4j.create(flat.data(), new long[] {1, width}, new long[] {width, 1}, (long) m * width, 'c');
    }

    /** Gives member {@code m}'s network the member's current parameters (for evaluation, predictions, snapshots). */
    public void copyTo(int m, Network network) {
        FloatBuffer from = floats(values);
        FloatBuffer to = floats(network.parameters());
        for (int i = 0; i < width; i++) {
            to.put(i, from.get(m * width + i));
        }
    }

    /** Values per member. */
    public int parameterCount() {
        return width;
    }

    /** Keeps the parameters as they are now, so that {@link #restore} can bring a member back to them. */
    public void keep() {
        floats(values).get(0, previous, 0, previous.length);
    }

    /** Gives member {@code m} the parameters of the last {@link #keep}. */
    public void restore(int m) {
        floats(values).put(m * width, previous, m * width, width);
    }

    /** ‖θ_s‖₂ of every member's segment s of the parameters into {@code out[m][s]}. */
    public void weightNorms(double[][] out) {
        segmentNorms(values, out);
    }

    /** ‖g_s‖₂ of every member's segment s of the gradients (after the optimizer: of the updates Δθ). */
    public void gradientNorms(double[][] out) {
        segmentNorms(gradients, out);
    }

    /**
     * ‖v_s‖₂ of every member's segment s of the [M, P] matrix {@code flat} (the parameters or gradients
     * of this network) into {@code out[m][s]}: one pass over a heap copy of the matrix, squares summed in
     * double in four interleaved partial sums, (s₀ + s₁) + (s₂ + s₃), so that the additions do not wait
     * on one another (one running sum made this 3× slower).
     */
    private void segmentNorms(INDArray flat, double[][] out) {
        float[] v = normScratch;
        floats(flat).get(0, v, 0, v.length);
        for (int m = 0; m < members; m++) {
            int row = m * width;
            for (int s = 0; s < segments.size(); s++) {
                ParameterSegment seg = segments.get(s);
                int from = row + (int) seg.offset();
                int to = from + (int) seg.length();
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                int i = from;
                for (; i + 4 <= to; i += 4) {
                    double a = v[i];
                    double b = v[i + 1];
                    double c = v[i + 2];
                    double d = v[i + 3];
                    s0 += a * a;
                    s1 += b * b;
                    s2 += c * c;
                    s3 += d * d;
                }
                for (; i < to; i++) {
                    double a = v[i];
                    s0 += a * a;
                }
                out[m][s] = Math.sqrt((s0 + s1) + (s2 + s3));
            }
        }
    }

    /** The stacked pass for batches of {@code rows} examples, made on first use and kept. */
    public StackedPass pass(int rows) {
        StackedPass pass = passes.get(rows);
        if (pass == null) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                pass = MemberLanePass.fits(nodes, rows)
                        ? new MemberLanePass(nodes, members, rows, values, gradients, width)
                        : new BatchedProductPass(nodes, members, rows, values, gradients, width);
            }
            passes.put(rows, pass);
        }
        return pass;
    }

    /** The direct float buffer of a dense c-order array, index 0 at its first element. */
    static FloatBuffer floats(INDArray a) {
        FloatBuffer all = a.data().asNioFloat();
        return all.position((int) a.offset()).limit((int) (a.offset() + a.length())).slice();
    }
}
