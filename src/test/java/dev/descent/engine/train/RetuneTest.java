package dev.descent.engine.train;

import static dev.descent.testing.Specs.chain;
import static dev.descent.testing.Specs.dense;
import static dev.descent.testing.Specs.input;
import static dev.descent.testing.Specs.loss;
import static dev.descent.testing.Specs.mlp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.Generator;
import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Choice;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** Hyperparameters changed while a run trains apply from its next step, and the optimizer keeps its state. */
class RetuneTest {
    private static final float[] X = {1, 2, 3, 4};
    private static final float[] Y = {2, 3, 5, 7};

    private static Dataset line() {
        return Dataset.regression("line", 1, X, 1, Y, List.of("x"));
    }

    private static RunConfig sgd(double lr) {
        return new RunConfig("sgd", chain(input("in"), dense("out", 1), loss("loss", "mse")),
                Choice.of(OptimizerType.SGD).with("learningRate", lr), Choice.of(Schedule.CONSTANT),
                Choice.of(InputNormalizer.NONE));
    }

    private static void awaitSteps(Recorder r, String run, int steps) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (r.steps.stream().filter(e -> e.run().equals(run)).count() < steps) {
            assertTrue(System.nanoTime() < deadline, "the run did not take " + steps + " steps");
            Thread.sleep(2);
        }
    }

    /** (w, b) of the one-unit linear network, read through its predictions at x = 0 and x = 1. */
    private static double[] weights(LockstepComparison c) throws Exception {
        CompletableFuture<double[]> p = new CompletableFuture<>();
        c.predict(0, 2, new float[]{0, 1}, p::complete);
        double[] at = p.get(30, TimeUnit.SECONDS);
        return new double[]{at[1] - at[0], at[0]};
    }

    @Test
    void theStepAfterALearningRateChangeUsesTheNewRate() throws Exception {
        // given a paused SGD run on y ≈ w·x + b (MSE, the whole set in every batch) after three steps at η = 0.01
        Dataset data = line();
        Recorder r = new Recorder();
        try (LockstepComparison c = LockstepComparison.create(new TrainingConfig(3, 1, 4, 100, 10, DataType.DOUBLE),
                data, data.subset(new int[0]), List.of(sgd(0.01)))) {
            c.addListener(r);
            c.pause();
            c.start();
            c.step();
            c.step();
            c.step();
            awaitSteps(r, "sgd", 3);
            double[] before = weights(c);
            // when the learning rate becomes 0.05 and the run takes one more step
            c.retune(0, Choice.of(OptimizerType.SGD).with("learningRate", 0.05), Choice.of(Schedule.CONSTANT));
            c.step();
            awaitSteps(r, "sgd", 4);
            double[] after = weights(c);
            // then that step is θ ← θ − 0.05·∂L/∂θ, with L = (1/4)·Σ (w·xᵢ + b − yᵢ)²
            double gw = 0;
            double gb = 0;
            for (int i = 0; i < X.length; i++) {
                double residual = before[0] * X[i] + before[1] - Y[i];
                gw += 2 * residual * X[i] / X.length;
                gb += 2 * residual / X.length;
            }
            assertEquals(before[0] - 0.05 * gw, after[0], 1e-12);
            assertEquals(before[1] - 0.05 * gb, after[1], 1e-12);
            assertTrue(Math.abs(0.04 * gw) > 1e-3, "the old rate would have given another step");
            // and the metrics say which rate each step used, and from which step the new one applies
            assertEquals(List.of(0.01, 0.01, 0.01, 0.05), r.steps.stream().map(StepEvent::learningRate).toList());
            List<RetuneEvent> retunes = c.history(0).retunes();
            assertEquals(1, retunes.size());
            assertEquals(4, retunes.get(0).fromStep());
            assertEquals(0.05, c.history(0).learningRate().latest(), 0.0);
            assertEquals(RunStatus.PAUSED, c.status(0));
        }
    }

    /** Weights (w, b) of member {@code m} of the one-unit linear network, as {@link #weights} reads them. */
    private static double[] weights(LockstepComparison c, int m) throws Exception {
        CompletableFuture<double[]> p = new CompletableFuture<>();
        c.predict(m, 2, new float[]{0, 1}, p::complete);
        double[] at = p.get(30, TimeUnit.SECONDS);
        return new double[]{at[1] - at[0], at[0]};
    }

    @Test
    void retuningEveryMemberOfASeededRunChangesTheStackedMembersToo() throws Exception {
        // given three seeds of one SGD run (members 1 and 2 train stacked: float32, dense, MSE, SGD), paused after three steps
        Dataset data = line();
        RunConfig base = sgd(0.01);
        List<RunConfig> members = new java.util.ArrayList<>();
        for (int k = 0; k < 3; k++) {
            members.add(new RunConfig("sgd #" + k, base.network(), base.optimizer(), base.schedule(), base.normalizer(),
                    "sgd", k, 0));
        }
        Recorder r = new Recorder();
        try (LockstepComparison c = LockstepComparison.create(new TrainingConfig(3, 1, 4, 100, 10, DataType.FLOAT),
                data, data.subset(new int[0]), members)) {
            c.addListener(r);
            c.pause();
            c.start();
            for (int i = 0; i < 3; i++) {
                c.step();
            }
            for (int k = 0; k < 3; k++) {
                awaitSteps(r, "sgd #" + k, 3);
            }
            double[][] before = {weights(c, 0), weights(c, 1), weights(c, 2)};
            // when every member's learning rate becomes 0.05 and each takes one more step
            for (int k = 0; k < 3; k++) {
                c.retune(k, Choice.of(OptimizerType.SGD).with("learningRate", 0.05), Choice.of(Schedule.CONSTANT));
            }
            c.step();
            for (int k = 0; k < 3; k++) {
                awaitSteps(r, "sgd #" + k, 4);
            }
            for (int k = 0; k < 3; k++) {
                // then each member's step is θ ← θ − 0.05·∂L/∂θ from its own weights (L the mean squared error)
                double[] after = weights(c, k);
                double gw = 0;
                double gb = 0;
                for (int i = 0; i < X.length; i++) {
                    double residual = before[k][0] * X[i] + before[k][1] - Y[i];
                    gw += 2 * residual * X[i] / X.length;
                    gb += 2 * residual / X.length;
                }
                assertEquals(before[k][0] - 0.05 * gw, after[0], 1e-4, "member " + k);
                assertEquals(before[k][1] - 0.05 * gb, after[1], 1e-4, "member " + k);
                String run = "sgd #" + k;
                assertEquals(List.of(0.01, 0.01, 0.01, 0.05), r.steps.stream().filter(e -> e.run().equals(run))
                        .map(StepEvent::learningRate).toList());
                // and the member is still the member of its run it was
                RunConfig now = c.run(k);
                assertEquals("sgd", now.group());
                assertEquals(k, now.member());
                assertEquals(0.05, now.optimizer().value("learningRate"));
            }
            assertTrue(Math.abs(before[1][0] - before[2][0]) > 1e-6, "the members start from their own seeds");
        }
    }

    @Test
    void retuningToTheSameValuesKeepsEveryOptimizersState() throws Exception {
        // given two identical runs of each stateful optimizer, one of them retuned at step 5 to values
        // equal to its own (spelled out, so the optimizer is rebuilt)
        Dataset all = Generator.SPIRAL.generate(200, 0.1, 2, 3);
        for (OptimizerType type : List.of(OptimizerType.MOMENTUM, OptimizerType.ADAM, OptimizerType.NADAM,
                OptimizerType.RMSPROP, OptimizerType.NESTEROV)) {
            Choice<OptimizerType> choice = Choice.of(type).with("learningRate", 0.01);
            RunConfig plain = new RunConfig("plain", mlp(8, "tanh", 2, "cross_entropy"), choice,
                    Choice.of(Schedule.CONSTANT), Choice.of(InputNormalizer.STANDARDIZE));
            RunConfig retuned = new RunConfig("retuned", plain.network(), choice, plain.schedule(), plain.normalizer());
            Recorder r = new Recorder();
            try (LockstepComparison c = LockstepComparison.create(new TrainingConfig(3, 1, 32, 100, 10, DataType.FLOAT),
                    all, all.subset(new int[0]), List.of(plain, retuned))) {
                c.addListener(r);
                c.pause();
                c.start();
                for (int i = 0; i < 4; i++) {
                    c.step();
                }
                awaitSteps(r, "retuned", 4);
                Choice<OptimizerType> same = choice;
                for (var p : type.params()) {
                    same = same.with(p.key(), choice.value(p.key()));
                }
                c.retune(1, same, Choice.of(Schedule.CONSTANT));
                c.resume();
                assertTrue(c.await(30, TimeUnit.SECONDS));
            }
            // then both follow the same path to the last bit: the state carried over
            List<String> a = r.linesOf("plain").stream().map(l -> l.substring("plain".length())).toList();
            List<String> b = r.linesOf("retuned").stream().map(l -> l.substring("retuned".length())).toList();
            assertEquals(10, a.size());
            assertEquals(a, b, type.id());
        }
    }

    @Test
    void anotherOptimizerCannotTakeOverARunningRun() throws Exception {
        Dataset data = line();
        try (LockstepComparison c = LockstepComparison.create(new TrainingConfig(3, 1, 4, 100, 10, DataType.DOUBLE),
                data, data.subset(new int[0]), List.of(sgd(0.01)))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> c.retune(0, Choice.of(OptimizerType.ADAM), Choice.of(Schedule.CONSTANT)));
            assertEquals("the optimizer cannot change from sgd to adam while the run trains; it applies after Reset",
                    e.getMessage());
            IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                    () -> c.retune(0, Choice.of(OptimizerType.SGD).with("learningRate", -1), Choice.of(Schedule.CONSTANT)));
            assertTrue(range.getMessage().startsWith("sgd: learningRate"), range.getMessage());
        }
    }
}
