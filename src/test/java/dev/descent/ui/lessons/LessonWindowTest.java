package dev.descent.ui.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.vocab.Choice;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.RunSpec;
import dev.descent.lesson.BuiltInLessons;
import dev.descent.lesson.Goal;
import dev.descent.lesson.Lesson;
import dev.descent.lesson.Pointer;
import dev.descent.ui.WindowFixture;
import dev.descent.ui.model.TrainingSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Lessons in the whole window: each opens, its pointers resolve to real panels, its locks hold, Check judges. */
@ExtendWith(ApplicationExtension.class)
class LessonWindowTest {
    private WindowFixture fx;
    private LessonController lessons;

    @TempDir
    Path dir;

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
        WaitForAsyncUtils.asyncFx(fx::close).get();
    }

    private static void onFx(Runnable r) throws Exception {
        WaitForAsyncUtils.asyncFx(r).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void openFromMenu(String file) throws Exception {
        onFx(() -> fx.menuItem("lesson-" + file.substring(0, file.indexOf(".lesson."))).fire());
    }

    @Test
    void everyBuiltInLessonOpensFromTheMenuWithItsExperimentAndText(FxRobot robot) throws Exception {
        for (String file : BuiltInLessons.FILES) {
            // when the lesson is chosen in the Lessons menu
            openFromMenu(file);
            // then its experiment is the project and its first step is shown beside it
            Lesson lesson = lessons.lesson();
            assertNotNull(lesson, file);
            assertEquals(lesson.experiment(), fx.project.experiment(), file);
            assertTrue(robot.lookup("#lesson-panel").query().isVisible(), file);
            assertEquals(lesson.title(), robot.lookup("#lesson-title").queryAs(Label.class).getText());
            assertEquals("Step 1 of " + lesson.steps().size(),
                    robot.lookup("#lesson-step-count").queryAs(Label.class).getText());
        }
    }

    @Test
    void aLessonWithALogLossScaleOpensOnALogAxisAndOneWithoutLeavesTheUsersChoice(FxRobot robot) throws Exception {
        javafx.scene.control.ToggleButton log = robot.lookup("#loss-log").queryAs(javafx.scene.control.ToggleButton.class);
        assertFalse(log.isSelected(), "the window starts on a linear loss axis");
        // when the learning-rate lesson ("lossScale": "log") opens
        openFromMenu("learning-rate.lesson.json");
        // then the loss chart is on a log axis
        assertTrue(log.isSelected());
        // and a lesson that names no scale keeps it, as the user may have chosen it
        openFromMenu("activations.lesson.json");
        assertNull(lessons.lesson().lossScale());
        assertTrue(log.isSelected());
    }

    @Test
    void everyPointerOfEveryStepOutlinesARealPanel() throws Exception {
        for (String file : BuiltInLessons.FILES) {
            openFromMenu(file);
            Lesson lesson = lessons.lesson();
            for (int i = 0; i < lesson.steps().size(); i++) {
                int step = i;
                onFx(() -> lessons.showStep(step));
                List<Pointer> watch = lesson.steps().get(i).watch();
                List<Node> outlined = lessons.outlined();
                // every pointer found a node that is on screen, and carries the outline
                assertEquals(watch.size(), outlined.size(), file + " step " + (i + 1) + ": " + watch);
                for (Node node : outlined) {
                    assertNotNull(node.getScene(), file + ": " + node);
                    assertTrue(node.isVisible(), file + ": " + node);
                    assertTrue(node.getStyleClass().contains(Highlights.WATCH), file + ": " + node);
                }
                for (Pointer p : watch) {
                    Node node = lessons.highlights().resolve(p).orElseThrow();
                    String expected = p.isNode() ? null : p.isRun() ? "runs" : p.text();
                    if (expected != null) {
                        assertEquals(expected, node.getId(), file + ": " + p);
                    } else {
                        assertSame(fx.window.canvas().card(p.target()), node, file + ": " + p);
                    }
                    if (p.isRun()) {
                        int selected = fx.selection.runProperty().get();
                        // a step may point at one run only, or the last one named is selected
                        assertTrue(selected >= 0, file + ": " + p);
                    }
                }
            }
        }
    }

    @Test
    void theNextStepRemovesThePreviousOutlines() throws Exception {
        openFromMenu("initialization.lesson.json");
        Node runs = lessons.highlights().resolve(new Pointer("runs")).orElseThrow();
        assertTrue(runs.getStyleClass().contains(Highlights.WATCH)); // step 1 watches the runs list
        onFx(lessons::next); // step 2 watches the gradient chart and one run
        onFx(lessons::next); // step 3 watches the runs list again
        onFx(lessons::next); // step 4 watches two charts only
        assertFalse(runs.getStyleClass().contains(Highlights.WATCH));
    }

    @Test
    void pageDownAndPageUpTurnTheSteps(FxRobot robot) throws Exception {
        openFromMenu("learning-rate.lesson.json");
        robot.clickOn("#lesson-title");
        robot.type(KeyCode.PAGE_DOWN);
        robot.type(KeyCode.PAGE_DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, lessons.stepProperty().get());
        assertEquals("Step 3 of 4", robot.lookup("#lesson-step-count").queryAs(Label.class).getText());
        robot.type(KeyCode.PAGE_UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, lessons.stepProperty().get());
        robot.clickOn("#lesson-next");
        robot.clickOn("#lesson-next");
        robot.clickOn("#lesson-next"); // past the last step it stays there
        assertEquals(3, lessons.stepProperty().get());
        assertTrue(robot.lookup("#lesson-next").queryButton().isDisabled());
    }

    @Test
    void lockedInspectorFieldsAreDisabledWithTheirReason(FxRobot robot) throws Exception {
        for (String file : BuiltInLessons.FILES) {
            openFromMenu(file);
            Lesson lesson = lessons.lesson();
            // nothing selected: the data and training settings are all locked by every built-in lesson
            onFx(fx.selection::clear);
            for (String id : List.of("#field-seed", "#field-epochs", "#field-batchSize")) {
                Control field = control(id);
                assertTrue(field.isDisabled(), file + " " + id);
                assertEquals(WindowLocks.LOCKED, field.getTooltip().getText(), file + " " + id);
            }
            // the run the goal measures: its editable field is free, its other fields are locked
            Goal goal = lesson.challenge().goal();
            int run = runIndex(fx.project.experiment(), goal.run());
            onFx(() -> fx.selection.selectRun(run));
            String free = lesson.challenge().locks().editable().get(0).key();
            String freeId = "#field-" + (free.equals("normalizer") ? "runNormalizer" : free);
            assertFalse(control(freeId).isDisabled(), file + " " + freeId);
            Control name = control("#field-name");
            assertTrue(name.isDisabled(), file + ": a lesson's run keeps its name");
            for (String field : List.of("optimizer", "schedule", "init", "activation", "normalization")) {
                if (!field.equals(free)) {
                    Control locked = control("#field-" + field);
                    assertTrue(locked.isDisabled(), file + " " + field);
                    assertEquals(WindowLocks.LOCKED, locked.getTooltip().getText());
                }
            }
        }
    }

    @Test
    void anEditOfALockedPartIsRefusedNamingItAndAnEditablePartIsApplied() throws Exception {
        openFromMenu("optimizers.lesson.json");
        Experiment before = fx.project.experiment();
        // when something changes the Adam run's optimizer (locked: only SGD's is free)
        onFx(() -> fx.project.edit("Set optimizer", e -> withOptimizer(e, "Adam", OptimizerType.SGD)));
        // then nothing changes, and the panel says why
        assertEquals(before, fx.project.experiment());
        assertEquals("runs[Adam].optimizer is locked by the lesson", fx.project.refusedProperty().get());
        assertEquals("Refused: runs[Adam].optimizer is locked by the lesson.", lessons.resultProperty().get());
        // when the same is done to SGD's optimizer, it is applied
        onFx(() -> fx.project.edit("Set optimizer", e -> withOptimizer(e, "SGD", OptimizerType.ADAM)));
        assertEquals(OptimizerType.ADAM, fx.project.experiment().runs().get(0).optimizer().term());
        // and removing a run of the lesson is refused too
        onFx(() -> fx.project.edit("Remove run", e -> e.withRuns(e.runs().subList(0, 4))));
        assertEquals(5, fx.project.experiment().runs().size());
        assertEquals("runs[Adam] is locked by the lesson", fx.project.refusedProperty().get());
    }

    @Test
    void closingTheLessonUnlocksTheExperiment(FxRobot robot) throws Exception {
        openFromMenu("optimizers.lesson.json");
        robot.clickOn("#lesson-close");
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(lessons.lesson());
        assertFalse(robot.lookup("#lesson-panel").query().isVisible());
        onFx(() -> fx.project.edit("Set optimizer", e -> withOptimizer(e, "Adam", OptimizerType.SGD)));
        assertEquals(OptimizerType.SGD, fx.project.experiment().runs().get(4).optimizer().term());
        onFx(fx.selection::clear);
        assertFalse(robot.lookup("#field-seed").queryAs(Control.class).isDisabled());
    }

    @Test
    void openingAnotherExperimentClosesTheLesson() throws Exception {
        openFromMenu("optimizers.lesson.json");
        onFx(() -> fx.menuItem("menu-new").fire());
        assertNull(lessons.lesson());
        onFx(() -> fx.project.edit("Seed", e -> e.withSeed(9)));
        assertEquals(9, fx.project.experiment().seed());
    }

    @Test
    void checkJudgesTheTrainedRunsAsTheCommandLineDoes(FxRobot robot) throws Exception {
        openFromMenu("learning-rate.lesson.json");
        // before training, Check says what to do
        robot.clickOn("#lesson-check");
        assertEquals("Nothing has trained yet: press Train (F5), let the runs finish, then Check.",
                lessons.resultProperty().get());
        // the preset, trained: not met, with the measured value
        train();
        robot.clickOn("#lesson-check");
        assertEquals(Boolean.FALSE, lessons.metProperty().get());
        assertEquals("Not yet: validation accuracy of 'Too small' is 76.0% (goal: above 97.0%)",
                lessons.resultProperty().get());
        // the shipped solution, trained: met
        robot.clickOn("#lesson-solution");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(lessons.lesson().challenge().solution().runs(), fx.project.experiment().runs());
        train();
        robot.clickOn("#lesson-check");
        assertEquals(Boolean.TRUE, lessons.metProperty().get(), lessons.resultProperty().get());
        assertEquals("Challenge met! Validation accuracy of 'Too small' is 100.0% (goal: above 97.0%)",
                lessons.resultProperty().get());
    }

    @Test
    void hintIsHiddenUntilAsked(FxRobot robot) throws Exception {
        openFromMenu("activations.lesson.json");
        Label hint = robot.lookup("#lesson-hint-text").queryAs(Label.class);
        assertFalse(hint.isVisible());
        robot.clickOn("#lesson-hint");
        assertTrue(hint.isVisible());
        assertEquals("Hint: " + lessons.lesson().challenge().hint(), hint.getText());
    }

    @Test
    void theStartPageListsTheLessonsAndOpensOne(FxRobot robot) throws Exception {
        onFx(() -> fx.menuItem("menu-help-lessons").fire());
        StartPage page = lessons.startPage();
        assertTrue(page.isShowing());
        for (int i = 1; i <= BuiltInLessons.FILES.size(); i++) {
            assertNotNull(page.window().getScene().lookup("#start-lesson-" + i), "card " + i);
        }
        robot.clickOn(page.window().getScene().lookup("#start-lesson-2"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Input normalization", lessons.lesson().title());
        assertFalse(page.isShowing());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mine.lesson.json", "Mine.descent-lesson", "MINE.DESCENT-LESSON"})
    void aLessonFileOpensAsALessonFromFileOpen(String name) throws Exception {
        Path file = dir.resolve(name);
        Files.copy(Path.of("sample-data", "lessons", "learning-rate.lesson.json"), file);
        onFx(() -> fx.window.openFile(file));
        assertEquals("The learning rate", lessons.lesson().title());
        assertEquals(file, fx.recent.list().get(0));
    }

    /** The field with {@code id} in the window (looked up in its own scene graph: faster than the robot). */
    private Control control(String id) {
        Node node = fx.window.root().lookup(id);
        assertNotNull(node, id);
        return (Control) node;
    }

    private void train() throws Exception {
        onFx(fx.session::train);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx.session.state() == TrainingSession.State.FINISHED);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static int runIndex(Experiment e, String name) {
        for (int i = 0; i < e.runs().size(); i++) {
            if (e.runs().get(i).name().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no run " + name);
    }

    private static Experiment withOptimizer(Experiment e, String run, OptimizerType type) {
        List<RunSpec> runs = new ArrayList<>(e.runs());
        int i = runIndex(e, run);
        runs.set(i, runs.get(i).withOptimizer(Choice.of(type)));
        return e.withRuns(runs);
    }
}
