package dev.descent.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.graph.NodeSpec;
import dev.descent.ui.model.Edits;
import dev.descent.ui.model.TrainingSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The whole window, driven as a person would: toolbar buttons, project commands, dialogs. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private WindowFixture fx;
    private Stage stage;

    @TempDir
    Path dir;

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

    private static void onFx(Runnable r) throws Exception {
        WaitForAsyncUtils.asyncFx(r).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theWindowOpensWithTheExampleAndTrainEnabled(FxRobot robot) {
        assertFalse(robot.lookup("#train").queryButton().isDisabled(), "blocked: " + fx.session.blockedReason());
        assertEquals("Spiral: SGD vs Adam (not saved) — Descent", stage.getTitle());
        assertTrue(robot.lookup("#backend").queryAs(Label.class).getText().startsWith("ND4J"));
    }

    @Test
    void anInvalidGraphDisablesTrainAndSaysWhy(FxRobot robot) throws Exception {
        // when a dense layer gets zero units
        onFx(() -> fx.project.edit("Set units", e -> Edits.replaceNode(e,
                ((NodeSpec.Dense) e.network().node("h1").orElseThrow()).withUnits(0))));
        // then Train is disabled and the reason is on screen
        assertTrue(robot.lookup("#train").queryButton().isDisabled());
        Label reason = robot.lookup("#blocked-reason").queryAs(Label.class);
        assertTrue(reason.isVisible());
        assertEquals("Cannot train: node 'h1': units must be >= 1, got 0", reason.getText());
        // and undo brings Train back
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.Z)
                .release(javafx.scene.input.KeyCode.Z, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup("#train").queryButton().isDisabled());
        assertFalse(reason.isVisible());
    }

    @Test
    void trainPauseAndStepFromTheToolbar(FxRobot robot) throws Exception {
        robot.clickOn("#train");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx.session.state() == TrainingSession.State.RUNNING
                && fx.session.comparisonProperty().get().summaries().get(0).steps() > 10);
        robot.clickOn("#pause");
        assertEquals(TrainingSession.State.PAUSED, fx.session.state());
        Thread.sleep(300);
        int[] held = fx.session.comparisonProperty().get().summaries().stream().mapToInt(s -> s.steps()).toArray();
        robot.clickOn("#step");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> fx.session.comparisonProperty().get().summaries().get(0).steps() == held[0] + 1);
        Thread.sleep(200);
        for (int i = 0; i < held.length; i++) {
            assertEquals(held[i] + 1, fx.session.comparisonProperty().get().summaries().get(i).steps(),
                    "run " + i + " stepped exactly once");
        }
        assertEquals("Paused", robot.lookup("#session-state").queryAs(Label.class).getText());
        robot.clickOn("#reset");
        assertEquals(TrainingSession.State.IDLE, fx.session.state());
    }

    @Test
    void savingAndReopeningGivesTheSameExperiment() throws Exception {
        Path file = dir.resolve("saved.json");
        onFx(() -> fx.project.edit("Rename", e -> e.withName("saved experiment")));
        assertTrue(stage.getTitle().startsWith("• "), "the dirty marker shows");
        onFx(() -> {
            try {
                fx.project.saveAs(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertEquals("saved.json — Descent", stage.getTitle());
        var saved = fx.project.experiment();
        onFx(() -> fx.project.edit("Rename", e -> e.withName("changed")));
        onFx(() -> fx.project.replace(saved.withName("other"), null));
        onFx(() -> fx.window.openFile(file));
        assertEquals(saved, fx.project.experiment());
        assertEquals("saved.json — Descent", stage.getTitle());
    }

    @Test
    void aFileThatFailsToLoadIsReportedAndTheWorkStaysOpen(FxRobot robot) throws Exception {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{ \"format\": 1, \"runs\": [ { \"name\": \"x\", \"optimizer\": \"adamx\" } ] }");
        onFx(() -> fx.project.edit("Rename", e -> e.withName("my work")));
        // when
        onFx(() -> fx.window.openFile(broken));
        // then a dialog names the file and the problems
        Window dialog = robot.listTargetWindows().stream().filter(w -> w != stage && w.isShowing()).findFirst().orElseThrow();
        DialogPane pane = (DialogPane) dialog.getScene().getRoot();
        assertEquals("Could not open broken.json", pane.getHeaderText());
        String shown = pane.getContent() instanceof Label label ? label.getText()
                : String.join("\n", ((javafx.scene.control.ListView<?>) pane.getContent()).getItems().stream()
                .map(String::valueOf).toList());
        assertTrue(shown.contains("unknown optimizer 'adamx'"), shown);
        robot.clickOn(robot.from(pane).lookup(".button").queryButton());
        // and the window still works on the same project
        assertEquals("my work", fx.project.experiment().name());
        assertFalse(robot.lookup("#train").queryButton().isDisabled());
    }

    @Test
    void closingWithUnsavedChangesAsksAndCancelKeepsTheWindow(FxRobot robot) throws Exception {
        onFx(() -> fx.project.edit("Rename", e -> e.withName("unsaved")));
        WaitForAsyncUtils.asyncFx(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        WaitForAsyncUtils.waitForFxEvents();
        Window dialog = robot.listTargetWindows().stream().filter(w -> w != stage && w.isShowing()).findFirst().orElseThrow();
        DialogPane pane = (DialogPane) dialog.getScene().getRoot();
        assertTrue(pane.getHeaderText().startsWith("Save the changes to \"unsaved\""), pane.getHeaderText());
        Button cancel = (Button) pane.lookupButton(javafx.scene.control.ButtonType.CANCEL);
        robot.clickOn(cancel);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(stage.isShowing());
        assertEquals("unsaved", fx.project.experiment().name());
    }
}
