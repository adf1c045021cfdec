package dev.descent.engine.optim;

import dev.descent.engine.vocab.Explained;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Linear warm-up that precedes another schedule: η climbs from η₀/W to η₀ over W steps, then the
 * wrapped schedule starts from its own step 0. Ours because ND4J's {@code RampSchedule} scales the
 * wrapped schedule during the ramp instead of delaying it.
 */
@Explained(title = "Linear warm-up",
        summary = "Starts with a small η and raises it in a straight line, so early large gradients cannot throw the weights far.",
        formula = "η(t) = η₀·(t+1)/W for t < W, then the following schedule at step t − W",
        source = "Goyal et al. 2017, Accurate, Large Minibatch SGD; torch.optim.lr_scheduler.LinearLR + SequentialLR")
final class WarmupSchedule implements ISchedule, MetricFeedback {
    private final double initial;
    private final int warmupSteps;
    private final ISchedule then;

    WarmupSchedule(double initial, int warmupSteps, ISchedule then) {
        this.initial = initial;
        this.warmupSteps = warmupSteps;
        this.then = then;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        if (iteration < warmupSteps) {
            return initial * (iteration + 1) / warmupSteps;
        }
        return then.valueAt(iteration - warmupSteps, epoch);
    }

    @Override
    public void observe(int iteration, double loss) {
        if (iteration >= warmupSteps && then instanceof MetricFeedback feedback) {
            feedback.observe(iteration - warmupSteps, loss);
        }
    }

    @Override
    public ISchedule clone() {
        return new WarmupSchedule(initial, warmupSteps, then.clone());
    }
}
