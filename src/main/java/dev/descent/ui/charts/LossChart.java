package dev.descent.ui.charts;

import dev.descent.engine.train.DownsampledSeries;
import java.awt.Color;
import java.awt.geom.Line2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;

/**
 * Training loss (solid, smoothed at draw time with the raw curve faint behind it) and validation loss
 * (dashed) of every run, one colour per run, on a linear or log axis (smoothed in log space there).
 */
final class LossChart extends LiveChart {
    static final Color NEUTRAL = new Color(0x8c959f);
    private boolean log;
    private double window = 1;

    LossChart() {
        super("Loss", linearAxis());
    }

    private static NumberAxis linearAxis() {
        NumberAxis axis = new NumberAxis();
        axis.setAutoRangeIncludesZero(true);
        axis.setStandardTickUnits(TickLabels.linear());
        return axis;
    }

    /** Switches the y axis between linear and logarithmic. */
    void setLog(boolean on) {
        if (on == log) {
            return;
        }
        log = on;
        ValueAxis axis = on ? new ExponentAxis(null) : linearAxis();
        setRangeAxis(axis);
    }

    boolean isLog() {
        return log;
    }

    /** Smoothing window in steps (1 = raw); takes effect at the next {@link #refresh}. */
    void setWindow(double steps) {
        window = Math.max(1, steps);
    }

    double window() {
        return window;
    }

    @Override
    protected List<Curve> curves(ChartInput input) {
        List<Curve> faint = new ArrayList<>();
        List<Curve> validation = new ArrayList<>();
        List<Curve> training = new ArrayList<>();
        for (ChartInput.Run run : input.runs()) {
            if (run.history() == null) {
                continue;
            }
            DownsampledSeries.Snapshot train = reader.read(run.history().trainLoss());
            DownsampledSeries.Snapshot val = reader.read(run.history().validationLoss());
            double[] raw = Curves.forAxis(train.means(), log);
            if (window > 1) {
                faint.add(new Curve(run.name() + " raw", run.name() + " raw", run.color(), Curve.Line.FAINT,
                        train.steps(), raw, log));
                training.add(new Curve(run.name() + " training", run.name() + " training", run.color(),
                        Curve.Line.SOLID, train.steps(), smoothed(train.steps(), train.means(), raw), log));
            } else {
                training.add(new Curve(run.name() + " training", run.name() + " training", run.color(),
                        Curve.Line.SOLID, train.steps(), raw, log));
            }
            validation.add(new Curve(run.name() + " validation", run.name() + " validation", run.color(),
                    Curve.Line.DASHED, val.steps(), Curves.forAxis(val.means(), log), log));
        }
        List<Curve> all = new ArrayList<>(faint);
        all.addAll(validation);
        all.addAll(training);
        return all;
    }

    /**
     * The smoothed training loss as drawn. On a log axis the average is taken of the logarithms (a
     * running geometric mean), so it smooths what the eye sees: averaged linearly, one spike of 1e11
     * among losses near 1 outweighs them for w^k·1e11 &gt; 1, some 230 steps for a 10-step window, drawn
     * as a long straight decline; in log space it is gone within a few windows.
     *
     * @param raw the losses as drawn raw ({@link Curves#forAxis}), logarithms on a log axis
     */
    private double[] smoothed(double[] steps, double[] losses, double[] raw) {
        return log ? Smoothing.ema(steps, raw, window) : Curves.forAxis(Smoothing.ema(steps, losses, window), false);
    }

    /** "Adam diverged at step 3 (training stopped there)": its curve ends, and this says why. */
    @Override
    protected String note(ChartInput input) {
        List<String> parts = new ArrayList<>();
        for (ChartInput.Run run : input.runs()) {
            if (run.diverged()) {
                parts.add(String.format(java.util.Locale.ROOT, "%s diverged at step %,d", run.name(), run.divergedAt()));
            }
        }
        return parts.isEmpty() ? "" : String.join("; ", parts) + (parts.size() == 1 ? " (its training stopped there)"
                : " (their training stopped there)");
    }

    @Override
    protected String title(ChartInput input) {
        return "Loss";
    }

    @Override
    protected LegendItemCollection legend(ChartInput input) {
        LegendItemCollection items = new LegendItemCollection();
        for (ChartInput.Run run : input.runs()) {
            items.add(new LegendItem(run.name(), null, null, null, new Line2D.Double(-9, 0, 9, 0), SOLID, run.color()));
        }
        if (!input.runs().isEmpty()) {
            items.add(new LegendItem("training", null, null, null, new Line2D.Double(-11, 0, 11, 0), SOLID, NEUTRAL));
            items.add(new LegendItem("validation", null, null, null, new Line2D.Double(-11, 0, 11, 0), DASHED, NEUTRAL));
        }
        return items;
    }
}
