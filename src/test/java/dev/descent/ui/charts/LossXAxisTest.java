package dev.descent.ui.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.descent.engine.train.RunHistory;
import dev.descent.engine.train.StepEvents;
import dev.descent.testing.MemoryPreferences;
import dev.descent.ui.app.Examples;
import dev.descent.ui.model.DataModel;
import dev.descent.ui.model.EngineStatus;
import dev.descent.ui.model.ProjectModel;
import dev.descent.ui.model.SelectionModel;
import dev.descent.ui.model.Theme;
import dev.descent.ui.model.TrainingSession;
import java.util.prefs.Preferences;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The loss chart over epochs, examples seen or training time: the curves' x values are the runs' own conversions. */
@ExtendWith(ApplicationExtension.class)
class LossXAxisTest {
    private ChartHarness harness;

    @Start
    void start(Stage stage) {
        harness = new ChartHarness(stage);
    }

    /** Six steps of a run that took 0.25 s per step (steps 1…6 end at 0.25, 0.5, …, 1.5 s). */
    private static RunHistory timed() {
        RunHistory h = new RunHistory();
        for (int s = 1; s <= 6; s++) {
            h.onStep(StepEvents.timed(s, 1.0 / s, 0.25 * s));
        }
        return h;
    }

    private double[] trainingX(LossChart chart, XAxis axis) throws Exception {
        ChartHarness.onFx(() -> {
            chart.setXAxis(axis);
            chart.refresh(harness.input(), true); // as the charts' choice box does
            return null;
        });
        return ChartHarness.curve(chart, "a training").x();
    }

    @Test
    void eachAxisMapsTheStepsOfTheRunsOwnBatchesAndClock() throws Exception {
        // given a run of batch size 4 over 10 examples (3 batches an epoch, the last of 2), 6 steps in 0.25 s each
        LossChart chart = harness.show(new LossChart());
        chart.setWindow(1);
        harness.run("a", timed(), new ChartInput.Pace(4, 10, 6)).totalSteps(6);

        // then its training curve sits at the steps, then at the examples it has seen, the epochs, the seconds
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, trainingX(chart, XAxis.STEP), 0.0);
        assertArrayEquals(new double[] {4, 8, 10, 14, 18, 20}, trainingX(chart, XAxis.EXAMPLES), 0.0);
        assertArrayEquals(new double[] {0.4, 0.8, 1.0, 1.4, 1.8, 2.0}, trainingX(chart, XAxis.EPOCH), 1e-12);
        assertArrayEquals(new double[] {0.25, 0.5, 0.75, 1.0, 1.25, 1.5}, trainingX(chart, XAxis.TIME), 1e-12);
        // and the axis says what it counts, ending where the run ends (two epochs)
        trainingX(chart, XAxis.EPOCH);
        assertEquals("epoch", ChartHarness.onFx(() -> chart.plot().getDomainAxis().getLabel()));
        assertEquals(2.0, ChartHarness.onFx(() -> chart.plot().getDomainAxis().getUpperBound()), 1e-12);
    }

    @Test
    void theChoiceIsRememberedForTheNextSession() throws Exception {
        // given preferences in memory and a loss chart whose x axis the user sets to examples seen
        Preferences preferences = new MemoryPreferences().node("dev/descent");
        ChartsView first = chartsFor(preferences);
        ChartHarness.onFx(() -> {
            first.xAxisChoice().setValue(XAxis.EXAMPLES);
            first.logToggle().setSelected(true);
            return null;
        });
        // when the next session's charts start from the same preferences
        ChartsView next = chartsFor(preferences);
        // then they start with that choice
        assertEquals(XAxis.EXAMPLES, ChartHarness.onFx(() -> next.xAxisChoice().getValue()));
        assertEquals(XAxis.EXAMPLES, ChartHarness.onFx(() -> next.lossChart().xAxis()));
        assertEquals(true, ChartHarness.onFx(() -> next.lossChart().isLog()));
        assertEquals("examples seen", ChartHarness.onFx(() -> next.lossChart().plot().getDomainAxis().getLabel()));
    }

    /** Charts of the window's first example, nothing trained, their options kept in {@code preferences}. */
    private static ChartsView chartsFor(Preferences preferences) throws Exception {
        java.util.concurrent.Executor now = Runnable::run;
        ProjectModel project = new ProjectModel(Examples.load(Examples.FIRST));
        DataModel data = new DataModel(project, now, now);
        TrainingSession session = new TrainingSession(project, data, new EngineStatus(), now, now);
        return ChartHarness.onFx(() -> {
            ChartsView view = new ChartsView(project, new SelectionModel(), session, new Theme(null));
            view.rememberOptions(preferences);
            return view;
        });
    }
}
