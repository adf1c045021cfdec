package dev.descent.engine.optim;

import dev.descent.engine.vocab.Explained;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Polynomial decay to zero, as torch.optim.lr_scheduler.PolynomialLR. Ours because ND4J 1.0.0-M2.1's
 * {@code PolySchedule} computes η₀·(1 + t/T)ᵖ, which grows instead of decaying.
 */
@Explained(title = "Polynomial decay",
        summary = "Lowers η along a polynomial curve until it reaches zero at the end; power 1 is a straight line.",
        formula = "η(t) = η₀ · (1 − min(t, T)/T)^p",
        source = "torch.optim.lr_scheduler.PolynomialLR")
final class PolynomialSchedule implements ISchedule {
    private final double initial;
    private final int steps;
    private final double power;

    PolynomialSchedule(double initial, int steps, double power) {
        this.initial = initial;
        this.steps = steps;
        this.power = power;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        double progress = Math.min(iteration, steps) / (double) steps;
        return initial * Math.pow(1 - progress, power);
    }

    @Override
    public ISchedule clone() {
        return new PolynomialSchedule(initial, steps, power);
    }
}
