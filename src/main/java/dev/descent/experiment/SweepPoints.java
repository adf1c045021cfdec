package dev.descent.experiment;

import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Choice;
import dev.descent.engine.vocab.Param;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The grid points a run expands into. A run without a sweep is one point with its own name; a swept run
 * has one point per combination of its axes' values, the first axis varying slowest, each named after
 * the run and its values: {@code Adam lr=0.003 batch=32}. Pure.
 */
public final class SweepPoints {
    private SweepPoints() {
    }

    /**
     * One grid point: a run of files and charts.
     *
     * @param name      the run's name with the point's values ({@code Adam lr=0.003}), or the run's own name
     * @param run       the run with the point's optimizer and schedule values set, and no sweep
     * @param batchSize the point's batch size, or 0 for the experiment's
     * @param values    the point's value of each swept parameter, by key, in axis order (empty without a sweep)
     */
    public record Point(String name, RunSpec run, int batchSize, Map<String, Double> values) {
        public Point {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }

    /** The points of every run of {@code experiment}, run by run. */
    public static List<Point> of(Experiment experiment) {
        List<Point> points = new ArrayList<>();
        experiment.runs().forEach(r -> points.addAll(of(r)));
        return points;
    }

    /** The points of {@code run}, in order: the first axis slowest. */
    public static List<Point> of(RunSpec run) {
        if (run.sweep() == null) {
            return List.of(new Point(run.name(), run, 0, Map.of()));
        }
        List<Sweep.Axis> axes = run.sweep().axes();
        List<List<Double>> values = new ArrayList<>();
        List<List<String>> labels = new ArrayList<>();
        for (Sweep.Axis axis : axes) {
            Param param = ExperimentReader.sweptParam(axis.parameter(), run.optimizer(), run.schedule());
            boolean whole = param != null && param.type() == Param.Type.INTEGER;
            List<Double> own = axis.values().expand().stream().map(v -> whole ? Math.rint(v) : v).toList();
            values.add(own);
            labels.add(labels(own));
        }
        List<Point> points = new ArrayList<>();
        int[] at = new int[axes.size()];
        long total = run.sweep().points();
        for (long n = 0; n < total; n++) {
            Choice<OptimizerType> optimizer = run.optimizer();
            Choice<Schedule> schedule = run.schedule();
            int batchSize = 0;
            Map<String, Double> point = new LinkedHashMap<>();
            StringBuilder name = new StringBuilder(run.name());
            for (int a = 0; a < axes.size(); a++) {
                String key = axes.get(a).parameter();
                double value = values.get(a).get(at[a]);
                point.put(key, value);
                name.append(' ').append(label(key)).append('=').append(labels.get(a).get(at[a]));
                if (key.equals(Sweep.BATCH_SIZE)) {
                    batchSize = (int) value;
                } else if (optimizer.term().param(key).isPresent()) {
                    optimizer = optimizer.with(key, value);
                } else {
                    schedule = schedule.with(key, value);
                }
            }
            RunSpec own = run.withOptimizer(optimizer).withSchedule(schedule).withSweep(null).withName(name.toString());
            points.add(new Point(name.toString(), own, batchSize, point));
            for (int a = axes.size() - 1; a >= 0; a--) { // the last axis varies fastest
                if (++at[a] < values.get(a).size()) {
                    break;
                }
                at[a] = 0;
            }
        }
        return points;
    }

    /** How a swept parameter is named in a point's name: {@code lr}, {@code batch}, {@code wd}, else its key. */
    public static String label(String key) {
        return switch (key) {
            case "learningRate" -> "lr";
            case Sweep.BATCH_SIZE -> "batch";
            case "weightDecay" -> "wd";
            default -> key;
        };
    }

    /**
     * The axis's values as they appear in names: three significant digits ({@code 0.00316}), more where two
     * values would otherwise read the same; whole numbers without a point.
     */
    static List<String> labels(List<Double> values) {
        for (int digits = 3; digits < 17; digits++) {
            List<String> shown = new ArrayList<>();
            for (double v : values) {
                shown.add(format(v, digits));
            }
            if (shown.stream().distinct().count() == shown.size()) {
                return shown;
            }
        }
        return values.stream().map(v -> Double.toString(v)).toList();
    }

    private static String format(double value, int digits) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        double abs = Math.abs(value);
        if (abs >= 1e-4 && abs < 1e7) {
            return new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
        }
        String[] parts = String.format(Locale.ROOT, "%." + (digits - 1) + "e", value).split("e");
        String mantissa = parts[0].contains(".") ? parts[0].replaceAll("0+$", "").replaceAll("\\.$", "") : parts[0];
        return mantissa + "e" + Integer.parseInt(parts[1]);
    }
}
