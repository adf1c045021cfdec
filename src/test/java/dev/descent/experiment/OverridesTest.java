package dev.descent.experiment;

import static dev.descent.testing.Specs.activation;
import static dev.descent.testing.Specs.dense;
import static dev.descent.testing.Specs.input;
import static dev.descent.testing.Specs.loss;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.data.DataShape;
import dev.descent.engine.data.Generator;
import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.graph.ActivationFunction;
import dev.descent.engine.graph.Edge;
import dev.descent.engine.graph.Initializer;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.Position;
import dev.descent.engine.nn.Network;
import dev.descent.engine.nn.ParameterSegment;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.train.RunConfig;
import dev.descent.engine.vocab.Choice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** A run's overrides change exactly the nodes {@link Overrides#apply} documents, and nothing else. */
class OverridesTest {
    private static final RunSpec PLAIN = RunSpec.of("plain", Choice.of(OptimizerType.SGD));

    /** in → h1 → a1 (tanh) → bn → h2 → a2 (tanh) → out → sq (sigmoid) → loss (mse). */
    private static NetworkSpec network() {
        List<NodeSpec> nodes = List.of(input("in"), dense("h1", 6, "he_normal"), activation("a1", "tanh"),
                new NodeSpec.BatchNorm("bn", 0.2, 1e-3, new Position(10, 20)), dense("h2", 5, "he_normal"),
                activation("a2", "tanh"), dense("out", 2, "xavier_uniform"), activation("sq", "sigmoid"),
                loss("loss", "mse"));
        List<Edge> edges = new ArrayList<>();
        for (int i = 1; i < nodes.size(); i++) {
            edges.add(new Edge(nodes.get(i - 1).id(), nodes.get(i).id()));
        }
        return new NetworkSpec(nodes, edges);
    }

    private static Map<String, NodeSpec> byId(NetworkSpec network) {
        return network.nodes().stream().collect(Collectors.toMap(NodeSpec::id, Function.identity()));
    }

    /** Ids of the nodes that differ between the two networks (present in both). */
    private static List<String> changed(NetworkSpec before, NetworkSpec after) {
        Map<String, NodeSpec> old = byId(before);
        return after.nodes().stream().filter(n -> !n.equals(old.get(n.id()))).map(NodeSpec::id).toList();
    }

    @Test
    void aRunWithoutOverridesTrainsTheSharedNetworkUnchanged() {
        assertEquals(network(), Overrides.apply(network(), PLAIN));
    }

    @Test
    void anInitOverrideReplacesTheInitializerOfEveryDenseNodeAndNothingElse() {
        // given
        Choice<Initializer> small = Choice.of(Initializer.NORMAL).with("std", 0.01);
        // when
        NetworkSpec result = Overrides.apply(network(), PLAIN.withInit(small));
        // then
        assertEquals(List.of("h1", "h2", "out"), changed(network(), result));
        for (NodeSpec.Dense d : result.nodesOf(NodeSpec.Dense.class)) {
            assertEquals(small, d.init(), d.id());
        }
        assertEquals(network().edges(), result.edges());
    }

    @Test
    void anActivationOverrideSkipsTheActivationThatFeedsTheLoss() {
        // when every activation is to become ReLU
        NetworkSpec result = Overrides.apply(network(), PLAIN.withActivation(Choice.of(ActivationFunction.RELU)));
        // then the hidden ones change and the output sigmoid before the loss stays
        assertEquals(List.of("a1", "a2"), changed(network(), result));
        Map<String, NodeSpec> nodes = byId(result);
        assertEquals(ActivationFunction.RELU, ((NodeSpec.Activation) nodes.get("a1")).function().term());
        assertEquals(ActivationFunction.RELU, ((NodeSpec.Activation) nodes.get("a2")).function().term());
        assertEquals(ActivationFunction.SIGMOID, ((NodeSpec.Activation) nodes.get("sq")).function().term());
    }

    @Test
    void aLayerNormOverrideReplacesTheBatchNormInPlace() {
        NetworkSpec result = Overrides.apply(network(), PLAIN.withNormalization(NormalizationOverride.LAYER_NORM));
        assertEquals(List.of("bn"), changed(network(), result));
        assertEquals(new NodeSpec.LayerNorm("bn", new Position(10, 20)), byId(result).get("bn"));
        assertEquals(network().edges(), result.edges());
    }

    @Test
    void aBatchNormOverrideKeepsAnExistingBatchNormWithItsSettings() {
        NetworkSpec result = Overrides.apply(network(), PLAIN.withNormalization(NormalizationOverride.BATCH_NORM));
        assertEquals(network(), result);
    }

    @Test
    void aNoNormalizationOverrideRemovesTheNodeAndConnectsItsInputToItsOutput() {
        NetworkSpec result = Overrides.apply(network(), PLAIN.withNormalization(NormalizationOverride.NONE));
        List<NodeSpec> expectedNodes = new ArrayList<>(network().nodes());
        expectedNodes.removeIf(n -> n.id().equals("bn"));
        assertEquals(expectedNodes, result.nodes());
        assertTrue(result.edges().contains(new Edge("a1", "h2")), result.edges().toString());
        assertFalse(result.edges().stream().anyMatch(e -> e.from().equals("bn") || e.to().equals("bn")));
        assertEquals(network().edges().size() - 1, result.edges().size());
    }

    @Test
    void runsWithoutOverridesStartFromBitIdenticalWeightsBesideARunWithOverrides() {
        // given an experiment whose middle run overrides the initializer
        List<RunSpec> runs = List.of(RunSpec.of("A", Choice.of(OptimizerType.SGD)),
                RunSpec.of("small", Choice.of(OptimizerType.SGD)).withInit(Choice.of(Initializer.NORMAL).with("std", 0.01)),
                RunSpec.of("B", Choice.of(OptimizerType.ADAM)));
        Experiment experiment = new Experiment(Experiment.FORMAT, "overrides", 5,
                new DatasetSpec.Generated(Generator.byId("moons").orElseThrow(), 100, 0.1, 2, 0.2),
                Choice.of(InputNormalizer.STANDARDIZE), network(), new TrainingSpec(1, 16, 10), runs, null);
        // when each run's network is built as the trainer builds it
        List<RunConfig> configs = PreparedExperiment.runConfigs(experiment);
        DataShape shape = DataShape.classification(2, 2);
        List<Network> networks = configs.stream()
                .map(c -> Network.create(c.network(), shape, DataType.FLOAT, experiment.seed())).toList();
        // then the two runs without overrides start from the same bits
        float[] a = networks.get(0).parameters().toFloatVector();
        float[] b = networks.get(2).parameters().toFloatVector();
        assertArrayEquals(bits(a), bits(b));
        // and the overridden run differs in every dense node's weights but keeps the batch norm's γ and β
        float[] small = networks.get(1).parameters().toFloatVector();
        for (ParameterSegment segment : networks.get(0).segments()) {
            boolean dense = segment.nodeId().startsWith("h") || segment.nodeId().equals("out");
            float[] ours = Arrays.copyOfRange(a, (int) segment.offset(), (int) (segment.offset() + segment.length()));
            float[] theirs = Arrays.copyOfRange(small, (int) segment.offset(), (int) (segment.offset() + segment.length()));
            assertEquals(!dense, Arrays.equals(bits(ours), bits(theirs)), segment.nodeId());
        }
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
