package dev.descent.engine.landscape;

import dev.descent.engine.Engine;
import dev.descent.engine.optim.Optimizer;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Choice;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The path one optimizer takes on a {@link TestFunction}, using the same optimizer and schedule code as
 * network training (θ = (x, y), in double precision). Stops early if the point leaves the finite numbers.
 */
public final class Trajectory {

    /**
     * One point of the path.
     *
     * @param step 0 for the start, then one per update
     */
    public record Point(int step, double x, double y, double loss) {
    }

    /**
     * The path and how it ended.
     *
     * @param points    start point first
     * @param diverged  whether the point or the loss became NaN or infinite (the last point is the last finite one)
     */
    public record Result(List<Point> points, boolean diverged) {
    }

    private Trajectory() {
    }

    /** Runs {@code steps} updates from {@code start}. */
    public static Result run(TestFunction function, Choice<OptimizerType> optimizer, Choice<Schedule> schedule,
                             int steps, double[] start) {
        Engine.initialize();
        INDArray theta = Nd4j.createFromArray(new double[][]{{start[0], start[1]}});
        Optimizer opt = Optimizer.create(optimizer, theta);
        ISchedule lr = Schedule.create(schedule, opt.baseLearningRate(), steps);
        List<Point> points = new ArrayList<>();
        points.add(new Point(0, start[0], start[1], function.value(start[0], start[1])));
        for (int t = 0; t < steps; t++) {
            double x = theta.getDouble(0, 0);
            double y = theta.getDouble(0, 1);
            double[] g = function.gradient(x, y);
            INDArray gradient = Nd4j.createFromArray(new double[][]{g});
            opt.computeUpdate(gradient, theta, Math.hypot(g[0], g[1]), t, lr.valueAt(t, 0));
            theta.subi(gradient);
            double nx = theta.getDouble(0, 0);
            double ny = theta.getDouble(0, 1);
            double loss = function.value(nx, ny);
            if (!Double.isFinite(nx) || !Double.isFinite(ny) || !Double.isFinite(loss)) {
                return new Result(points, true);
            }
            points.add(new Point(t + 1, nx, ny, loss));
        }
        return new Result(points, false);
    }
}
