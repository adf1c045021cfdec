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
}
