package dev.descent.engine.nn;

import dev.descent.engine.Engine;
import dev.descent.engine.data.DataShape;
import dev.descent.engine.graph.ActivationFunction;
import dev.descent.engine.graph.GraphValidator;
import dev.descent.engine.graph.Initializer;
import dev.descent.engine.graph.LossFunction;
import dev.descent.engine.graph.MemoryEstimate;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.NodeType;
import dev.descent.engine.graph.Problem;
import dev.descent.engine.graph.Validation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A validated network compiled for training: its layers in topological order, its parameters as one
 * flat vector with per-node segments, and a small cache of {@link Pass}es by batch size.
 *
 * <p>Initial weights depend only on the seed and each node's id: two networks built from the same spec
 * and seed are bit-identical, and changing one node's initializer leaves the others' weights alone.
 * Not thread-safe: after creation a network belongs to its run's training thread.
 */
public final class Network {
    private static final int PASS_CACHE_SIZE = 6;

    private final NetworkSpec spec;
    private final DataType dataType;
    private final Parameters parameters;
    private PreparedOp descend;
    private final List<Layer> layers;
    private final Map<String, List<String>> inputs;
    private final Map<String, Integer> position;
    private final LossLayer lossLayer;
    private final Random dropoutRandom;
    private final Map<Long, Pass> passes = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Pass> eldest) {
            return size() > PASS_CACHE_SIZE;
        }
    };

    private Network(NetworkSpec spec, DataType dataType, Parameters parameters, List<Layer> layers,
                    Map<String, List<String>> inputs, Random dropoutRandom) {
        this.spec = spec;
        this.dropoutRandom = dropoutRandom;
        this.dataType = dataType;
        this.parameters = parameters;
        this.layers = List.copyOf(layers);
        this.inputs = inputs;
        this.position = new HashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            position.put(layers.get(i).id(), i);
        }
        this.lossLayer = (LossLayer) layers.get(layers.size() - 1);
    }

    /**
     * Validates and compiles {@code spec} for {@code data}, initializing weights from {@code seed}.
     *
     * @throws InvalidNetworkException listing every problem if the network cannot train
     */
    public static Network create(NetworkSpec spec, DataShape data, DataType dataType, long seed) {
        Engine.initialize();
        Validation validation = GraphValidator.validate(spec, data, 1, dataType.width(), MemoryEstimate.limitBytes());
        if (!validation.isValid()) {
            throw new InvalidNetworkException(validation.problems());
        }
        List<String> order = validation.order();
        Map<String, List<String>> inputs = new HashMap<>();
        List<ParameterSegment> segments = new ArrayList<>();
        long offset = 0;
        for (String id : order) {
            inputs.put(id, spec.inputsOf(id));
            long count = parameterCount(spec.node(id).orElseThrow(), validation.widths(), spec.inputsOf(id));
            if (count > 0) {
                segments.add(new ParameterSegment(id, offset, count));
                offset += count;
            }
        }
        Parameters parameters = new Parameters(dataType, segments);
        Random dropoutRandom = Nd4j.getRandomFactory().getNewRandomInstance(mix(seed, "dropout"));
        List<Layer> layers = new ArrayList<>();
        Map<String, ParameterSegment> segmentOf = segments.stream()
                .collect(Collectors.toMap(ParameterSegment::nodeId, s -> s));
        for (String id : order) {
            NodeSpec node = spec.node(id).orElseThrow();
            int width = validation.widths().get(id);
            List<String> in = inputs.get(id);
            int inWidth = in.isEmpty() ? 0 : validation.widths().get(in.get(0));
            layers.add(createLayer(node, width, inWidth, segmentOf.get(id), parameters, dataType, seed, dropoutRandom));
        }
        return new Network(spec, dataType, parameters, layers, inputs, dropoutRandom);
    }

    private static long parameterCount(NodeSpec node, Map<String, Integer> widths, List<String> inputs) {
        if (!node.type().hasParameters()) {
            return 0;
        }
        // a norm's width is its input's; a dense node's input is its only one
        return NodeType.parameterCount(node, node instanceof NodeSpec.Dense ? widths.get(inputs.get(0)) : widths.get(node.id()));
    }

    private static Layer createLayer(NodeSpec node, int width, int inWidth, ParameterSegment segment,
                                     Parameters p, DataType dataType, long seed, Random dropoutRandom) {
        String id = node.id();
        if (node instanceof NodeSpec.Input) {
            return new InputLayer(id, width);
        }
        if (node instanceof NodeSpec.Dense dense) {
            long o = segment.offset();
            INDArray weights = p.valuesView(o, inWidth, width);
            Nd4j.getRandom().setSeed(mix(seed, id));
            weights.assign(Initializer.sample(dense.init(), dataType, inWidth, width));
            long biasOffset = o + (long) inWidth * width;
            return new DenseLayer(id, width, weights,
                    dense.bias() ? p.valuesView(biasOffset, width) : null,
                    p.gradientsView(o, inWidth, width),
                    dense.bias() ? p.gradientsView(biasOffset, width) : null);
        }
        if (node instanceof NodeSpec.Activation activation) {
            return new ActivationLayer(id, width, ActivationFunction.create(activation.function()),
                    ActivationFunction.saturation(activation.function()));
        }
        if (node instanceof NodeSpec.BatchNorm norm) {
            long o = segment.offset();
            INDArray gamma = p.valuesView(o, width).assign(1);
            return new BatchNormLayer(id, width, norm.momentum(), norm.eps(), gamma, p.valuesView(o + width, width),
                    p.gradientsView(o, width), p.gradientsView(o + width, width));
        }
        if (node instanceof NodeSpec.LayerNorm) {
            long o = segment.offset();
            INDArray gain = p.valuesView(o, width).assign(1);
            return new LayerNormLayer(id, width, gain, p.valuesView(o + width, width),
                    p.gradientsView(o, width), p.gradientsView(o + width, width));
        }
        if (node instanceof NodeSpec.Dropout dropout) {
            return new DropoutLayer(id, width, dropout.rate(), dropoutRandom);
        }
        if (node instanceof NodeSpec.Add) {
            return new AddLayer(id, width);
        }
        NodeSpec.Loss loss = (NodeSpec.Loss) node;
        LossFunction function = loss.function().term();
        return new LossLayer(id, width, LossFunction.create(loss.function()), function.outputActivation());
    }

    /** A 64-bit seed for one purpose (a node's weights, the dropout masks) derived from the run seed. */
    static long mix(long seed, String purpose) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (purpose.hashCode() + 1L))).nextLong();
    }

    /** The spec this network was compiled from. */
    public NetworkSpec spec() {
        return spec;
    }

    /** Float or double. */
    public DataType dataType() {
        return dataType;
    }

    /** All trainable values, [1, P]; layers see views of it. */
    public INDArray parameters() {
        return parameters.values;
    }

    /** ∂L/∂θ from the last backward pass, [1, P]. */
    public INDArray gradients() {
        return parameters.gradients;
    }

    /**
     * θ ← θ − Δ, with Δ the update the optimizer left in {@link #gradients()}: one ND4J subtract op bound
     * once (an {@code INDArray.subi} builds its op anew and costs 3 KB of garbage per call).
     */
    public void applyUpdate() {
        if (descend == null) {
            descend = PreparedOp.of(new SubOp(parameters.values, parameters.gradients, parameters.values));
        }
        descend.run();
    }

    /** Which part of the flat vectors belongs to which node, in topological order. */
    public List<ParameterSegment> segments() {
        return parameters.segments;
    }

    /** Number of trainable values. */
    public long parameterCount() {
        return parameters.segments.stream().mapToLong(ParameterSegment::length).sum();
    }

    /** Node ids in the order the network computes them. */
    public List<String> order() {
        return layers.stream().map(Layer::id).toList();
    }

    /** Ids of the activation nodes, in computation order. */
    public List<String> activationNodes() {
        return layers.stream().filter(l -> l instanceof ActivationLayer).map(Layer::id).toList();
    }

    /** Copies parameters and normalization statistics from a network compiled from the same spec. */
    public void copyStateFrom(Network other) {
        parameters.values.assign(other.parameters.values);
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof BatchNormLayer norm && other.layers.get(i) instanceof BatchNormLayer source) {
                norm.copyRunningStatistics(source);
            }
        }
    }

    /**
     * The pass for {@code batchSize} rows, made on first use and cached.
     *
     * @param training whether the pass must run backward
     */
    public Pass pass(int batchSize, boolean training) {
        long key = batchSize * 2L + (training ? 1 : 0);
        Pass pass = passes.get(key);
        if (pass == null) {
            // a pass lives across steps: never in a step's workspace
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                pass = bind(batchSize, training);
            }
            passes.put(key, pass);
        }
        return pass;
    }

    private Pass bind(int batchSize, boolean training) {
        List<LayerPass> bound = new ArrayList<>();
        Map<String, LayerPass> byId = new HashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            List<String> in = inputs.get(layer.id());
            List<LayerPass> inputPasses = in.stream().map(byId::get).toList();
            boolean[] accumulate = new boolean[in.size()];
            for (int k = 0; k < in.size(); k++) {
                accumulate[k] = hasLaterConsumer(in.get(k), i);
            }
            LayerPass pass = layer.bind(new Binding(batchSize, dataType, inputPasses, accumulate, training));
            bound.add(pass);
            byId.put(layer.id(), pass);
        }
        return new Pass(batchSize, training, bound, lossLayer, position);
    }

    /** Whether {@code producer} feeds some node computed after position {@code consumerIndex}. */
    private boolean hasLaterConsumer(String producer, int consumerIndex) {
        for (int j = consumerIndex + 1; j < layers.size(); j++) {
            if (inputs.get(layers.get(j).id()).contains(producer)) {
                return true;
            }
        }
        return false;
    }

    /** Raised when a network with problems is compiled; lists every problem. */
    public static final class InvalidNetworkException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final transient List<Problem> problems;

        public InvalidNetworkException(List<Problem> problems) {
            super(problems.stream().map(Problem::message).collect(Collectors.joining("; ")));
            this.problems = List.copyOf(problems);
        }

        /** Every problem found. */
        public List<Problem> problems() {
            return problems;
        }
    }

    @Override
    public String toString() {
        return "Network" + order() + " (" + parameterCount() + " parameters, " + dataType + ")";
    }

    int positionOf(String id) {
        return position.get(id);
    }

    /** Restarts the dropout masks' generator, so the next masks repeat (used by gradient checks). */
    void reseedDropout(long seed) {
        dropoutRandom.setSeed(seed);
    }
}
