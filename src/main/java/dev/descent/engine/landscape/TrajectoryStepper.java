package dev.descent.engine.landscape;

import dev.descent.engine.Engine;
import dev.descent.engine.optim.Optimizer;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Choice;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * One optimizer walking on a {@link TestFunction}, one update at a time: θ ← θ − Δθ, where Δθ comes
 * from the same {@link Optimizer} (clipping, weight decay, update rule) and {@link Schedule} code as
 * network training. {@link Trajectory#run} (and so {@code descent trajectory}) is a loop over this
 * class, so a live view that steps it gets the CLI's path to the last digit.
 * Not thread-safe; no JavaFX.
 */
public final class TrajectoryStepper {
    private final TestFunction function;
    private final Choice<Schedule> schedule;
    private final int horizon;
    private final INDArray theta;
    private Optimizer optimizer;
    private ISchedule learningRate;
    private int step;
    private double loss;
    private double[] lastGradient;
    private boolean diverged;

    /**
     * @param horizon the number of steps the schedule spans (its "total steps"; a constant schedule ignores it)
     */
    public TrajectoryStepper(TestFunction function, Choice<OptimizerType> optimizer, Choice<Schedule> schedule,
                             int horizon, double[] start) {
        Engine.initialize();
        this.function = function;
        this.schedule = schedule;
        this.horizon = horizon;
        this.theta = Nd4j.createFromArray(new double[][]{{start[0], start[1]}});
        this.optimizer = Optimizer.create(optimizer, theta);
        this.learningRate = Schedule.create(schedule, this.optimizer.baseLearningRate(), horizon);
        this.loss = function.value(start[0], start[1]);
        this.lastGradient = function.gradient(start[0], start[1]);
    }

    /**
     * One update. Returns the new point, or {@code null} (and {@link #diverged()} becomes true) if the
     * point or its loss would not be finite; then the walker stays at its last finite point.
     */
    public Trajectory.Point step() {
        if (diverged) {
            return null;
        }
        double x = theta.getDouble(0, 0);
        double y = theta.getDouble(0, 1);
        double[] g = function.gradient(x, y);
        INDArray gradient = Nd4j.createFromArray(new double[][]{g});
        INDArray before = theta.dup();
        optimizer.computeUpdate(gradient, theta, Math.hypot(g[0], g[1]), step, learningRate.valueAt(step, 0));
        theta.subi(gradient);
        double nx = theta.getDouble(0, 0);
        double ny = theta.getDouble(0, 1);
        double nextLoss = function.value(nx, ny);
        if (!Double.isFinite(nx) || !Double.isFinite(ny) || !Double.isFinite(nextLoss)) {
            theta.assign(before);
            diverged = true;
            return null;
        }
        step++;
        loss = nextLoss;
        lastGradient = function.gradient(nx, ny);
        return new Trajectory.Point(step, nx, ny, nextLoss);
    }

    /**
     * Changes the hyperparameters between two steps, keeping the optimizer's state (velocities, moment
     * estimates) via {@link Optimizer#retuned}; the schedule restarts its scaling from the new base rate.
     */
    public void retune(Choice<OptimizerType> next) {
        optimizer = optimizer.retuned(next, theta);
        learningRate = Schedule.create(schedule, optimizer.baseLearningRate(), horizon);
    }

    public Choice<OptimizerType> choice() {
        return optimizer.choice();
    }

    /** Updates made so far. */
    public int stepCount() {
        return step;
    }

    public double x() {
        return theta.getDouble(0, 0);
    }

    public double y() {
        return theta.getDouble(0, 1);
    }

    /** f at the current point. */
    public double loss() {
        return loss;
    }

    /** ∇f at the current point (the walker's next step starts from it). */
    public double[] gradient() {
        return lastGradient.clone();
    }

    /** The update rule's state arrays by name (for example the velocity or first moment), live views. */
    public Map<String, INDArray> state() {
        return optimizer.state();
    }

    /**
     * The direction the optimizer's memory of past gradients moves θ, or null for an optimizer that keeps
     * none: −v for momentum (v ← μv + g), −m for the Adam family (m ← β₁m + (1−β₁)g; m of Adamax and
     * NAdam), and ND4J's Nesterov velocity V as it is (V ← μV − g, already the negated buffer).
     * RMSprop, Adagrad and Adadelta keep only squared gradients, which have no direction.
     */
    public double[] heading() {
        Map<String, INDArray> state = optimizer.state();
        INDArray memory;
        double sign;
        if (state.containsKey("velocity")) {
            memory = state.get("velocity");
            sign = -1;
        } else if (state.containsKey("M")) {
            memory = state.get("M");
            sign = -1;
        } else if (state.containsKey("m")) {
            memory = state.get("m");
            sign = -1;
        } else if (state.containsKey("V") && !state.containsKey("M")) {
            memory = state.get("V");
            sign = 1;
        } else {
            return null;
        }
        return new double[]{sign * memory.getDouble(0), sign * memory.getDouble(1)};
    }

    public boolean diverged() {
        return diverged;
    }

    public TestFunction function() {
        return function;
    }
}
