package dev.descent.ui.multiples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.data.Dataset;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentReader;
import dev.descent.ui.WindowFixture;
import dev.descent.ui.charts.GradientMultiples;
import dev.descent.ui.data.BoundaryMultiples;
import dev.descent.ui.model.TrainingSession;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.jfree.data.Range;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Side by side tab in the real window, on two seeds of SGD and Adam swept over two learning rates:
 * one decision boundary and one gradient chart per run of the file (each sweep point a run, its seeds not
 * repeated), all on one scale.
 */
@ExtendWith(ApplicationExtension.class)
class SideBySideTabTest {
    private static final String FILE = """
            { "format": 1, "name": "side by side", "seed": 5,
              "dataset": { "generator": "moons", "samples": 200, "validation": 0.2 }, "normalizer": "standardize",
              "network": { "nodes": [ {"id": "in", "type": "input"}, {"id": "h1", "type": "dense", "units": 8},
                                      {"id": "a1", "type": "activation", "function": "tanh"},
                                      {"id": "out", "type": "dense", "units": 2},
                                      {"id": "loss", "type": "loss", "function": "cross_entropy"} ],
                           "edges": [ ["in","h1"], ["h1","a1"], ["a1","out"], ["out","loss"] ] },
              "training": { "epochs": 4, "batchSize": 16, "evaluateEvery": 10, "seeds": 2 },
              "runs": [ { "name": "SGD", "optimizer": { "type": "sgd", "learningRate": 0.1 } },
                        { "name": "Adam", "optimizer": "adam", "sweep": { "learningRate": [0.001, 0.1] } } ] }
            """;
    private static final List<String> RUNS = List.of("SGD", "Adam lr=0.001", "Adam lr=0.1");

    private WindowFixture fx;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        fx = new WindowFixture(stage);
    }

    @AfterEach
    void close() {
        WaitForAsyncUtils.asyncFx(fx::close);
    }

    /** Trains the file to the end, then shows the Side by side tab. */
    private SideBySideView trainAndShow(FxRobot robot) throws Exception {
        Experiment experiment = ExperimentReader.parse(FILE, null);
        WaitForAsyncUtils.asyncFx(() -> fx.project.replace(experiment, null)).get();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx.engine.isReady() && fx.data.dataset() != null);
        WaitForAsyncUtils.asyncFx(fx.session::train);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx.session.state() == TrainingSession.State.FINISHED);
        TabPane tabs = (TabPane) stage.getScene().lookup("#chart-tabs");
        Tab side = tabs.getTabs().stream().filter(t -> "tab-side by side".equals(t.getId())).findFirst().orElseThrow();
        robot.interact(() -> tabs.getSelectionModel().select(side));
        return (SideBySideView) side.getContent();
    }

    @Test
    void everyRunHasOneBoundaryOverTheSameDataRectangle(FxRobot robot) throws Exception {
        SideBySideView view = trainAndShow(robot);
        BoundaryMultiples boundaries = view.boundaries();
        // then one cell per run of the file, in order, each with the picture of its run's last step
        assertEquals(RUNS, WaitForAsyncUtils.asyncFx(boundaries::runs).get());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() ->
                IntStream.range(0, RUNS.size()).allMatch(boundaries::hasPicture)).get());
        int lastStep = fx.session.comparisonProperty().get().totalSteps();
        for (int k = 0; k < RUNS.size(); k++) {
            int cell = k;
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() ->
                    boundaries.shownStep(cell)).get() == lastStep);
        }
        // and every cell draws over one rectangle that holds every example
        double[] first = WaitForAsyncUtils.asyncFx(() -> boundaries.rangeOf(0)).get();
        Dataset data = fx.data.dataset();
        for (int i = 0; i < data.size(); i++) {
            assertTrue(data.feature(i, 0) >= first[0] && data.feature(i, 0) <= first[1], "x of example " + i);
            assertTrue(data.feature(i, 1) >= first[2] && data.feature(i, 1) <= first[3], "y of example " + i);
        }
        for (int k = 1; k < RUNS.size(); k++) {
            int cell = k;
            assertArrayEquals(first, WaitForAsyncUtils.asyncFx(() -> boundaries.rangeOf(cell)).get(), 0.0, RUNS.get(k));
        }
        // and the runs learned different boundaries (Adam at 0.001 has barely moved in 40 steps)
        int[] slow = WaitForAsyncUtils.asyncFx(() -> boundaries.boundaryPixels(1)).get();
        int[] fast = WaitForAsyncUtils.asyncFx(() -> boundaries.boundaryPixels(2)).get();
        assertTrue(!java.util.Arrays.equals(slow, fast), "two learning rates, two pictures");
    }

    @Test
    void everyRunHasOneGradientChartOnOneSharedRange(FxRobot robot) throws Exception {
        SideBySideView view = trainAndShow(robot);
        GradientMultiples gradients = view.gradients();
        WaitForAsyncUtils.asyncFx(gradients::refresh).get();
        // then one chart per run of the file, titled for it, each with points
        assertEquals(RUNS, WaitForAsyncUtils.asyncFx(gradients::runs).get());
        Range shared = WaitForAsyncUtils.asyncFx(gradients::sharedRange).get();
        assertNotNull(shared);
        for (int k = 0; k < RUNS.size(); k++) {
            int cell = k;
            assertTrue(WaitForAsyncUtils.asyncFx(() -> gradients.pointsOf(cell)).get() > 0, RUNS.get(k) + " has points");
            assertTrue(WaitForAsyncUtils.asyncFx(() -> gradients.titleOf(cell)).get().contains(RUNS.get(k)),
                    WaitForAsyncUtils.asyncFx(() -> gradients.titleOf(cell)).get());
            // and every chart's y axis is the shared range, untitled (the grid's heading names it; a title ran
            // into the run's name at presenter sizes)
            assertEquals(shared, WaitForAsyncUtils.asyncFx(() -> gradients.rangeOf(cell)).get(), RUNS.get(k));
            assertEquals(null, WaitForAsyncUtils.asyncFx(() -> gradients.axisLabelOf(cell)).get(), RUNS.get(k));
        }
    }
}
