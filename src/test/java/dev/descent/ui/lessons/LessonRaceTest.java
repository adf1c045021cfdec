package dev.descent.ui.lessons;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.landscape.TestFunction;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.vocab.Choice;
import dev.descent.lesson.Lesson;
import dev.descent.ui.WindowFixture;
import dev.descent.ui.race.RaceView;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A lesson with a race opens it from its panel, with the lesson's function, start and optimizers. */
@ExtendWith(ApplicationExtension.class)
class LessonRaceTest {
    private WindowFixture fx;
    private LessonController lessons;

    @BeforeAll
    static void patientSetup() {
        // the first window of a fork also starts JavaFX and ND4J; on a loaded machine that takes longer than 10 s
        FxToolkit.toolkitContext().setSetupTimeoutInMillis(60_000);
    }

    @Start
    void start(Stage stage) {
        fx = new WindowFixture(stage);
        lessons = fx.window.lessons();
    }

    @BeforeEach
    void ready() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx.engine.isReady() && fx.data.dataset() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w.getScene() != null && w.getScene().getRoot() instanceof RaceView) {
                    ((Stage) w).close();
                }
            }
            fx.close();
        }).get();
    }

    private void open(String lesson) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> fx.menuItem("lesson-" + lesson).fire()).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static List<RaceView> openRaces() {
        return Window.getWindows().stream().filter(w -> w.isShowing() && w.getScene() != null
                && w.getScene().getRoot() instanceof RaceView).map(w -> (RaceView) w.getScene().getRoot()).toList();
    }

    @Test
    void theRaceButtonOpensTheLessonsRaceRunning(FxRobot robot) throws Exception {
        // given the loss-landscape lesson, whose file names a race
        open("loss-landscape");
        Lesson.Race race = lessons.lesson().race();
        assertNotNull(race);
        Button button = robot.lookup("#lesson-race").queryAs(Button.class);
        assertTrue(button.isVisible());
        assertEquals("Open the optimizer race ▶", button.getText());
        assertTrue(openRaces().isEmpty());
        // when the student clicks the button
        robot.clickOn(button);
        WaitForAsyncUtils.waitForFxEvents();
        // then a race window shows the lesson's function and start, with its optimizers, and runs
        List<RaceView> races = openRaces();
        assertEquals(1, races.size());
        RaceView view = races.get(0);
        assertEquals(race.function(), view.function());
        assertArrayEquals(race.start(), view.start());
        assertEquals(race.optimizers(), view.optimizers());
        assertTrue(view.isPlaying());
        // and closing its window stops it (no timer left stepping a hidden race)
        WaitForAsyncUtils.asyncFx(() -> ((Stage) view.getScene().getWindow()).close()).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(view.isPlaying());
    }

    @Test
    void aLessonsOwnFunctionStartAndOptimizersReachTheRace(FxRobot robot) throws Exception {
        // given a lesson whose race differs from the race's defaults in everything
        open("loss-landscape");
        Lesson built = lessons.lesson();
        Lesson.Race race = new Lesson.Race(TestFunction.HIMMELBLAU, 0.5, -1.25, List.of(
                Choice.of(OptimizerType.NESTEROV).with("learningRate", 0.002),
                Choice.of(OptimizerType.ADAM).with("learningRate", 0.1).with("beta1", 0.7)));
        Lesson own = new Lesson(built.title(), built.summary(), built.experiment(), built.steps(), built.challenge(),
                race, built.lossScale(), built.file());
        WaitForAsyncUtils.asyncFx(() -> lessons.open(own)).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        // when its race button is clicked
        robot.clickOn("#lesson-race");
        WaitForAsyncUtils.waitForFxEvents();
        // then the race shows Himmelblau from (0.5, −1.25) with exactly those two optimizers
        RaceView view = openRaces().get(0);
        assertEquals(TestFunction.HIMMELBLAU, view.function());
        assertArrayEquals(new double[]{0.5, -1.25}, view.start());
        assertEquals(race.optimizers(), view.optimizers());
    }

    @Test
    void aLessonWithoutARaceHasNoRaceButton(FxRobot robot) throws Exception {
        open("learning-rate");
        assertFalse(robot.lookup("#lesson-race").query().isVisible());
    }
}
