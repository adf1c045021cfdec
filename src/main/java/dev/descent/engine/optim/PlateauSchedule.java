package dev.descent.engine.optim;

import dev.descent.engine.vocab.Explained;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Reduce-on-plateau as torch.optim.lr_scheduler.ReduceLROnPlateau (mode "min", relative threshold):
 * after more than {@code patience} evaluations without the monitored loss improving by a relative
 * {@code threshold}, η is multiplied by {@code factor} (not below {@code minLr}), then
 * {@code cooldown} evaluations pass before counting again. Stateful, so ours: ND4J schedules are
 * functions of the step only.
 */
@Explained(title = "Reduce on plateau",
        summary = "Keeps η until the validation loss stops improving for a while, then cuts it by a factor.",
        formula = "if no loss < best·(1 − threshold) for more than `patience` evaluations: η ← max(η·factor, η_min)",
        source = "torch.optim.lr_scheduler.ReduceLROnPlateau")
final class PlateauSchedule implements ISchedule, MetricFeedback {
    private final double factor;
    private final int patience;
    private final double threshold;
    private final int cooldown;
    private final double minimum;
    private double current;
    private double best = Double.POSITIVE_INFINITY;
    private int badEvaluations;
    private int cooldownLeft;

    PlateauSchedule(double initial, double factor, int patience, double threshold, int cooldown, double minimum) {
        this.current = initial;
        this.factor = factor;
        this.patience = patience;
        this.threshold = threshold;
        this.cooldown = cooldown;
        this.minimum = minimum;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return current;
    }

    @Override
    public void observe(int iteration, double loss) {
        if (loss < best * (1 - threshold)) {
            best = loss;
            badEvaluations = 0;
        } else {
            badEvaluations++;
        }
        if (cooldownLeft > 0) {
            cooldownLeft--;
            badEvaluations = 0;
        }
        if (badEvaluations > patience) {
            double reduced = Math.max(current * factor, minimum);
            if (current - reduced > 1e-8) {
                current = reduced;
            }
            cooldownLeft = cooldown;
            badEvaluations = 0;
        }
    }

    @Override
    public ISchedule clone() {
        return new PlateauSchedule(current, factor, patience, threshold, cooldown, minimum);
    }
}
