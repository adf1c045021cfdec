package dev.descent.ui.runs;

import dev.descent.ui.model.ProjectModel;
import dev.descent.ui.model.SelectionModel;
import dev.descent.ui.model.TrainingSession;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** One row per run. (Placeholder: being built.) */
public final class RunsPanel extends VBox {
    public RunsPanel(ProjectModel project, SelectionModel selection, TrainingSession session) {
        getChildren().add(new Label("runs"));
    }
}
