package dev.descent.engine.optim;

import dev.descent.engine.vocab.Explained;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Cosine annealing, optionally with warm restarts: torch's CosineAnnealingLR (held at the minimum
 * after T steps instead of rising again) and CosineAnnealingWarmRestarts (period T, multiplied by
 * {@code periodMultiplier} after each restart). ND4J has no cosine schedule.
 */
@Explained(title = "Cosine annealing",
        summary = "Lowers η along half a cosine wave: gently at first, fast in the middle, gently at the end; restarts jump back up.",
        formula = "η(t) = η_min + (η₀ − η_min) · (1 + cos(π·t_cur/T_i)) / 2;  with restarts t_cur wraps to 0 after T_i steps and T_i ← T_i·T_mult",
        source = "Loshchilov & Hutter 2017, SGDR; torch.optim.lr_scheduler.CosineAnnealingLR / CosineAnnealingWarmRestarts")
final class CosineSchedule implements ISchedule {
    private final double initial;
    private final double minimum;
    private final int period;
    private final boolean restarts;
    private final int periodMultiplier;

    CosineSchedule(double initial, double minimum, int period, boolean restarts, int periodMultiplier) {
        this.initial = initial;
        this.minimum = minimum;
        this.period = period;
        this.restarts = restarts;
        this.periodMultiplier = periodMultiplier;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        double position;
        double length;
        if (!restarts) {
            position = Math.min(iteration, period);
            length = period;
        } else if (periodMultiplier == 1) {
            position = iteration % period;
            length = period;
        } else {
            // Find the cycle n containing t: cycles have lengths T, T·m, T·m², ...
            long start = 0;
            long cycleLength = period;
            while (start + cycleLength <= iteration) {
                start += cycleLength;
                cycleLength *= periodMultiplier;
            }
            position = iteration - start;
            length = cycleLength;
        }
        return minimum + (initial - minimum) * (1 + Math.cos(Math.PI * position / length)) / 2;
    }

    @Override
    public ISchedule clone() {
        return new CosineSchedule(initial, minimum, period, restarts, periodMultiplier);
    }
}
