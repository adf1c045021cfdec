package dev.descent.ui.inspector;

import dev.descent.experiment.Experiment;
import dev.descent.ui.model.DataModel;
import dev.descent.ui.model.ProjectModel;
import dev.descent.ui.model.SelectionModel;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javafx.stage.Window;

/** What the inspector's forms read and edit, and how they make an edit that also moves the selection. */
record Context(ProjectModel project, SelectionModel selection, DataModel data, Consumer<Runnable> quietly,
               Supplier<Window> window) {

    Experiment experiment() {
        return project.experiment();
    }

    /** One undoable edit. */
    void edit(String what, UnaryOperator<Experiment> change) {
        project.edit(what, change);
    }

    /** Runs several changes (an edit and a selection change) with the inspector refreshed once, after. */
    void together(Runnable changes) {
        quietly.accept(changes);
    }
}
