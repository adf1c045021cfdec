package dev.descent.ui.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.landscape.TestFunction;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import java.util.Set;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The race view: start by click, live learning rate, legend, speed cap, arrows. */
@ExtendWith(ApplicationExtension.class)
class RaceViewTest {
    private RaceView view;

    @Start
    void start(Stage stage) {
        view = new RaceView();
        stage.setScene(new Scene(view));
        stage.show();
    }

    @Test
    void opensOnRosenbrockWithFiveRacersAtTheClassicStart(FxRobot robot) {
        assertEquals(TestFunction.ROSENBROCK, view.map().function());
        assertEquals(5, view.racers().size());
        for (Racer r : view.racers()) {
            assertEquals(-1.5, r.x(0));
            assertEquals(2.0, r.y(0));
        }
    }

    @Test
    void aClickOnTheMapSetsTheStartOfEveryPath(FxRobot robot) {
        robot.interact(() -> view.stepAll(5));
        Bounds b = robot.lookup("#race-map").query().localToScreen(robot.lookup("#race-map").query().getBoundsInLocal());
        robot.clickOn(b.getMinX() + 420, b.getMinY() + 140);
        WaitForAsyncUtils.waitForFxEvents();
        double x = view.toX(420);
        double y = view.toY(140);
        assertTrue(Math.abs(x - 1.0) < 0.05, "x " + x); // 420/560 of [-2, 2]
        assertTrue(Math.abs(y - 2.0) < 0.05, "y " + y); // 140/560 down from 3 in [-1, 3]
        for (Racer r : view.racers()) {
            assertEquals(1, r.size(), r.name() + " restarted");
            assertEquals(x, r.x(0), 0.01, r.name());
            assertEquals(y, r.y(0), 0.01, r.name());
        }
    }

    @Test
    void aLearningRateChangeChangesTheNextSgdStep(FxRobot robot) {
        robot.interact(() -> {
            view.setFunction(TestFunction.QUADRATIC, new double[]{1, 1});
            view.tunedOptimizer().setValue("sgd");
            view.learningRateSlider().setValue(-1); // η = 10⁻¹
            view.stepAll(1);
        });
        Racer sgd = view.racers().get(0);
        // ∇(0.5(x² + 10y²)) at (1, 1) = (1, 10); x₁ = 1 − 0.1·1 = 0.9, y₁ = 1 − 0.1·10 = 0
        assertEquals(0.9, sgd.x(1), 1e-12);
        assertEquals(0.0, sgd.y(1), 1e-12);
        robot.interact(() -> {
            view.learningRateSlider().setValue(-2); // η = 10⁻², from the next step on
            view.stepAll(1);
        });
        // ∇ at (0.9, 0) = (0.9, 0); x₂ = 0.9 − 0.01·0.9 = 0.891
        assertEquals(0.891, sgd.x(2), 1e-12);
        assertEquals(0.0, sgd.y(2), 1e-12);
    }

    @Test
    void theLegendShowsEachOptimizersCurrentLossUncut(FxRobot robot) {
        robot.interact(() -> {
            view.setFunction(TestFunction.QUADRATIC, new double[]{1, 1});
            view.tunedOptimizer().setValue("sgd");
            view.learningRateSlider().setValue(-1);
            view.stepAll(1);
        });
        WaitForAsyncUtils.waitForFxEvents();
        // f(0.9, 0) = 0.5 · 0.81 = 0.405
        assertEquals("1", robot.lookup("#race-step-sgd").queryAs(Label.class).getText());
        assertEquals("0.4050", robot.lookup("#race-loss-sgd").queryAs(Label.class).getText());
        for (Racer r : view.racers()) {
            Label loss = robot.lookup("#race-loss-" + r.name()).queryAs(Label.class);
            assertEquals(String.format(java.util.Locale.ROOT, "%.4g", r.walker().loss()), loss.getText());
            assertShownWhole(loss);
        }
    }

    @Test
    void theColourBarLabelsAreShownWhole(FxRobot robot) {
        robot.interact(() -> view.setFunction(TestFunction.BEALE, null));
        WaitForAsyncUtils.waitForFxEvents();
        Set<Node> labels = robot.lookup("#race-colour-bar .race-bar-label").queryAll();
        assertEquals(RaceView.LEVELS / 4 + 1, labels.size());
        for (Node n : labels) {
            assertShownWhole((Label) n);
        }
    }

    @Test
    void colourBarValuesAreShort() {
        assertEquals("2490", RaceView.barLabel(2490.4));
        assertEquals("2.49", RaceView.barLabel(2.4912));
        assertEquals("0.0312", RaceView.barLabel(0.03121));
        assertEquals("1.8e5", RaceView.barLabel(178_000));
        assertEquals("3.1e-4", RaceView.barLabel(3.1e-4));
        assertEquals("0", RaceView.barLabel(0));
    }

    @Test
    void theFunctionChooserShowsNamesForPeople(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        ComboBox<TestFunction> chooser = view.functionChooser();
        assertEquals("Rosenbrock's valley", shownText(chooser));
        for (TestFunction f : TestFunction.values()) {
            String shown = chooser.getConverter().toString(f);
            assertFalse(shown.contains(f.name()), shown);
            assertTrue(Character.isUpperCase(shown.charAt(0)) && !shown.equals(shown.toUpperCase()), shown);
        }
        robot.interact(() -> chooser.setValue(TestFunction.HIMMELBLAU));
        assertEquals(TestFunction.HIMMELBLAU, view.map().function());
        assertEquals("Himmelblau (four minima)", shownText(chooser));
    }

    @Test
    void atFullSpeedTheTrailSpansOneAndAHalfSecondsOfSteps(FxRobot robot) {
        robot.interact(() -> view.speedControl().setValue("full speed"));
        assertEquals((int) (RaceView.FULL_PER_FRAME * 60 * RaceView.TRAIL_SECONDS), view.trailSteps());
        robot.interact(() -> view.speedControl().setValue("20 steps/s"));
        assertEquals(30, view.trailSteps());
        robot.interact(() -> view.speedControl().setValue("100 steps/s"));
        assertEquals(150, view.trailSteps());
    }

    @Test
    void aStartOutsideTheMapWidensTheMap(FxRobot robot) {
        robot.interact(() -> view.setFunction(TestFunction.ROSENBROCK, new double[]{-3, 4}));
        RaceMap map = view.map();
        assertTrue(map.minX() < -3 && map.maxY() > 4, map.toString());
        assertEquals(-3, view.racers().get(0).x(0));
    }

    @Test
    void theSlidersFollowTheTunedOptimizerAndShowTheirValues(FxRobot robot) {
        // the race opens tuning SGD, which has neither momentum nor betas
        assertTrue(robot.lookup("#race-momentum").query().isDisabled());
        assertTrue(robot.lookup("#race-beta1").query().isDisabled());
        assertEquals("learning rate η = 0.00100 (log scale)", text(robot, "#race-lr-value"));
        assertEquals("momentum μ (SGD has none)", text(robot, "#race-momentum-value"));
        // Adam has betas and no momentum
        robot.interact(() -> view.tunedOptimizer().setValue("adam"));
        assertFalse(robot.lookup("#race-beta1").query().isDisabled());
        assertTrue(robot.lookup("#race-momentum").query().isDisabled());
        assertEquals("learning rate η = 0.0500 (log scale)", text(robot, "#race-lr-value"));
        assertEquals("β₁ = 0.900", text(robot, "#race-beta1-value"));
        assertEquals("β₂ = 0.9990", text(robot, "#race-beta2-value"));
        // a slider moved shows its new value
        robot.interact(() -> view.learningRateSlider().setValue(-1));
        assertEquals("learning rate η = 0.100 (log scale)", text(robot, "#race-lr-value"));
        assertEquals(0.1, view.racers().get(4).choice().value("learningRate"), 1e-12);
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    /** What the chooser's closed button shows. */
    private static String shownText(ComboBox<?> chooser) {
        var skin = (javafx.scene.control.skin.ComboBoxListViewSkin<?>) chooser.getSkin();
        return ((javafx.scene.control.ListCell<?>) skin.getDisplayNode()).getText();
    }

    /** The label's text node shows its whole text (a cut label shows "…" instead). */
    private static void assertShownWhole(Label label) {
        Text shown = (Text) label.lookup(".text");
        assertEquals(label.getText(), shown.getText(), "cut: " + label.getId());
    }

    @Test
    void theSpeedControlCapsTheStepRate(FxRobot robot) {
        robot.interact(() -> {
            view.speedControl().setValue("5 steps/s");
            view.setPlaying(true);
            long t = 1_000_000_000L;
            for (int frame = 0; frame <= 120; frame++) { // two seconds of 60 Hz frames
                view.tick(t + frame * 16_666_667L);
            }
            view.setPlaying(false);
        });
        int steps = view.racers().get(0).walker().stepCount();
        assertTrue(steps >= 10 && steps <= 11, "5 steps/s for 2 s took " + steps);
        robot.interact(() -> {
            view.restart(new double[]{-1.5, 2});
            view.speedControl().setValue("full speed");
            view.setPlaying(true);
            for (int frame = 0; frame < 10; frame++) {
                view.tick(frame * 16_666_667L);
            }
            view.setPlaying(false);
        });
        assertEquals(10 * RaceView.FULL_PER_FRAME, view.racers().get(0).walker().stepCount());
    }

    @Test
    void eachRacerGetsAGradientArrowAndAStateArrowWhereItHasState(FxRobot robot) {
        int before = view.arrowCount();
        robot.interact(() -> view.stepAll(1));
        // each: downhill; momentum and adam: their velocity / first moment; sgd, rmsprop, adagrad: the last step
        assertEquals(10, view.arrowCount() - before);
    }
}
