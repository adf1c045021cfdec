package dev.descent.engine.train;

import static dev.descent.testing.Specs.activation;
import static dev.descent.testing.Specs.chain;
import static dev.descent.testing.Specs.dense;
import static dev.descent.testing.Specs.input;
import static dev.descent.testing.Specs.loss;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.Generator;
import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.ensemble.StackedNetwork;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.nn.Network;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Choice;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Members trained stacked ({@link MemberGroup}) against the same members trained one by one on the
 * single-network path: every number of every step within 1e-5 relative.
 */
class StackedMembersTest {
    private static final double TOLERANCE = 1e-5;
    private static Dataset train;
    private static Dataset validation;

    @BeforeAll
    static void data() throws Exception {
        Dataset all = Generator.SPIRAL.generate(300, 0.1, 2, 3);
        int[] first = new int[240];
        int[] rest = new int[60];
        for (int i = 0; i < 300; i++) {
            if (i < 240) {
                first[i] = i;
            } else {
                rest[i - 240] = i;
            }
        }
        train = all.subset(first);
        validation = all.subset(rest);
    }

    /** 2-16-16-2, ReLU, softmax cross-entropy: the tiny net of the benchmarks. */
    private static NetworkSpec tiny(String hidden, String lossFunction, int outputs) {
        return chain(input("in"), dense("h1", 16, "he_normal"), activation("a1", hidden), dense("h2", 16, "he_normal"),
                activation("a2", hidden), dense("out", outputs), loss("loss", lossFunction));
    }

    private static RunConfig member(NetworkSpec network, int k, OptimizerType type, double lr, Schedule schedule) {
        return new RunConfig("g #" + k, network, Choice.of(type).with("learningRate", lr), Choice.of(schedule),
                Choice.of(InputNormalizer.STANDARDIZE), "g", k, 0);
    }

    /** Members 1–8: different seeds, learning rates, optimizers, weight decay, clipping and schedules. */
    private static List<RunConfig> members(NetworkSpec network) {
        return List.of(member(network, 1, OptimizerType.SGD, 0.1, Schedule.CONSTANT),
                member(network, 2, OptimizerType.SGD, 0.3, Schedule.COSINE),
                member(network, 3, OptimizerType.MOMENTUM, 0.05, Schedule.CONSTANT),
                member(network, 4, OptimizerType.ADAM, 0.01, Schedule.EXPONENTIAL),
                member(network, 5, OptimizerType.ADAM, 0.02, Schedule.CONSTANT),
                new RunConfig("g #6", network, Choice.of(OptimizerType.SGD).with("learningRate", 0.2)
                        .with("weightDecay", 0.01).with("clipNorm", 0.5), Choice.of(Schedule.CONSTANT),
                        Choice.of(InputNormalizer.STANDARDIZE), "g", 6, 0),
                new RunConfig("g #7", network, Choice.of(OptimizerType.ADAMW).with("learningRate", 0.01)
                        .with("weightDecay", 0.1), Choice.of(Schedule.CONSTANT), Choice.of(InputNormalizer.STANDARDIZE),
                        "g", 7, 0),
                new RunConfig("g #8", network, Choice.of(OptimizerType.ADAMW).with("learningRate", 0.003)
                        .with("weightDecay", 0.01), Choice.of(Schedule.CONSTANT), Choice.of(InputNormalizer.STANDARDIZE),
                        "g", 8, 0));
    }

    private static TrainingConfig steps(int n) {
        // 240 examples in batches of 32: 7 full batches and a short one, so passes of two sizes are used
        return new TrainingConfig(42, 1, 32, 10, n, DataType.FLOAT);
    }

    private static Recorder train(TrainingConfig config, List<RunConfig> runs) throws Exception {
        Recorder recorder = new Recorder();
        try (LockstepComparison comparison = LockstepComparison.create(config, train, validation, runs)) {
            comparison.addListener(recorder);
            comparison.start();
            assertTrue(comparison.await(60, TimeUnit.SECONDS), "training did not finish");
        }
        return recorder;
    }

    /** {@code body} with stacking turned off (the single-network path for every member). */
    private static <T> T alone(Supplier<T> body) {
        System.setProperty(MemberGroups.PROPERTY, "false");
        try {
            return body.get();
        } finally {
            System.clearProperty(MemberGroups.PROPERTY);
        }
    }

    private static Recorder trainAlone(TrainingConfig config, RunConfig run) {
        return alone(() -> {
            try {
                return train(config, List.of(run));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void assertClose(String what, double expected, double actual) {
        double scale = Math.max(Math.abs(expected), Math.abs(actual));
        assertTrue(Math.abs(expected - actual) <= TOLERANCE * scale + 1e-12,
                what + ": alone " + expected + ", stacked " + actual);
    }

    /** Every number of two runs' step events, step by step, within the tolerance. */
    private static void assertSameSteps(List<StepEvent> alone, List<StepEvent> stacked) {
        assertEquals(alone.size(), stacked.size(), "steps");
        for (int s = 0; s < alone.size(); s++) {
            StepEvent a = alone.get(s);
            StepEvent b = stacked.get(s);
            String at = a.run() + " step " + a.step();
            assertEquals(a.step(), b.step());
            assertEquals(a.epoch(), b.epoch(), at);
            assertClose(at + " loss", a.trainLoss(), b.trainLoss());
            assertClose(at + " η", a.learningRate(), b.learningRate());
            for (int i = 0; i < a.layout().parameterNodes().size(); i++) {
                String node = at + " " + a.layout().parameterNodes().get(i);
                assertClose(node + " ‖g‖", a.gradientNorm(i), b.gradientNorm(i));
                assertClose(node + " ‖θ‖", a.weightNorm(i), b.weightNorm(i));
                assertClose(node + " ‖Δθ‖/‖θ‖", a.updateRatio(i), b.updateRatio(i));
            }
            for (int i = 0; i < a.layout().activationNodes().size(); i++) {
                String node = at + " " + a.layout().activationNodes().get(i);
                assertClose(node + " mean", a.activationMean(i), b.activationMean(i));
                assertClose(node + " std", a.activationStd(i), b.activationStd(i));
                assertClose(node + " saturated", a.saturatedFraction(i), b.saturatedFraction(i));
            }
        }
    }

    private static List<StepEvent> stepsOf(Recorder r, String run) {
        return r.steps.stream().filter(e -> e.run().equals(run)).toList();
    }

    @Test
    void everyStackedMemberMatchesTrainingItAlone() throws Exception {
        // given four members of one network with other seeds, learning rates, optimizers and schedules
        NetworkSpec network = tiny("relu", "cross_entropy", 2);
        List<RunConfig> runs = members(network);
        TrainingConfig config = steps(40);
        // when they train stacked, and each alone on the single-network path
        Recorder stacked = train(config, runs);
        List<StatusEvent> ends = stacked.statuses.stream().filter(e -> e.status().isFinal()).toList();
        assertEquals(runs.size(), ends.size());
        assertTrue(ends.stream().allMatch(e -> e.status() == RunStatus.COMPLETED), ends.toString());
        for (RunConfig run : runs) {
            Recorder alone = trainAlone(config, run);
            // then every step's loss, norms, ratios and activation statistics agree within 1e-5 relative
            assertSameSteps(stepsOf(alone, run.name()), stepsOf(stacked, run.name()));
            List<String> aloneEvaluations = alone.lines.stream().filter(l -> l.contains(",eval,")).toList();
            List<String> stackedEvaluations = stacked.linesOf(run.name()).stream().filter(l -> l.contains(",eval,")).toList();
            assertEquals(aloneEvaluations.size(), stackedEvaluations.size(), "evaluations of " + run.name());
            for (int i = 0; i < aloneEvaluations.size(); i++) {
                String[] a = aloneEvaluations.get(i).split(",");
                String[] b = stackedEvaluations.get(i).split(",");
                assertEquals(a[2], b[2]);
                assertClose(run.name() + " validation loss at " + a[2], Double.parseDouble(a[3]), Double.parseDouble(b[3]));
                assertClose(run.name() + " validation accuracy at " + a[2], Double.parseDouble(a[4]), Double.parseDouble(b[4]));
            }
        }
        // and the members really differ from one another (their own seeds and settings)
        assertNotEquals(stepsOf(stacked, "g #1").get(0).trainLoss(), stepsOf(stacked, "g #2").get(0).trainLoss());
    }

    @Test
    void membersWithALayerTooWideForLanesTrainOnBatchedProductsAndMatchTrainingAlone() throws Exception {
        // given members of a net whose hidden product has 40×40 weights (more than the lane pass takes)
        NetworkSpec wide = chain(input("in"), dense("h1", 40, "he_normal"), activation("a1", "relu"),
                dense("h2", 40, "he_normal"), activation("a2", "tanh"), dense("out", 2), loss("loss", "cross_entropy"));
        List<RunConfig> runs = List.of(member(wide, 1, OptimizerType.SGD, 0.1, Schedule.CONSTANT),
                member(wide, 2, OptimizerType.ADAM, 0.01, Schedule.CONSTANT));
        List<Network> networks = new ArrayList<>();
        for (int k = 1; k <= 2; k++) {
            networks.add(Network.create(wide, train.shape(), DataType.FLOAT, k));
        }
        assertEquals("BatchedProductPass", StackedNetwork.of(networks).pass(32).getClass().getSimpleName());
        List<Network> small = List.of(Network.create(tiny("relu", "cross_entropy", 2), train.shape(), DataType.FLOAT, 1));
        assertEquals("MemberLanePass", StackedNetwork.of(small).pass(32).getClass().getSimpleName());
        // and the small one on batches too large for lanes (64 rows x 16 x 16 multiply-adds a product) too
        assertEquals("BatchedProductPass", StackedNetwork.of(small).pass(64).getClass().getSimpleName());
        // when they train stacked, and each alone
        Recorder stacked = train(steps(20), runs);
        // then every step agrees within 1e-5 relative
        for (RunConfig run : runs) {
            assertSameSteps(stepsOf(trainAlone(steps(20), run), run.name()), stepsOf(stacked, run.name()));
        }
    }

    @Test
    void stackedMembersEndWithTheWeightsOfTrainingThemAlone() throws Exception {
        // given two members trained 25 steps stacked and alone, then asked for predictions on the same points
        NetworkSpec network = tiny("tanh", "mse", 1);
        Dataset regression = Generator.SINE.generate(200, 0.05, 0, 3);
        List<RunConfig> runs = List.of(member(network, 1, OptimizerType.SGD, 0.05, Schedule.CONSTANT),
                member(network, 2, OptimizerType.ADAM, 0.005, Schedule.CONSTANT));
        TrainingConfig config = new TrainingConfig(7, 1, 16, 10, 25, DataType.FLOAT);
        float[] points = new float[20];
        for (int i = 0; i < points.length; i++) {
            points[i] = -3 + 0.3f * i;
        }
        double[][] stacked = predictions(config, regression, runs, points);
        for (int k = 0; k < runs.size(); k++) {
            RunConfig run = runs.get(k);
            double[][] alone = alone(() -> {
                try {
                    return predictions(config, regression, List.of(run), points);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // then each member's network computes the same function within 1e-5 relative
            for (int i = 0; i < points.length; i++) {
                assertClose(run.name() + " prediction " + i, alone[0][i], stacked[k][i]);
            }
        }
    }

    private static double[][] predictions(TrainingConfig config, Dataset data, List<RunConfig> runs, float[] points)
            throws Exception {
        int[] trainRows = new int[160];
        int[] validationRows = new int[40];
        for (int i = 0; i < 200; i++) {
            if (i < 160) {
                trainRows[i] = i;
            } else {
                validationRows[i - 160] = i;
            }
        }
        double[][] out = new double[runs.size()][];
        try (LockstepComparison comparison = LockstepComparison.create(config, data.subset(trainRows),
                data.subset(validationRows), runs)) {
            comparison.start();
            assertTrue(comparison.await(60, TimeUnit.SECONDS));
            for (int k = 0; k < runs.size(); k++) {
                CompletableFuture<double[]> result = new CompletableFuture<>();
                comparison.predict(k, points.length, points, result::complete);
                out[k] = result.get(30, TimeUnit.SECONDS);
            }
        }
        return out;
    }

    @Test
    void stackedTrainingGivesByteIdenticalMetricsRunToRun() throws Exception {
        // given the same stacked members trained twice
        List<RunConfig> runs = members(tiny("relu", "cross_entropy", 2));
        List<String> first = new ArrayList<>(train(steps(30), runs).lines);
        List<String> second = new ArrayList<>(train(steps(30), runs).lines);
        // then every number of every step and evaluation is the same, in full precision
        first.sort(null);
        second.sort(null);
        assertEquals(first, second);
    }

    @Test
    void memberZeroAndMembersOfUnsupportedNetworksTrainOnTheSinglePath() throws Exception {
        // given members of a batch-norm network, and member 0 of a stackable one
        NetworkSpec normed = chain(input("in"), dense("h1", 16), new NodeSpec.BatchNorm("bn", 0.1, 1e-5, null),
                activation("a1", "relu"), dense("out", 2), loss("loss", "cross_entropy"));
        NetworkSpec plain = tiny("relu", "cross_entropy", 2);
        List<RunConfig> runs = List.of(member(normed, 1, OptimizerType.SGD, 0.1, Schedule.CONSTANT),
                member(normed, 2, OptimizerType.SGD, 0.2, Schedule.CONSTANT));
        // when the comparison plans its units
        List<RunTrainer> trainers = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            trainers.add(new RunTrainer(i, runs.get(i), steps(5), preparedData(), train.shape(), new RunControl()));
        }
        RunConfig zero = member(plain, 0, OptimizerType.SGD, 0.1, Schedule.CONSTANT);
        RunConfig one = member(plain, 1, OptimizerType.SGD, 0.1, Schedule.CONSTANT);
        List<Steppable> mixed = MemberGroups.plan(List.of(new RunTrainer(0, zero, steps(5), preparedData(), train.shape(),
                new RunControl()), new RunTrainer(1, one, steps(5), preparedData(), train.shape(), new RunControl())), steps(5),
                java.util.Map.of(InputNormalizer.STANDARDIZE.id(), preparedData()));
        // then the batch-norm members train one by one, member 0 alone and member 1 stacked
        List<Steppable> units = MemberGroups.plan(trainers, steps(5), java.util.Map.of());
        assertEquals(2, units.size());
        units.forEach(u -> assertInstanceOf(RunTrainer.class, u));
        assertEquals("node 'bn' is a batch_norm", StackedNetwork.unsupported(normed, DataType.FLOAT));
        assertInstanceOf(RunTrainer.class, mixed.get(0));
        assertInstanceOf(MemberGroup.class, mixed.get(1));
        // and the batch-norm members' results are exactly those of training each alone
        List<String> together = train(steps(30), runs).linesOf("g #2");
        List<String> byItself = trainAlone(steps(30), runs.get(1)).linesOf("g #2");
        assertEquals(byItself, together);
    }

    private static TrainingData preparedData() {
        return TrainingData.prepare(train, validation, InputNormalizer.STANDARDIZE,
                dev.descent.engine.graph.LossFunction.CROSS_ENTROPY, DataType.FLOAT);
    }

    @Test
    void floatSixtyFourAndOtherNodesLossesAndOptimizersAreNotStacked() {
        assertEquals("the stacked path computes in float32",
                StackedNetwork.unsupported(tiny("relu", "cross_entropy", 2), DataType.DOUBLE));
        assertEquals("loss 'loss' is huber", StackedNetwork.unsupported(tiny("relu", "huber", 1), DataType.FLOAT));
        assertEquals("activation 'a1' is softmax", StackedNetwork.unsupported(tiny("softmax", "mse", 1), DataType.FLOAT));
        assertEquals(null, StackedNetwork.unsupported(tiny("gelu", "mse", 1), DataType.FLOAT));
        assertEquals("optimizer rmsprop", StackedNetwork.unsupported(Choice.of(OptimizerType.RMSPROP)));
        assertEquals(null, StackedNetwork.unsupported(Choice.of(OptimizerType.ADAMW)));
    }

    @Test
    void aStackedMemberDivergesWhereItDivergesAlone() throws Exception {
        // given a member with a learning rate far too large beside a sane one
        NetworkSpec network = tiny("relu", "cross_entropy", 2);
        RunConfig wild = member(network, 1, OptimizerType.SGD, 1e4, Schedule.CONSTANT);
        RunConfig sane = member(network, 2, OptimizerType.SGD, 0.1, Schedule.CONSTANT);
        Recorder stacked = train(steps(60), List.of(wild, sane));
        Recorder alone = trainAlone(steps(60), wild);
        // then it diverges at the same step with the same sentence, and the other member completes
        StatusEvent aloneEnd = alone.statuses.get(alone.statuses.size() - 1);
        StatusEvent stackedEnd = stacked.statuses.stream().filter(s -> s.run().equals(wild.name()))
                .reduce((a, b) -> b).orElseThrow();
        assertEquals(RunStatus.DIVERGED, aloneEnd.status());
        assertEquals(aloneEnd.status(), stackedEnd.status());
        assertEquals(aloneEnd.step(), stackedEnd.step());
        assertEquals(aloneEnd.message(), stackedEnd.message());
        StatusEvent saneEnd = stacked.statuses.stream().filter(s -> s.run().equals(sane.name()))
                .reduce((a, b) -> b).orElseThrow();
        assertEquals(RunStatus.COMPLETED, saneEnd.status());
        assertFalse(stepsOf(stacked, sane.name()).isEmpty());
    }
}
