package dev.descent.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.train.StepRate;
import dev.descent.ui.WindowFixture;
import dev.descent.ui.model.TrainingSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Slow motion in the whole window: the toolbar's Speed caps the step rate, and the charts end at the status line's step. */
@ExtendWith(ApplicationExtension.class)
class SlowMotionWindowTest {
    private WindowFixture fx;
    private ChartsView charts;

    @Start
    void start(Stage stage) {
        fx = new WindowFixture(stage);
        // a window wide enough for the whole tool bar: the stage is shared by the suite's window tests, and
        // one left narrower puts the Speed choice into the tool bar's overflow menu
        stage.setWidth(1440);
        stage.setHeight(900);
        charts = (ChartsView) stage.getScene().lookup("#charts");
    }

    @AfterEach
    void close() {
        WaitForAsyncUtils.asyncFx(fx::close);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> task) throws Exception {
        return WaitForAsyncUtils.asyncFx(task).get(10, TimeUnit.SECONDS);
    }

    /** What the window shows at one moment: the status line's step and the last step of each step chart. */
    private record Shown(int counter, double loss, double gradients, double learningRate, int trained) {
        boolean inLockstep() {
            return counter == loss && counter == gradients && counter == learningRate;
        }
    }

    private Shown shown() throws Exception {
        return onFx(() -> {
            String line = ((Label) charts.getScene().lookup("#status-line")).getText();
            Matcher m = Pattern.compile("^step ([0-9,]+) of").matcher(line);
            int counter = m.find() ? Integer.parseInt(m.group(1).replace(",", "")) : -1;
            var c = fx.session.comparisonProperty().get();
            int trained = c == null ? 0 : c.summaries().stream().mapToInt(s -> s.steps()).max().orElse(0);
            return new Shown(counter, lastStep(charts.lossChart()), lastStep(charts.gradientChart()),
                    lastStep(charts.learningRateChart()), trained);
        });
    }

    /**
     * The furthest step any trained curve of {@code chart} reaches, or -1 with none (the learning-rate
     * chart's faint planned schedules reach the last step before training and are not counted).
     */
    private static double lastStep(LiveChart chart) {
        double last = -1;
        for (Curve c : chart.dataset().curves()) {
            if (c.size() > 0 && c.line() != Curve.Line.FAINT) {
                last = Math.max(last, c.x()[c.size() - 1]);
            }
        }
        return last;
    }

    @Test
    void fiveStepsASecondCapsTheWindowsStepRateAndTheChartsEndAtTheCounter(FxRobot robot) throws Exception {
        // given the window's example, ready to train
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx.engine.isReady() && fx.data.dataset() != null);
        // when 5 steps/s is chosen in the training toolbar and Train is clicked
        robot.clickOn("#step-rate");
        robot.clickOn("5 steps/s");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(StepRate.perSecond(5), fx.session.stepRateProperty().get());
        assertEquals("5 steps/s", onFx(() -> ((ComboBox<?>) robot.lookup("#step-rate").query()).getButtonCell().getText()));
        robot.clickOn("#train");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> shown().counter >= 2);
        // then over 2.5 s the runs take no more steps than 5 steps/s allows, and at every moment looked at, the
        // status line's step is where the loss, gradient and learning-rate charts end
        List<Shown> seen = new ArrayList<>();
        Shown first = shown();
        long start = System.nanoTime();
        while (System.nanoTime() - start < 2_500_000_000L) {
            seen.add(shown());
            Thread.sleep(37);
        }
        Shown last = shown();
        double seconds = (System.nanoTime() - start) / 1e9;
        int gained = last.trained - first.trained;
        assertTrue(gained <= 5 * seconds + 1, gained + " steps in " + seconds + " s at 5 steps/s");
        assertTrue(gained >= 2, "the runs were held still: " + gained + " steps in " + seconds + " s");
        for (Shown s : seen) {
            assertTrue(s.inLockstep(), "the counter and the charts disagree: " + s);
        }
        assertTrue(seen.stream().mapToInt(Shown::counter).distinct().count() >= 3, "the counter did not advance: " + seen);
        // and paused, they still agree
        robot.clickOn("#pause");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx.session.state() == TrainingSession.State.PAUSED);
        Thread.sleep(300);
        Shown paused = shown();
        assertTrue(paused.inLockstep(), "paused: " + paused);
        // and from the keyboard, Ctrl+] goes faster (20 steps/s) and Ctrl+[ back
        robot.press(KeyCode.CONTROL, KeyCode.CLOSE_BRACKET).release(KeyCode.CLOSE_BRACKET, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(StepRate.perSecond(20), fx.session.stepRateProperty().get());
        assertEquals(StepRate.perSecond(20), fx.session.comparisonProperty().get().stepRate());
        robot.press(KeyCode.CONTROL, KeyCode.OPEN_BRACKET).release(KeyCode.OPEN_BRACKET, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(StepRate.perSecond(5), fx.session.stepRateProperty().get());
    }
}
