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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The optimizer's figures a step publishes (effective learning rate, RMS of each state vector per layer)
 * against values worked out by hand for one full-batch step of a network small enough to follow on
 * paper: in(1) → h1: dense(2, every weight 0.5, bias 0) → a1: ReLU → out: dense(1, 0.5, bias 0) → MSE on
 * x = (1, −1), y = (1.5, 0). Its first gradients (see {@link InsideColumnsTest}): h1 (−0.5, −0.5 | −0.5,
 * −0.5), ‖g‖ = 1; out (−0.5, −0.5 | −1), ‖g‖ = √1.5.
 */
class OptimizerColumnsTest {
    private static final double[] H1 = {-0.5, -0.5, -0.5, -0.5};
    private static final double[] OUT = {-0.5, -0.5, -1};

    private static StepEvent firstStep(Choice<OptimizerType> optimizer) throws Exception {
        NetworkSpec spec = chain(input("in"), dense("h1", 2, "constant"), activation("a1", "relu"),
                dense("out", 1, "constant"), loss("loss", "mse"));
        spec = new NetworkSpec(spec.nodes().stream().map(n -> n instanceof dev.descent.engine.graph.NodeSpec.Dense d
                ? new dev.descent.engine.graph.NodeSpec.Dense(d.id(), d.units(), d.init().with("value", 0.5), true, null)
                : n).toList(), spec.edges());
        RunConfig run = new RunConfig("paper", spec, optimizer, Choice.of(Schedule.CONSTANT), Choice.of(InputNormalizer.NONE));
        Dataset data = Dataset.regression("paper", 1, new float[] {1, -1}, 1, new float[] {1.5f, 0}, List.of("x"));
        Recorder recorder = new Recorder();
        try (LockstepComparison comparison = LockstepComparison.create(new TrainingConfig(3, 1, 2, 10, 1,
                DataType.DOUBLE), data, data, List.of(run))) {
            comparison.addListener(0, recorder);
            comparison.start();
            assertTrue(comparison.await(60, TimeUnit.SECONDS), "training did not finish");
            // the history keeps what the event carried
            RunHistory history = comparison.history(0);
            OptimizerColumns o = recorder.steps.get(0).optimizer();
            assertEquals(o.symbols(), history.stateSymbols());
            for (int i = 0; i < 2; i++) {
                assertEquals(o.effectiveRates()[i], history.effectiveRates().get(i).latest());
                for (int v = 0; v < o.symbols().size(); v++) {
                    assertEquals(o.stateRms()[v][i], history.stateRms().get(v).get(i).latest());
                }
            }
        }
        return recorder.steps.get(0);
    }

    private static double rms(double[] values, java.util.function.DoubleUnaryOperator f) {
        double sum = 0;
        for (double x : values) {
            sum += f.applyAsDouble(x) * f.applyAsDouble(x);
        }
        return Math.sqrt(sum / values.length);
    }

    @Test
    void sgdStepsAtExactlyItsLearningRateAndKeepsNoState() throws Exception {
        OptimizerColumns o = firstStep(Choice.of(OptimizerType.SGD).with("learningRate", 0.1)).optimizer();
        // Δθ = η·g, so ‖Δθ‖/‖g‖ = η in every layer
        assertEquals(0.1, o.effectiveRates()[0], 1e-12);
        assertEquals(0.1, o.effectiveRates()[1], 1e-12);
        assertEquals(List.of(), o.symbols());
    }

    @Test
    void adamsMomentsAndStepAfterItsFirstStep() throws Exception {
        OptimizerColumns o = firstStep(Choice.of(OptimizerType.ADAM).with("learningRate", 0.1)).optimizer();
        assertEquals(List.of("m", "v"), o.symbols());
        // m₁ = (1 − β₁)·g, v₁ = (1 − β₂)·g²
        assertEquals(rms(H1, g -> 0.1 * g), o.stateRms()[0][0], 1e-15);
        assertEquals(rms(OUT, g -> 0.1 * g), o.stateRms()[0][1], 1e-15);
        assertEquals(rms(H1, g -> 0.001 * g * g), o.stateRms()[1][0], 1e-15);
        assertEquals(rms(OUT, g -> 0.001 * g * g), o.stateRms()[1][1], 1e-15);
        // the bias-corrected first step is η·g/(|g| + ε/√(1 − β₂)) ≈ η·sign(g): ‖Δθ‖ ≈ η·√n
        assertEquals(0.1 * Math.sqrt(4) / 1.0, o.effectiveRates()[0], 1e-6);
        assertEquals(0.1 * Math.sqrt(3) / Math.sqrt(1.5), o.effectiveRates()[1], 1e-6);
    }

    @Test
    void rmspropsAccumulatorAfterItsFirstStep() throws Exception {
        OptimizerColumns o = firstStep(Choice.of(OptimizerType.RMSPROP).with("learningRate", 0.1)).optimizer();
        assertEquals(List.of("s"), o.symbols());
        // s₁ = ρ·ε + (1 − ρ)·g² (ND4J starts s at ε), ρ = 0.99, ε = 10⁻⁸
        assertEquals(rms(H1, g -> 0.99e-8 + 0.01 * g * g), o.stateRms()[0][0], 1e-15);
        assertEquals(rms(OUT, g -> 0.99e-8 + 0.01 * g * g), o.stateRms()[0][1], 1e-15);
    }
}
