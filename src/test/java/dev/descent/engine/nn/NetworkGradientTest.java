package dev.descent.engine.nn;

import static dev.descent.testing.Specs.activation;
import static dev.descent.testing.Specs.chain;
import static dev.descent.testing.Specs.dense;
import static dev.descent.testing.Specs.input;
import static dev.descent.testing.Specs.loss;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.data.DataShape;
import dev.descent.engine.graph.ActivationFunction;
import dev.descent.engine.graph.Edge;
import dev.descent.engine.graph.LossFunction;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Backpropagation against central finite differences, in double precision, for every node type,
 * activation and loss: ∂L/∂θᵢ ≈ (L(θ + h·eᵢ) − L(θ − h·eᵢ)) / 2h for every parameter θᵢ.
 */
class NetworkGradientTest {
    private static final int BATCH = 6;
    private static final double H = 1e-6;
    private static final double RELATIVE_TOLERANCE = 1e-5;
    private static final double ABSOLUTE_TOLERANCE = 1e-7;

    @ParameterizedTest
    @EnumSource(ActivationFunction.class)
    void everyActivationBackpropagatesLikeFiniteDifferences(ActivationFunction function) {
        // given a small MLP with this activation; softmax cannot precede cross-entropy, so it gets MSE
        String lossName = function == ActivationFunction.SOFTMAX ? "mse" : "cross_entropy";
        NetworkSpec spec = chain(input("in"), dense("h1", 5), activation("a1", function.id()), dense("out", 3),
                loss("loss", lossName));
        // then
        assertGradientsMatch(spec, DataShape.classification(4, 3));
    }

    @ParameterizedTest
    @EnumSource(LossFunction.class)
    void everyLossBackpropagatesLikeFiniteDifferences(LossFunction function) {
        DataShape data = switch (function) {
            case CROSS_ENTROPY -> DataShape.classification(4, 3);
            case BINARY_CROSS_ENTROPY -> DataShape.classification(4, 2);
            default -> DataShape.regression(4, 2);
        };
        int outputs = function.requiredWidth(data);
        NetworkSpec spec = chain(input("in"), dense("h1", 5), activation("a1", "tanh"), dense("out", outputs),
                loss("loss", function.id()));
        assertGradientsMatch(spec, data);
    }

    @Test
    void batchNormInTrainingModeBackpropagatesThroughBatchStatistics() {
        NetworkSpec spec = chain(input("in"), dense("h1", 5), new NodeSpec.BatchNorm("bn", 0.1, 1e-5, null),
                activation("a1", "tanh"), dense("out", 3), loss("loss", "cross_entropy"));
        assertGradientsMatch(spec, DataShape.classification(4, 3));
    }

    @Test
    void layerNormBackpropagatesThroughRowStatistics() {
        NetworkSpec spec = chain(input("in"), dense("h1", 5), new NodeSpec.LayerNorm("ln", null),
                activation("a1", "tanh"), dense("out", 3), loss("loss", "cross_entropy"));
        assertGradientsMatch(spec, DataShape.classification(4, 3));
    }

    @Test
    void dropoutBackpropagatesThroughItsMask() {
        NetworkSpec spec = chain(input("in"), dense("h1", 8), activation("a1", "tanh"),
                new NodeSpec.Dropout("drop", 0.4, null), dense("out", 3), loss("loss", "cross_entropy"));
        assertGradientsMatch(spec, DataShape.classification(4, 3));
    }

    @Test
    void denseWithoutBiasBackpropagates() {
        NetworkSpec spec = chain(input("in"), new NodeSpec.Dense("h1", 5,
                        dev.descent.engine.vocab.Choice.of(dev.descent.engine.graph.Initializer.HE_NORMAL), false, null),
                activation("a1", "tanh"), dense("out", 3), loss("loss", "cross_entropy"));
        assertGradientsMatch(spec, DataShape.classification(4, 3));
    }

    @Test
    void residualAddSumsTheGradientsOfBothBranches() {
        // in → h1 → a1 ─┬→ h2 → a2 → add → out → loss
        //               └────────────↗
        List<NodeSpec> nodes = List.of(input("in"), dense("h1", 5), activation("a1", "tanh"), dense("h2", 5),
                activation("a2", "tanh"), new NodeSpec.Add("add", null), dense("out", 3), loss("loss", "cross_entropy"));
        List<Edge> edges = List.of(new Edge("in", "h1"), new Edge("h1", "a1"), new Edge("a1", "h2"),
                new Edge("h2", "a2"), new Edge("a2", "add"), new Edge("a1", "add"), new Edge("add", "out"),
                new Edge("out", "loss"));
        assertGradientsMatch(new NetworkSpec(nodes, edges), DataShape.classification(4, 3));
    }

    @Test
    void layerNormOnAResidualBranchAddsItsGradientToTheSharedInput() {
        // in → h1 → a1 ─┬→ ln → add → out → loss: add writes a1's gradient first, ln adds to it
        //               └──────↗
        List<NodeSpec> nodes = List.of(input("in"), dense("h1", 5), activation("a1", "tanh"),
                new NodeSpec.LayerNorm("ln", null), new NodeSpec.Add("add", null), dense("out", 3),
                loss("loss", "cross_entropy"));
        List<Edge> edges = List.of(new Edge("in", "h1"), new Edge("h1", "a1"), new Edge("a1", "ln"),
                new Edge("ln", "add"), new Edge("a1", "add"), new Edge("add", "out"), new Edge("out", "loss"));
        assertGradientsMatch(new NetworkSpec(nodes, edges), DataShape.classification(4, 3));
    }

    @Test
    void layerNormRightAfterTheInputBackpropagatesToItsParameters() {
        NetworkSpec spec = chain(input("in"), new NodeSpec.LayerNorm("ln", null), dense("out", 3),
                loss("loss", "cross_entropy"));
        assertGradientsMatch(spec, DataShape.classification(4, 3));
    }

    /** Compares every parameter's backpropagated gradient with its central difference. */
    static void assertGradientsMatch(NetworkSpec spec, DataShape data) {
        Network network = Network.create(spec, data, DataType.DOUBLE, 7);
        Pass pass = network.pass(BATCH, true);
        fill(pass, data, new Random(11));
        network.reseedDropout(3);
        pass.forward(true);
        pass.backward();
        INDArray analytic = network.gradients().dup();
        INDArray theta = network.parameters();
        List<String> failures = new ArrayList<>();
        for (long i = 0; i < theta.length(); i++) {
            double original = theta.getDouble(0, i);
            theta.putScalar(0, i, original + H);
            network.reseedDropout(3);
            double plus = pass.forward(true);
            theta.putScalar(0, i, original - H);
            network.reseedDropout(3);
            double minus = pass.forward(true);
            theta.putScalar(0, i, original);
            double numeric = (plus - minus) / (2 * H);
            double a = analytic.getDouble(0, i);
            double error = Math.abs(a - numeric);
            if (error > ABSOLUTE_TOLERANCE && error / Math.max(Math.abs(a), Math.abs(numeric)) > RELATIVE_TOLERANCE) {
                failures.add("θ[" + i + "] analytic " + a + " numeric " + numeric);
            }
        }
        assertTrue(failures.isEmpty(), spec.nodes().stream().map(NodeSpec::id).toList() + ": " + failures);
    }

    /** Random features and valid labels (one-hot classes, 0/1 for binary, reals for regression). */
    static void fill(Pass pass, DataShape data, Random random) {
        INDArray x = pass.features();
        for (int r = 0; r < x.rows(); r++) {
            for (int c = 0; c < x.columns(); c++) {
                x.putScalar(r, c, random.nextGaussian());
            }
        }
        INDArray y = pass.labels();
        y.assign(0);
        for (int r = 0; r < y.rows(); r++) {
            if (!data.isClassification()) {
                for (int c = 0; c < y.columns(); c++) {
                    y.putScalar(r, c, random.nextGaussian());
                }
            } else if (y.columns() == 1) {
                y.putScalar(r, 0, random.nextInt(2));
            } else {
                y.putScalar(r, random.nextInt(y.columns()), 1.0);
            }
        }
    }
}
