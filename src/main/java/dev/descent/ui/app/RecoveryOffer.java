package dev.descent.ui.app;

import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentException;
import dev.descent.experiment.ExperimentReader;
import dev.descent.ui.model.ProjectModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.stage.Window;

/**
 * At start, offers each recovery file left by a window that did not close properly, newest first:
 * <b>Restore</b> opens it (the project's own file, if it still reads, becomes the saved state and the
 * recovered changes one edit over it, so Undo shows what they were, and the window has unsaved changes
 * until the user saves); <b>Discard</b> deletes it; <b>Later</b> (or closing the dialog) keeps it for
 * the next start. Once one is restored the others wait for the next start.
 */
public final class RecoveryOffer {
    static final ButtonType RESTORE = new ButtonType("Restore", ButtonBar.ButtonData.YES);
    static final ButtonType DISCARD = new ButtonType("Discard", ButtonBar.ButtonData.NO);
    static final ButtonType LATER = new ButtonType("Later", ButtonBar.ButtonData.CANCEL_CLOSE);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss 'on' EEE d MMM yyyy", Locale.ENGLISH);

    private RecoveryOffer() {
    }

    /** Asks about each orphan in {@code store}; true if one was restored into {@code project}. */
    public static boolean offer(Window owner, RecoveryStore store, ProjectModel project, Autosave autosave) {
        for (RecoveryStore.Copy copy : store.orphans()) {
            ButtonType answer = ask(owner, copy);
            if (answer == RESTORE) {
                restore(copy, project, autosave);
                return true;
            }
            if (answer == DISCARD) {
                store.delete(copy.path());
            }
        }
        return false;
    }

    private static ButtonType ask(Window owner, RecoveryStore.Copy copy) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION);
        alert.initOwner(owner);
        alert.setTitle("Recover unsaved changes");
        alert.setHeaderText("Restore the unsaved changes to \"" + copy.experiment().name() + "\"?");
        Label text = new Label(message(copy, Instant.now(), ZoneId.systemDefault()));
        text.setId("recovery-message");
        text.setWrapText(true);
        text.setMaxWidth(560);
        alert.getDialogPane().setContent(text);
        alert.getDialogPane().setId("recovery-dialog");
        alert.getButtonTypes().setAll(RESTORE, DISCARD, LATER);
        Optional<ButtonType> answer = alert.showAndWait();
        return answer.orElse(LATER);
    }

    /** What the dialog says about {@code copy}: when it was saved, and whose file it belongs to. */
    static String message(RecoveryStore.Copy copy, Instant now, ZoneId zone) {
        String file = copy.projectFile() == null ? "The experiment was never saved to a file."
                : "Its file, " + copy.projectFile() + ", does not have these changes.";
        return "Descent did not close properly. A copy of the unsaved changes was kept at "
                + TIME.format(copy.savedAt().atZone(zone)) + " (" + ago(copy.savedAt(), now) + ").\n" + file
                + "\nDiscard deletes the copy; Later keeps it for the next start.";
    }

    /** "just now", "5 minutes ago", "3 hours ago", "2 days ago". */
    static String ago(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        if (d.toMinutes() < 1) {
            return "just now";
        }
        if (d.toHours() < 1) {
            return plural(d.toMinutes(), "minute") + " ago";
        }
        if (d.toDays() < 1) {
            return plural(d.toHours(), "hour") + " ago";
        }
        return plural(d.toDays(), "day") + " ago";
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    /** Opens {@code copy}: the saved state is its file as on disk (or a blank one), the changes one edit over it. */
    static void restore(RecoveryStore.Copy copy, ProjectModel project, Autosave autosave) {
        Path file = copy.projectFile();
        Experiment base = null;
        if (file != null && Files.isRegularFile(file)) {
            try {
                base = ExperimentReader.read(file);
            } catch (ExperimentException unreadable) {
                base = null;
            }
        }
        project.replace(base == null ? Examples.blank() : base, file);
        autosave.adopt(copy.path()); // after the replace, which deletes this session's copy: never this one
        project.edit("restore recovered changes", e -> copy.experiment());
        autosave.writeNow(); // owned by this session from now on, so no other window offers it
    }
}
