package dev.descent.ui.charts;

import dev.descent.engine.train.DownsampledSeries;
import dev.descent.engine.train.RunHistory;
import dev.descent.ui.compare.Band;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import dev.descent.engine.optim.SchedulePlan;
import java.util.function.Function;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;

/**
 * One line per run of a single metric: the learning rate, or the validation accuracy. A run with several
 * members is its mean over those that did not diverge (x̄ = Σxᵢ/n at each step).
 *
 * <p>The learning rate goes on a log axis by itself when the runs' rates are orders of magnitude apart:
 * when the highest run's peak is more than {@value #LOG_SPAN} times the lowest run's peak
 * (max ηᵣ / min ηᵣ &gt; {@value #LOG_SPAN}, ηᵣ the largest rate run r reaches). On a linear axis the
 * largest rate of such a comparison (η = 50 beside η = 0.0005) flattens every other run onto zero.
 */
final class RunMetricChart extends LiveChart {
    /** A little headroom above 100 % so a perfect run's line is not hidden by the frame. */
    private static final double ACCURACY_TOP = 1.03;
    private final String name;
    private final Function<RunHistory, DownsampledSeries> metric;
    private final boolean accuracy;
    /** Learning rate only: each run's planned schedule by run name, drawn faintly behind its actual values. */
    private Map<String, SchedulePlan> plans = Map.of();
    /** Learning rate only: peaks further apart than this factor put the rates on a log axis. */
    static final double LOG_SPAN = 100;
    /** Whether the learning rates are drawn on a log axis now. */
    private boolean log;

    private RunMetricChart(String name, NumberAxis axis, Function<RunHistory, DownsampledSeries> metric, boolean accuracy) {
        super(name, axis);
        this.name = name;
        this.metric = metric;
        this.accuracy = accuracy;
    }

    /** The learning rate each run used at each step (schedules show their shape here). */
    static RunMetricChart learningRate() {
        return new RunMetricChart("Learning rate", linearRateAxis(), RunHistory::learningRate, false);
    }

    private static NumberAxis linearRateAxis() {
        NumberAxis axis = new NumberAxis();
        axis.setAutoRangeIncludesZero(true);
        axis.setStandardTickUnits(TickLabels.linear());
        return axis;
    }

    /** Whether the learning rates are drawn on a log axis now (their peaks are far apart). */
    boolean isLog() {
        return log;
    }

    /** Validation accuracy, 0 to 100 %; says so when the data is regression. */
    static RunMetricChart validationAccuracy() {
        NumberAxis axis = new NumberAxis();
        axis.setRange(0, ACCURACY_TOP);
        axis.setNumberFormatOverride(NumberFormat.getPercentInstance());
        return new RunMetricChart("Validation accuracy", axis, RunHistory::validationAccuracy, true);
    }

    /**
     * The runs' planned learning-rate curves, by the names of {@link ChartInput.Run} (a member's or its
     * group's): each drawn as a faint line of its run's colour over the whole run, under the actual values.
     */
    void setPlans(Map<String, SchedulePlan> plans) {
        this.plans = Map.copyOf(plans);
    }

    /** The planned curves drawn: faint, one per run of {@code input} that has a plan, before the run's own curve. */
    private List<Curve> planned(ChartInput input) {
        List<Curve> curves = new ArrayList<>();
        for (MemberGroup group : MemberGroup.of(input.runs())) {
            ChartInput.Run first = group.members().get(0);
            SchedulePlan plan = plans.get(group.ensemble() ? group.name() : first.name());
            if (plan != null && plan.size() > 0) {
                String name = group.ensemble() ? group.name() : first.name();
                curves.add(new Curve(name + " plan", name + " planned", group.ensemble() ? group.color() : first.color(),
                        Curve.Line.FAINT, plan.steps(), plan.rates()));
            }
        }
        return curves;
    }

    @Override
    protected List<Curve> curves(ChartInput input) {
        List<Curve> curves = linearCurves(input);
        if (accuracy) {
            return curves;
        }
        boolean wanted = peaksApart(curves) > LOG_SPAN;
        if (wanted != log) {
            log = wanted;
            setRangeAxis(wanted ? new ExponentAxis(null) : linearRateAxis());
        }
        if (!log) {
            return curves;
        }
        List<Curve> logs = new ArrayList<>(curves.size());
        for (Curve c : curves) {
            logs.add(new Curve(c.key(), c.label(), c.color(), c.line(), c.x(), Curves.forAxis(c.y(), true), true));
        }
        return logs;
    }

    /**
     * The ratio of the highest run's peak to the lowest run's peak, max ηᵣ / min ηᵣ over the curves drawn
     * (plans included: known before the first step, so the axis does not change as the runs start); 1
     * with fewer than two curves that have a positive value.
     */
    static double peaksApart(List<Curve> curves) {
        double highest = 0;
        double lowest = Double.POSITIVE_INFINITY;
        for (Curve c : curves) {
            double peak = 0;
            for (double y : c.y()) {
                if (y > peak && Double.isFinite(y)) {
                    peak = y;
                }
            }
            if (peak > 0) {
                highest = Math.max(highest, peak);
                lowest = Math.min(lowest, peak);
            }
        }
        return highest > 0 && lowest < highest ? highest / lowest : 1;
    }

    /** Every run's curve (and planned curve) in the metric's own units. */
    private List<Curve> linearCurves(ChartInput input) {
        List<Curve> curves = plans.isEmpty() ? new ArrayList<>() : planned(input);
        for (MemberGroup group : MemberGroup.of(input.runs())) {
            if (group.ensemble()) {
                List<DownsampledSeries.Snapshot> kept = new ArrayList<>();
                for (ChartInput.Run run : group.members()) {
                    if (run.history() != null) {
                        DownsampledSeries.Snapshot s = reader.read(metric.apply(run.history()));
                        if (!run.diverged()) {
                            kept.add(s);
                        }
                    }
                }
                Band mean = Band.of(kept);
                if (mean.size() > 0) {
                    curves.add(new Curve(group.name(), group.name() + " mean", group.color(), Curve.Line.SOLID,
                            mean.steps(), Curves.forAxis(mean.mean(), false)));
                }
                continue;
            }
            ChartInput.Run run = group.members().get(0);
            if (run.history() == null) {
                continue;
            }
            DownsampledSeries.Snapshot s = reader.read(metric.apply(run.history()));
            if (s.size() > 0) {
                curves.add(new Curve(run.name(), run.name(), run.color(), Curve.Line.SOLID, s.steps(),
                        Curves.forAxis(s.means(), false)));
            }
        }
        return curves;
    }

    @Override
    protected void restoreRange(ValueAxis axis) {
        if (accuracy) {
            axis.setRange(0, ACCURACY_TOP);
        } else {
            super.restoreRange(axis);
        }
    }

    @Override
    protected String title(ChartInput input) {
        return name;
    }

    @Override
    protected String noDataMessage(ChartInput input) {
        if (accuracy && input.comparison() != null && isRegression(input)) {
            return "No accuracy: this data is regression (see the loss)";
        }
        String diverged = accuracy ? divergedBeforeEvaluation(input) : "";
        if (!diverged.isEmpty()) {
            return diverged;
        }
        if (accuracy && input.comparison() != null) {
            return "Not evaluated yet: runs are checked on the validation data every "
                    + input.comparison().training().evaluateEvery() + " steps and at the end of each epoch";
        }
        return super.noDataMessage(input);
    }

    /**
     * Under the title of the accuracy chart while some run has a curve: which runs diverged and so have
     * none, or a curve that ends early ("Adam diverged at step 3 before its first evaluation").
     */
    @Override
    protected String note(ChartInput input) {
        if (!accuracy) {
            String planned = plans.isEmpty() || planned(input).isEmpty() ? "" : "faint: each run's planned schedule";
            if (!log) {
                return planned;
            }
            String scale = "log scale: rates " + ExponentAxis.label(Math.floor(Math.log10(peaksApart(linearCurves(input)))),
                    new org.jfree.data.Range(-10, 10))
                    + " apart";
            return planned.isEmpty() ? scale : scale + "; " + planned;
        }
        if (!hasCurves(input)) {
            return "";
        }
        return divergences(input);
    }

    private boolean hasCurves(ChartInput input) {
        for (ChartInput.Run run : input.runs()) {
            if (run.history() != null && metric.apply(run.history()).totalPoints() > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The empty accuracy chart after a divergence: "Adam diverged at step 3 before its first evaluation",
     * and when other runs go on, when they are checked; "" if no run diverged.
     */
    private String divergedBeforeEvaluation(ChartInput input) {
        String diverged = divergences(input);
        if (diverged.isEmpty()) {
            return "";
        }
        boolean othersTrain = input.runs().stream().anyMatch(r -> !r.diverged());
        if (othersTrain && input.comparison() != null) {
            return diverged + "; the others are checked every " + input.comparison().training().evaluateEvery()
                    + " steps";
        }
        return diverged;
    }

    /** Beyond this many diverged members the note counts them instead of naming each. */
    static final int NAMED_DIVERGENCES = 3;

    /**
     * "Adam diverged at step 3 before its first evaluation; SGD diverged at step 40", or "". With more than
     * {@link #NAMED_DIVERGENCES} (a sweep), "18 of 72 members diverged, the first SGD lr=100 at step 4; ...".
     */
    private String divergences(ChartInput input) {
        List<ChartInput.Run> diverged = input.runs().stream().filter(ChartInput.Run::diverged).toList();
        if (diverged.size() > NAMED_DIVERGENCES) {
            ChartInput.Run first = diverged.stream().min(java.util.Comparator.comparingInt(ChartInput.Run::divergedAt))
                    .orElseThrow();
            return String.format(Locale.ROOT, "%d of %d members diverged, the first %s at step %,d; the runs table"
                    + " and the Compare tab list them", diverged.size(), input.runs().size(), first.name(), first.divergedAt());
        }
        List<String> parts = new ArrayList<>();
        for (ChartInput.Run run : diverged) {
            boolean evaluated = run.history() != null && metric.apply(run.history()).totalPoints() > 0;
            parts.add(String.format(Locale.ROOT, "%s diverged at step %,d%s", run.name(), run.divergedAt(),
                    evaluated ? "" : " before its first evaluation"));
        }
        return String.join("; ", parts);
    }

    /** Validation has run but produced no accuracy: the task has no classes. */
    private static boolean isRegression(ChartInput input) {
        for (ChartInput.Run run : input.runs()) {
            RunHistory h = run.history();
            if (h != null && h.validationLoss().totalPoints() > 0 && h.validationAccuracy().totalPoints() == 0) {
                return true;
            }
        }
        return false;
    }
}
