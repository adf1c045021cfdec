package dev.descent.ui.charts;

import dev.descent.engine.train.DownsampledSeries;
import dev.descent.ui.compare.Band;
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
 * (dashed) of every run, one colour per run, on a linear or log axis (smoothed in log space there). A run
 * with several members (seeds) is drawn as its mean over the members that did not diverge, with its
 * spread ({@link BandStyle}): at each step of the longest member, x̄ = Σxᵢ/n over the members with a point
 * there, the band x̄ ± s (s the sample standard deviation; on a log axis its lower end falls back to the
 * minimum when x̄ − s ≤ 0) or min–max, or every member as a thin line.
 */
final class LossChart extends LiveChart {
    static final Color NEUTRAL = new Color(0x8c959f);
    private boolean log;
    private double window = 1;
    private BandStyle style = BandStyle.STD;
    private List<BandArea> bands = List.of();
    /** The curves of diverged runs and members: drawn, but the y axis fits the others. */
    private java.util.Set<String> diverged = java.util.Set.of();
    private XAxis xAxis = XAxis.STEP;

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

    /** How a run's spread over its members is drawn; takes effect at the next {@link #refresh}. */
    void setBandStyle(BandStyle style) {
        this.style = style;
    }

    BandStyle bandStyle() {
        return style;
    }

    /** What the x axis counts (steps, epochs, examples seen, training time); takes effect at the next {@link #refresh}. */
    void setXAxis(XAxis axis) {
        if (axis != xAxis) {
            xAxis = axis;
            useXAxis(axis);
        }
    }

    XAxis xAxis() {
        return xAxis;
    }

    /** {@code steps} of {@code run} on the chosen x axis ({@link XAxis#map}). */
    private double[] x(ChartInput.Run run, double[] steps) {
        if (xAxis == XAxis.STEP) {
            return steps;
        }
        ChartInput.Pace pace = run.pace();
        DownsampledSeries.Snapshot seconds = xAxis == XAxis.TIME && run.history() != null
                ? reader.read(run.history().trainingSeconds()) : null;
        return xAxis.map(steps, pace == null ? 0 : pace.batchSize(), pace == null ? 0 : pace.trainSize(), seconds);
    }

    /**
     * The x axis's end: the most steps, examples or epochs any run takes; none in advance for training time.
     */
    @Override
    protected double domainTotal(ChartInput input) {
        if (xAxis == XAxis.STEP) {
            return input.totalSteps();
        }
        if (xAxis == XAxis.TIME) {
            return Double.NaN;
        }
        double most = 0;
        for (ChartInput.Run run : input.runs()) {
            ChartInput.Pace pace = run.pace();
            if (pace != null) {
                most = Math.max(most, xAxis.map(new double[] {pace.totalSteps()}, pace.batchSize(), pace.trainSize(),
                        null)[0]);
            }
        }
        return most > 0 ? most : Double.NaN;
    }

    @Override
    protected List<BandArea> bands(ChartInput input) {
        return bands;
    }

    @Override
    protected List<Curve> curves(ChartInput input) {
        List<Curve> faint = new ArrayList<>();
        List<Curve> validation = new ArrayList<>();
        List<Curve> training = new ArrayList<>();
        List<BandArea> spread = new ArrayList<>();
        java.util.Set<String> off = new java.util.HashSet<>();
        for (MemberGroup group : MemberGroup.of(input.runs())) {
            if (group.ensemble()) {
                ensemble(group, faint, validation, training, spread);
                for (ChartInput.Run member : group.members()) {
                    if (member.diverged()) {
                        off.add(member.name() + " member");
                    }
                }
                continue;
            }
            ChartInput.Run run = group.members().get(0);
            if (run.history() == null) {
                continue;
            }
            if (run.diverged()) {
                off.addAll(List.of(run.name() + " raw", run.name() + " training", run.name() + " validation"));
            }
            DownsampledSeries.Snapshot train = reader.read(run.history().trainLoss());
            DownsampledSeries.Snapshot val = reader.read(run.history().validationLoss());
            double[] raw = Curves.forAxis(train.means(), log);
            double[] trainX = x(run, train.steps());
            if (window > 1) {
                faint.add(new Curve(run.name() + " raw", run.name() + " raw", run.color(), Curve.Line.FAINT,
                        trainX, raw, log));
                training.add(new Curve(run.name() + " training", run.name() + " training", run.color(),
                        Curve.Line.SOLID, trainX, smoothed(train.steps(), train.means(), raw), log));
            } else {
                training.add(new Curve(run.name() + " training", run.name() + " training", run.color(),
                        Curve.Line.SOLID, trainX, raw, log));
            }
            validation.add(new Curve(run.name() + " validation", run.name() + " validation", run.color(),
                    Curve.Line.DASHED, x(run, val.steps()), Curves.forAxis(val.means(), log), log));
        }
        bands = List.copyOf(spread);
        diverged = off;
        List<Curve> all = new ArrayList<>(faint);
        all.addAll(validation);
        all.addAll(training);
        return all;
    }

    /**
     * A run of several members: its mean training and validation curves, and its band or member lines. On
     * another x axis than steps, the mean maps through its first member (the members of a run share batch
     * size and data; in time, they train side by side).
     */
    private void ensemble(MemberGroup group, List<Curve> faint, List<Curve> validation, List<Curve> training,
                          List<BandArea> spread) {
        List<DownsampledSeries.Snapshot> trains = new ArrayList<>();
        List<DownsampledSeries.Snapshot> vals = new ArrayList<>();
        for (ChartInput.Run run : group.members()) {
            if (run.history() == null) {
                continue;
            }
            DownsampledSeries.Snapshot train = reader.read(run.history().trainLoss());
            DownsampledSeries.Snapshot val = reader.read(run.history().validationLoss());
            if (style == BandStyle.MEMBERS) {
                faint.add(new Curve(run.name() + " member", run.name() + " member", group.color(), Curve.Line.FAINT,
                        x(run, train.steps()), Curves.forAxis(train.means(), log), log));
            }
            if (!run.diverged()) {
                trains.add(train);
                vals.add(val);
            }
        }
        Band train = Band.of(trains);
        Band val = Band.of(vals);
        String name = group.name();
        ChartInput.Run first = group.members().get(0);
        double[] trainX = x(first, train.steps());
        double[] valX = x(first, val.steps());
        double[] raw = Curves.forAxis(train.mean(), log);
        if (window > 1) {
            if (style != BandStyle.MEMBERS) {
                faint.add(new Curve(name + " raw", name + " raw", group.color(), Curve.Line.FAINT, trainX, raw, log));
            }
            training.add(new Curve(name + " training", name + " mean training", group.color(), Curve.Line.SOLID,
                    trainX, smoothed(train.steps(), train.mean(), raw), log));
        } else {
            training.add(new Curve(name + " training", name + " mean training", group.color(), Curve.Line.SOLID,
                    trainX, raw, log));
        }
        validation.add(new Curve(name + " validation", name + " mean validation", group.color(), Curve.Line.DASHED,
                valX, Curves.forAxis(val.mean(), log), log));
        if (style != BandStyle.MEMBERS && train.size() > 0) {
            double[] low = new double[train.size()];
            double[] high = new double[train.size()];
            for (int i = 0; i < low.length; i++) {
                if (style == BandStyle.MIN_MAX) {
                    low[i] = train.min()[i];
                    high[i] = train.max()[i];
                } else {
                    double below = train.mean()[i] - train.std()[i];
                    low[i] = log && below <= 0 ? train.min()[i] : below;
                    high[i] = train.mean()[i] + train.std()[i];
                }
            }
            spread.add(new BandArea(name + " band", group.color(), trainX, Curves.forAxis(low, log),
                    Curves.forAxis(high, log)));
        }
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

    @Override
    protected java.util.Set<String> keysOutsideTheRange(ChartInput input) {
        return diverged;
    }

    /**
     * "Adam diverged at step 3 (its training stopped there)": its curve ends, and this says why; beside
     * runs that did not diverge, it adds that the y axis fits those (the climb leaves the chart's top).
     */
    @Override
    protected String note(ChartInput input) {
        List<String> parts = new ArrayList<>();
        List<String> members = new ArrayList<>();
        int diverged = 0;
        int total = 0;
        for (MemberGroup group : MemberGroup.of(input.runs())) {
            if (group.ensemble()) {
                if (!group.divergedText().isEmpty()) {
                    members.add(group.divergedText());
                }
                diverged += group.divergedCount();
                total += group.members().size();
                continue;
            }
            ChartInput.Run run = group.members().get(0);
            if (run.diverged()) {
                parts.add(String.format(java.util.Locale.ROOT, "%s diverged at step %,d", run.name(), run.divergedAt()));
            }
        }
        boolean others = parts.size() < input.runs().size();
        // beside other runs the axis remark says the curve ends there, in fewer words (a note takes plot height)
        String runs = parts.isEmpty() ? "" : capped(parts) + (others ? "; the y axis fits the other runs"
                : parts.size() == 1 ? " (its training stopped there)" : " (their training stopped there)");
        // one run names itself; several are counted, in one line a narrow chart still has room for
        String ensembles = members.isEmpty() ? ""
                : members.size() == 1 ? members.get(0) + " (left out of the mean)"
                : String.format(java.util.Locale.ROOT, "%d/%d members diverged (%d runs), left out of the means",
                        diverged, total, members.size());
        return runs.isEmpty() ? ensembles : ensembles.isEmpty() ? runs : runs + "; " + ensembles;
    }

    /** The first {@link RunMetricChart#NAMED_DIVERGENCES} of {@code parts} joined, then "and N more". */
    static String capped(List<String> parts) {
        int named = Math.min(parts.size(), RunMetricChart.NAMED_DIVERGENCES);
        String shown = String.join("; ", parts.subList(0, named));
        return named == parts.size() ? shown : shown + "; and " + (parts.size() - named) + " more";
    }

    @Override
    protected String title(ChartInput input) {
        return "Loss";
    }

    /** The most runs the legend names; beyond that (a sweep) it counts them. */
    static final int LEGEND_RUNS = 6;

    @Override
    protected LegendItemCollection legend(ChartInput input) {
        LegendItemCollection items = new LegendItemCollection();
        List<MemberGroup> groups = MemberGroup.of(input.runs());
        if (groups.size() > LEGEND_RUNS) { // a sweep: a legend naming every point would cover the chart
            items.add(new LegendItem(groups.size() + " runs (the Compare tab lists them)", null, null, null,
                    new Line2D.Double(0, 0, 0, 0), SOLID, new java.awt.Color(0, 0, 0, 0)));
        } else {
            for (MemberGroup group : groups) {
                String label = group.ensemble() ? group.name() + " (mean of " + group.members().size() + ")" : group.name();
                items.add(new LegendItem(label, null, null, null, new Line2D.Double(-9, 0, 9, 0), SOLID, group.color()));
            }
        }
        if (!input.runs().isEmpty()) {
            items.add(new LegendItem("training", null, null, null, new Line2D.Double(-11, 0, 11, 0), SOLID, NEUTRAL));
            items.add(new LegendItem("validation", null, null, null, new Line2D.Double(-11, 0, 11, 0), DASHED, NEUTRAL));
        }
        return items;
    }
}
