package dev.descent.engine.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.Engine;
import dev.descent.engine.vocab.Choice;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every optimizer against {@link TorchReference}, the torch.optim algorithms written out in plain
 * doubles: three steps with their state, then 200 steps of trajectory within 10⁻³ relative (the bar for
 * ND4J updaters that compute the same rule in another form).
 */
class OptimizerTest {
    /** g(θ) = a ⊙ θ + b: a quadratic bowl with curvatures from 0.1 to 10. */
    private static final double[] A = {1, 10, 0.1, 3};
    private static final double[] B = {0.5, -1, 0.2, 0};
    private static final double[] THETA0 = {0.5, -1.5, 2.0, 1.0};

    @BeforeAll
    static void engine() {
        Engine.initialize();
    }

    @ParameterizedTest
    @EnumSource(OptimizerType.class)
    void matchesTheDocumentedRuleForThreeStepsStateIncluded(OptimizerType type) {
        compare(Choice.of(type), 3, 1e-6, true);
    }

    @ParameterizedTest
    @EnumSource(OptimizerType.class)
    void matchesTheDocumentedRuleWithWeightDecay(OptimizerType type) {
        compare(Choice.of(type).with(OptimizerType.WEIGHT_DECAY, 0.1), 3, 1e-6, true);
    }

    @ParameterizedTest
    @EnumSource(OptimizerType.class)
    void followsTheDocumentedTrajectoryFor200StepsWithEpsilon1e8(OptimizerType type) {
        Choice<OptimizerType> choice = Choice.of(type);
        if (type.param("eps").isPresent()) {
            choice = choice.with("eps", 1e-8);
        }
        compare(choice, 200, 1e-3, false);
    }

    @ParameterizedTest
    @EnumSource(OptimizerType.class)
    void followsTheDocumentedTrajectoryWhileTheLearningRateChanges(OptimizerType type) {
        // η ramps up and down each step, as schedules do; torch applies the new η to the whole step.
        Choice<OptimizerType> choice = Choice.of(type);
        INDArray theta = Nd4j.createFromArray(new double[][]{THETA0.clone()});
        Optimizer ours = Optimizer.create(choice, theta);
        TorchReference reference = reference(choice);
        double[] expected = THETA0.clone();
        for (int t = 0; t < 200; t++) {
            double lr = choice.value("learningRate") * (0.2 + Math.abs(Math.sin(t / 10.0)));
            INDArray gradient = gradientAt(theta);
            ours.computeUpdate(gradient, theta, gradient.norm2Number().doubleValue(), t, lr);
            theta.subi(gradient);
            reference.setLearningRate(lr);
            reference.step(expected, gradientAt(expected));
            assertClose(expected, theta.toDoubleVector(), 1e-3, type + " θ after step " + (t + 1));
        }
    }

    @Test
    void nd4jNadamIsNotTorchNadamWhichIsWhyOursIsUsed() {
        // ND4J's Nadam keeps μ = β₁ from the first step; torch's warms μ up from β₁/2. If a future ND4J
        // matches torch, this fails and ND4J's updater should replace NadamRule.
        INDArray theta = Nd4j.createFromArray(new double[][]{THETA0.clone()});
        var nd4j = Nd4jUpdateRule.scaledInside(new org.nd4j.linalg.learning.config.Nadam(0.002, 0.9, 0.999, 1e-8), 4, theta);
        TorchReference reference = reference(Choice.of(OptimizerType.NADAM));
        double[] expected = THETA0.clone();
        double worst = 0;
        for (int t = 0; t < 200; t++) {
            INDArray gradient = gradientAt(theta);
            nd4j.apply(gradient, t, 0.002);
            theta.subi(gradient);
            reference.step(expected, gradientAt(expected));
            double[] actual = theta.toDoubleVector();
            for (int i = 0; i < actual.length; i++) {
                worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), 1e-3));
            }
        }
        assertTrue(worst > 1e-3, "ND4J's Nadam now follows torch's NAdam (worst relative gap " + worst + ")");
    }

    @Test
    void nd4jAdaMaxIgnoresEpsilonWhichIsWhyOursIsUsed() {
        // torch puts ε inside the maximum, u = max(β₂u, |g| + ε); ND4J's AdaMax never reads ε. With ε = 0.5
        // and g = 1 torch's first step is η·g/(|g| + ε) = 0.002/1.5; ND4J's stays η·sign(g) = 0.002. If a
        // future ND4J uses ε like torch, this fails and ND4J's updater could replace AdamaxRule.
        INDArray theta = Nd4j.createFromArray(new double[][]{{1.0}});
        INDArray gradient = Nd4j.createFromArray(new double[][]{{1.0}});
        Nd4jUpdateRule.scaledInside(new org.nd4j.linalg.learning.config.AdaMax(0.0, 0.9, 0.999, 0.5), 1, theta)
                .apply(gradient, 0, 0.002);
        assertEquals(0.002, gradient.getDouble(0), 1e-9, "ND4J's AdaMax now uses ε");
        double[] ours = stepsOf(Choice.of(OptimizerType.ADAMAX).with("eps", 0.5), 1);
        double g = A[0] * THETA0[0] + B[0];
        assertEquals(THETA0[0] - 0.002 * g / (g + 0.5), ours[0], 1e-12);
    }

    @Test
    void sgdStepsAgainstTheGradient() {
        // θ = 0.5, g = 1·0.5 + 0.5 = 1.0, η = 0.1  →  θ' = 0.5 − 0.1·1.0 = 0.4
        double[] after = stepsOf(Choice.of(OptimizerType.SGD).with("learningRate", 0.1), 1);
        assertEquals(0.4, after[0], 1e-12);
    }

    @Test
    void momentumSecondStepAddsTheDecayedVelocity() {
        // step 1: g₁ = 1.0, v₁ = 1.0, θ₁ = 0.5 − 0.1 = 0.4
        // step 2: g₂ = 0.4 + 0.5 = 0.9, v₂ = 0.9·1.0 + 0.9 = 1.8, θ₂ = 0.4 − 0.1·1.8 = 0.22
        double[] after = stepsOf(Choice.of(OptimizerType.MOMENTUM).with("learningRate", 0.1), 2);
        assertEquals(0.22, after[0], 1e-12);
    }

    @Test
    void adamFirstStepHasTheLengthOfTheLearningRate() {
        // m̂₁ = g₁ and v̂₁ = g₁², so the first step is η·g/|g| = η·sign(g) whatever the gradient's size
        // (up to ε: ND4J's form adds ε/√(1−β₂) ≈ 3·10⁻⁷ to |g|, a relative 3·10⁻⁷ here).
        double[] after = stepsOf(Choice.of(OptimizerType.ADAM).with("learningRate", 0.01), 1);
        for (int i = 0; i < THETA0.length; i++) {
            double g = A[i] * THETA0[i] + B[i];
            assertEquals(THETA0[i] - 0.01 * Math.signum(g), after[i], 1e-8);
        }
    }

    @Test
    void clippingRescalesTheWholeGradientToTheThreshold() {
        // g = (3, 4), ‖g‖ = 5, clip at 1  →  g' = (0.6, 0.8)·5/(5 + 1e-6)
        INDArray theta = Nd4j.createFromArray(new double[][]{{0, 0}});
        INDArray gradient = Nd4j.createFromArray(new double[][]{{3, 4}});
        Optimizer sgd = Optimizer.create(Choice.of(OptimizerType.SGD).with("learningRate", 1).with("clipNorm", 1), theta);
        assertTrue(sgd.computeUpdate(gradient, theta, 5.0, 0, 1.0));
        assertArrayEquals(new double[]{0.6 * 5 / (5 + 1e-6), 0.8 * 5 / (5 + 1e-6)}, gradient.toDoubleVector(), 1e-12);
    }

    @Test
    void clippingLeavesSmallGradientsAlone() {
        INDArray theta = Nd4j.createFromArray(new double[][]{{0, 0}});
        INDArray gradient = Nd4j.createFromArray(new double[][]{{0.3, 0.4}});
        Optimizer sgd = Optimizer.create(Choice.of(OptimizerType.SGD).with("learningRate", 1).with("clipNorm", 1), theta);
        assertFalse(sgd.computeUpdate(gradient, theta, 0.5, 0, 1.0));
        assertArrayEquals(new double[]{0.3, 0.4}, gradient.toDoubleVector(), 1e-12);
    }

    @Test
    void adamwShrinksWeightsEvenWithZeroGradient() {
        // With g = 0 Adam's step is 0, so only the decoupled decay moves θ: θ' = θ·(1 − η·λ).
        INDArray theta = Nd4j.createFromArray(new double[][]{{2.0}});
        INDArray gradient = Nd4j.createFromArray(new double[][]{{0.0}});
        Optimizer adamw = Optimizer.create(Choice.of(OptimizerType.ADAMW).with("learningRate", 0.1)
                .with("weightDecay", 0.5), theta);
        adamw.computeUpdate(gradient, theta, 0, 0, 0.1);
        theta.subi(gradient);
        assertEquals(2.0 * (1 - 0.1 * 0.5), theta.getDouble(0), 1e-12);
    }

    /** Runs ours and the reference side by side; compares θ each step (and state if asked). */
    private static void compare(Choice<OptimizerType> choice, int steps, double relativeTolerance, boolean withState) {
        OptimizerType type = choice.term();
        INDArray theta = Nd4j.createFromArray(new double[][]{THETA0.clone()});
        Optimizer ours = Optimizer.create(choice, theta);
        TorchReference reference = reference(choice);
        double[] expected = THETA0.clone();
        for (int t = 0; t < steps; t++) {
            INDArray gradient = gradientAt(theta);
            ours.computeUpdate(gradient, theta, gradient.norm2Number().doubleValue(), t, choice.value("learningRate"));
            theta.subi(gradient);
            reference.step(expected, gradientAt(expected));
            assertClose(expected, theta.toDoubleVector(), relativeTolerance, type + " θ after step " + (t + 1));
            if (withState) {
                compareState(type, ours.state(), reference);
            }
        }
    }

    private static void compareState(OptimizerType type, Map<String, INDArray> state, TorchReference reference) {
        int n = THETA0.length;
        for (String[] pair : stateNames(type)) {
            double[] ours = state.get(pair[0]).toDoubleVector();
            double[] expected = reference.state(pair[1], n).clone();
            if (pair.length > 2) {
                for (int i = 0; i < n; i++) {
                    expected[i] = -expected[i];
                }
            }
            // ND4J starts RMSprop's and Adagrad's accumulators at ε (Adagrad at 10⁻⁶ whatever ε is set to),
            // torch at 0: an absolute difference of at most 10⁻⁶ in the state.
            assertClose(expected, ours, 1e-6, 1e-6, type + " state " + pair[0]);
        }
    }

    /** Our state key, the reference's key, and a third element when ND4J stores the negation. */
    private static List<String[]> stateNames(OptimizerType type) {
        return switch (type) {
            case SGD -> List.of();
            case MOMENTUM -> List.<String[]>of(new String[]{"velocity", "b"});
            case NESTEROV -> List.<String[]>of(new String[]{"V", "b", "negated"});
            case RMSPROP -> List.<String[]>of(new String[]{"G", "s"});
            case ADAGRAD -> List.<String[]>of(new String[]{"grad", "s"});
            case ADADELTA -> List.of(new String[]{"msg", "s"}, new String[]{"msdx", "d"});
            case ADAM, ADAMW -> List.of(new String[]{"M", "m"}, new String[]{"V", "v"});
            case ADAMAX -> List.of(new String[]{"m", "m"}, new String[]{"u", "u"});
            case NADAM -> List.of(new String[]{"m", "m"}, new String[]{"v", "v"});
            case AMSGRAD -> List.of(new String[]{"M", "m"}, new String[]{"V", "v"}, new String[]{"V_HAT", "vmax"});
        };
    }

    private static TorchReference reference(Choice<OptimizerType> choice) {
        return new TorchReference(choice.term().id(), choice.value("learningRate"),
                valueOr(choice, "momentum"), valueOr(choice, "rho"), valueOr(choice, "beta1"), valueOr(choice, "beta2"),
                valueOr(choice, "eps"), choice.value("weightDecay"), valueOr(choice, "momentumDecay"));
    }

    private static double valueOr(Choice<OptimizerType> choice, String key) {
        return choice.term().param(key).isPresent() ? choice.value(key) : 0;
    }

    private static INDArray gradientAt(INDArray theta) {
        return Nd4j.createFromArray(new double[][]{gradientAt(theta.toDoubleVector())});
    }

    private static double[] gradientAt(double[] theta) {
        double[] g = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            g[i] = A[i] * theta[i] + B[i];
        }
        return g;
    }

    private static double[] stepsOf(Choice<OptimizerType> choice, int steps) {
        INDArray theta = Nd4j.createFromArray(new double[][]{THETA0.clone()});
        Optimizer optimizer = Optimizer.create(choice, theta);
        for (int t = 0; t < steps; t++) {
            INDArray gradient = gradientAt(theta);
            optimizer.computeUpdate(gradient, theta, gradient.norm2Number().doubleValue(), t, choice.value("learningRate"));
            theta.subi(gradient);
        }
        return theta.toDoubleVector();
    }

    private static void assertClose(double[] expected, double[] actual, double relative, String what) {
        assertClose(expected, actual, relative, 0, what);
    }

    private static void assertClose(double[] expected, double[] actual, double relative, double absolute, String what) {
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.max(Math.abs(expected[i]), 1e-3);
            assertTrue(Math.abs(expected[i] - actual[i]) <= relative * scale + absolute,
                    what + " [" + i + "]: expected " + expected[i] + " but was " + actual[i]);
        }
    }
}
