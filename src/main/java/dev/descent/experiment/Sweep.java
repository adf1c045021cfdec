package dev.descent.experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * The hyperparameter grid a run sweeps: one or two axes, each a parameter of the run's optimizer or
 * schedule, or {@code batchSize}, with its values. The grid's points are every combination, the first
 * axis varying slowest (see {@link SweepPoints}).
 *
 * @param axes one or two axes, parameters distinct
 */
public record Sweep(List<Axis> axes) {
    /** Most axes a sweep has: a strip or a grid, which the stability map can show. */
    public static final int MAX_AXES = 2;
    /** The key that sweeps the batch size rather than a parameter of the optimizer or the schedule. */
    public static final String BATCH_SIZE = "batchSize";

    public Sweep {
        axes = List.copyOf(axes);
    }

    /** Number of grid points: the product of the axes' value counts. */
    public long points() {
        long n = 1;
        for (Axis axis : axes) {
            n *= axis.values().count();
        }
        return n;
    }

    /**
     * One axis.
     *
     * @param parameter the key swept: an optimizer or schedule parameter, or {@link #BATCH_SIZE}
     * @param values    its values
     */
    public record Axis(String parameter, Values values) {
    }

    /** How an axis's values are written in the file. */
    public sealed interface Values permits Listed, Log, Linear {
        /** The values, in order. */
        List<Double> expand();

        /** How many values. */
        int count();
    }

    /** Values written out one by one: {@code [0.1, 0.3, 1]}. */
    public record Listed(List<Double> values) implements Values {
        public Listed {
            values = List.copyOf(values);
        }

        @Override
        public List<Double> expand() {
            return values;
        }

        @Override
        public int count() {
            return values.size();
        }
    }

    /**
     * {@code count} values spaced evenly in log space from {@code from} to {@code to}, both included:
     * vᵢ = 10^(log₁₀ from + (log₁₀ to − log₁₀ from) · i/(count−1)), i = 0 … count−1 (numpy's {@code logspace}
     * over the ends' logarithms, so decades come out exact: 0.001, 0.01, 0.1); one value is {@code from}.
     */
    public record Log(double from, double to, int count) implements Values {
        @Override
        public List<Double> expand() {
            List<Double> values = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                values.add(i == 0 ? from : i == count - 1 ? to
                        : Math.pow(10, Math.log10(from) + (Math.log10(to) - Math.log10(from)) * i / (count - 1)));
            }
            return values;
        }
    }

    /**
     * {@code count} values spaced evenly from {@code from} to {@code to}, both included:
     * vᵢ = from + (to − from) · i/(count−1) (numpy's {@code linspace}); one value is {@code from}.
     */
    public record Linear(double from, double to, int count) implements Values {
        @Override
        public List<Double> expand() {
            List<Double> values = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                values.add(i == 0 ? from : i == count - 1 ? to : from + (to - from) * i / (count - 1));
            }
            return values;
        }
    }
}
