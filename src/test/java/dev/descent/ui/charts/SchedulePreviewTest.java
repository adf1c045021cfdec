package dev.descent.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.train.DownsampledSeries;
import dev.descent.engine.vocab.Choice;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.RunSpec;
import dev.descent.ui.WindowFixture;
import dev.descent.ui.app.Examples;
import dev.descent.ui.model.TrainingSession;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.jfree.chart.axis.NumberAxis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Before training, the learning-rate chart shows each run's whole planned schedule, warm-up included, as
 * a faint line; training draws the actual values over it, and they are the plan's.
 */
@ExtendWith(ApplicationExtension.class)
class SchedulePreviewTest {
    private WindowFixture fx;
    private ChartsView charts;

    @Start
    void start(Stage stage) {
        fx = new WindowFixture(stage);
        charts = (ChartsView) stage.getScene().lookup("#charts");
    }

    @AfterEach
    void close() {
        WaitForAsyncUtils.asyncFx(fx::close);
    }

    private static <T> T onFx(Callable<T> task) throws Exception {
        return WaitForAsyncUtils.asyncFx(task).get(10, TimeUnit.SECONDS);
    }

    private static Curve curve(LiveChart chart, String key) {
        return chart.dataset().curves().stream().filter(c -> c.key().equals(key)).findFirst().orElse(null);
    }

    /** The window's example (spiral, 1,500 steps) with SGD on warm-up and cosine, Adam on step decay. */
    private static Experiment scheduled() {
        Experiment e = Examples.load(Examples.FIRST);
        List<RunSpec> runs = e.runs();
        Choice<Schedule> cosine = Choice.of(Schedule.COSINE).with(Schedule.WARMUP_STEPS, 200).with("minLr", 0.001);
        Choice<Schedule> step = Choice.of(Schedule.STEP).with("stepSize", 400).with("gamma", 0.5);
        return e.withRuns(List.of(runs.get(0).withSchedule(cosine), runs.get(1).withSchedule(step)));
    }

    @Test
    void theWholePlannedScheduleShowsBeforeTrainingAndTheActualValuesFollowIt() throws Exception {
        // given the scheduled example, its data loaded, not trained
        Experiment e = scheduled();
        onFx(() -> {
            fx.project.replace(e, null);
            return null;
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx.engine.isReady() && fx.data.dataset() != null);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> curve(charts.learningRateChart(), "SGD plan") != null));
        // then each run has a faint curve over all its steps, with its schedule's η at each step drawn
        Curve[] plans = new Curve[2];
        for (int run = 0; run < 2; run++) {
            RunSpec spec = e.runs().get(run);
            Curve plan = onFx(() -> curve(charts.learningRateChart(), spec.name() + " plan"));
            plans[run] = plan;
            assertEquals(Curve.Line.FAINT, plan.line());
            assertEquals(1, plan.x()[0]);
            assertEquals(1500, plan.x()[plan.size() - 1], "the example trains 1,500 steps");
            double base = spec.optimizer().value(OptimizerType.LEARNING_RATE);
            var schedule = Schedule.create(spec.schedule(), base, 1500);
            for (int i = 0; i < plan.size(); i++) {
                assertEquals(schedule.valueAt((int) plan.x()[i] - 1, 0), plan.y()[i], 1e-15, spec.name() + " at " + plan.x()[i]);
            }
        }
        // the warm-up starts low and the step decay halves at step 401: the shape is there before training
        assertTrue(plans[0].y()[0] < 0.01 * 0.05, "warm-up starts near 0: " + plans[0].y()[0]);
        assertTrue(onFx(() -> charts.learningRateChart().noteText()).contains("planned"));

        // when the runs train to the end
        WaitForAsyncUtils.asyncFx(fx.session::train);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx.session.state() == TrainingSession.State.FINISHED);
        WaitForAsyncUtils.waitForFxEvents();
        // then every step's recorded η is the plan's at that step, and both curves are drawn
        for (int run = 0; run < 2; run++) {
            DownsampledSeries.Snapshot actual = fx.session.history(run).learningRate().snapshot();
            assertEquals(1500, actual.size());
            RunSpec spec = e.runs().get(run);
            Curve plan = onFx(() -> curve(charts.learningRateChart(), spec.name() + " plan"));
            for (int i = 0; i < plan.size(); i++) {
                int at = (int) plan.x()[i] - 1;
                assertEquals(actual.steps()[at], plan.x()[i]);
                assertEquals(actual.means()[at], plan.y()[i], 1e-12, spec.name() + " at " + plan.x()[i]);
            }
            assertTrue(onFx(() -> curve(charts.learningRateChart(), spec.name())) != null, spec.name() + " actual");
        }
        assertTrue(onFx(() -> charts.learningRateChart().plot().getRangeAxis()) instanceof NumberAxis);
    }

    /** The example's two runs at learning rates {@code a} and {@code b}, trained one epoch. */
    private static Experiment atRates(double a, double b) {
        Experiment e = Examples.load(Examples.FIRST);
        List<RunSpec> runs = e.runs();
        return e.withRuns(List.of(
                runs.get(0).withName("Small").withOptimizer(Choice.of(OptimizerType.SGD).with(OptimizerType.LEARNING_RATE, a)),
                runs.get(1).withName("Large").withOptimizer(Choice.of(OptimizerType.SGD).with(OptimizerType.LEARNING_RATE, b))))
                .withTraining(new dev.descent.experiment.TrainingSpec(1, e.training().batchSize(), e.training().evaluateEvery()));
    }

    /** Trains {@code e} to its end and waits until the chart draws its first run's rate. */
    private void trainToTheEnd(Experiment e) throws Exception {
        double first = e.runs().get(0).optimizer().value(OptimizerType.LEARNING_RATE);
        onFx(() -> {
            fx.project.replace(e, null);
            return null;
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx.engine.isReady() && fx.data.dataset() != null);
        WaitForAsyncUtils.asyncFx(fx.session::train);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx.session.state() == TrainingSession.State.FINISHED);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(() -> {
            Curve small = curve(charts.learningRateChart(), "Small");
            return small != null && small.size() > 0 && Math.abs(small.value(small.size() - 1) - first) < 1e-12 * first;
        }));
    }

    @Test
    void ratesOrdersOfMagnitudeApartGoOnALogAxisAndCloseOnesStayLinear() throws Exception {
        // given runs at η = 0.0005 and η = 50 (the learning-rate lesson's extremes), trained
        trainToTheEnd(atRates(0.0005, 50));
        RunMetricChart chart = charts.learningRateChart();
        // then the axis is logarithmic, says so, and the small run's line sits at log10 0.0005 inside it,
        // not flattened onto zero under the large run's
        assertTrue(onFx(chart::isLog), "rates 1e5 apart");
        assertTrue(onFx(() -> chart.plot().getRangeAxis()) instanceof ExponentAxis);
        assertTrue(onFx(chart::noteText).startsWith("log scale: rates 10⁵ apart"), onFx(chart::noteText));
        Curve small = onFx(() -> curve(chart, "Small"));
        assertTrue(small.log());
        assertEquals(Math.log10(0.0005), small.y()[small.size() - 1], 1e-12);
        assertEquals(0.0005, small.value(small.size() - 1), 1e-15, "the hover reads the rate, not its logarithm");
        org.jfree.data.Range range = onFx(() -> chart.plot().getRangeAxis().getRange());
        assertTrue(range.contains(Math.log10(0.0005)) && range.contains(Math.log10(50)), range.toString());

        // when runs at η = 0.01 and 0.05 train instead
        trainToTheEnd(atRates(0.01, 0.05));
        // then the axis is linear again, and the note does not speak of a log scale
        assertTrue(!onFx(chart::isLog));
        assertTrue(!(onFx(() -> chart.plot().getRangeAxis()) instanceof ExponentAxis));
        assertTrue(!onFx(chart::noteText).contains("log scale"), onFx(chart::noteText));
        assertEquals(0.01, onFx(() -> curve(chart, "Small")).y()[0], 1e-15);
    }

    @Test
    void peaksApartIsTheHighestRunsPeakOverTheLowestRunsPeak() {
        Curve a = new Curve("a", "a", java.awt.Color.RED, Curve.Line.SOLID, new double[] {1, 2, 3}, new double[] {0, 0.2, 0.1});
        Curve b = new Curve("b", "b", java.awt.Color.RED, Curve.Line.SOLID, new double[] {1, 2}, new double[] {30, Double.NaN});
        Curve zero = new Curve("z", "z", java.awt.Color.RED, Curve.Line.SOLID, new double[] {1}, new double[] {0});
        assertEquals(150, RunMetricChart.peaksApart(List.of(a, b, zero)), 1e-9);
        assertEquals(1, RunMetricChart.peaksApart(List.of(a)), 0.0);
        assertEquals(1, RunMetricChart.peaksApart(List.of()), 0.0);
    }
}
