package dev.descent.ui.compare;

import dev.descent.engine.train.DownsampledSeries;
import dev.descent.engine.train.Spread;
import java.util.Arrays;
import java.util.List;

/**
 * A run's training loss over its members, step by step: the mean curve with its spread. At each point
 * of the longest member's series, the members whose series has a point at the same step give their
 * value (a bucket's mean); the band there is their {@link Spread}: mean ± one sample standard deviation,
 * or minimum to maximum. Members that diverged are left out (the runs table counts them). Immutable.
 *
 * @param steps the steps
 * @param mean  the mean at each step
 * @param std   the sample standard deviation at each step (0 with one member)
 * @param min   the smallest member's value at each step
 * @param max   the largest member's value at each step
 */
public record Band(double[] steps, double[] mean, double[] std, double[] min, double[] max) {
    /** No points. */
    public static final Band EMPTY = new Band(new double[0], new double[0], new double[0], new double[0], new double[0]);

    public int size() {
        return steps.length;
    }

    /** The band of {@code members}' series (already without diverged members). */
    public static Band of(List<DownsampledSeries.Snapshot> members) {
        DownsampledSeries.Snapshot longest = null;
        for (DownsampledSeries.Snapshot s : members) {
            if (longest == null || s.size() > longest.size()) {
                longest = s;
            }
        }
        if (longest == null || longest.size() == 0) {
            return EMPTY;
        }
        int n = longest.size();
        double[] steps = new double[n];
        double[] mean = new double[n];
        double[] std = new double[n];
        double[] min = new double[n];
        double[] max = new double[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            double step = longest.steps()[i];
            double[] values = new double[members.size()];
            int m = 0;
            for (DownsampledSeries.Snapshot s : members) {
                if (i < s.size() && s.steps()[i] == step) {
                    values[m++] = s.means()[i];
                }
            }
            Spread spread = Spread.of(Arrays.copyOf(values, m));
            if (spread.count() == 0) {
                continue;
            }
            steps[kept] = step;
            mean[kept] = spread.mean();
            std[kept] = spread.std();
            min[kept] = spread.min();
            max[kept] = spread.max();
            kept++;
        }
        return new Band(Arrays.copyOf(steps, kept), Arrays.copyOf(mean, kept),
                Arrays.copyOf(std, kept), Arrays.copyOf(min, kept), Arrays.copyOf(max, kept));
    }

    /**
     * The first step at which the mean reaches {@code target} or less, or -1 if it has not. The mean is that
     * of bucket means, so with long runs it is the first bucket (of several steps) whose mean gets there.
     */
    public double stepsTo(double target) {
        for (int i = 0; i < steps.length; i++) {
            if (mean[i] <= target) {
                return steps[i];
            }
        }
        return -1;
    }
}
