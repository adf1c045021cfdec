package dev.descent.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.train.DownsampledSeries;
import dev.descent.engine.train.LockstepComparison;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentReader;
import dev.descent.ui.WindowFixture;
import dev.descent.ui.compare.CompareView;
import dev.descent.ui.compare.RunGroup;
import dev.descent.ui.model.TrainingSession;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** In the real window, a run with three seeds is one mean curve with a band, and Compare is a tab. */
@ExtendWith(ApplicationExtension.class)
class SeededRunChartsTest {
    static final String FILE = """
            { "format": 1, "name": "seeded charts", "seed": 5,
              "dataset": { "generator": "moons", "samples": 200, "validation": 0.2 }, "normalizer": "standardize",
              "network": { "nodes": [ {"id": "in", "type": "input"}, {"id": "h1", "type": "dense", "units": 8},
                                      {"id": "a1", "type": "activation", "function": "tanh"},
                                      {"id": "out", "type": "dense", "units": 2},
                                      {"id": "loss", "type": "loss", "function": "cross_entropy"} ],
                           "edges": [ ["in","h1"], ["h1","a1"], ["a1","out"], ["out","loss"] ] },
              "training": { "epochs": 4, "batchSize": 16, "evaluateEvery": 10, "seeds": 3 },
              "runs": [ { "name": "SGD", "optimizer": { "type": "sgd", "learningRate": 0.1 } },
                        { "name": "Adam", "optimizer": "adam" } ] }
            """;

    private WindowFixture fx;
    private ChartsView charts;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        fx = new WindowFixture(stage);
        charts = (ChartsView) stage.getScene().lookup("#charts");
    }

    @AfterEach
    void close() {
        WaitForAsyncUtils.asyncFx(fx::close);
    }

    private void train() throws Exception {
        Experiment experiment = ExperimentReader.parse(FILE, null);
        WaitForAsyncUtils.asyncFx(() -> fx.project.replace(experiment, null)).get();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx.engine.isReady() && fx.data.dataset() != null);
        WaitForAsyncUtils.asyncFx(fx.session::train);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx.session.state() == TrainingSession.State.FINISHED);
        WaitForAsyncUtils.asyncFx(() -> charts.lossChart().refresh(charts.currentInput(), true)).get();
    }

    @Test
    void eachSeededRunIsOneMeanCurveReadFromItsMembers() throws Exception {
        train();
        LockstepComparison c = fx.session.comparisonProperty().get();
        assertEquals(6, c.runCount());
        // members 0-2 are SGD, 3-5 Adam: the drawn SGD mean at each step is the mean of its three members there
        DownsampledSeries.Snapshot[] sgd = new DownsampledSeries.Snapshot[3];
        for (int k = 0; k < 3; k++) {
            assertEquals("SGD", c.run(k).group());
            sgd[k] = c.history(k).trainLoss().snapshot();
        }
        // (the window smooths over 10 steps: the raw mean is drawn faint behind the smoothed one)
        Curve mean = ChartHarness.curve(charts.lossChart(), "SGD raw");
        assertEquals(sgd[0].size(), mean.size());
        for (int i = 0; i < sgd[0].size(); i += 7) {
            double expected = (sgd[0].means()[i] + sgd[1].means()[i] + sgd[2].means()[i]) / 3;
            assertEquals(sgd[0].steps()[i], mean.x()[i], 0.0);
            assertEquals(expected, mean.value(i), 1e-12, "step " + mean.x()[i]);
        }
        // two mean lines and two bands, not six lines
        List<String> solid = WaitForAsyncUtils.asyncFx(() -> charts.lossChart().dataset().curves().stream()
                .filter(k -> k.line() == Curve.Line.SOLID).map(Curve::key).toList()).get();
        assertEquals(List.of("SGD training", "Adam training"), solid);
        assertEquals(2, (int) WaitForAsyncUtils.asyncFx(() -> charts.lossChart().bandData().bands().size()).get());
        assertTrue(WaitForAsyncUtils.asyncFx(() -> charts.bandStyleChoice().isVisible()).get(),
                "the band choice shows when a run has several members");
    }

    @Test
    void compareIsATabBesideTheCharts(FxRobot robot) throws Exception {
        train();
        TabPane tabs = (TabPane) stage.getScene().lookup("#chart-tabs");
        Tab compare = tabs.getTabs().stream().filter(t -> "tab-compare".equals(t.getId())).findFirst().orElseThrow();
        robot.interact(() -> tabs.getSelectionModel().select(compare));
        CompareView view = (CompareView) compare.getContent();
        WaitForAsyncUtils.waitForFxEvents();
        List<String> names = WaitForAsyncUtils.asyncFx(() -> view.table().table().getItems().stream()
                .map(r -> r.run()).toList()).get();
        assertEquals(List.of("SGD", "Adam"), names);
    }

    @Test
    void inANarrowCellTheLossChartsControlsWrapInsteadOfCoveringItsTitle() throws Exception {
        // given seeded runs (the band chooser shows beside smoothing, x axis and log scale), and charts 640 px
        // wide in a window of their own (the shared test stage's size and dividers depend on earlier tests)
        train();
        Stage own = WaitForAsyncUtils.asyncFx(() -> {
            ChartsView narrow = new ChartsView(fx.project, fx.selection, fx.session, fx.theme);
            Stage window = new Stage();
            javafx.scene.Scene scene = new javafx.scene.Scene(narrow, 640, 620);
            scene.getStylesheets().addAll(stage.getScene().getStylesheets());
            window.setScene(scene);
            window.show();
            narrow.lossChart().refresh(narrow.currentInput(), true);
            return window;
        }).get();
        try {
            narrowCellControls((ChartsView) own.getScene().getRoot());
        } finally {
            WaitForAsyncUtils.asyncFx(own::close).get();
        }
    }

    private void narrowCellControls(ChartsView charts) throws Exception {
        javafx.scene.layout.StackPane cell = WaitForAsyncUtils.waitForAsyncFx(5000, () -> {
            charts.getScene().getRoot().applyCss();
            charts.getScene().getRoot().layout();
            return (javafx.scene.layout.StackPane) charts.lossChart().node();
        });
        WaitForAsyncUtils.waitForFxEvents();
        // then every control lies inside the cell, right of the title's 56 px
        javafx.scene.layout.Region controls = WaitForAsyncUtils.waitForAsyncFx(5000,
                () -> (javafx.scene.layout.Region) cell.lookup("." + ChartsView.CONTROLS));
        assertTrue(WaitForAsyncUtils.waitForAsyncFx(5000, () -> charts.lookup("#loss-band").isVisible()));
        for (String id : List.of("#loss-smoothing", "#loss-band", "#loss-x-axis", "#loss-log")) {
            javafx.geometry.Bounds b = WaitForAsyncUtils.waitForAsyncFx(5000, () -> {
                javafx.scene.Node n = cell.lookup(id);
                return cell.sceneToLocal(n.localToScene(n.getLayoutBounds()));
            });
            double width = WaitForAsyncUtils.waitForAsyncFx(5000, cell::getWidth);
            assertTrue(width > 200 && width < 400, "the cell is " + width + " wide");
            assertTrue(b.getMinX() >= 55.5 && b.getMaxX() <= width + 0.5, id + " at " + b + " in a cell " + width + " wide");
        }
        // and the chart below moved down by the second row, so the controls cover none of its text
        double extra = WaitForAsyncUtils.waitForAsyncFx(5000, () -> controls.getHeight()
                - cell.lookup("#loss-log").getLayoutBounds().getHeight() - controls.snappedTopInset());
        assertTrue(extra > 10, "the controls took one row only: " + extra);
        assertEquals(Math.ceil(extra), WaitForAsyncUtils.waitForAsyncFx(5000,
                () -> charts.lossChart().chart.getPadding().getTop()), 1.0);
    }
}
