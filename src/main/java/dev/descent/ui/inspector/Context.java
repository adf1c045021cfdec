package dev.descent.ui.inspector;

import dev.descent.experiment.Experiment;
import dev.descent.ui.model.DataModel;
import dev.descent.ui.model.EditTiming;
import dev.descent.ui.model.ProjectModel;
import dev.descent.ui.model.SelectionModel;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javafx.stage.Window;

/**
 * What the inspector's forms read and edit, how they make an edit that also moves the selection, and
 * when their edits take effect ({@code timing}, null when nothing trains, as in tests of the inspector alone).
 */
record Context(ProjectModel project, SelectionModel selection, DataModel data, Consumer<Runnable> quietly,
               Supplier<Window> window, EditTiming timing) {

    Experiment experiment() {
        return project.experiment();
    }

    /** One undoable edit. */
    void edit(String what, UnaryOperator<Experiment> change) {
        project.edit(what, change);
    }

    /**
     * What to say above a form about when its edits take effect ("The runs are training: changes ...
     * apply after Reset"), or null when they simply take effect.
     */
    String timingNote(EditTiming.Kind kind, int run) {
        if (timing == null) {
            return null;
        }
        EditTiming.Decision d = timing.decide(kind, run);
        return d.when() == EditTiming.When.NEXT_TRAIN ? null : d.because();
    }

    /** Runs several changes (an edit and a selection change) with the inspector refreshed once, after. */
    void together(Runnable changes) {
        quietly.accept(changes);
    }
}
