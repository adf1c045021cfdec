package dev.descent.engine.landscape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Choice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The race's second arrow: {@link TrajectoryStepper#heading()} against the update rules' formulas worked
 * by hand on f = ½(x² + 10y²) from (1, 1), where ∇f = (x, 10y).
 */
class TrajectoryStepperHeadingTest {

    private static TrajectoryStepper walker(Choice<OptimizerType> optimizer) {
        return new TrajectoryStepper(TestFunction.QUADRATIC, optimizer, Choice.of(Schedule.CONSTANT), 100,
                new double[]{1, 1});
    }

    @Test
    void momentumHeadsAlongMinusItsVelocity() {
        TrajectoryStepper w = walker(Choice.of(OptimizerType.MOMENTUM).with("learningRate", 0.1).with("momentum", 0.9));
        w.step();
        // v₁ = g₀ = (1, 10)
        assertArrayEquals(new double[]{-1, -10}, w.heading(), 1e-12);
        w.step();
        // θ₁ = (1, 1) − 0.1·(1, 10) = (0.9, 0), g₁ = (0.9, 0); v₂ = 0.9·(1, 10) + (0.9, 0) = (1.8, 9)
        assertArrayEquals(new double[]{-1.8, -9}, w.heading(), 1e-12);
    }

    @Test
    void nesterovHeadsAlongMinusTheSameVelocity() {
        TrajectoryStepper w = walker(Choice.of(OptimizerType.NESTEROV).with("learningRate", 0.1).with("momentum", 0.9));
        w.step();
        assertArrayEquals(new double[]{-1, -10}, w.heading(), 1e-12);
        double[] g1 = TestFunction.QUADRATIC.gradient(w.x(), w.y());
        w.step();
        // v₂ = μ·v₁ + g₁
        assertArrayEquals(new double[]{-(0.9 + g1[0]), -(9 + g1[1])}, w.heading(), 1e-12);
    }

    @Test
    void adamHeadsAlongMinusItsFirstMoment() {
        TrajectoryStepper w = walker(Choice.of(OptimizerType.ADAM).with("learningRate", 0.1).with("beta1", 0.8));
        w.step();
        // m₁ = (1 − β₁)·g₀ = 0.2·(1, 10)
        assertArrayEquals(new double[]{-0.2, -2}, w.heading(), 1e-12);
        double[] g1 = TestFunction.QUADRATIC.gradient(w.x(), w.y());
        w.step();
        // m₂ = β₁·m₁ + (1 − β₁)·g₁
        assertArrayEquals(new double[]{-(0.8 * 0.2 + 0.2 * g1[0]), -(0.8 * 2 + 0.2 * g1[1])}, w.heading(), 1e-12);
    }

    @ParameterizedTest
    @EnumSource(value = OptimizerType.class, names = {"SGD", "RMSPROP", "ADAGRAD", "ADADELTA"})
    void optimizersWithoutAFirstMomentHaveNoHeading(OptimizerType type) {
        TrajectoryStepper w = walker(Choice.of(type));
        w.step();
        assertNull(w.heading());
    }
}
