package dev.descent.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.experiment.Experiment;
import dev.descent.ui.model.ProjectModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The next start after a crash: the copy left behind is offered with the time it was kept. */
@ExtendWith(ApplicationExtension.class)
class RecoveryOfferTest {
    /** A process that is not running: this pid, but another start instant (as after a crash and a reboot). */
    private static final RecoveryStore.Owner CRASHED = new RecoveryStore.Owner(ProcessHandle.current().pid(), Instant.EPOCH);
    private static final Instant SAVED_AT = Instant.parse("2026-12-02T06:30:05Z");

    @TempDir
    Path dir;

    private Stage stage;
    private ProjectModel project;
    private RecoveryStore store;
    private Autosave autosave;
    private Path mine;
    private Experiment onDisk;
    private Experiment recovered;
    private Path copyPath;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 400, 300));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        fx(() -> {
            if (autosave != null) {
                autosave.close();
            }
            return null;
        });
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        T value = WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return value;
    }

    /** Given: a saved file, a copy of later edits left by a crashed window, and a fresh window on the example. */
    private void crashedBefore() throws Exception {
        mine = dir.resolve("mine.json");
        onDisk = Examples.blank().withName("On disk");
        dev.descent.experiment.ExperimentWriter.write(onDisk, mine);
        onDisk = dev.descent.experiment.ExperimentReader.read(mine);
        recovered = onDisk.withName("Edited before the crash").withSeed(7);
        store = new RecoveryStore(dir.resolve("recovery"));
        copyPath = store.newPath();
        store.write(copyPath, recovered, mine, CRASHED, SAVED_AT);
        project = fx(() -> new ProjectModel(Examples.blank()));
        autosave = fx(() -> new Autosave(project, store, e -> e, Duration.millis(100)));
    }

    /** Starts the offer as the application does at start; returns while its dialog waits. */
    private CompletableFuture<Boolean> offer() {
        CompletableFuture<Boolean> restored = new CompletableFuture<>();
        Platform.runLater(() -> restored.complete(RecoveryOffer.offer(stage, store, project, autosave)));
        WaitForAsyncUtils.waitForFxEvents();
        return restored;
    }

    private DialogPane dialog(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.listTargetWindows().stream()
                .anyMatch(w -> w != stage && w.isShowing() && w.getScene().getRoot() instanceof DialogPane));
        Window w = robot.listTargetWindows().stream()
                .filter(x -> x != stage && x.isShowing() && x.getScene().getRoot() instanceof DialogPane)
                .findFirst().orElseThrow();
        return (DialogPane) w.getScene().getRoot();
    }

    private static void answer(FxRobot robot, DialogPane pane, ButtonType type) {
        robot.clickOn(pane.lookupButton(type));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theDialogSaysWhoseChangesAndWhenTheyWereKept(FxRobot robot) throws Exception {
        crashedBefore();
        CompletableFuture<Boolean> restored = offer();
        DialogPane pane = dialog(robot);
        assertEquals("Restore the unsaved changes to \"Edited before the crash\"?", pane.getHeaderText());
        String text = ((Label) pane.lookup("#recovery-message")).getText();
        String time = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss 'on' EEE d MMM yyyy", java.util.Locale.ENGLISH)
                .format(SAVED_AT.atZone(java.time.ZoneId.systemDefault()));
        assertTrue(text.contains("kept at " + time), text);
        assertTrue(text.contains(mine.toString()), text);
        answer(robot, pane, RecoveryOffer.LATER);
        assertFalse(restored.get(5, TimeUnit.SECONDS));
    }

    @Test
    void restoreOpensTheChangesOverTheSavedFileWithUnsavedChanges(FxRobot robot) throws Exception {
        crashedBefore();
        CompletableFuture<Boolean> restored = offer();
        answer(robot, dialog(robot), RecoveryOffer.RESTORE);
        assertTrue(restored.get(5, TimeUnit.SECONDS));
        // then the project is the recovered one, on the user's file, with unsaved changes to save
        assertEquals("Edited before the crash", fx(project::experiment).name());
        assertEquals(7, fx(project::experiment).seed());
        assertEquals(mine, fx(() -> project.fileProperty().get()));
        assertTrue(fx(() -> project.dirtyProperty().get()));
        // and Undo goes back to the file as it is on disk, which was not touched
        assertEquals("Undo restore recovered changes", fx(() -> project.undoTextProperty().get()));
        assertEquals(onDisk, dev.descent.experiment.ExperimentReader.read(mine));
        // and the copy is this session's now: still there, not offered to another window
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> store.read(copyPath).owner().alive());
        assertEquals(copyPath, autosave.path());
        assertEquals(java.util.List.of(), store.orphans());
    }

    @Test
    void discardDeletesTheCopy(FxRobot robot) throws Exception {
        crashedBefore();
        CompletableFuture<Boolean> restored = offer();
        answer(robot, dialog(robot), RecoveryOffer.DISCARD);
        assertFalse(restored.get(5, TimeUnit.SECONDS));
        assertFalse(Files.exists(copyPath));
        assertEquals("Untitled", fx(project::experiment).name());
    }

    @Test
    void laterKeepsTheCopyForTheNextStart(FxRobot robot) throws Exception {
        crashedBefore();
        CompletableFuture<Boolean> restored = offer();
        answer(robot, dialog(robot), RecoveryOffer.LATER);
        assertFalse(restored.get(5, TimeUnit.SECONDS));
        // then nothing changed and the next start offers it again
        assertFalse(fx(() -> project.dirtyProperty().get()));
        assertEquals(java.util.List.of(copyPath), store.orphans().stream().map(RecoveryStore.Copy::path).toList());
    }

    @Test
    void noDialogWithoutACopy() throws Exception {
        store = new RecoveryStore(dir.resolve("nothing-here"));
        project = fx(() -> new ProjectModel(Examples.blank()));
        autosave = fx(() -> new Autosave(project, store, e -> e, Duration.millis(100)));
        assertFalse(fx(() -> RecoveryOffer.offer(stage, store, project, autosave)));
    }

    @Test
    void theAgeIsSaidInWholeUnits() {
        Instant t = Instant.parse("2026-12-02T06:00:00Z");
        assertEquals("just now", RecoveryOffer.ago(t, t.plusSeconds(59)));
        assertEquals("1 minute ago", RecoveryOffer.ago(t, t.plusSeconds(60)));
        assertEquals("59 minutes ago", RecoveryOffer.ago(t, t.plusSeconds(3599)));
        assertEquals("2 hours ago", RecoveryOffer.ago(t, t.plusSeconds(7300)));
        assertEquals("3 days ago", RecoveryOffer.ago(t, t.plusSeconds(3 * 86400 + 5)));
    }

    @Test
    void theMessageOfANeverSavedProjectSaysSo() {
        RecoveryStore.Copy copy = new RecoveryStore.Copy(Path.of("x" + RecoveryStore.SUFFIX), SAVED_AT, CRASHED, null,
                Examples.blank());
        assertEquals("Descent did not close properly. A copy of the unsaved changes was kept at 06:30:05 on Wed 2 Dec 2026"
                        + " (5 minutes ago).\nThe experiment was never saved to a file."
                        + "\nDiscard deletes the copy; Later keeps it for the next start.",
                RecoveryOffer.message(copy, SAVED_AT.plusSeconds(300), ZoneOffset.UTC));
    }
}
