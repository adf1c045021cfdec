package dev.descent.engine.train;

import static dev.descent.testing.Specs.activation;
import static dev.descent.testing.Specs.chain;
import static dev.descent.testing.Specs.dense;
import static dev.descent.testing.Specs.input;
import static dev.descent.testing.Specs.loss;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Choice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The columns of metrics.csv that show inside the network, against values worked out by hand for one
 * SGD step of a network small enough to follow on paper.
 */
class InsideColumnsTest {
    @TempDir
    Path dir;

    /**
     * in(1) → h1: dense(2, every weight 0.5, bias 0) → a1: ReLU → out: dense(1, 0.5, bias 0) → MSE, on
     * x = (1, −1), y = (1.5, 0), one full-batch SGD step with η = 0.1.
     */
    private static RunConfig paperNetwork(String name) {
        NetworkSpec spec = chain(input("in"), dense("h1", 2, "constant"), activation("a1", "relu"),
                dense("out", 1, "constant"), loss("loss", "mse"));
        spec = new NetworkSpec(spec.nodes().stream().map(n -> n instanceof dev.descent.engine.graph.NodeSpec.Dense d
                ? new dev.descent.engine.graph.NodeSpec.Dense(d.id(), d.units(), d.init().with("value", 0.5), true, null)
                : n).toList(), spec.edges());
        return new RunConfig(name, spec, Choice.of(OptimizerType.SGD).with("learningRate", 0.1),
                Choice.of(Schedule.CONSTANT), Choice.of(InputNormalizer.NONE));
    }

    private static String[] trainOneStep(Path target, List<RunConfig> runs) throws Exception {
        Dataset data = Dataset.regression("paper", 1, new float[] {1, -1}, 1, new float[] {1.5f, 0}, List.of("x"));
        MetricsCsv metrics = MetricsCsv.of(target, runs);
        try (LockstepComparison comparison = LockstepComparison.create(new TrainingConfig(3, 1, 2, 10, 1,
                DataType.DOUBLE), data, data, runs)) {
            for (int i = 0; i < runs.size(); i++) {
                comparison.addListener(i, metrics.listener(i));
            }
            comparison.start();
            assertTrue(comparison.await(60, TimeUnit.SECONDS), "training did not finish");
        }
        metrics.finish();
        return Files.readAllLines(target).toArray(String[]::new);
    }

    @Test
    void oneSgdStepWritesTheNormsRatiosAndActivationStatisticsWorkedOutByHand() throws Exception {
        String[] lines = trainOneStep(dir.resolve("metrics.csv"), List.of(paperNetwork("paper")));

        assertEquals("run,member,step,epoch,train_loss,val_loss,val_accuracy,learning_rate,grad_norm:h1,grad_norm:out,"
                + "weight_norm:h1,weight_norm:out,update_ratio:h1,update_ratio:out,act_mean:a1,act_std:a1,saturated:a1",
                lines[0]);
        List<String> row = Arrays.asList(lines[1].split(",", -1));
        // forward: z = (0.5, 0.5) for x = 1 and (−0.5, −0.5) for x = −1; a = ReLU(z); ŷ = (0.5, 0);
        // L = ((0.5 − 1.5)² + 0²) / 2 = 0.5
        assertEquals(0.5, value(row, 4), 1e-12);
        // backward: ∂L/∂ŷ = (−1, 0); out: ∂W = (−0.5, −0.5), ∂b = −1 → ‖g‖ = √1.5;
        // h1: ∂z = (−0.5, −0.5) for x = 1 only → ∂W = (−0.5, −0.5), ∂b = (−0.5, −0.5) → ‖g‖ = 1
        assertEquals(1.0, value(row, 8), 1e-12);
        assertEquals(Math.sqrt(1.5), value(row, 9), 1e-12);
        // after θ ← θ − 0.1·g: h1 = (0.55, 0.55 | 0.05, 0.05), out = (0.55, 0.55 | 0.1)
        assertEquals(Math.sqrt(2 * 0.55 * 0.55 + 2 * 0.05 * 0.05), value(row, 10), 1e-12);
        assertEquals(Math.sqrt(2 * 0.55 * 0.55 + 0.1 * 0.1), value(row, 11), 1e-12);
        // ‖Δθ‖/‖θ‖ with ‖Δθ‖ = 0.1·‖g‖
        assertEquals(0.1 / Math.sqrt(0.61), value(row, 12), 1e-12);
        assertEquals(0.1 * Math.sqrt(1.5) / Math.sqrt(0.615), value(row, 13), 1e-12);
        // a1's outputs (0.5, 0.5, 0, 0): mean 0.25, σ = √(0.125 − 0.0625) = 0.25, dead (z ≤ 0) 2 of 4
        assertEquals(0.25, value(row, 14), 1e-12);
        assertEquals(0.25, value(row, 15), 1e-12);
        assertEquals(0.5, value(row, 16), 1e-12);
        assertEquals(17, row.size()); // run, member, 6 step columns, 9 of the nodes
    }

    @Test
    void aRunWithoutANodeLeavesItsColumnsEmpty() throws Exception {
        // given a second run whose network has no activation node and no hidden layer
        NetworkSpec linear = chain(input("in"), dense("out", 1, "zeros"), loss("loss", "mse"));
        RunConfig plain = new RunConfig("linear", linear, Choice.of(OptimizerType.SGD).with("learningRate", 0.1),
                Choice.of(Schedule.CONSTANT), Choice.of(InputNormalizer.NONE));

        String[] lines = trainOneStep(dir.resolve("metrics.csv"), List.of(paperNetwork("paper"), plain));

        List<String> row = Arrays.asList(lines[2].split(",", -1));
        assertEquals("linear", row.get(0));
        assertEquals(17, row.size()); // run, member, 6 step columns, 9 of the nodes
        // h1's grad, weight and ratio columns and a1's three columns are empty; out's are there
        for (int column : new int[] {8, 10, 12, 14, 15, 16}) {
            assertEquals("", row.get(column), "column " + column + " of " + lines[2]);
        }
        // ŷ = 0: ∂L/∂W = (2·(0 − 1.5)·1 + 0)/2 = −1.5, ∂L/∂b = −1.5 → θ = (0.15 | 0.15), ratio 1
        assertEquals(Math.sqrt(2 * 0.15 * 0.15), value(row, 11), 1e-12);
        assertEquals(1.0, value(row, 13), 1e-12);
    }

    private static double value(List<String> row, int column) {
        return Double.parseDouble(row.get(column));
    }
}
