package dev.descent.engine.train;

import dev.descent.engine.Engine;
import dev.descent.engine.data.Dataset;
import dev.descent.engine.graph.LossFunction;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.nn.Network;
import dev.descent.engine.nn.Pass;
import dev.descent.engine.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The learning-rate range test (L. N. Smith, "Cyclical Learning Rates for Training Neural Networks",
 * WACV 2017, section 3.3): a copy of a run trains for {@code N} steps while the learning rate rises
 * exponentially from {@code from} to {@code to},
 * <pre>  η_k = from · (to / from)^((k − 1) / (N − 1)),  k = 1 … N,</pre>
 * and the loss of each step's batch is recorded. The copy starts from the run's own initial weights and
 * sees its batches in its order (same seed), with the run's optimizer, clipping and weight decay; only
 * the schedule is replaced. Nothing of the run itself is touched: the copy has its own network and
 * optimizer state, and its numbers go only to the caller.
 *
 * <p>{@link #analyse} reads the curve. <b>Divergence</b> is the first step whose loss is not finite or
 * whose running loss exceeds {@link #DIVERGENCE_FACTOR} times the lowest running loss before it (training
 * stops there), the running loss being an exponential moving average as in fastai's {@code lr_find},
 * bias-corrected: r_k = a_k / (1 − β^k), a_k = β·a_{k−1} + (1 − β)·L_k, β = {@value #BETA}. The
 * <b>steepest descent</b> is found on the points before divergence, smoothed first by a centred median
 * and then a centred mean of ±h points each (h = max(1, round(n / 20)), n the points before divergence;
 * the median keeps the single wild batches near divergence from making steep slopes, and a centred
 * window does not lag behind as a trailing average would): up to the lowest smoothed loss (where the
 * descent ends), the point where ds/d(log₁₀ η) is most negative (central differences). The
 * suggested rate is the learning rate there, the point where a rise in the rate still buys the fastest
 * fall in the loss (Smith: the lower bound of a cyclical range; fastai: its "steep" suggestion).
 *
 * <p>All ND4J work happens on the calling thread.
 */
public final class LrRangeTest {
    /** Fewest steps: a shorter curve has too few points to find a slope. */
    public static final int MIN_STEPS = 10;
    /** Most steps. */
    public static final int MAX_STEPS = 100_000;
    /** The smoothing of the running loss that detects divergence. */
    static final double BETA = 0.9;
    /** A smoothed loss this many times the best so far means the training diverged (fastai's lr_find). */
    public static final double DIVERGENCE_FACTOR = 4;

    private LrRangeTest() {
    }

    /**
     * The range: learning rates from {@code from} to {@code to} over {@code steps} steps.
     *
     * @throws IllegalArgumentException with one line saying what is wrong and what would be valid
     */
    public record Range(double from, double to, int steps) {
        public static final double DEFAULT_FROM = 1e-6;
        public static final double DEFAULT_TO = 10;
        public static final int DEFAULT_STEPS = 200;

        public Range {
            String problem = problem(from, to, steps);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }

        /** Why these values make no range, or null if they do. */
        public static String problem(double from, double to, int steps) {
            if (!(from > 0) || !Double.isFinite(from)) {
                return "the first learning rate must be a positive number, got " + number(from);
            }
            if (!(to > 0) || !Double.isFinite(to)) {
                return "the last learning rate must be a positive number, got " + number(to);
            }
            if (from >= to) {
                return "the first learning rate (" + number(from) + ") must be below the last (" + number(to) + ")";
            }
            if (steps < MIN_STEPS || steps > MAX_STEPS) {
                return "the number of steps must be between " + MIN_STEPS + " and " + MAX_STEPS + ", got " + steps;
            }
            return null;
        }

        /** η_k, for k = 1 … steps. */
        public double rateAt(int step) {
            return from * Math.pow(to / from, (step - 1) / (double) (steps - 1));
        }
    }

    /** One step of the test: the learning rate it used and the loss of its batch (before the update). */
    public record Point(int step, double learningRate, double loss) {
    }

    /**
     * What the curve says.
     *
     * @param points     every step trained, in order (the last is the divergence, if any)
     * @param smoothed   the smoothed loss at each point before the divergence (the divergence point keeps
     *                   its own loss)
     * @param steepest   index in {@code points} of the steepest descent, or -1 if the loss never fell
     * @param divergence index in {@code points} where the loss diverged, or -1 if it did not within the range
     */
    public record Result(List<Point> points, double[] smoothed, int steepest, int divergence) {
        /** The suggested learning rate: the one at the steepest descent; NaN if there is none. */
        public double suggested() {
            return steepest < 0 ? Double.NaN : points.get(steepest).learningRate();
        }

        /** The learning rate at which the loss diverged; NaN if it did not. */
        public double divergedAt() {
            return divergence < 0 ? Double.NaN : points.get(divergence).learningRate();
        }
    }

    /**
     * Trains a copy of {@code run} through {@code range} and analyses the curve.
     *
     * @param training the run's training settings (seed, batch size, data type)
     * @param train    the training split
     * @param validation the validation split (only its normalization is prepared; the test does not evaluate)
     * @param onPoint  hears of each step as it is made (on this thread), e.g. for progress
     * @param stop     asked before each step; true ends the test there (the result has the steps so far)
     */
    public static Result run(TrainingConfig training, Dataset train, Dataset validation, RunConfig run, Range range,
                             Consumer<Point> onPoint, BooleanSupplier stop) {
        Engine.initialize();
        LossFunction loss = run.network().nodesOf(NodeSpec.Loss.class).get(0).function().term();
        TrainingData data = TrainingData.prepare(train, validation, run.normalizer().term(), loss,
                training.dataType());
        Network network = Network.create(run.network(), train.shape(), training.dataType(), training.seed());
        Optimizer optimizer = Optimizer.create(run.optimizer(), network.parameters());
        BatchLoader loader = new BatchLoader(data, training.batchSize(), training.seed());
        int batches = loader.batches();
        Curve curve = new Curve();
        for (int step = 1; step <= range.steps() && !stop.getAsBoolean(); step++) {
            int epoch = (step - 1) / batches;
            int batch = (step - 1) % batches;
            Pass pass = network.pass(loader.sizeOf(batch), true);
            loader.load(epoch, batch, pass);
            double value = pass.forward(true);
            double rate = range.rateAt(step);
            Point point = new Point(step, rate, value);
            onPoint.accept(point);
            if (curve.add(point)) {
                break; // diverged: the steps after it would only grow
            }
            pass.backward();
            double norm = network.gradients().norm2Number().doubleValue(); // ‖g‖₂, for clipping
            optimizer.computeUpdate(network.gradients(), network.parameters(), norm, step - 1, rate);
            network.applyUpdate();
        }
        return analyse(curve.points);
    }

    /** The points and the divergence check as they come. */
    private static final class Curve {
        final List<Point> points = new ArrayList<>();
        private double average;
        private double best = Double.POSITIVE_INFINITY;

        /** Adds a point; true if the loss diverged there. */
        boolean add(Point p) {
            points.add(p);
            if (!Double.isFinite(p.loss())) {
                return true;
            }
            average = BETA * average + (1 - BETA) * p.loss();
            double s = average / (1 - Math.pow(BETA, points.size()));
            if (points.size() > 1 && s > DIVERGENCE_FACTOR * best) {
                return true;
            }
            best = Math.min(best, s);
            return false;
        }
    }

    /**
     * Reads a loss curve (see the class comment): smoothed loss, divergence, steepest descent. The points'
     * learning rates must rise.
     */
    public static Result analyse(List<Point> points) {
        Curve curve = new Curve();
        int divergence = -1;
        for (Point p : points) {
            if (curve.add(p)) {
                divergence = curve.points.size() - 1;
                break;
            }
        }
        List<Point> kept = List.copyOf(curve.points);
        int last = divergence < 0 ? kept.size() - 1 : divergence - 1; // the points before the divergence
        int h = Math.max(1, (int) Math.round((last + 1) / 20.0));
        double[] raw = kept.stream().mapToDouble(Point::loss).toArray();
        double[] smooth = centredMean(centredMedian(raw, last, h), last, h);
        for (int k = last + 1; k < smooth.length; k++) {
            smooth[k] = raw[k];
        }
        int lowest = 0;
        for (int k = 0; k <= last; k++) {
            if (smooth[k] < smooth[lowest]) {
                lowest = k;
            }
        }
        int steepest = -1;
        double steepestSlope = 0;
        for (int k = 0; k <= lowest && last >= 2; k++) {
            int a = Math.max(0, k - 1);
            int b = Math.min(last, k + 1);
            double dx = Math.log10(kept.get(b).learningRate()) - Math.log10(kept.get(a).learningRate());
            double slope = (smooth[b] - smooth[a]) / dx;
            if (slope < steepestSlope) {
                steepestSlope = slope;
                steepest = k;
            }
        }
        return new Result(kept, smooth, steepest, divergence);
    }

    /** The median of values[k − h … k + h] (within 0 … last) at each k ≤ last. */
    private static double[] centredMedian(double[] values, int last, int h) {
        double[] out = values.clone();
        for (int k = 0; k <= last; k++) {
            double[] window = java.util.Arrays.copyOfRange(values, Math.max(0, k - h), Math.min(last, k + h) + 1);
            java.util.Arrays.sort(window);
            int m = window.length;
            out[k] = m % 2 == 1 ? window[m / 2] : (window[m / 2 - 1] + window[m / 2]) / 2;
        }
        return out;
    }

    /** The mean of values[k − h … k + h] (within 0 … last) at each k ≤ last. */
    private static double[] centredMean(double[] values, int last, int h) {
        double[] out = values.clone();
        for (int k = 0; k <= last; k++) {
            double sum = 0;
            int count = 0;
            for (int j = Math.max(0, k - h); j <= Math.min(last, k + h); j++) {
                sum += values[j];
                count++;
            }
            out[k] = sum / count;
        }
        return out;
    }

    /** A rate as the CLI and the window print it: three significant digits, no trailing zeros (0.0293, 1e-6, 10). */
    public static String format(double rate) {
        if (!Double.isFinite(rate)) {
            return String.valueOf(rate);
        }
        String s = String.format(Locale.ROOT, "%.3g", rate);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return e < 0 ? mantissa : mantissa + "e" + Integer.parseInt(s.substring(e + 1));
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, "%s", value);
    }
}
