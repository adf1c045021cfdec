package dev.descent.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.train.LrRangeTest;
import dev.descent.engine.train.RunConfig;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.PreparedExperiment;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Run > Learning-Rate Range Test…: the curve the engine measured, its marks, and the rate set as one edit. */
@ExtendWith(ApplicationExtension.class)
class LrRangeWindowTest {
    private WindowFixture fx;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        fx = new WindowFixture(stage);
    }

    @BeforeEach
    void ready() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx.engine.isReady() && fx.data.dataset() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(fx::close).get();
    }

    private DialogPane dialog(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> find(robot) != null);
        return find(robot);
    }

    private DialogPane find(FxRobot robot) {
        for (Window w : robot.listTargetWindows()) {
            if (w != stage && w.isShowing() && w.getScene().getRoot() instanceof DialogPane pane
                    && "lr-range".equals(pane.getId())) {
                return pane;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static List<XYChart.Series<Number, Number>> series(DialogPane pane) {
        return ((LineChart<Number, Number>) pane.lookup("#lr-range-chart")).getData();
    }

    @Test
    void theDialogShowsTheEnginesCurveMarksItAndSetsTheSuggestedRateAsOneEdit(FxRobot robot) throws Exception {
        // given the second run selected, and the range test the engine makes of it on its own
        WaitForAsyncUtils.asyncFx(() -> fx.selection.selectRun(1)).get();
        Experiment before = fx.project.experiment();
        String name = before.runs().get(1).name();
        double ownRate = before.runs().get(1).optimizer().value(OptimizerType.LEARNING_RATE);
        PreparedExperiment prepared = PreparedExperiment.prepare(before, fx.data.dataset());
        RunConfig config = prepared.runs().get(1);
        LrRangeTest.Result expected = LrRangeTest.run(prepared.training(0), prepared.split().train(),
                prepared.split().validation(), config, new LrRangeTest.Range(1e-6, 10, 200), p -> { }, () -> false);

        // when Run > Learning-Rate Range Test… is chosen and the test ends
        WaitForAsyncUtils.asyncFx(() -> fx.menuItem("menu-lr-range").fire());
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane pane = dialog(robot);
        Label result = (Label) pane.lookup("#lr-range-result");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> result.getText().contains("Suggested")
                || result.getText().contains("no rate"));
        WaitForAsyncUtils.waitForFxEvents();

        // then it says what the engine found
        assertTrue(result.getText().endsWith("Suggested learning rate: " + LrRangeTest.format(expected.suggested()) + "."),
                result.getText());
        // and plots the same losses against log10 of the same rates, every step before the divergence
        List<XYChart.Series<Number, Number>> series = series(pane);
        XYChart.Series<Number, Number> loss = series.get(0);
        int beforeDivergence = expected.divergence() < 0 ? expected.points().size() : expected.divergence();
        assertTrue(loss.getData().size() >= beforeDivergence, loss.getData().size() + " points");
        for (int k = 0; k < beforeDivergence; k++) {
            LrRangeTest.Point p = expected.points().get(k);
            assertEquals(Math.log10(p.learningRate()), loss.getData().get(k).getXValue().doubleValue(), 1e-12);
            assertEquals(p.loss(), loss.getData().get(k).getYValue().doubleValue(), 1e-6);
        }
        // with the steepest descent and the divergence marked where the engine put them
        XYChart.Series<Number, Number> steep = series.stream().filter(s -> s.getName().startsWith("steepest")).findFirst()
                .orElseThrow();
        assertEquals(Math.log10(expected.suggested()), steep.getData().get(0).getXValue().doubleValue(), 1e-12);
        if (expected.divergence() >= 0) {
            XYChart.Series<Number, Number> div = series.stream().filter(s -> s.getName().startsWith("divergence"))
                    .findFirst().orElseThrow();
            assertEquals(Math.log10(expected.divergedAt()), div.getData().get(0).getXValue().doubleValue(), 1e-12);
        }
        // and the run itself is untouched: same experiment, nothing trained
        assertSame(before, fx.project.experiment());
        assertFalse(fx.session.hasComparisonProperty().get());

        // when the suggested rate is set
        ButtonType apply = pane.getButtonTypes().stream().filter(t -> t.getButtonData() == javafx.scene.control.ButtonBar
                .ButtonData.APPLY).findFirst().orElseThrow();
        robot.clickOn(pane.lookupButton(apply));
        WaitForAsyncUtils.waitForFxEvents();
        // then the run has it, as one edit that Undo takes back
        double shown = Double.parseDouble(LrRangeTest.format(expected.suggested()));
        assertEquals(shown, fx.project.experiment().runs().get(1).optimizer().value(OptimizerType.LEARNING_RATE));
        assertEquals("Undo set learning rate of " + name, fx.project.undoTextProperty().get());
        WaitForAsyncUtils.asyncFx(fx.project::undo).get();
        assertEquals(ownRate, fx.project.experiment().runs().get(1).optimizer().value(OptimizerType.LEARNING_RATE));
    }

    @Test
    void theCommandNeedsASelectedRun() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> fx.selection.clear()).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx.menuItem("menu-lr-range").isDisable());
        WaitForAsyncUtils.asyncFx(() -> fx.selection.selectRun(0)).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(fx.menuItem("menu-lr-range").isDisable());
        // the runs' context menu has it too
        dev.descent.ui.runs.RunsPanel runs = find(fx.window.root(), dev.descent.ui.runs.RunsPanel.class);
        assertTrue(runs.table().getContextMenu().getItems().stream().anyMatch(i -> "runs-lr-range".equals(i.getId())));
    }

    private static <T> T find(javafx.scene.Node node, Class<T> type) {
        if (type.isInstance(node)) {
            return type.cast(node);
        }
        if (node instanceof javafx.scene.Parent parent) {
            for (javafx.scene.Node child : parent.getChildrenUnmodifiable()) {
                T found = find(child, type);
                if (found != null) {
                    return found;
                }
            }
        }
        if (node instanceof javafx.scene.control.SplitPane split) {
            for (javafx.scene.Node item : split.getItems()) {
                T found = find(item, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
