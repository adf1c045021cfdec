package dev.descent.ui.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.train.DownsampledSeries;
import dev.descent.engine.train.RunHistory;
import dev.descent.ui.WindowFixture;
import dev.descent.ui.model.TrainingSession;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.jfree.chart.axis.NumberAxis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ChartsViewTest {
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

    /** Trains the window's example (spiral, SGD vs Adam, 1,500 steps) to the end. */
    private void trainToTheEnd() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx.engine.isReady() && fx.data.dataset() != null);
        WaitForAsyncUtils.asyncFx(fx.session::train);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx.session.state() == TrainingSession.State.FINISHED);
        // the frame after the last step has drawn every point
        double lastStep = lastStep(history(0).trainLoss().snapshot());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() ->
                lastStep(curve(charts.lossChart(), "SGD training")) == lastStep));
    }

    private static double lastStep(DownsampledSeries.Snapshot s) {
        return s.size() == 0 ? Double.NaN : s.steps()[s.size() - 1];
    }

    private static double lastStep(Curve c) {
        return c.size() == 0 ? Double.NaN : c.x()[c.size() - 1];
    }

    /**
     * Asserts that {@code drawn} is {@code history} thinned for the screen: it ends at the last step,
     * every drawn point is a point of the history, and the lowest and highest values survive.
     */
    private static void assertDrawnFrom(DownsampledSeries.Snapshot history, Curve drawn) {
        assertTrue(drawn.size() > 0, drawn.key() + " is empty");
        assertTrue(drawn.size() <= history.size());
        assertTrue(drawn.size() >= Math.min(history.size(), 100), drawn.key() + " kept " + drawn.size() + " points");
        assertEquals(lastStep(history), lastStep(drawn), drawn.key());
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < drawn.size(); i++) {
            int at = java.util.Arrays.binarySearch(history.steps(), drawn.x()[i]);
            assertTrue(at >= 0, "step " + drawn.x()[i] + " of " + drawn.key() + " is in the history");
            double expected = history.means()[at];
            assertEquals(expected, drawn.value(i), Math.abs(expected) * 1e-12, drawn.key() + " at step " + drawn.x()[i]);
            min = Math.min(min, drawn.value(i));
            max = Math.max(max, drawn.value(i));
        }
        double lowest = java.util.Arrays.stream(history.means()).min().orElseThrow();
        double highest = java.util.Arrays.stream(history.means()).max().orElseThrow();
        assertEquals(lowest, min, Math.abs(lowest) * 1e-12);
        assertEquals(highest, max, Math.abs(highest) * 1e-12);
    }

    private RunHistory history(int run) {
        return fx.session.history(run);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> task) throws Exception {
        return WaitForAsyncUtils.asyncFx(task).get(10, TimeUnit.SECONDS);
    }

    private static Curve curve(LiveChart chart, String key) {
        for (Curve c : chart.dataset().curves()) {
            if (c.key().equals(key)) {
                return c;
            }
        }
        return new Curve(key, key, java.awt.Color.BLACK, Curve.Line.SOLID, new double[0], new double[0]);
    }

    @Test
    void trainingPutsEveryRunsLossOnTheLossChart() throws Exception {
        // given the window's example, trained
        trainToTheEnd();
        // then each run has a training and a validation curve drawn from all of its history
        WaitForAsyncUtils.asyncFx(() -> charts.smoothingSlider().setValue(0)).get();
        for (int run = 0; run < 2; run++) {
            String name = fx.session.rows().get(run).nameProperty().get();
            RunHistory h = history(run);
            assertTrue(h.trainLoss().size() > 1000, "the example trains 1,500 steps");
            assertDrawnFrom(h.trainLoss().snapshot(), onFx(() -> curve(charts.lossChart(), name + " training")));
            assertDrawnFrom(h.validationLoss().snapshot(), onFx(() -> curve(charts.lossChart(), name + " validation")));
        }
        assertFalse(onFx(() -> charts.accuracyChart().dataset().curves().isEmpty()));
        assertFalse(onFx(() -> charts.learningRateChart().dataset().curves().isEmpty()));
    }

    @Test
    void theGradientChartHasOneLinePerParameterNodeOfTheFocusRun() throws Exception {
        // given the trained example
        trainToTheEnd();
        List<String> nodes = history(0).layout().parameterNodes();
        // then the focus run (the first) has one line per parameter node, input to output
        List<String> keys = onFx(() -> charts.gradientChart().dataset().curves().stream().map(Curve::key).toList());
        assertEquals(nodes, keys);
        assertEquals(List.of("h1", "h2", "out"), keys);
        assertTrue(onFx(() -> charts.gradientChart().titleText()).endsWith("SGD"));
        // when the second run becomes the focus
        WaitForAsyncUtils.asyncFx(() -> fx.selection.selectRun(1)).get();
        // then the chart shows its gradients and says so
        assertTrue(onFx(() -> charts.gradientChart().titleText()).endsWith("Adam"));
        DownsampledSeries.Snapshot adam = history(1).gradientNorms().get(0).snapshot();
        WaitForAsyncUtils.asyncFx(() -> charts.smoothingSlider().setValue(0)).get();
        assertDrawnFrom(adam, onFx(() -> curve(charts.gradientChart(), "h1")));
    }

    @Test
    void resetClearsEveryChart() throws Exception {
        // given the trained example
        trainToTheEnd();
        // when
        WaitForAsyncUtils.asyncFx(fx.session::reset).get();
        WaitForAsyncUtils.waitForFxEvents();
        // then
        for (LiveChart chart : List.of(charts.lossChart(), charts.gradientChart(), charts.accuracyChart())) {
            assertEquals(0, onFx(() -> chart.dataset().getSeriesCount()), chart.titleText());
        }
        // the learning-rate chart keeps only the runs' planned schedules, faint (SchedulePreviewTest)
        assertTrue(onFx(() -> charts.learningRateChart().dataset().curves().stream()
                .allMatch(c -> c.line() == Curve.Line.FAINT && c.key().endsWith(" plan"))));
    }

    @Test
    void theLogToggleSwitchesTheLossAxis(FxRobot robot) throws Exception {
        // (when the whole suite runs, the toggle may sit outside the reused stage's visible area, so it is fired)
        // given a linear loss axis
        assertInstanceOf(NumberAxis.class, onFx(() -> charts.lossChart().plot().getRangeAxis()));
        // when the toggle is clicked
        clickLogToggle(robot);
        // then the axis is logarithmic
        assertInstanceOf(ExponentAxis.class, onFx(() -> charts.lossChart().plot().getRangeAxis()));
        // when clicked again, linear again
        clickLogToggle(robot);
        assertInstanceOf(NumberAxis.class, onFx(() -> charts.lossChart().plot().getRangeAxis()));
    }

    private void clickLogToggle(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> charts.logToggle().fire()).get();
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void smoothingChangesTheDrawnLossButNotTheHistory() throws Exception {
        // given the trained example, drawn raw
        trainToTheEnd();
        WaitForAsyncUtils.asyncFx(() -> charts.smoothingSlider().setValue(0)).get();
        DownsampledSeries.Snapshot history = history(0).trainLoss().snapshot();
        double[] before = history.means().clone();
        assertDrawnFrom(history, onFx(() -> curve(charts.lossChart(), "SGD training")));
        // when smoothing is turned up
        WaitForAsyncUtils.asyncFx(() -> charts.smoothingSlider().setValue(0.6)).get();
        // then the drawn curve is no longer the history, the raw curve is drawn faintly behind it,
        // and the history is untouched
        Curve smooth = onFx(() -> curve(charts.lossChart(), "SGD training"));
        int differing = 0;
        for (int i = 0; i < smooth.size(); i++) {
            int at = java.util.Arrays.binarySearch(history.steps(), smooth.x()[i]);
            if (at < 0 || history.means()[at] != smooth.y()[i]) {
                differing++;
            }
        }
        assertTrue(differing > smooth.size() / 2, differing + " of " + smooth.size() + " points smoothed");
        assertDrawnFrom(history, onFx(() -> curve(charts.lossChart(), "SGD raw")));
        assertArrayEquals(before, history(0).trainLoss().snapshot().means(), 0.0);
    }

    @Test
    void theLossChartRedrawsAtMostOncePerFrame() throws Exception {
        // given a count of the loss chart's change events (each is a full redraw) between frames
        List<Integer> perFrame = new ArrayList<>();
        AtomicInteger events = new AtomicInteger();
        WaitForAsyncUtils.asyncFx(() -> {
            charts.lossChart().chart.addChangeListener(e -> events.incrementAndGet());
            fx.session.frameProperty().addListener(o -> perFrame.add(events.getAndSet(0)));
        }).get();
        // when the example trains
        trainToTheEnd();
        // then no frame redrew the chart more than once (the first frame of a comparison also clears it)
        List<Integer> counts = onFx(() -> List.copyOf(perFrame));
        assertTrue(counts.size() > 3, "frames: " + counts.size());
        assertTrue(counts.stream().skip(2).allMatch(n -> n <= 1), "events per frame: " + counts);
        assertTrue(counts.stream().mapToInt(Integer::intValue).sum() >= 1);
    }

    @Test
    void noPulseRedrawsMoreThanOneChartWhileTraining() throws Exception {
        // given a count of all four charts' change events (each a full redraw), read once per pulse
        List<Integer> perPulse = new ArrayList<>();
        AtomicInteger events = new AtomicInteger();
        javafx.animation.AnimationTimer[] counter = new javafx.animation.AnimationTimer[1];
        WaitForAsyncUtils.asyncFx(() -> {
            for (LiveChart chart : List.of(charts.lossChart(), charts.gradientChart(), charts.accuracyChart(),
                    charts.learningRateChart())) {
                chart.chart.addChangeListener(e -> events.incrementAndGet());
            }
        }).get();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx.engine.isReady() && fx.data.dataset() != null);
        WaitForAsyncUtils.asyncFx(() -> fx.session.train()).get();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx.session.history(0) != null
                && fx.session.history(0).trainLoss().size() > 0);
        // when it trains on, untouched (the comparison's first, forced frame is behind us)
        WaitForAsyncUtils.asyncFx(() -> {
            events.set(0);
            counter[0] = new javafx.animation.AnimationTimer() {
                @Override
                public void handle(long now) {
                    perPulse.add(events.getAndSet(0));
                }
            };
            counter[0].start();
        }).get();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx.session.state() == TrainingSession.State.FINISHED);
        Thread.sleep(500);
        List<Integer> counts = onFx(() -> {
            counter[0].stop();
            return List.copyOf(perPulse);
        });
        // then the charts were redrawn, spread over pulses: never two in one
        assertTrue(counts.stream().mapToInt(Integer::intValue).sum() >= 4, "redraws: " + counts);
        assertTrue(counts.stream().allMatch(n -> n <= 1), "redraws per pulse: " + counts);
    }

    @Test
    void behindAnotherTabTheChartsDrawNothingAndCatchUpForAnExportOrWhenShown(@TempDir Path dir) throws Exception {
        // given the Inside tab in front of the charts and a count of the charts' redraws
        AtomicInteger events = new AtomicInteger();
        javafx.scene.control.TabPane tabs = onFx(() -> (javafx.scene.control.TabPane) charts.getScene().lookup("#chart-tabs"));
        WaitForAsyncUtils.asyncFx(() -> {
            for (LiveChart chart : List.of(charts.lossChart(), charts.gradientChart(), charts.accuracyChart(),
                    charts.learningRateChart())) {
                chart.chart.addChangeListener(e -> events.incrementAndGet());
            }
            tabs.getSelectionModel().select(1);
            events.set(0);
        }).get();
        // when the example trains to its end
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx.engine.isReady() && fx.data.dataset() != null);
        WaitForAsyncUtils.asyncFx(fx.session::train).get();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx.session.state() == TrainingSession.State.FINISHED);
        Thread.sleep(500);
        // then the hidden charts drew nothing
        assertEquals(0, events.get(), "redraws behind the Inside tab");
        double lastStep = lastStep(history(0).trainLoss().snapshot());
        // when the charts are exported from behind the tab, the export draws the whole training
        Path png = dir.resolve("charts.png");
        WaitForAsyncUtils.asyncFx(() -> {
            charts.export(png);
            return null;
        }).get();
        assertTrue(Files.size(png) > 0);
        assertEquals(lastStep, (double) onFx(() -> lastStep(curve(charts.lossChart(), "SGD training"))), 0.0);
        // when the Training tab comes back, its charts show the last step
        events.set(0);
        WaitForAsyncUtils.asyncFx(() -> tabs.getSelectionModel().select(0)).get();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() ->
                lastStep(curve(charts.lossChart(), "SGD training")) == lastStep && events.get() > 0));
    }

    @Test
    void inPresenterModeTheGradientAxisTakesItsShortLabelWhichFitsThePlot() throws Exception {
        // the long label was cut at the top of the plot at 1440x900 in presenter mode
        assertEquals("L2 norm, log scale", onFx(() -> charts.gradientChart().plot().getRangeAxis().getLabel()));
        onFx(() -> {
            fx.theme.presenterProperty().set(true);
            return null;
        });
        assertEquals("L2 norm", onFx(() -> charts.gradientChart().plot().getRangeAxis().getLabel()));
        onFx(() -> {
            fx.theme.presenterProperty().set(false);
            return null;
        });
        assertEquals("L2 norm, log scale", onFx(() -> charts.gradientChart().plot().getRangeAxis().getLabel()));
    }

    @Test
    void exportWritesOnePngWithAllFourCharts(@TempDir Path dir) throws Exception {
        // given the trained example
        trainToTheEnd();
        Path file = dir.resolve("charts.png");
        // when
        WaitForAsyncUtils.asyncFx(() -> {
            charts.exportPng(file);
            return null;
        }).get(20, TimeUnit.SECONDS);
        // then a readable PNG of two by two charts, and no temporary file left behind
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(2 * ChartsView.EXPORT_CHART_WIDTH, image.getWidth());
        assertEquals(2 * ChartsView.EXPORT_CHART_HEIGHT, image.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int x = 0; x < image.getWidth(); x += 7) {
            for (int y = 0; y < image.getHeight(); y += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, "the image has content, not a blank: " + colours.size() + " colours");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aCellTooShortForItsLegendShowsTheCurvesAndTheLegendComesBackWhenThereIsRoom() throws Exception {
        // given the example trained, and its charts in a window of their own as presenter mode beside a
        // lesson leaves them: 560 x 430, four cells of about 280 x 210, text 1.6 times as large
        trainToTheEnd();
        Stage own = onFx(() -> {
            fx.theme.presenterProperty().set(true);
            ChartsView small = new ChartsView(fx.project, fx.selection, fx.session, fx.theme);
            Stage window = new Stage();
            window.setScene(new javafx.scene.Scene(small, 560, 430));
            window.show();
            small.lossChart().refresh(small.currentInput(), true);
            return window;
        });
        try {
            ChartsView small = (ChartsView) own.getScene().getRoot();
            WaitForAsyncUtils.waitForFxEvents();
            onFx(() -> {
                small.lossChart().refresh(small.currentInput(), true);
                return null;
            });
            // then the loss chart leaves its legend out: with it, the plot had no height left
            assertFalse(onFx(() -> small.lossChart().hasLegend()), "the legend would take the whole cell");
            // when the window grows
            onFx(() -> {
                own.setWidth(1100);
                own.setHeight(900);
                return null;
            });
            WaitForAsyncUtils.waitForFxEvents();
            // then the legend is back
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> small.lossChart().hasLegend()));
        } finally {
            onFx(() -> {
                own.close();
                fx.theme.presenterProperty().set(false);
                return null;
            });
        }
    }

    @Test
    void inPresenterModeBesideALessonTheLossNoteGoesUnderTheControlsAtTheCellsWidth() throws Exception {
        // given the charts as presenter mode beside a lesson leaves them at 1920x1080: cells about 490 wide,
        // text 1.6 times as large, where the x-axis chooser and Log scale take one row beside the title
        Stage own = onFx(() -> {
            fx.theme.presenterProperty().set(true);
            ChartsView narrow = new ChartsView(fx.project, fx.selection, fx.session, fx.theme);
            Stage window = new Stage();
            window.setScene(new javafx.scene.Scene(narrow, 980, 700));
            window.show();
            return window;
        });
        try {
            ChartsView narrow = (ChartsView) own.getScene().getRoot();
            javafx.scene.layout.FlowPane controls = onFx(() ->
                    (javafx.scene.layout.FlowPane) narrow.lookup("#loss-log").getParent());
            double cell = onFx(() -> narrow.lossChart().node().getWidth());
            // then the note is not squeezed into a column left of that row (a word a line, the plot gone):
            // it keeps more than half the cell's width, under the controls
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> ChartsView.lastRowWidth(controls) > cell / 2
                    && narrow.lossChart().noteRightPadding() < cell * (1 - ChartsView.NOTE_BESIDE_SHARE)));
            // and starts below the controls' row
            double titleAndNoteTop = onFx(() -> narrow.lossChart().noteTop());
            double controlsHeight = onFx(() -> ChartsView.lastRowHeight(controls));
            assertTrue(titleAndNoteTop >= controlsHeight - 1, "the note starts at " + titleAndNoteTop
                    + " under controls " + controlsHeight + " high");
        } finally {
            onFx(() -> {
                own.close();
                fx.theme.presenterProperty().set(false);
                return null;
            });
        }
    }

    @Test
    void theLossChartsNoteWrapsLeftOfTheControlsBesideItsTitle() throws Exception {
        // given the loss chart's controls (smoothing, x axis, log scale) over the top right of its cell
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.layout.FlowPane controls = (javafx.scene.layout.FlowPane) WaitForAsyncUtils.asyncFx(() ->
                charts.lookup("#loss-log").getParent()).get(10, TimeUnit.SECONDS);
        // in a 1440x900 window (tests before this one leave the shared stage at their sizes: 330 wide gave the
        // charts no width at all), with the Training tab in front
        onFx(() -> {
            charts.getScene().getWindow().setWidth(1440);
            charts.getScene().getWindow().setHeight(900);
            ((javafx.scene.control.TabPane) charts.getScene().lookup("#chart-tabs")).getSelectionModel().select(0);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        // then the note keeps its lines clear of the controls' last row, which sits beside the title: left of
        // it where that leaves the note most of the cell, else under it
        String[] seen = {""};
        try {
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> {
                double last = ChartsView.lastRowWidth(controls);
                double cell = charts.lossChart().node().getWidth();
                boolean beside = cell - last >= ChartsView.NOTE_BESIDE_SHARE * cell;
                seen[0] = "last row " + last + ", cell " + cell + ", note right " + charts.lossChart().noteRightPadding()
                        + ", note top " + charts.lossChart().noteTop() + ", controls " + controls.getHeight() + " high";
                return last > 0 && cell > 0 && (beside ? charts.lossChart().noteRightPadding() >= last
                        : charts.lossChart().noteTop() >= ChartsView.lastRowHeight(controls) - 1);
            }));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the note overlaps the controls: " + seen[0], e);
        }
        double row = onFx(() -> ChartsView.lastRowWidth(controls));
        double logWidth = onFx(() -> charts.lookup("#loss-log").getLayoutBounds().getWidth());
        assertTrue(row >= logWidth, "the last row holds at least the Log scale button: " + row + " < " + logWidth);
    }
}
