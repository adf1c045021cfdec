package dev.descent.engine.optim;

import dev.descent.engine.vocab.Choice;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * A run's whole planned learning-rate curve, known before it trains: η at steps 1..T exactly as its
 * schedule will give them (warm-up included), from the same {@link Schedule#create} the trainer uses.
 * Reduce-on-plateau waits for validation losses that do not exist yet, so its plan is η₀ until a
 * reduction (its plan is the most it can be). Long runs are sampled at {@code most} evenly spread steps,
 * always including the first and the last.
 *
 * @param steps 1-based steps, ascending
 * @param rates η at each of those steps
 */
public record SchedulePlan(double[] steps, double[] rates) {
    /** Points a plan keeps at most by default: more than a chart is pixels wide. */
    public static final int MOST_POINTS = 4096;

    public SchedulePlan {
        if (steps.length != rates.length) {
            throw new IllegalArgumentException(steps.length + " steps but " + rates.length + " rates");
        }
    }

    /** The plan of {@code schedule} from η₀ = {@code base} over {@code totalSteps} steps, at most {@link #MOST_POINTS} points. */
    public static SchedulePlan of(Choice<Schedule> schedule, double base, int totalSteps) {
        return of(schedule, base, totalSteps, MOST_POINTS);
    }

    /**
     * The plan of {@code schedule} from η₀ = {@code base} over {@code totalSteps} steps, at most
     * {@code most} (≥ 2) points.
     */
    public static SchedulePlan of(Choice<Schedule> schedule, double base, int totalSteps, int most) {
        if (most < 2) {
            throw new IllegalArgumentException("a plan keeps at least 2 points, not " + most);
        }
        if (totalSteps <= 0) {
            return new SchedulePlan(new double[0], new double[0]);
        }
        ISchedule s = Schedule.create(schedule, base, totalSteps);
        int n = Math.min(totalSteps, most);
        double[] steps = new double[n];
        double[] rates = new double[n];
        for (int i = 0; i < n; i++) {
            int step = n == totalSteps ? i + 1 : 1 + (int) Math.round((double) i * (totalSteps - 1) / (n - 1));
            steps[i] = step;
            rates[i] = s.valueAt(step - 1, 0); // every schedule here counts iterations, not epochs
        }
        return new SchedulePlan(steps, rates);
    }

    /** Number of points. */
    public int size() {
        return steps.length;
    }
}
