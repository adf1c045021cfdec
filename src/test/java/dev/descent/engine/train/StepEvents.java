package dev.descent.engine.train;

import java.util.Arrays;
import java.util.List;

/**
 * Step events with chosen numbers, for tests outside this package that feed a {@link RunHistory} by
 * hand (the charts' tests): a loss, a learning rate and each parameter node's gradient norm; the other
 * per-node figures are zero.
 */
public final class StepEvents {
    private StepEvents() {
    }

    /** Step {@code step} (epoch 1) of run 0 with the given loss, rate and gradient norm per node of {@code nodes}. */
    public static StepEvent step(int step, double loss, double learningRate, List<String> nodes, double... gradientNorms) {
        if (gradientNorms.length != nodes.size()) {
            throw new IllegalArgumentException(nodes.size() + " nodes but " + gradientNorms.length + " norms");
        }
        int n = nodes.size();
        return new StepEvent(0, "run", step, 1, loss, learningRate, new MetricLayout(nodes, List.of()),
                gradientNorms.clone(), new double[n], new double[n], new double[0], new double[0], new double[0]);
    }

    /** Step {@code step} (epoch 1) of run 0 with this loss, reached after {@code seconds} of training. */
    public static StepEvent timed(int step, double loss, double seconds) {
        return new StepEvent(0, "run", step, 1, loss, 0.1, new MetricLayout(List.of(), List.of()), new double[0],
                new double[0], new double[0], new double[0], new double[0], new double[0], null, seconds);
    }

    /** Feeds {@code history} steps 1..losses.length with these losses, rate 0.1 and no parameter nodes. */
    public static void losses(RunHistory history, double... losses) {
        for (int i = 0; i < losses.length; i++) {
            history.onStep(step(i + 1, losses[i], 0.1, List.of()));
        }
    }

    /** An evaluation at {@code step}. */
    public static EvaluationEvent evaluation(int step, double loss, double accuracy) {
        return new EvaluationEvent(0, "run", step, 1, loss, accuracy);
    }

    /** {@code n} copies of {@code value}. */
    public static double[] repeat(int n, double value) {
        double[] a = new double[n];
        Arrays.fill(a, value);
        return a;
    }
}
