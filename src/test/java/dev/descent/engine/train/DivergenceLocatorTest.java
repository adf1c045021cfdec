package dev.descent.engine.train;

import static dev.descent.testing.Specs.activation;
import static dev.descent.testing.Specs.chain;
import static dev.descent.testing.Specs.dense;
import static dev.descent.testing.Specs.input;
import static dev.descent.testing.Specs.loss;
import static dev.descent.testing.Specs.mlp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.Generator;
import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.graph.Initializer;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Choice;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** A diverging run is stopped where it started to go wrong, and says so; the others go on. */
class DivergenceLocatorTest {
    private static Dataset data;

    @BeforeAll
    static void data() throws Exception {
        data = Generator.SPIRAL.generate(256, 0.1, 2, 3);
    }

    private static NodeSpec huge(String id, double std) {
        return new NodeSpec.Dense(id, 16, Choice.of(Initializer.NORMAL).with("std", std), true, null);
    }

    private static NetworkSpec threeLayers(NodeSpec middle) {
        return chain(input("in"), dense("h1", 16), activation("a1", "relu"), middle, activation("a2", "relu"),
                dense("out", 2), loss("loss", "cross_entropy"));
    }

    private static RunConfig run(String name, NetworkSpec network, double lr) {
        return new RunConfig(name, network, Choice.of(OptimizerType.SGD).with("learningRate", lr),
                Choice.of(Schedule.CONSTANT), Choice.of(InputNormalizer.STANDARDIZE));
    }

    private static LockstepComparison trained(List<RunConfig> runs, int steps) throws Exception {
        LockstepComparison c = LockstepComparison.create(new TrainingConfig(5, 1, 32, 50, steps, DataType.FLOAT),
                data, data.subset(new int[0]), runs);
        c.start();
        assertTrue(c.await(60, TimeUnit.SECONDS), "training did not finish");
        return c;
    }

    @Test
    void aHugeInitInOneNamedLayerDivergesThereAndTheOtherRunGoesOn() throws Exception {
        // given a run whose middle layer h2 starts with weights of standard deviation 10⁵ (the others: xavier)
        try (LockstepComparison c = trained(List.of(run("huge", threeLayers(huge("h2", 1e5)), 0.1),
                run("calm", threeLayers(dense("h2", 16)), 0.1)), 200)) {
            // then that run stops as diverged, at h2, whose output is where the values blew up first
            assertEquals(RunStatus.DIVERGED, c.status(0));
            Divergence where = c.divergence(0);
            assertEquals("h2", where.node());
            assertEquals(Divergence.Quantity.ACTIVATION, where.quantity());
            assertEquals(c.summaries().get(0).divergedAtStep(), where.step());
            assertTrue(c.summaries().get(0).message().contains("The output of h2 became"), c.summaries().get(0).message());
            assertTrue(where.sentence().endsWith("normalize the inputs, use a smaller init or lower the learning rate."));
            // and the other run completes, with nothing to explain
            assertEquals(RunStatus.COMPLETED, c.status(1));
            assertNull(c.divergence(1));
        }
    }

    @Test
    void weightsThatStartAbsurdAreBlamedOnTheirInitializer() throws Exception {
        // given h2 initialized with a standard deviation of 10²¹: its norm overflows float32 before any step
        try (LockstepComparison c = trained(List.of(run("absurd", threeLayers(huge("h2", 1e21)), 0.1)), 50)) {
            Divergence where = c.divergence(0);
            assertEquals(new Divergence(1, "h2", Divergence.Quantity.WEIGHTS, Double.POSITIVE_INFINITY, true), where);
            assertEquals("The initial weights of h2 are infinite (norm infinite): use a smaller init for h2 (xavier or he"
                    + " scale by the layer's size).", where.sentence());
        }
    }

    @Test
    void aHugeLearningRateIsBlamedOnTheUpdateOfTheWeights() throws Exception {
        try (LockstepComparison c = trained(List.of(run("wild", mlp(16, "relu", 2, "cross_entropy"), 1e25)), 50)) {
            Divergence where = c.divergence(0);
            assertEquals(Divergence.Quantity.WEIGHTS, where.quantity());
            assertTrue(!where.initial());
            assertTrue(List.of("h1", "out").contains(where.node()), where.node());
            assertTrue(where.sentence().contains("lower the learning rate or clip gradients"), where.sentence());
        }
    }
}
