package dev.descent.engine.landscape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Choice;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class TrajectoryTest {

    @ParameterizedTest
    @EnumSource(TestFunction.class)
    void gradientsMatchCentralDifferences(TestFunction f) {
        double h = 1e-6;
        double[][] points = {{0.3, -0.7}, {1.2, 0.4}, {-2.1, 1.9}};
        for (double[] p : points) {
            double[] g = f.gradient(p[0], p[1]);
            double dx = (f.value(p[0] + h, p[1]) - f.value(p[0] - h, p[1])) / (2 * h);
            double dy = (f.value(p[0], p[1] + h) - f.value(p[0], p[1] - h)) / (2 * h);
            assertEquals(dx, g[0], 1e-5 * Math.max(1, Math.abs(dx)), f + " ∂x at " + p[0] + "," + p[1]);
            assertEquals(dy, g[1], 1e-5 * Math.max(1, Math.abs(dy)), f + " ∂y at " + p[0] + "," + p[1]);
        }
    }

    @Test
    void sgdOnTheQuadraticMatchesTheClosedForm() {
        // x_t = x₀(1 − η)^t and y_t = y₀(1 − 10η)^t for f = ½(x² + 10y²)
        var result = Trajectory.run(TestFunction.QUADRATIC, Choice.of(OptimizerType.SGD).with("learningRate", 0.05),
                Choice.of(Schedule.CONSTANT), 20, new double[]{-2, 1.5});
        var last = result.points().get(20);
        assertEquals(-2 * Math.pow(0.95, 20), last.x(), 1e-12);
        assertEquals(1.5 * Math.pow(0.5, 20), last.y(), 1e-12);
        assertEquals(21, result.points().size());
        assertFalse(result.diverged());
    }

    @Test
    void adamFindsTheRosenbrockValleyFloor() {
        var result = Trajectory.run(TestFunction.ROSENBROCK, Choice.of(OptimizerType.ADAM).with("learningRate", 0.02),
                Choice.of(Schedule.CONSTANT), 3000, TestFunction.ROSENBROCK.start());
        var last = result.points().get(result.points().size() - 1);
        assertTrue(last.loss() < 1e-3, "loss " + last.loss() + " at " + last.x() + "," + last.y());
    }

    @Test
    void aTooLargeStepDivergesAndKeepsTheFinitePart() {
        var result = Trajectory.run(TestFunction.QUADRATIC, Choice.of(OptimizerType.SGD).with("learningRate", 5),
                Choice.of(Schedule.CONSTANT), 2000, new double[]{-2, 1.5});
        assertTrue(result.diverged());
        assertTrue(result.points().size() < 2001);
        var last = result.points().get(result.points().size() - 1);
        assertTrue(Double.isFinite(last.x()) && Double.isFinite(last.loss()));
    }
}
