package dev.descent.ui.canvas;

import dev.descent.ui.model.DataModel;
import dev.descent.ui.model.ProjectModel;
import dev.descent.ui.model.SelectionModel;
import dev.descent.ui.model.Theme;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;

/** The network editor. (Placeholder: being built.) */
public final class GraphCanvas extends StackPane {
    public GraphCanvas(ProjectModel project, SelectionModel selection, DataModel data, Theme theme) {
        getChildren().add(new Label("canvas"));
    }

    public void zoomIn() {
    }

    public void zoomOut() {
    }

    public void fitToView() {
    }

    public void autoLayout() {
    }

    public void cut() {
    }

    public void copy() {
    }

    public void paste() {
    }

    public void deleteSelection() {
    }

    public void selectAll() {
    }
}
