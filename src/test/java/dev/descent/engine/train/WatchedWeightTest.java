package dev.descent.engine.train;

import static dev.descent.testing.Specs.activation;
import static dev.descent.testing.Specs.chain;
import static dev.descent.testing.Specs.dense;
import static dev.descent.testing.Specs.input;
import static dev.descent.testing.Specs.loss;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Choice;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The watched weight's figures against steps worked out by hand on the network of
 * {@link OptimizerColumnsTest}: in(1) → h1: dense(2, every weight 0.5, bias 0) → ReLU → out: dense(1, 0.5)
 * → MSE on x = (1, −1), y = (1.5, 0), the whole set in every step. The first gradient of h1's W[0][1] is
 * −0.5 (of out's W[1][0] also −0.5); later gradients are the ones the step published, and the optimizer's
 * recurrences are computed here in plain Java from them, state included.
 */
class WatchedWeightTest {
    private static final double ETA = 0.1;
    private static final WatchedWeight H1 = new WatchedWeight("h1", 0, 1);
    private static final WatchedWeight OUT = new WatchedWeight("out", 1, 0);

    private static RunConfig run(Choice<OptimizerType> optimizer) {
        NetworkSpec spec = chain(input("in"), dense("h1", 2, "constant"), activation("a1", "relu"),
                dense("out", 1, "constant"), loss("loss", "mse"));
        spec = new NetworkSpec(spec.nodes().stream().map(n -> n instanceof NodeSpec.Dense d
                ? new NodeSpec.Dense(d.id(), d.units(), d.init().with("value", 0.5), true, null) : n).toList(),
                spec.edges());
        return new RunConfig("paper", spec, optimizer, Choice.of(Schedule.CONSTANT), Choice.of(InputNormalizer.NONE));
    }

    private static Dataset paper() {
        return Dataset.regression("paper", 1, new float[] {1, -1}, 1, new float[] {1.5f, 0}, List.of("x"));
    }

    /** The step events of {@code steps} single steps of a paused run watching {@code weight} from the start. */
    private static List<StepEvent> watchedSteps(Choice<OptimizerType> optimizer, WatchedWeight weight, int steps)
            throws Exception {
        Recorder r = new Recorder();
        try (LockstepComparison c = comparison(optimizer)) {
            c.addListener(r);
            c.pause();
            c.watch(0, weight);
            c.start();
            for (int s = 1; s <= steps; s++) {
                c.step();
                awaitSteps(r, s);
            }
            // the history keeps what the events carried
            assertEquals(r.steps.stream().map(StepEvent::watched).toList(), c.history(0).watchedWeight().steps());
        }
        return List.copyOf(r.steps);
    }

    private static LockstepComparison comparison(Choice<OptimizerType> optimizer) throws Exception {
        Dataset data = paper();
        return LockstepComparison.create(new TrainingConfig(3, 50, 2, 1000, 0, DataType.DOUBLE), data, data,
                List.of(run(optimizer)));
    }

    private static void awaitSteps(Recorder r, int steps) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (r.steps.size() < steps) {
            assertTrue(System.nanoTime() < deadline, "the run did not take " + steps + " steps");
            Thread.sleep(2);
        }
    }

    @Test
    void sgdStepsEachWeightByEtaTimesItsGradient() throws Exception {
        List<StepEvent> steps = watchedSteps(Choice.of(OptimizerType.SGD).with("learningRate", ETA), H1, 4);
        assertEquals(-0.5, steps.get(0).watched().gradient(), 1e-15);
        double theta = 0.5;
        for (StepEvent e : steps) {
            WatchedWeightStep w = e.watched();
            assertEquals(H1, w.weight());
            assertEquals(e.step(), w.step());
            assertEquals(List.of(), w.symbols());
            // Δθ = η·g, θ ← θ − Δθ, |Δθ|/|g| = η
            assertEquals(ETA * w.gradient(), w.update(), 1e-15);
            theta -= ETA * w.gradient();
            assertEquals(theta, w.value(), 1e-14);
            assertEquals(ETA, w.effectiveStep(), 1e-12);
        }
    }

    @Test
    void momentumsVelocityIsMuTimesTheLastPlusTheGradient() throws Exception {
        double mu = 0.9;
        List<StepEvent> steps = watchedSteps(Choice.of(OptimizerType.MOMENTUM).with("learningRate", ETA)
                .with("momentum", mu), H1, 4);
        assertEquals(-0.5, steps.get(0).watched().gradient(), 1e-15);
        double theta = 0.5;
        double v = 0;
        for (StepEvent e : steps) {
            WatchedWeightStep w = e.watched();
            assertEquals(List.of("v"), w.symbols());
            // v ← μ·v + g;  Δθ = η·v;  θ ← θ − Δθ
            v = mu * v + w.gradient();
            assertEquals(v, w.state()[0], 1e-14, "v at step " + e.step());
            assertEquals(ETA * v, w.update(), 1e-14);
            theta -= ETA * v;
            assertEquals(theta, w.value(), 1e-14);
            assertEquals(Math.abs(ETA * v) / Math.abs(w.gradient()), w.effectiveStep(), 1e-12);
        }
        // by the second step the velocity carries the first gradient: the effective step exceeds η
        assertTrue(steps.get(1).watched().effectiveStep() > ETA, "" + steps.get(1).watched().effectiveStep());
    }

    @Test
    void adamsMomentsAndBiasCorrectedStep() throws Exception {
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        List<StepEvent> steps = watchedSteps(Choice.of(OptimizerType.ADAM).with("learningRate", ETA), OUT, 5);
        assertEquals(-0.5, steps.get(0).watched().gradient(), 1e-15);
        double theta = 0.5;
        double m = 0;
        double v = 0;
        for (StepEvent e : steps) {
            WatchedWeightStep w = e.watched();
            int t = e.step();
            assertEquals(List.of("m", "v"), w.symbols());
            double g = w.gradient();
            // m ← β₁·m + (1 − β₁)·g;  v ← β₂·v + (1 − β₂)·g²
            m = b1 * m + (1 - b1) * g;
            v = b2 * v + (1 - b2) * g * g;
            assertEquals(m, w.state()[0], 1e-15, "m at step " + t);
            assertEquals(v, w.state()[1], 1e-15, "v at step " + t);
            // the bias-corrected step η·m̂/(√v̂ + ε), m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ), with ε as ND4J applies it
            // (to √v before the correction: ε/√(1 − β₂ᵗ) after it)
            double mHat = m / (1 - Math.pow(b1, t));
            double vHat = v / (1 - Math.pow(b2, t));
            double step = ETA * mHat / (Math.sqrt(vHat) + eps / Math.sqrt(1 - Math.pow(b2, t)));
            assertEquals(step, w.update(), 1e-14, "Δθ at step " + t);
            assertEquals(ETA * mHat / (Math.sqrt(vHat) + eps), w.update(), 1e-6, "textbook Δθ at step " + t);
            theta -= step;
            assertEquals(theta, w.value(), 1e-13);
        }
        // the first step is η·sign(g): |Δθ|/|g| = η/|g| = 0.2
        assertEquals(ETA / 0.5, steps.get(0).watched().effectiveStep(), 1e-5);
    }

    @Test
    void aChangedWatchTakesEffectAtTheNextStep() throws Exception {
        // given a paused run watching nothing
        Recorder r = new Recorder();
        try (LockstepComparison c = comparison(Choice.of(OptimizerType.SGD).with("learningRate", ETA))) {
            c.addListener(r);
            c.pause();
            c.start();
            c.step();
            awaitSteps(r, 1);
            // when h1's W[0][1] is watched for two steps, then out's W[1][0], then nothing
            c.watch(0, H1);
            c.step();
            c.step();
            awaitSteps(r, 3);
            c.watch(0, OUT);
            c.step();
            awaitSteps(r, 4);
            List<WatchedWeightStep> kept = c.history(0).watchedWeight().steps();
            CompletableFuture<WeightMatrix> matrix = new CompletableFuture<>();
            c.weights(0, "out", matrix::complete); // paused: answered between steps 4 and 5
            WeightMatrix afterFour = matrix.get(30, TimeUnit.SECONDS);
            c.watch(0, null);
            c.step();
            awaitSteps(r, 5);
            // then each step carries the weight watched when it began
            assertNull(r.steps.get(0).watched());
            assertEquals(H1, r.steps.get(1).watched().weight());
            assertEquals(H1, r.steps.get(2).watched().weight());
            assertEquals(OUT, r.steps.get(3).watched().weight());
            assertNull(r.steps.get(4).watched());
            // the history started afresh with the new weight, and keeps it once nothing is watched
            assertEquals(List.of(r.steps.get(3).watched()), kept);
            assertEquals(kept, c.history(0).watchedWeight().steps());
            // and the value published is the network's W[1][0] after that step
            assertEquals(2, afterFour.rows());
            assertEquals(1, afterFour.columns());
            assertEquals(afterFour.at(1, 0), r.steps.get(3).watched().value());
        }
    }

    @Test
    void afterARetuneTheWatchReadsTheNewRulesState() throws Exception {
        // given a momentum run watching h1's W[0][1] for two steps at η = 0.1
        Recorder r = new Recorder();
        double mu = 0.9;
        try (LockstepComparison c = comparison(Choice.of(OptimizerType.MOMENTUM).with("learningRate", ETA)
                .with("momentum", mu))) {
            c.addListener(r);
            c.pause();
            c.watch(0, H1);
            c.start();
            c.step();
            c.step();
            awaitSteps(r, 2);
            // when η becomes 0.3 (the optimizer keeps its velocity) and the run takes a step
            c.retune(0, Choice.of(OptimizerType.MOMENTUM).with("learningRate", 0.3).with("momentum", mu),
                    Choice.of(Schedule.CONSTANT));
            c.step();
            awaitSteps(r, 3);
            // then that step's v continues from the old rule's, and Δθ is the new η times it
            WatchedWeightStep before = r.steps.get(1).watched();
            WatchedWeightStep after = r.steps.get(2).watched();
            double v = mu * before.state()[0] + after.gradient();
            assertEquals(v, after.state()[0], 1e-14);
            assertEquals(0.3 * v, after.update(), 1e-14);
            assertEquals(before.value() - 0.3 * v, after.value(), 1e-14);
        }
    }

    @Test
    void theWatchedWeightIsTheMatrixEntryAtItsRowAndColumn() throws Exception {
        // given h1: dense(3) on two inputs, so W is 2 × 3, watched at row 1 (input 1), column 0 (unit 0): flat
        // index 1·3 + 0 = 3 (column-major would be 0·2 + 1 = 1)
        NetworkSpec spec = chain(input("in"), dense("h1", 3, "xavier_normal"), activation("a1", "tanh"),
                dense("out", 1, "xavier_normal"), loss("loss", "mse"));
        RunConfig run = new RunConfig("wide", spec, Choice.of(OptimizerType.ADAM).with("learningRate", ETA),
                Choice.of(Schedule.CONSTANT), Choice.of(InputNormalizer.NONE));
        Dataset data = Dataset.regression("two", 2, new float[] {1, -2, 0.5f, 3}, 1, new float[] {1, -1},
                List.of("x0", "x1"));
        Recorder r = new Recorder();
        WatchedWeight w = new WatchedWeight("h1", 1, 0);
        try (LockstepComparison c = LockstepComparison.create(new TrainingConfig(3, 50, 2, 1000, 0, DataType.DOUBLE),
                data, data, List.of(run))) {
            c.addListener(r);
            c.pause();
            c.watch(0, w);
            c.start();
            c.step();
            c.step();
            awaitSteps(r, 2);
            CompletableFuture<WeightMatrix> matrix = new CompletableFuture<>();
            c.weights(0, "h1", matrix::complete);
            WeightMatrix m = matrix.get(30, TimeUnit.SECONDS);
            // then the matrix is [n_in, units] and the value published is its entry W[1][0] after step 2
            assertEquals(2, m.rows());
            assertEquals(3, m.columns());
            assertEquals(m.at(1, 0), r.steps.get(1).watched().value());
            // (every other entry differs from it: the index is not a neighbour's)
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 3; j++) {
                    assertTrue(i == 1 && j == 0 || m.at(i, j) != m.at(1, 0), "W[" + i + "][" + j + "]");
                }
            }
        }
    }

    @Test
    void aWeightOutsideTheNetworkIsRefusedSayingWhatIsValid() throws Exception {
        try (LockstepComparison c = comparison(Choice.of(OptimizerType.SGD))) {
            IllegalArgumentException row = assertThrows(IllegalArgumentException.class,
                    () -> c.watch(0, new WatchedWeight("h1", 1, 0)));
            assertEquals("'h1' has a 1 × 2 weight matrix: row must be 0 to 0 and column 0 to 1, got 1, 0",
                    row.getMessage());
            IllegalArgumentException node = assertThrows(IllegalArgumentException.class,
                    () -> c.watch(0, new WatchedWeight("a1", 0, 0)));
            assertEquals("'a1' is not a dense node; weights can be watched in h1, out", node.getMessage());
        }
    }

    @Test
    void aStackedSeedMemberHasNoWeightOfItsOwnToWatch() throws Exception {
        // given member 0 of a run (alone) and member 1 (stacked with the other seeds)
        RunConfig base = run(Choice.of(OptimizerType.SGD));
        List<RunConfig> members = List.of(
                new RunConfig("g #0", base.network(), base.optimizer(), base.schedule(), base.normalizer(), "g", 0, 0),
                new RunConfig("g #1", base.network(), base.optimizer(), base.schedule(), base.normalizer(), "g", 1, 0));
        Dataset data = paper();
        try (LockstepComparison c = LockstepComparison.create(new TrainingConfig(3, 5, 2, 1000, 0, DataType.FLOAT),
                data, data, members)) {
            // then member 0 can be watched and member 1 is refused, saying why
            assertTrue(!c.isStacked(0) && c.isStacked(1), "member 0 alone, member 1 stacked");
            c.watch(0, H1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.watch(1, H1));
            assertTrue(e.getMessage().startsWith("run 'g #1' trains stacked with other seeds"), e.getMessage());
        }
    }
}
