package dev.descent.ui.model;

import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentException;
import dev.descent.experiment.ExperimentReader;
import dev.descent.experiment.ExperimentWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The open project: one experiment, the file it lives in, whether it has unsaved changes, and the
 * undo and redo history. Experiments are immutable, so the history is a stack of snapshots and every
 * edit, whatever made it (canvas, palette, inspector, runs panel), is undone the same way.
 * FX thread only.
 */
public final class ProjectModel {
    /** Most edits kept for undo. */
    static final int HISTORY = 200;

    private record Entry(String what, Experiment before) {
    }

    private final ReadOnlyObjectWrapper<Experiment> experiment = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper undoText = new ReadOnlyStringWrapper("Undo");
    private final ReadOnlyStringWrapper redoText = new ReadOnlyStringWrapper("Redo");
    private final Deque<Entry> undo = new ArrayDeque<>();
    private final Deque<Entry> redo = new ArrayDeque<>();
    private final NodePositions positions = new NodePositions();
    private final ReadOnlyStringWrapper refused = new ReadOnlyStringWrapper("");
    private Function<Experiment, String> guard = e -> null;
    private Experiment saved;
    private int replacements;

    /**
     * Completes the experiment just before it is written into {@code directory}: the window adds the
     * node positions its canvas shows and copies data files that would not outlive the session.
     */
    @FunctionalInterface
    public interface Preparation {
        Experiment prepare(Experiment experiment, Path directory) throws IOException;
    }

    public ProjectModel(Experiment initial) {
        replace(initial, null);
    }

    /**
     * Sets what every later {@link #edit} is checked against: {@code guard} returns why an experiment may not
     * be made (a lesson's locked parts), or null. A refused edit changes nothing and its reason is
     * {@link #refusedProperty()}. Replacing the project is not an edit: it is never refused.
     */
    public void setGuard(Function<Experiment, String> guard) {
        this.guard = guard == null ? e -> null : guard;
        refused.set("");
    }

    /** Why the last edit was refused by the guard, or empty. */
    public ReadOnlyStringProperty refusedProperty() {
        return refused.getReadOnlyProperty();
    }

    /** Replaces the whole project (new, open): history cleared, not dirty. */
    public void replace(Experiment e, Path path) {
        replacements++;
        undo.clear();
        redo.clear();
        saved = e;
        file.set(path);
        show(e);
        refresh();
    }

    /**
     * Applies an edit. Nothing is recorded if the experiment does not change.
     *
     * @param what   what the edit does, for the Undo menu item ("Add dense")
     * @param change the edit
     */
    public void edit(String what, UnaryOperator<Experiment> change) {
        Experiment before = experiment.get();
        Experiment after = change.apply(before);
        if (after == null || after.equals(before)) {
            return;
        }
        String why = guard.apply(after);
        if (why != null) {
            refused.set(why);
            return;
        }
        refused.set("");
        undo.push(new Entry(what, before));
        while (undo.size() > HISTORY) {
            undo.removeLast();
        }
        redo.clear();
        show(after);
        refresh();
    }

    public void undo() {
        if (undo.isEmpty()) {
            return;
        }
        Entry e = undo.pop();
        redo.push(new Entry(e.what(), experiment.get()));
        show(e.before());
        refresh();
    }

    public void redo() {
        if (redo.isEmpty()) {
            return;
        }
        Entry e = redo.pop();
        undo.push(new Entry(e.what(), experiment.get()));
        show(e.before());
        refresh();
    }

    /** Reads a file; on success it becomes the project, on failure nothing changes. */
    public void open(Path path) throws ExperimentException {
        Experiment read = ExperimentReader.read(path);
        replace(read, path.toAbsolutePath().normalize());
    }

    /** Saves to the current file. */
    public void save() throws IOException {
        if (file.get() == null) {
            throw new IllegalStateException("no file yet: use saveAs");
        }
        saveAs(file.get());
    }

    /**
     * Saves atomically to {@code path} (a temporary file renamed over it), which becomes the project's
     * file. Relative data paths are kept as written.
     */
    public void saveAs(Path path) throws IOException {
        saveAs(path, (e, directory) -> e);
    }

    /**
     * Saves atomically to {@code path} what {@code preparation} makes of the experiment; that becomes the
     * project (not an edit: nothing to undo) and {@code path} its file.
     */
    public void saveAs(Path path, Preparation preparation) throws IOException {
        Path target = path.toAbsolutePath().normalize();
        Experiment located = preparation.prepare(experiment.get(), target.getParent()).relocatedTo(target.getParent());
        ExperimentWriter.write(located, target);
        saved = located;
        file.set(target);
        show(located);
        refresh();
    }

    /**
     * Applies an edit made on the canvas: if nodes are shown at places the experiment does not have
     * (see {@link NodePositions}), the edit writes them too, so what is saved is what was seen.
     */
    public void editShown(String what, UnaryOperator<Experiment> change) {
        edit(what, e -> {
            Experiment after = change.apply(e);
            return !positions.anyGiven() || after.equals(e) ? after : change.apply(positions.withShownPositions(e));
        });
    }

    /** Where each node is shown on the canvas. */
    public NodePositions positions() {
        return positions;
    }

    /** Makes {@code e} the experiment, its node places worked out before any listener hears of it. */
    private void show(Experiment e) {
        positions.follow(e);
        experiment.set(e);
    }

    private void refresh() {
        dirty.set(!experiment.get().equals(saved));
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
        undoText.set(undo.isEmpty() ? "Undo" : "Undo " + undo.peek().what());
        redoText.set(redo.isEmpty() ? "Redo" : "Redo " + redo.peek().what());
    }

    public Experiment experiment() {
        return experiment.get();
    }

    /**
     * How often the whole project was replaced (new, open, example); a view that starts afresh for a new
     * project compares it, since an edit or a save also changes the experiment. Set before the new
     * experiment is, so listeners of {@link #experimentProperty()} see the new count.
     */
    public int replacements() {
        return replacements;
    }

    public ReadOnlyObjectProperty<Experiment> experimentProperty() {
        return experiment.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty undoTextProperty() {
        return undoText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redoTextProperty() {
        return redoText.getReadOnlyProperty();
    }
}
