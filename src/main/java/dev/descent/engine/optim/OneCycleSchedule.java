package dev.descent.engine.optim;

import dev.descent.engine.vocab.Explained;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The one-cycle policy as torch.optim.lr_scheduler.OneCycleLR computes it by default (two phases,
 * cosine annealing), for the learning rate only: momentum is not cycled. The optimizer's learning rate
 * is the peak. Ours because ND4J's {@code CycleSchedule} is linear with an exponential tail.
 */
@Explained(title = "One cycle",
        summary = "Warms η up from η₀/d to the peak η₀ over the first part of training, then anneals it far below the start.",
        formula = "η rises from η₀/d to η₀ over the first p·T steps, then falls to η₀/(d·f), both along half-cosines",
        source = "Smith & Topin 2017, Super-Convergence; torch.optim.lr_scheduler.OneCycleLR(anneal_strategy='cos')")
final class OneCycleSchedule implements ISchedule {
    private final double peak;
    private final int steps;
    private final double pctStart;
    private final double divFactor;
    private final double finalDivFactor;

    OneCycleSchedule(double peak, int steps, double pctStart, double divFactor, double finalDivFactor) {
        this.peak = peak;
        this.steps = steps;
        this.pctStart = pctStart;
        this.divFactor = divFactor;
        this.finalDivFactor = finalDivFactor;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        double start = peak / divFactor;
        double end = start / finalDivFactor;
        double warmEnd = pctStart * steps - 1;
        double last = steps - 1;
        double t = Math.min(iteration, last);
        if (t <= warmEnd) {
            return annealCos(start, peak, warmEnd <= 0 ? 1 : t / warmEnd);
        }
        return annealCos(peak, end, (t - warmEnd) / (last - warmEnd));
    }

    private static double annealCos(double from, double to, double fraction) {
        return to + (from - to) / 2 * (Math.cos(Math.PI * fraction) + 1);
    }

    @Override
    public ISchedule clone() {
        return new OneCycleSchedule(peak, steps, pctStart, divFactor, finalDivFactor);
    }
}
