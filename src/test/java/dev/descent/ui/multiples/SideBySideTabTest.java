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

    /** Waits until every boundary cell shows the picture of its run's last step. */
    private void waitForEveryPicture(SideBySideView view) throws Exception {
        int lastStep = fx.session.comparisonProperty().get().totalSteps();
        for (int k = 0; k < RUNS.size(); k++) {
            int cell = k;
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() ->
                    view.boundaries().hasPicture(cell) && view.boundaries().shownStep(cell) == lastStep).get());
        }
    }

    @Test
    void fileExportSideBySideWritesEveryCellOfBothGridsAsAnSvg(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir,
                                                               FxRobot robot) throws Exception {
        // given the file trained, its pictures shown, then the Training tab in front, and a file chosen in the dialog
        SideBySideView view = trainAndShow(robot);
        waitForEveryPicture(view);
        TabPane tabs = (TabPane) stage.getScene().lookup("#chart-tabs");
        robot.interact(() -> tabs.getSelectionModel().select(0));
        java.nio.file.Path file = dir.resolve("side.svg");
        WaitForAsyncUtils.asyncFx(() -> fx.window.setFileDialogs((owner, request) -> file)).get();
        // when File > Export > Side by Side View is chosen
        robot.interact(() -> fx.menuItem("menu-export-side-by-side").fire());
        // then the tab is in front, and the SVG has both headings, every run's boundary as an image under its
        // title and every run's gradient chart as vector paths under its title
        assertEquals("Side by side", WaitForAsyncUtils.waitForAsyncFx(5000, () -> tabs.getSelectionModel().getSelectedItem().getText()));
        String svg = java.nio.file.Files.readString(file);
        assertTrue(svg.contains("<svg"), "an SVG");
        assertTrue(svg.contains(SideBySideView.BOUNDARIES_HEADING) && svg.contains(SideBySideView.GRADIENTS_HEADING), "both headings");
        assertEquals(RUNS.size(), svg.split("<image", -1).length - 1, "one picture per boundary cell");
        int last = fx.session.comparisonProperty().get().totalSteps();
        for (int k = 0; k < RUNS.size(); k++) {
            String run = RUNS.get(k);
            int cell = k;
            String title = WaitForAsyncUtils.asyncFx(() -> view.gradients().titleOf(cell)).get();
            assertTrue(svg.contains(">" + run + " · step " + last + "<"), run + "'s boundary title");
            assertTrue(title.contains(run) && svg.contains(">" + title + "<"), run + "'s gradient chart title: " + title);
        }
        assertTrue(svg.contains("<path"), "the gradient curves");
    }

    @Test
    void aPngExportIsTheGridsAsLaidOutWithThePicturesDrawn(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir,
                                                          FxRobot robot) throws Exception {
        // given the file trained and the tab shown with every picture
        SideBySideView view = trainAndShow(robot);
        waitForEveryPicture(view);
        java.nio.file.Path file = dir.resolve("side.png");
        // when it is exported as a PNG
        WaitForAsyncUtils.asyncFx(() -> {
            view.export(file);
            return null;
        }).get(10, TimeUnit.SECONDS);
        // then the image is as wide as the grids and as high as both, each under its heading
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(file.toFile());
        double width = WaitForAsyncUtils.asyncFx(() -> view.boundaries().getWidth()).get();
        double height = WaitForAsyncUtils.asyncFx(() -> view.boundaries().paintedHeight() + view.gradients().paintedHeight()).get();
        assertEquals(Math.ceil(width), png.getWidth(), 1.0);
        assertTrue(png.getHeight() > height && png.getHeight() < height + 120, png.getHeight() + " for grids of " + height);
        // and the first cell's picture is drawn: its middle holds many colours (the boundary's shades, the points)
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        double cellWidth = width / Math.max(1, WaitForAsyncUtils.asyncFx(() -> view.boundaries().columns()).get());
        for (int x = (int) (cellWidth * 0.2); x < cellWidth * 0.8; x += 3) {
            for (int y = 40; y < Math.min(png.getHeight(), 140); y += 3) {
                colours.add(png.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, colours.size() + " colours in the first cell");
    }

    @Test
    void exportingBeforeTrainingOrToAnotherEndingSaysWhyInOneLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir,
                                                                  FxRobot robot) throws Exception {
        TabPane tabs = (TabPane) stage.getScene().lookup("#chart-tabs");
        Tab side = tabs.getTabs().stream().filter(t -> "tab-side by side".equals(t.getId())).findFirst().orElseThrow();
        robot.interact(() -> tabs.getSelectionModel().select(side));
        SideBySideView view = (SideBySideView) side.getContent();
        // before any training: nothing to write, and the file is not made
        java.nio.file.Path png = dir.resolve("side.png");
        java.io.IOException none = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> {
            try {
                WaitForAsyncUtils.asyncFx(() -> {
                    view.export(png);
                    return null;
                }).get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause();
            }
        });
        assertEquals("cannot write " + png + ": the Side by side tab has nothing to show yet (train the runs, then show the tab)",
                none.getMessage());
        assertTrue(!java.nio.file.Files.exists(png));
        // another ending is refused by name
        java.nio.file.Path txt = dir.resolve("side.txt");
        java.io.IOException ending = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> {
            try {
                WaitForAsyncUtils.asyncFx(() -> {
                    view.export(txt);
                    return null;
                }).get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause();
            }
        });
        assertEquals("cannot write " + txt + ": the file name must end in .png or .svg", ending.getMessage());
    }
}
