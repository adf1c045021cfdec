package dev.descent.engine.graph;

import static dev.descent.testing.Specs.activation;
import static dev.descent.testing.Specs.chain;
import static dev.descent.testing.Specs.dense;
import static dev.descent.testing.Specs.input;
import static dev.descent.testing.Specs.loss;
import static dev.descent.testing.Specs.mlp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.data.DataShape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per kind of network that cannot train, each asserting what the person is told. */
class GraphValidatorTest {
    private static final DataShape TWO_CLASSES = DataShape.classification(2, 2);

    private static List<String> problems(NetworkSpec network, DataShape data) {
        return GraphValidator.validate(network, data, 32).problems().stream().map(Problem::message).toList();
    }

    private static void assertProblem(List<String> problems, String expected) {
        assertTrue(problems.contains(expected), "expected <" + expected + "> in " + problems);
    }

    private static NetworkSpec withEdges(NetworkSpec network, List<Edge> extra) {
        List<Edge> edges = new ArrayList<>(network.edges());
        edges.addAll(extra);
        return new NetworkSpec(network.nodes(), edges);
    }

    @Test
    void aValidNetworkHasNoProblemsAndInfersEveryWidth() {
        Validation v = GraphValidator.validate(mlp(16, "relu", 2, "cross_entropy"), TWO_CLASSES, 32);
        assertTrue(v.isValid(), v.problems().toString());
        assertEquals(List.of("in", "h1", "a1", "out", "loss"), v.order());
        assertEquals(16, v.widths().get("a1"));
        assertEquals("N × 16", v.edgeShape(new Edge("h1", "a1")));
        assertEquals(2 * 16 + 16 + 16 * 2 + 2, v.parameterCount());
    }

    @Test
    void aCycleNamesItsNodesOnce() {
        NetworkSpec cyclic = withEdges(mlp(16, "relu", 2, "cross_entropy"), List.of(new Edge("a1", "h1")));
        List<Problem> found = GraphValidator.validate(cyclic, TWO_CLASSES, 32).problems();
        Problem cycle = found.stream().filter(p -> p.message().contains("cycle")).findFirst().orElseThrow();
        assertEquals("nodes 'h1' → 'a1' → 'h1' form a cycle; a network must flow one way, from the input to the loss",
                cycle.message());
        assertEquals(List.of("h1", "a1"), cycle.nodeIds());
    }

    @Test
    void anUnconnectedInputIsNamed() {
        NetworkSpec network = new NetworkSpec(mlp(16, "relu", 2, "cross_entropy").nodes(),
                List.of(new Edge("in", "h1"), new Edge("a1", "out"), new Edge("out", "loss")));
        assertProblem(problems(network, TWO_CLASSES), "node 'a1': input is not connected");
    }

    @Test
    void aSecondInputNodeIsRefused() {
        NetworkSpec base = mlp(16, "relu", 2, "cross_entropy");
        List<NodeSpec> nodes = new ArrayList<>(base.nodes());
        nodes.add(input("in2"));
        assertProblem(problems(new NetworkSpec(nodes, base.edges()), TWO_CLASSES),
                "node 'in2': more than one input node ('in', 'in2'); a network has exactly one");
    }

    @Test
    void aMissingLossIsReported() {
        NetworkSpec network = chain(input("in"), dense("h1", 4), activation("a1", "relu"), dense("out", 2));
        assertProblem(problems(network, TWO_CLASSES), "the network has no loss node; add one fed by the network's output");
    }

    @Test
    void addingInputsOfDifferentWidthsNamesBoth() {
        List<NodeSpec> nodes = List.of(input("in"), dense("a", 8), dense("b", 4), new NodeSpec.Add("sum", null),
                dense("out", 2), loss("loss", "cross_entropy"));
        List<Edge> edges = List.of(new Edge("in", "a"), new Edge("in", "b"), new Edge("a", "sum"), new Edge("b", "sum"),
                new Edge("sum", "out"), new Edge("out", "loss"));
        assertProblem(problems(new NetworkSpec(nodes, edges), TWO_CLASSES),
                "node 'sum': cannot add inputs of different widths ('a' is 8, 'b' is 4); all inputs of an add must be equally wide");
    }

    @Test
    void anAddWithOneInputIsReported() {
        NetworkSpec network = chain(input("in"), dense("h", 4), new NodeSpec.Add("sum", null), dense("out", 2),
                loss("loss", "cross_entropy"));
        assertProblem(problems(network, TWO_CLASSES), "node 'sum': add merges two or more inputs but has only one");
    }

    @Test
    void zeroUnitsAreRefused() {
        NetworkSpec network = chain(input("in"), dense("h1", 0), activation("a1", "relu"), dense("out", 2),
                loss("loss", "cross_entropy"));
        assertProblem(problems(network, TWO_CLASSES), "node 'h1': units must be >= 1, got 0");
    }

    @Test
    void aDropoutRateOfOneIsRefused() {
        NetworkSpec network = chain(input("in"), dense("h1", 4), new NodeSpec.Dropout("d", 1.0, null), dense("out", 2),
                loss("loss", "cross_entropy"));
        assertProblem(problems(network, TWO_CLASSES), "node 'd': dropout rate must be in [0, 1), got 1.0");
    }

    @Test
    void aNegativeDropoutRateIsRefused() {
        NetworkSpec network = chain(input("in"), dense("h1", 4), new NodeSpec.Dropout("d", -0.1, null), dense("out", 2),
                loss("loss", "cross_entropy"));
        assertProblem(problems(network, TWO_CLASSES), "node 'd': dropout rate must be in [0, 1), got -0.1");
    }

    @Test
    void anInputThatNeverReachesTheLossIsReported() {
        // in → stray, while h1 → a1 → out → loss has no input at all
        List<NodeSpec> nodes = new ArrayList<>(mlp(16, "relu", 2, "cross_entropy").nodes());
        nodes.add(dense("stray", 4));
        NetworkSpec network = new NetworkSpec(nodes, List.of(new Edge("in", "stray"), new Edge("h1", "a1"),
                new Edge("a1", "out"), new Edge("out", "loss")));
        List<String> found = problems(network, TWO_CLASSES);
        assertProblem(found, "node 'in': the input does not lead to the loss");
        assertProblem(found, "node 'stray': its output is unused: nothing connects it to the loss");
        assertProblem(found, "node 'h1': input is not connected");
    }

    @Test
    void aNetworkTooLargeForMemoryIsRefusedBeforeAllocating() {
        NetworkSpec huge = chain(input("in"), dense("h1", 2_000_000_000), activation("a1", "relu"), dense("out", 2),
                loss("loss", "cross_entropy"));
        List<String> found = problems(huge, DataShape.classification(784, 2));
        assertTrue(found.stream().anyMatch(p -> p.startsWith("node 'h1': the network is too large to train:")
                && p.contains("more than the") && p.endsWith("reduce units or the input size")), found.toString());
    }

    @Test
    void crossEntropyOnRegressionDataIsRefused() {
        assertProblem(problems(mlp(8, "tanh", 1, "cross_entropy"), DataShape.regression(1, 1)),
                "node 'loss': cross_entropy needs class labels but the data is regression; use mse, mae or huber");
    }

    @Test
    void binaryCrossEntropyNeedsTwoClasses() {
        assertProblem(problems(mlp(8, "tanh", 1, "binary_cross_entropy"), DataShape.classification(2, 3)),
                "node 'loss': binary_cross_entropy needs exactly 2 classes but the data has 3; use cross_entropy");
    }

    @Test
    void theOutputWidthMustMatchTheClasses() {
        assertProblem(problems(mlp(8, "tanh", 3, "cross_entropy"), TWO_CLASSES),
                "node 'loss': cross_entropy needs 2 outputs, one per class but receives 3");
    }

    @Test
    void aSoftmaxBeforeCrossEntropyIsCaught() {
        NetworkSpec network = chain(input("in"), dense("h1", 4), activation("a1", "relu"), dense("out", 2),
                activation("sm", "softmax"), loss("loss", "cross_entropy"));
        assertProblem(problems(network, TWO_CLASSES), "node 'sm': cross_entropy applies softmax itself, so this softmax"
                + " would be applied twice; remove it and connect its input to the loss");
    }

    @Test
    void aBranchThatNeverReachesTheLossIsReported() {
        NetworkSpec base = mlp(16, "relu", 2, "cross_entropy");
        List<NodeSpec> nodes = new ArrayList<>(base.nodes());
        nodes.add(dense("stray", 4));
        assertProblem(problems(withEdges(new NetworkSpec(nodes, base.edges()), List.of(new Edge("a1", "stray"))),
                TWO_CLASSES), "node 'stray': its output is unused: nothing connects it to the loss");
    }

    @Test
    void duplicateIdsAndDanglingEdgesAreReported() {
        NetworkSpec base = mlp(16, "relu", 2, "cross_entropy");
        List<NodeSpec> nodes = new ArrayList<>(base.nodes());
        nodes.add(dense("h1", 3));
        List<String> found = problems(withEdges(new NetworkSpec(nodes, base.edges()), List.of(new Edge("out", "ghost"))),
                TWO_CLASSES);
        assertProblem(found, "node 'h1': the id is used by 2 nodes; ids must be unique");
        assertProblem(found, "edge out → ghost: there is no node 'ghost'");
    }

    @Test
    void aNodeWithTwoInputsThatIsNotAnAddIsRefused() {
        NetworkSpec network = withEdges(chain(input("in"), dense("a", 4), dense("b", 4), dense("out", 2),
                loss("loss", "cross_entropy")), List.of(new Edge("a", "out")));
        assertProblem(problems(network, TWO_CLASSES), "node 'out': has 2 inputs ('b', 'a'); only an add node merges several");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        NetworkSpec network = chain(input("in"), dense("h1", 0), new NodeSpec.Dropout("d", 2, null), dense("out", 5),
                loss("loss", "cross_entropy"));
        List<String> found = problems(network, TWO_CLASSES);
        assertTrue(found.size() >= 3, found.toString());
    }
}
