package dev.descent.ui.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentReader;
import dev.descent.ui.WindowFixture;
import dev.descent.ui.model.TrainingSession;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Compare area in the real window, on a comparison that trains: members grouped, the map filled, a click. */
@ExtendWith(ApplicationExtension.class)
class CompareWindowTest {
    /** SGD with two seeds, and Adam swept over three learning rates with two seeds: 8 members, 60 steps each. */
    private static final String FILE = """
            { "format": 1, "name": "compare window", "seed": 5,
              "dataset": { "generator": "moons", "samples": 200, "validation": 0.2 }, "normalizer": "standardize",
              "network": { "nodes": [ {"id": "in", "type": "input"}, {"id": "h1", "type": "dense", "units": 8},
                                      {"id": "a1", "type": "activation", "function": "tanh"},
                                      {"id": "out", "type": "dense", "units": 2},
                                      {"id": "loss", "type": "loss", "function": "cross_entropy"} ],
                           "edges": [ ["in","h1"], ["h1","a1"], ["a1","out"], ["out","loss"] ] },
              "training": { "epochs": 6, "batchSize": 16, "evaluateEvery": 10, "seeds": 2 },
              "runs": [ { "name": "SGD", "optimizer": { "type": "sgd", "learningRate": 0.1 } },
                        { "name": "Adam", "optimizer": "adam", "sweep": { "learningRate": [0.001, 0.01, 0.1] } } ] }
            """;

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

    @Test
    void viewCompareShowsEveryRunOverItsMembersAndAClickSelectsThePoint(FxRobot robot) throws Exception {
        // given the experiment trained to its end
        Experiment experiment = ExperimentReader.parse(FILE, null);
        WaitForAsyncUtils.asyncFx(() -> fx.project.replace(experiment, null)).get();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx.engine.isReady() && fx.data.dataset() != null);
        WaitForAsyncUtils.asyncFx(fx.session::train);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx.session.state() == TrainingSession.State.FINISHED);

        // when View > Compare… is chosen
        robot.interact(() -> fx.menuItem("menu-compare").fire());
        CompareView view = WaitForAsyncUtils.waitForAsyncFx(5000, () -> Window.getWindows().stream()
                .filter(w -> w instanceof Stage s && "Compare — Descent".equals(s.getTitle()))
                .map(w -> (CompareView) w.getScene().getRoot()).findFirst().orElseThrow());
        robot.interact(view::refresh);

        // then the eight members are four runs of two members each, named as in the files
        List<RunGroup> runs = view.runs();
        assertEquals(List.of("SGD", "Adam lr=0.001", "Adam lr=0.01", "Adam lr=0.1"), runs.stream().map(RunGroup::name).toList());
        runs.forEach(r -> assertEquals(2, r.members().size(), r.name()));
        assertEquals(List.of(0, 1), runs.get(2).members().stream().map(MemberTrace::member).toList());
        // and each run's table figure is the mean over its members' own final losses
        double expected = (runs.get(0).members().get(0).summary().finalTrainLoss()
                + runs.get(0).members().get(1).summary().finalTrainLoss()) / 2;
        assertEquals(expected, view.table().table().getItems().stream().filter(r -> r.run().equals("SGD"))
                .findFirst().orElseThrow().finalTrainLoss(), 1e-12);
        // and the map of Adam's sweep has its three points, every one filled
        List<StackPane> cells = view.map().cells();
        assertEquals(List.of("Adam lr=0.001", "Adam lr=0.01", "Adam lr=0.1"), cells.stream().map(c -> c.getUserData()).toList());
        cells.forEach(c -> assertFalse(c.getStyleClass().contains(StabilityMap.PENDING), c.getUserData().toString()));

        // when the point lr=0.01 is clicked
        robot.clickOn(cells.get(1));

        // then the window selects the run Adam (index 1 in the file) and focuses the point's first member (index 4)
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, fx.selection.runProperty().get());
        assertEquals(4, fx.selection.focusRunProperty().get());
        assertEquals("Adam lr=0.01 #0", fx.session.comparisonProperty().get().run(4).name());
        assertTrue(view.map().cells().get(1).getStyleClass().contains(StabilityMap.SELECTED));
    }

    @Test
    void fileExportCompareViewWritesTheTabsChartAndMaps(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir,
                                                        FxRobot robot) throws Exception {
        // given the experiment trained to its end, the Training tab in front, and a file chosen in the dialog
        Experiment experiment = ExperimentReader.parse(FILE, null);
        WaitForAsyncUtils.asyncFx(() -> fx.project.replace(experiment, null)).get();
        assertTrue(WaitForAsyncUtils.waitForAsyncFx(5000, () -> fx.menuItem("menu-export-compare").isDisable()),
                "nothing to export before training");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx.engine.isReady() && fx.data.dataset() != null);
        WaitForAsyncUtils.asyncFx(fx.session::train);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx.session.state() == TrainingSession.State.FINISHED);
        java.nio.file.Path file = dir.resolve("compare.svg");
        WaitForAsyncUtils.asyncFx(() -> fx.window.setFileDialogs((owner, request) -> file)).get();

        // when File > Export > Compare View is chosen
        robot.interact(() -> fx.menuItem("menu-export-compare").fire());

        // then the Compare tab is in front and the file shows its band chart and Adam's map
        javafx.scene.control.TabPane tabs = WaitForAsyncUtils.waitForAsyncFx(5000,
                () -> (javafx.scene.control.TabPane) stage.getScene().lookup("#chart-tabs"));
        assertEquals("Compare", WaitForAsyncUtils.waitForAsyncFx(5000, () -> tabs.getSelectionModel().getSelectedItem().getText()));
        String svg = java.nio.file.Files.readString(file);
        assertTrue(svg.startsWith("<svg") || svg.contains("<svg"), "an SVG");
        assertTrue(svg.contains(">Adam<") && svg.contains("log final loss"), "Adam's map and its colour bar");
        assertTrue(svg.contains("<path"), "the band chart's curves");
    }
}
