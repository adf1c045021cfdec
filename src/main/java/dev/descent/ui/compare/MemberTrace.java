package dev.descent.ui.compare;

import dev.descent.engine.train.DownsampledSeries;
import dev.descent.engine.train.RunStatus;
import dev.descent.engine.train.RunSummary;

/**
 * One member of a comparison at one moment: where it is and its loss and accuracy series. Immutable.
 *
 * @param index              its index in the comparison (the stable member order)
 * @param member             its number within its run
 * @param summary            its status and figures
 * @param trainLoss          its training loss series
 * @param validationLoss     its validation loss series
 * @param validationAccuracy its validation accuracy series (empty for regression)
 */
public record MemberTrace(int index, int member, RunSummary summary, DownsampledSeries.Snapshot trainLoss,
                          DownsampledSeries.Snapshot validationLoss, DownsampledSeries.Snapshot validationAccuracy) {

    /** Whether it diverged: it then leaves every mean and band, and is counted. */
    public boolean diverged() {
        return summary.status() == RunStatus.DIVERGED;
    }

    /** Whether it has taken a step. */
    public boolean started() {
        return summary.steps() > 0;
    }

    /** Its lowest training loss so far (a bucket's minimum), or NaN. */
    public double bestTrainLoss() {
        return min(trainLoss);
    }

    /** Its highest validation accuracy so far, or NaN. */
    public double bestValidationAccuracy() {
        double best = Double.NaN;
        for (int i = 0; i < validationAccuracy.size(); i++) {
            double v = validationAccuracy.maxs()[i];
            best = Double.isNaN(best) ? v : Math.max(best, v);
        }
        return best;
    }

    private static double min(DownsampledSeries.Snapshot s) {
        double best = Double.NaN;
        for (int i = 0; i < s.size(); i++) {
            double v = s.mins()[i];
            if (Double.isFinite(v)) {
                best = Double.isNaN(best) ? v : Math.min(best, v);
            }
        }
        return best;
    }
}
