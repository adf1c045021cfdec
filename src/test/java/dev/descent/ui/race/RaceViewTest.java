package dev.descent.ui.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.landscape.TestFunction;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.control.Label;
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
    void theLegendShowsEachOptimizersCurrentLoss(FxRobot robot) {
        robot.interact(() -> {
            view.setFunction(TestFunction.QUADRATIC, new double[]{1, 1});
            view.tunedOptimizer().setValue("sgd");
            view.learningRateSlider().setValue(-1);
            view.stepAll(1);
        });
        // f(0.9, 0) = 0.5 · 0.81 = 0.405
        String sgd = robot.lookup("#race-legend-sgd").queryAs(Label.class).getText();
        assertTrue(sgd.contains("step 1") && sgd.contains("loss 0.405"), sgd);
        for (Racer r : view.racers()) {
            String line = robot.lookup("#race-legend-" + r.name()).queryAs(Label.class).getText();
            assertTrue(line.contains(String.format(java.util.Locale.ROOT, "loss %.4g", r.walker().loss())), line);
        }
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
            view.speedControl().setValue("full");
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
        // sgd has no state: 1 arrow; momentum, rmsprop, adagrad, adam: 2 each
        assertEquals(9, view.arrowCount() - before);
    }
}
