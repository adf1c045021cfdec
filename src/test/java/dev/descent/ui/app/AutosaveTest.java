package dev.descent.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.experiment.Experiment;
import dev.descent.ui.model.ProjectModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.util.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The recovery copy of an edited project: written after a change, never over the project's file, gone when clean. */
@ExtendWith(ApplicationExtension.class)
class AutosaveTest {
    private static final Duration DELAY = Duration.millis(150);
    private static final Instant SAVED_AT = Instant.parse("2026-12-02T06:30:00Z");

    @TempDir
    Path dir;

    private final List<Autosave> started = new java.util.ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (Autosave a : started) {
            fx(() -> {
                a.close();
                return null;
            });
        }
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        T value = WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return value;
    }

    private Autosave autosave(ProjectModel project, RecoveryStore store) throws Exception {
        Autosave a = fx(() -> new Autosave(project, store, e -> e, DELAY, Clock.fixed(SAVED_AT, ZoneOffset.UTC),
                Platform::runLater));
        started.add(a);
        return a;
    }

    private static List<Path> copies(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(RecoveryStore.SUFFIX)).sorted().toList();
        }
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
    }

    /** A project saved as {@code name} in the test folder. */
    private ProjectModel savedProject(String name) throws Exception {
        ProjectModel project = fx(() -> new ProjectModel(Examples.blank()));
        Path file = dir.resolve(name);
        fx(() -> {
            project.saveAs(file);
            return null;
        });
        return project;
    }

    private static void rename(ProjectModel project, String name) throws Exception {
        fx(() -> {
            project.edit("rename", e -> e.withName(name));
            return null;
        });
    }

    @Test
    void anEditIsCopiedToTheRecoveryFolderAndTheProjectFileIsLeftAlone() throws Exception {
        // given a saved project and its bytes on disk
        ProjectModel project = savedProject("mine.json");
        Path mine = dir.resolve("mine.json");
        byte[] before = Files.readAllBytes(mine);
        RecoveryStore store = new RecoveryStore(dir.resolve("recovery"));
        Autosave autosave = autosave(project, store);
        // when it is edited
        rename(project, "Edited");
        // then a recovery copy with the edit appears, saying whose file it belongs to and when it was kept
        waitFor(() -> Files.exists(autosave.path()));
        RecoveryStore.Copy copy = store.read(autosave.path());
        assertEquals("Edited", copy.experiment().name());
        assertEquals(mine, copy.projectFile());
        assertEquals(SAVED_AT, copy.savedAt());
        assertEquals(List.of(autosave.path()), copies(store.directory()));
        // and the user's own file is unchanged
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(mine)));
    }

    @Test
    void steadyEditingIsCopiedEveryDelayNotPostponed() throws Exception {
        ProjectModel project = savedProject("mine.json");
        RecoveryStore store = new RecoveryStore(dir.resolve("recovery"));
        Autosave autosave = autosave(project, store);
        // when edits keep coming, each sooner than the delay after the last
        long start = System.nanoTime();
        int i = 0;
        while (!Files.exists(autosave.path()) && System.nanoTime() - start < 5_000_000_000L) {
            rename(project, "Edit " + i++);
            Thread.sleep(30);
        }
        // then a copy was still written (a debounce would wait for a pause that never comes)
        assertTrue(Files.exists(autosave.path()), "no copy after 5 s of steady editing");
    }

    @Test
    void nothingIsWrittenWhileTheProjectHasNoUnsavedChanges() throws Exception {
        ProjectModel project = savedProject("mine.json");
        RecoveryStore store = new RecoveryStore(dir.resolve("recovery"));
        Autosave autosave = autosave(project, store);
        Thread.sleep((long) DELAY.toMillis() * 4);
        fx(() -> {
            autosave.settle();
            return null;
        });
        assertEquals(List.of(), copies(store.directory()));
    }

    @Test
    void savingTheProjectDeletesItsCopy() throws Exception {
        ProjectModel project = savedProject("mine.json");
        RecoveryStore store = new RecoveryStore(dir.resolve("recovery"));
        Autosave autosave = autosave(project, store);
        rename(project, "Edited");
        waitFor(() -> Files.exists(autosave.path()));
        // when the user saves
        fx(() -> {
            project.save();
            return null;
        });
        // then the copy goes
        waitFor(() -> !Files.exists(autosave.path()));
        assertEquals(List.of(), copies(store.directory()));
    }

    @Test
    void undoingBackToTheSavedStateDeletesTheCopy() throws Exception {
        ProjectModel project = savedProject("mine.json");
        RecoveryStore store = new RecoveryStore(dir.resolve("recovery"));
        Autosave autosave = autosave(project, store);
        rename(project, "Edited");
        waitFor(() -> Files.exists(autosave.path()));
        fx(() -> {
            project.undo();
            return null;
        });
        waitFor(() -> !Files.exists(autosave.path()));
    }

    @Test
    void aCleanExitDeletesTheCopyEvenWithUnsavedChanges() throws Exception {
        // given unsaved changes with a copy on disk
        ProjectModel project = savedProject("mine.json");
        RecoveryStore store = new RecoveryStore(dir.resolve("recovery"));
        Autosave autosave = autosave(project, store);
        rename(project, "Edited");
        waitFor(() -> Files.exists(autosave.path()));
        // when the application exits cleanly (the user chose Don't Save)
        fx(() -> {
            autosave.close();
            return null;
        });
        // then nothing is left, and a later edit writes nothing
        assertEquals(List.of(), copies(store.directory()));
        rename(project, "After exit");
        Thread.sleep((long) DELAY.toMillis() * 3);
        assertEquals(List.of(), copies(store.directory()));
    }

    @Test
    void twoWindowsKeepTheirOwnCopiesAndNeitherIsOfferedWhileTheyRun() throws Exception {
        // given two windows of this process, one on a saved project and one on a new one, sharing the folder
        ProjectModel first = savedProject("first.json");
        ProjectModel second = fx(() -> new ProjectModel(Examples.blank()));
        RecoveryStore store = new RecoveryStore(dir.resolve("recovery"));
        Autosave a = autosave(first, store);
        Autosave b = autosave(second, store);
        // when both are edited
        rename(first, "First edited");
        rename(second, "Second edited");
        waitFor(() -> Files.exists(a.path()) && Files.exists(b.path()));
        // then each copy holds its own project
        assertFalse(a.path().equals(b.path()));
        assertEquals("First edited", store.read(a.path()).experiment().name());
        assertEquals(dir.resolve("first.json"), store.read(a.path()).projectFile());
        assertEquals("Second edited", store.read(b.path()).experiment().name());
        assertEquals(null, store.read(b.path()).projectFile());
        // and editing one again leaves the other's copy as it was
        rename(first, "First again");
        waitFor(() -> "First again".equals(store.read(a.path()).experiment().name()));
        assertEquals("Second edited", store.read(b.path()).experiment().name());
        // and a start while both run offers neither (their owner is alive)
        assertEquals(List.of(), store.orphans());
    }

    @Test
    void anUnwritableFolderGivesOneLineAndTheWindowGoesOn() throws Exception {
        // given a recovery folder that cannot be created: a regular file is in its way
        Path inTheWay = Files.writeString(dir.resolve("state"), "not a folder");
        RecoveryStore store = new RecoveryStore(inTheWay.resolve("recovery"));
        ProjectModel project = savedProject("mine.json");
        Autosave autosave = autosave(project, store);
        // when an edit is to be copied
        rename(project, "Edited");
        waitFor(() -> !autosave.problemProperty().get().isEmpty());
        // then one line says what and where, and editing goes on
        assertEquals("Autosave is off: cannot write recovery copies to " + inTheWay.resolve("recovery")
                + " (" + inTheWay + " is a file, not a folder)", autosave.problemProperty().get());
        rename(project, "Still editing");
        assertEquals("Still editing", fx(project::experiment).name());
    }

    @Test
    void theProblemLineClearsOnceACopyIsWrittenAgain() throws Exception {
        Path inTheWay = Files.writeString(dir.resolve("state"), "not a folder");
        RecoveryStore store = new RecoveryStore(inTheWay.resolve("recovery"));
        ProjectModel project = savedProject("mine.json");
        Autosave autosave = autosave(project, store);
        rename(project, "Edited");
        waitFor(() -> !autosave.problemProperty().get().isEmpty());
        // when the file in the way is removed and the project edited again
        Files.delete(inTheWay);
        rename(project, "Edited again");
        // then the copy is written and the line is gone
        waitFor(() -> autosave.problemProperty().get().isEmpty() && Files.exists(autosave.path()));
        Experiment copied = store.read(autosave.path()).experiment();
        assertEquals("Edited again", copied.name());
    }
}
