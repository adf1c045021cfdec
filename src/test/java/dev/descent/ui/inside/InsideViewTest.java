package dev.descent.ui.inside;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.train.LockstepComparison;
import dev.descent.engine.train.Snapshot;
import dev.descent.engine.train.SnapshotLayout;
import dev.descent.engine.train.WatchedWeight;
import dev.descent.engine.train.WatchedWeightStep;
import dev.descent.engine.train.Snapshots;
import dev.descent.experiment.TrainingSpec;
import dev.descent.ui.WindowFixture;
import dev.descent.ui.app.Examples;
import dev.descent.ui.model.TrainingSession;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
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

/** The Inside tab shows what the selected run published, follows training, and scrubs back in time. */
@ExtendWith(ApplicationExtension.class)
class InsideViewTest {
    private WindowFixture fx;
    private InsideView inside;
    private TabPane tabs;

    @Start
    void start(Stage stage) {
        fx = new WindowFixture(stage);
        inside = (InsideView) stage.getScene().lookup("#inside");
        tabs = (TabPane) stage.getScene().lookup("#chart-tabs");
    }

    @AfterEach
    void close() {
        WaitForAsyncUtils.asyncFx(fx::close);
    }

    private static <T> T onFx(Callable<T> task) throws Exception {
        return WaitForAsyncUtils.asyncFx(task).get(10, TimeUnit.SECONDS);
    }

    private void showInside() throws Exception {
        onFx(() -> {
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> t.getText().equals("Inside"))
                    .findFirst().orElseThrow());
            return null;
        });
    }

    private void open(String example, int epochs) throws Exception {
        onFx(() -> {
            var e = Examples.load(example);
            fx.project.replace(e.withTraining(new TrainingSpec(epochs, e.training().batchSize(),
                    e.training().evaluateEvery())), null);
            return null;
        });
    }

    private void trainToTheEnd() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx.engine.isReady() && fx.data.dataset() != null);
        WaitForAsyncUtils.asyncFx(fx.session::train);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx.session.state() == TrainingSession.State.FINISHED);
        refreshNow();
    }

    private void refreshNow() throws Exception {
        onFx(() -> {
            inside.refresh(true);
            return null;
        });
    }

    private Snapshots snapshots(int run) {
        return fx.session.comparisonProperty().get().snapshots(run);
    }

    @Test
    void theTabsHoldTheTrainingChartsAndTheInsideView() throws Exception {
        List<String> titles = onFx(() -> tabs.getTabs().stream().map(Tab::getText).toList());
        assertEquals(List.of("Training", "Inside", "Compare", "Side by side"), titles);
        assertTrue(onFx(() -> tabs.getTabs().get(0).getContent().lookup("#charts") != null));
    }

    @Test
    void itShowsTheSelectedRunsHistogramsAsTheEnginePublishedThem() throws Exception {
        // given the window's example (spiral, SGD vs Adam) trained 30 epochs, the Inside tab showing
        open(Examples.FIRST, 30);
        showInside();
        trainToTheEnd();
        for (int run = 0; run < 2; run++) {
            int r = run;
            // when the run is selected
            onFx(() -> {
                fx.selection.selectRun(r);
                inside.refresh(true);
                return null;
            });
            // then every figure holds the engine's numbers for that run: the last snapshot now, the first ghosted
            Snapshots s = snapshots(run);
            SnapshotLayout layout = s.layout();
            assertEquals(List.of("h1", "h2", "out"), layout.denseNodes());
            for (int i = 0; i < layout.activationNodes().size(); i++) {
                String id = layout.activationNodes().get(i);
                assertEquals(s.latest().activations().get(i), onFx(() -> inside.activationHistogram(id)), id);
                assertEquals(s.first().activations().get(i), onFx(() -> inside.initialActivationHistogram(id)), id);
                int m = fx.session.history(run).layout().activationNodes().indexOf(id);
                double share = fx.session.history(run).saturatedFractions().get(m).latest();
                String word = onFx(() -> inside.saturationText(id)).split(" ")[0];
                assertEquals(String.format(Locale.ROOT, "%s %.0f%%", word, 100 * share),
                        onFx(() -> inside.saturationText(id)), id);
            }
            for (int i = 0; i < layout.denseNodes().size(); i++) {
                String id = layout.denseNodes().get(i);
                assertEquals(s.latest().weights().get(i), onFx(() -> inside.weightHistogram(id)), id);
            }
            assertEquals(run, onFx(() -> inside.model().runProperty().get()));
        }
    }

    @Test
    void theScrubShowsTheHistogramsOfAnEarlierStep() throws Exception {
        // given the trained example, live at its last step
        open(Examples.FIRST, 30);
        showInside();
        trainToTheEnd();
        Snapshots s = snapshots(0);
        assertTrue(onFx(() -> inside.model().followProperty().get()));
        assertEquals(s.latest().step(), (int) Math.round(onFx(() -> inside.scrub().getValue())));
        // when the scrub moves to step 300
        onFx(() -> {
            inside.scrub().setValue(300);
            return null;
        });
        // then the histograms are the last snapshot at or before step 300, and the view no longer follows
        Snapshot then = s.at(300);
        assertTrue(then.step() <= 300 && then.step() > 200, "step " + then.step());
        String id = s.layout().activationNodes().get(0);
        assertEquals(then.activations().get(0), onFx(() -> inside.activationHistogram(id)));
        assertEquals(then.weights().get(0), onFx(() -> inside.weightHistogram("h1")));
        assertFalse(onFx(() -> inside.model().followProperty().get()));
        assertTrue(onFx(() -> ((javafx.scene.control.Label) inside.lookup("#inside-step")).getText())
                .startsWith(String.format(Locale.ROOT, "step %,d of", then.step())));
        // when Live is pressed again, it follows the newest step
        onFx(() -> {
            inside.model().followProperty().set(true);
            return null;
        });
        assertEquals(s.latest().activations().get(0), onFx(() -> inside.activationHistogram(id)));
    }

    @Test
    void itFollowsTrainingAndReadsNothingWhileItsTabIsHidden() throws Exception {
        // given the Training tab in front
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx.engine.isReady() && fx.data.dataset() != null);
        WaitForAsyncUtils.asyncFx(fx.session::train);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx.session.comparisonProperty().get() != null
                && snapshots(0).all().size() > 2);
        WaitForAsyncUtils.waitForFxEvents();
        // then the hidden view has drawn nothing
        assertNull(onFx(() -> inside.weightHistogram("h1") == null ? null : "drawn"));
        // when the Inside tab is shown during training
        showInside();
        // then its figures advance with the runs' snapshots, frame after frame
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> inside.weightHistogram("h1")) != null);
        int first = onFx(() -> inside.model().lastStepProperty().get());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> inside.model().lastStepProperty().get()) > first);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> {
            Snapshot shown = snapshots(0).at(inside.model().stepProperty().get());
            return shown.weights().get(0).equals(inside.weightHistogram("h1"));
        }));
        WaitForAsyncUtils.asyncFx(fx.session::reset).get();
    }

    @Test
    void theHeatmapsShowEveryRunsGradientsOnOneScale() throws Exception {
        open(Examples.FIRST, 30);
        showInside();
        trainToTheEnd();
        LockstepComparison c = fx.session.comparisonProperty().get();
        // then each heatmap cell is log10 of the run's published gradient norm, and both share one scale
        for (int run = 0; run < 2; run++) {
            GradientHeatmap map = onFx(() -> inside.heatmap(0));
            GradientHeatmap own = run == 0 ? map : onFx(() -> inside.heatmap(1));
            var series = c.history(run).gradientNorms().get(0).snapshot();
            int step = (int) series.steps()[series.size() / 2];
            assertEquals(Math.log10(series.means()[series.size() / 2]), own.valueAt(0, step), 1e-12);
        }
        double[] scale0 = onFx(() -> inside.heatmap(0).scale());
        double[] scale1 = onFx(() -> inside.heatmap(1).scale());
        assertEquals(scale0[0], scale1[0]);
        assertEquals(scale0[1], scale1[1]);
        double lowest = Double.POSITIVE_INFINITY;
        for (int run = 0; run < 2; run++) {
            for (var s : c.history(run).gradientNorms()) {
                for (double v : s.snapshot().means()) {
                    lowest = Math.min(lowest, Math.log10(v));
                }
            }
        }
        assertEquals(lowest, scale0[0], 1e-12);
    }

    @Test
    void theLayerLogChartHasTheRuleOfThumbBandAndExplainsIt() throws Exception {
        open(Examples.FIRST, 30);
        showInside();
        trainToTheEnd();
        LayerLogChart chart = onFx(() -> inside.ratioChart());
        double[] axis = onFx(chart::axis);
        assertTrue(axis[0] <= LayerLogChart.BAND_LOW && axis[1] >= LayerLogChart.BAND_HIGH, axis[0] + " to " + axis[1]);
        assertEquals(fx.session.history(0).layout().parameterNodes(), onFx(chart::nodes));
        String tip = onFx(() -> javafx.scene.control.Tooltip.class.cast(chart.getProperties().values().stream()
                .filter(v -> v instanceof javafx.scene.control.Tooltip).findFirst().orElseThrow()).getText());
        assertTrue(tip.contains("1e-3") && tip.contains("rule of thumb"), tip);
    }

    @Test
    void theOptimizerStateShowsALinePerLayerOfWhatTheEnginePublished() throws Exception {
        // given the example (run 0 SGD η = 0.05, run 1 Adam) trained 30 epochs, the Inside tab showing
        open(Examples.FIRST, 30);
        showInside();
        trainToTheEnd();
        for (int run = 0; run < 2; run++) {
            int r = run;
            // when the run is selected
            onFx(() -> {
                fx.selection.selectRun(r);
                inside.refresh(true);
                return null;
            });
            // then the effective rate and every state vector the optimizer reports have a line per layer,
            // holding the engine's numbers
            var history = fx.session.history(run);
            List<String> layers = history.layout().parameterNodes();
            assertEquals(List.of("h1", "h2", "out"), layers);
            LayerLogChart rates = onFx(() -> inside.effectiveRateChart());
            assertEquals(layers, onFx(rates::nodes));
            for (int i = 0; i < layers.size(); i++) {
                int k = i;
                assertArrayEquals(history.effectiveRates().get(i).snapshot().means(),
                        onFx(() -> rates.series().get(k).means()), layers.get(i));
            }
            List<String> symbols = history.stateSymbols();
            assertEquals(symbols, onFx(() -> List.copyOf(inside.stateCharts().keySet())));
            for (int v = 0; v < symbols.size(); v++) {
                int vector = v;
                LayerLogChart shown = onFx(() -> inside.stateCharts().get(symbols.get(vector)));
                assertEquals(layers, onFx(shown::nodes));
                for (int i = 0; i < layers.size(); i++) {
                    int k = i;
                    assertArrayEquals(history.stateRms().get(v).get(i).snapshot().means(),
                            onFx(() -> shown.series().get(k).means()), symbols.get(v) + " " + layers.get(i));
                }
            }
            assertTrue(onFx(() -> inside.optimizerText()).startsWith(run == 0 ? "SGD:" : "Adam:"),
                    onFx(() -> inside.optimizerText()));
        }
        // SGD keeps nothing and steps at η; Adam reports its two moments
        assertEquals(List.of(), fx.session.history(0).stateSymbols());
        assertEquals(0.05, fx.session.history(0).effectiveRates().get(0).latest(), 1e-6);
        assertEquals(List.of("m", "v"), fx.session.history(1).stateSymbols());
    }

    @Test
    void normalizationNodesShowWhatGoesInAndComesOut() throws Exception {
        // given the batch norm example, trained briefly
        open("batch-layer-norm.json", 2);
        showInside();
        trainToTheEnd();
        // when the batch norm run is shown
        onFx(() -> {
            fx.selection.selectRun(1);
            inside.refresh(true);
            return null;
        });
        // then each norm node's input and output histograms are the engine's, and the output is
        // rescaled to about mean 0 and spread 1
        Snapshots s = snapshots(1);
        assertFalse(s.layout().normNodes().isEmpty());
        for (int i = 0; i < s.layout().normNodes().size(); i++) {
            String id = s.layout().normNodes().get(i);
            var shown = onFx(() -> inside.normHistograms(id));
            assertEquals(s.latest().normInputs().get(i), shown[0], id);
            assertEquals(s.latest().normOutputs().get(i), shown[1], id);
        }
        var out = s.first().normOutputs().get(0);
        assertTrue(out.low() > -6 && out.high() < 6, out.toString());
        assertNotNull(onFx(() -> inside.activationHistogram("a1")));
    }

    /** Steps run {@code run} has published. */
    private long stepsOf(int run) {
        return fx.session.comparisonProperty().get().history(run).trainLoss().totalPoints();
    }

    /** Takes one step of every run and waits until run {@code run} published it. */
    private void stepOnce(int run) throws Exception {
        long before = fx.session.comparisonProperty().get() == null ? 0 : stepsOf(run);
        WaitForAsyncUtils.asyncFx(fx.session::step).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx.session.comparisonProperty().get() != null
                && stepsOf(run) > before);
    }

    /** Scrolls the view so that {@code node} is at the top of its viewport. */
    private void scrollTo(javafx.scene.Node node) throws Exception {
        onFx(() -> {
            var scroll = (javafx.scene.control.ScrollPane) inside.getCenter();
            javafx.scene.Node content = scroll.getContent();
            double y = content.sceneToLocal(node.localToScene(0, 0)).getY();
            double room = content.getLayoutBounds().getHeight() - scroll.getViewportBounds().getHeight();
            scroll.setVvalue(room <= 0 ? 0 : Math.max(0, Math.min(1, (y - 20) / room)));
            scroll.layout();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void clickingAWeightWatchesItAndItsChartsShowWhatTheEnginePublished(FxRobot robot) throws Exception {
        // given the example (SGD vs Adam) after one step, paused, Adam's run shown in the Inside tab
        open(Examples.FIRST, 30);
        showInside();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx.engine.isReady() && fx.data.dataset() != null);
        stepOnce(1);
        onFx(() -> {
            fx.selection.selectRun(1);
            inside.refresh(true);
            return null;
        });
        WeightWatchPane pane = onFx(inside::watchPane);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> pane.matrixView().matrix() != null));
        WeightMatrixView matrix = onFx(pane::matrixView);
        assertEquals("h1", onFx(() -> matrix.matrix().nodeId()));
        assertEquals(2, onFx(() -> matrix.matrix().rows()));
        // when the teacher clicks the weight in row 1, column 5 of h1's matrix
        scrollTo(matrix);
        javafx.geometry.Point2D cell = onFx(() -> matrix.localToScreen(matrix.cellCentre(1, 5)));
        robot.clickOn(cell, javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        // then that weight is watched, and the run follows it from its next step on
        WatchedWeight chosen = new WatchedWeight("h1", 1, 5);
        assertEquals(chosen, onFx(pane::watched));
        long clickedAt = stepsOf(1);
        for (int k = 0; k < 3; k++) {
            stepOnce(1);
        }
        refreshNow();
        List<WatchedWeightStep> published = fx.session.comparisonProperty().get().history(1).watchedWeight().steps()
                .stream().filter(s -> s.weight().equals(chosen)).toList();
        assertEquals(3, published.size());
        assertEquals(clickedAt + 1, published.get(0).step());
        // and its charts hold the numbers the engine published: θ, g, Δθ, Adam's m and v, |Δθ|/|g|
        Map<String, StepLine> lines = onFx(pane::lines);
        assertEquals(List.of("θ", "g", "Δθ", "m", "v", WeightWatchPane.EFFECTIVE), List.copyOf(lines.keySet()));
        double[] steps = published.stream().mapToDouble(WatchedWeightStep::step).toArray();
        for (StepLine line : lines.values()) {
            assertArrayEquals(steps, onFx(line::steps));
        }
        assertTrue(onFx(() -> pane.titleOf("θ")).contains("W[1][5]"), onFx(() -> pane.titleOf("θ")));
        assertEquals("m   first moment: running mean of the gradients", onFx(() -> pane.titleOf("m")));
        assertArrayEquals(published.stream().mapToDouble(WatchedWeightStep::value).toArray(), onFx(() -> lines.get("θ").values()));
        assertArrayEquals(published.stream().mapToDouble(WatchedWeightStep::gradient).toArray(), onFx(() -> lines.get("g").values()));
        assertArrayEquals(published.stream().mapToDouble(WatchedWeightStep::update).toArray(), onFx(() -> lines.get("Δθ").values()));
        assertArrayEquals(published.stream().mapToDouble(s -> s.state()[0]).toArray(), onFx(() -> lines.get("m").values()));
        assertArrayEquals(published.stream().mapToDouble(s -> s.state()[1]).toArray(), onFx(() -> lines.get("v").values()));
        assertArrayEquals(published.stream().mapToDouble(WatchedWeightStep::effectiveStep).toArray(),
                onFx(() -> lines.get(WeightWatchPane.EFFECTIVE).values()));
        WaitForAsyncUtils.asyncFx(fx.session::reset).get();
    }

    @Test
    void aStackedSeedSaysItHasNoStateOfItsOwnAndStillShowsItsWeights() throws Exception {
        // given the example with two seeds per run after one step: seed #1 of SGD trains stacked
        onFx(() -> {
            var e = Examples.load(Examples.FIRST);
            fx.project.replace(e.withTraining(new TrainingSpec(30, e.training().batchSize(),
                    e.training().evaluateEvery(), 2)), null);
            return null;
        });
        showInside();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx.engine.isReady() && fx.data.dataset() != null);
        stepOnce(0);
        LockstepComparison c = fx.session.comparisonProperty().get();
        int stacked = -1;
        for (int i = 0; i < c.runCount() && stacked < 0; i++) {
            stacked = c.isStacked(i) ? i : -1;
        }
        assertTrue(stacked >= 0, "a stacked seed");
        int seed = stacked;
        // when it is shown
        onFx(() -> {
            inside.model().setRun(seed);
            inside.refresh(true);
            return null;
        });
        WeightWatchPane pane = onFx(inside::watchPane);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> pane.matrixView().matrix() != null));
        stepOnce(seed);
        refreshNow();
        // then it says why there is no state to follow, draws no charts, and shows its weight matrix
        assertTrue(onFx(pane::noteText).startsWith("This seed trains stacked"), onFx(pane::noteText));
        assertTrue(onFx(() -> pane.lines().isEmpty()));
        assertEquals("h1", onFx(() -> pane.matrixView().matrix().nodeId()));
        WaitForAsyncUtils.asyncFx(fx.session::reset).get();
    }

    /** Every plot of the view, wherever it sits in the scene graph. */
    private static List<PlotCanvas> plots(javafx.scene.Parent root) {
        List<PlotCanvas> out = new java.util.ArrayList<>();
        for (javafx.scene.Node n : root.getChildrenUnmodifiable()) {
            if (n instanceof PlotCanvas p) {
                out.add(p);
            } else if (n instanceof javafx.scene.Parent p) {
                out.addAll(plots(p));
            }
        }
        return out;
    }

    private boolean onScreen(PlotCanvas p) {
        var scroll = (javafx.scene.control.ScrollPane) inside.getCenter();
        return p.localToScene(p.getLayoutBounds()).intersects(scroll.localToScene(scroll.getLayoutBounds()));
    }

    @Test
    void aRefreshPaintsItsPlotsOverSeveralPulsesAndOnlyThoseOnScreen() throws Exception {
        // given the trained example, its Inside tab showing and painted
        open(Examples.FIRST, 30);
        showInside();
        trainToTheEnd();
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
        // when every plot is told to redraw and one pulse paints
        double[] painted = onFx(() -> {
            plots(inside).forEach(PlotCanvas::redraw);
            List<PlotCanvas> before = List.copyOf(inside.pendingPlots());
            inside.paintPending();
            double area = 0;
            int count = 0;
            for (PlotCanvas p : before) {
                if (!p.stale()) {
                    area += p.area();
                    count++;
                }
            }
            return new double[] {before.size(), count, area};
        });
        // then that pulse painted some of them, not more than its budget (or a single plot)
        assertTrue(painted[0] > 10, "plots to paint: " + painted[0]);
        assertTrue(painted[1] >= 1 && painted[1] < painted[0], painted[1] + " of " + painted[0]);
        assertTrue(painted[1] == 1 || painted[2] <= InsideView.PIXELS_PER_PULSE, "pixels " + painted[2]);
        // and in the pulses that follow every plot on screen is painted, those scrolled out of view wait
        // (polled, not a fixed sleep: a loaded machine gives fewer pulses a second)
        assertTrue(onFx(() -> plots(inside).stream().anyMatch(this::onScreen)), "some plot on screen");
        assertTrue(eventually(() -> onFx(() -> plots(inside).stream().filter(this::onScreen).noneMatch(PlotCanvas::stale))),
                "a plot on screen left stale");
        assertTrue(onFx(() -> plots(inside).stream().filter(p -> !onScreen(p)).anyMatch(PlotCanvas::stale)),
                "plots out of view wait until they are scrolled in");
        // when the view scrolls to its end, what comes into view is painted
        onFx(() -> {
            ((javafx.scene.control.ScrollPane) inside.getCenter()).setVvalue(1);
            return null;
        });
        assertTrue(eventually(() -> onFx(() -> plots(inside).stream().filter(this::onScreen).noneMatch(PlotCanvas::stale))),
                "a plot scrolled into view left stale");
    }

    @Test
    void aRefreshWithoutANewSnapshotKeepsTheHistogramsAndStripsAsTheyAre() throws Exception {
        // given the trained example, its Inside tab showing and painted
        open(Examples.FIRST, 30);
        showInside();
        trainToTheEnd();
        assertTrue(eventually(() -> onFx(() -> plots(inside).stream().filter(this::onScreen).noneMatch(PlotCanvas::stale))),
                "a plot on screen left stale");
        // when it refreshes with no new snapshot (the tab refreshes 4 times a second; snapshots come every
        // few hundred or thousand steps)
        // (plots out of view still wait from before: only those newly told to redraw count)
        List<PlotCanvas> waiting = onFx(() -> {
            var before = java.util.Set.copyOf(inside.pendingPlots());
            inside.refresh(true);
            return inside.pendingPlots().stream().filter(p -> !before.contains(p)).toList();
        });
        // then no histogram or strip is drawn again
        assertTrue(waiting.stream().noneMatch(p -> p instanceof HistogramView || p instanceof StripView),
                "redrawn for nothing: " + waiting.stream().map(p -> p.getClass().getSimpleName()).toList());
        // when the scrub moves back, the histograms show that step's snapshot and are drawn again
        onFx(() -> {
            inside.scrub().setValue(300);
            return null;
        });
        Snapshots s = snapshots(0);
        String id = s.layout().activationNodes().get(0);
        assertEquals(s.at(300).activations().get(0), onFx(() -> inside.activationHistogram(id)));
        assertTrue(eventually(() -> onFx(() -> plots(inside).stream().filter(this::onScreen).noneMatch(PlotCanvas::stale))),
                "a plot on screen left stale after the scrub");
    }

    /** Whether {@code done} holds within 10 s, asked every 50 ms. */
    private static boolean eventually(java.util.concurrent.Callable<Boolean> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (done.call()) {
                return true;
            }
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        }
        return done.call();
    }
}
