package dev.descent.ui.app;

import dev.descent.experiment.Experiment;
import dev.descent.ui.model.ProjectModel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.util.Duration;

/**
 * Keeps a recovery copy of the open project while it has unsaved changes: {@link #DELAY} after the
 * first change that follows a write, the project as shown is written to this session's recovery file
 * in the {@link RecoveryStore} (later changes do not postpone it, so steady editing is still copied
 * every {@code DELAY}); when the project has no unsaved changes (saved, undone, discarded, another one
 * opened) the copy is deleted; {@link #close()} (a clean exit) deletes it too. A kill -9 therefore
 * loses at most the last {@code DELAY} of edits plus one write.
 *
 * <p>The experiment is taken on the FX thread (it is immutable) and written on a thread of its own,
 * in order, so the window never waits for the disk. A write that fails sets {@link #problemProperty()}
 * to one line (shown in the status bar) and the window goes on; the next write tries again.
 */
public final class Autosave {
    /** How long after a change the copy is written. */
    public static final Duration DELAY = Duration.seconds(2);

    private final ProjectModel project;
    private final RecoveryStore store;
    private final UnaryOperator<Experiment> shown;
    private final RecoveryStore.Owner owner = RecoveryStore.Owner.current();
    private final Clock clock;
    private final Consumer<Runnable> fx;
    private final PauseTransition pending;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "descent-autosave");
        t.setDaemon(true);
        return t;
    });
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private Path path;
    private boolean closed;

    /**
     * @param shown what is written for the project's experiment, e.g. with the node places the canvas shows
     * @param delay how long after a change the copy is written ({@link #DELAY} in the window)
     */
    public Autosave(ProjectModel project, RecoveryStore store, UnaryOperator<Experiment> shown, Duration delay) {
        this(project, store, shown, delay, Clock.systemUTC(), Platform::runLater);
    }

    Autosave(ProjectModel project, RecoveryStore store, UnaryOperator<Experiment> shown, Duration delay, Clock clock,
             Consumer<Runnable> fx) {
        this.project = project;
        this.store = store;
        this.shown = shown;
        this.clock = clock;
        this.fx = fx;
        this.path = store.newPath();
        this.pending = new PauseTransition(delay);
        pending.setOnFinished(e -> writeNow());
        project.experimentProperty().addListener((o, was, now) -> changed());
        project.fileProperty().addListener((o, was, now) -> changed());
        project.dirtyProperty().addListener((o, was, now) -> changed()); // set after the experiment
        changed();
        Experiment first = project.experiment();
        writer.execute(() -> dev.descent.experiment.ExperimentWriter.toJson(first)); // loads the writer's classes now:
        // the first copy of a session came 1.5 s later than the others without it (measured under Xvfb)
    }

    /**
     * Takes over a recovery file being restored: the copies of this session go there from now on, so the
     * restored work is never without a copy.
     */
    public void adopt(Path recoveryFile) {
        Path old = path;
        path = recoveryFile;
        if (!old.equals(recoveryFile)) {
            writer.execute(() -> store.delete(old));
        }
    }

    /** This session's recovery file (it exists only while there are unsaved changes). */
    public Path path() {
        return path;
    }

    /** Why copies cannot be written, one line; empty while they can. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    private void changed() {
        if (closed) {
            return;
        }
        if (project.dirtyProperty().get()) {
            if (pending.getStatus() != javafx.animation.Animation.Status.RUNNING) {
                pending.playFromStart();
            }
        } else {
            pending.stop();
            Path target = path;
            writer.execute(() -> store.delete(target));
        }
    }

    /** Writes the copy at once (if there are unsaved changes); the write itself happens on the writer thread. */
    void writeNow() {
        pending.stop();
        if (closed || !project.dirtyProperty().get()) {
            return;
        }
        Experiment e = shown.apply(project.experiment());
        Path projectFile = project.fileProperty().get();
        Path target = path;
        writer.execute(() -> {
            String failure = "";
            try {
                store.write(target, e, projectFile, owner, clock.instant());
            } catch (IOException | RuntimeException x) {
                failure = x instanceof IOException io ? store.problem(io)
                        : "Autosave is off: " + String.valueOf(x.getMessage()).replaceAll("[\\r\\n]+", " ");
            }
            String line = failure;
            fx.accept(() -> problem.set(line));
        });
    }

    /** Waits until every write and delete asked for so far is done (tests). */
    void settle() throws Exception {
        writer.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    /**
     * A clean exit: nothing more is written and the copy is deleted (the user saved, or chose not to).
     * Waits up to a few seconds for a write under way.
     */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pending.stop();
        Path target = path;
        writer.execute(() -> store.delete(target));
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
