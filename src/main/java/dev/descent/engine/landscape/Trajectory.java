package dev.descent.engine.landscape;

import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Choice;
import java.util.ArrayList;
import java.util.List;

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
        TrajectoryStepper walker = new TrajectoryStepper(function, optimizer, schedule, steps, start);
        List<Point> points = new ArrayList<>();
        points.add(new Point(0, start[0], start[1], walker.loss()));
        for (int t = 0; t < steps; t++) {
            Point next = walker.step();
            if (next == null) {
                return new Result(points, true);
            }
            points.add(next);
        }
        return new Result(points, false);
    }
}
