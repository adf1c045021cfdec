package dev.descent.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.train.StepRate;
import dev.descent.experiment.ExperimentReader;
import dev.descent.testing.MemoryPreferences;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Slow motion in the window's training logic, without a window: every executor runs inline. */
class SlowMotionSessionTest {
    private static final Executor NOW = Runnable::run;
    private TrainingSession session;

    @BeforeEach
    void build() throws Exception {
        ProjectModel project = new ProjectModel(ExperimentReader.read(Path.of("sample-data/spiral-sgd-vs-adam.json")));
        DataModel data = new DataModel(project, NOW, NOW);
        EngineStatus engine = new EngineStatus();
        engine.start(NOW, NOW);
        session = new TrainingSession(project, data, engine, NOW, NOW);
    }

    private int mostSteps() {
        return session.comparisonProperty().get().summaries().stream().mapToInt(s -> s.steps()).max().orElse(0);
    }

    private void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000; // a guard against a hang on a loaded machine
        while (!condition.getAsBoolean()) {
            assertTrue(System.currentTimeMillis() < deadline, "timed out");
            Thread.sleep(5);
        }
    }

    /** The step of "step 12 of 1,500 · ...". */
    private static int stepOf(String statusLine) {
        Matcher m = Pattern.compile("^step ([0-9,]+) of").matcher(statusLine);
        assertTrue(m.find(), statusLine);
        return Integer.parseInt(m.group(1).replace(",", ""));
    }

    @Test
    void aRateChosenBeforeTrainHoldsTheComparisonAndTheStatusLineSaysSo() throws Exception {
        // given 5 steps/s chosen before training
        session.stepRateProperty().set(StepRate.perSecond(5));
        // when training starts
        session.train();
        assertEquals(StepRate.perSecond(5), session.comparisonProperty().get().stepRate());
        waitFor(() -> mostSteps() >= 2);
        session.tick(System.nanoTime(), false);
        // then the status line names the rate, and the frame's step is the status line's
        String line = session.statusLineProperty().get();
        assertTrue(line.contains(" · slow motion: 5 steps/s · "), line);
        assertEquals(stepOf(line), session.frameStep());
        // and the runs are not past what 5 steps/s allows since the first step (measured from here on)
        int from = mostSteps();
        long start = System.nanoTime();
        Thread.sleep(1200);
        int gained = mostSteps() - from;
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(gained <= 5 * seconds + 1, gained + " steps in " + seconds + " s at 5 steps/s");
    }

    @Test
    void aNewRateAppliesToTheRunningComparisonAndFullSpeedEndsTheFrameLimit() throws Exception {
        // given a comparison training at 1 step/s
        session.stepRateProperty().set(StepRate.perSecond(1));
        session.train();
        waitFor(() -> mostSteps() >= 1);
        // when the user chooses full speed while it trains
        session.stepRateProperty().set(StepRate.FULL_SPEED);
        // then the engine goes on at full speed and the charts are no longer held to a frame step
        assertTrue(session.comparisonProperty().get().stepRate().isFullSpeed());
        waitFor(() -> mostSteps() >= 50);
        session.tick(System.nanoTime(), true);
        assertEquals(Long.MAX_VALUE, session.frameStep());
        assertTrue(session.statusLineProperty().get().matches("step [0-9,]+ of 1,500 · [0-9,]+ steps/s.*"),
                session.statusLineProperty().get());
        // and back to 20 steps/s, the same comparison is held again
        session.stepRateProperty().set(StepRate.perSecond(20));
        assertEquals(StepRate.perSecond(20), session.comparisonProperty().get().stepRate());
    }

    @Test
    void theChosenSpeedIsRememberedBetweenSessions() {
        // given a first session that chose 20 steps/s
        MemoryPreferences preferences = new MemoryPreferences();
        ObjectProperty<StepRate> first = new SimpleObjectProperty<>();
        StepRates.remember(first, preferences);
        assertEquals(StepRate.FULL_SPEED, first.get(), "full speed when nothing was chosen");
        first.set(StepRate.perSecond(20));
        // when the next session starts, then it starts at 20 steps/s
        ObjectProperty<StepRate> next = new SimpleObjectProperty<>();
        StepRates.remember(next, preferences);
        assertEquals(StepRate.perSecond(20), next.get());
        // and a value that is not one of the choices (an edited preference) starts at full speed
        preferences.putDouble(StepRates.KEY, 7);
        ObjectProperty<StepRate> odd = new SimpleObjectProperty<>();
        StepRates.remember(odd, preferences);
        assertEquals(StepRate.FULL_SPEED, odd.get());
    }

    @Test
    void slowerAndFasterWalkTheChoicesAndStopAtTheEnds() {
        assertEquals(StepRate.perSecond(100), StepRates.slower(StepRate.FULL_SPEED));
        assertEquals(StepRate.perSecond(1), StepRates.slower(StepRate.perSecond(5)));
        assertEquals(StepRate.perSecond(1), StepRates.slower(StepRate.perSecond(1)));
        assertEquals(StepRate.perSecond(5), StepRates.faster(StepRate.perSecond(1)));
        assertEquals(StepRate.FULL_SPEED, StepRates.faster(StepRate.perSecond(100)));
        assertEquals(StepRate.FULL_SPEED, StepRates.faster(StepRate.FULL_SPEED));
        assertEquals(StepRate.perSecond(20), StepRates.faster(StepRate.perSecond(10)), "between 5 and 20");
    }
}
