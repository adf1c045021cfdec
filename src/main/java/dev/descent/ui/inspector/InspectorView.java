package dev.descent.ui.inspector;

import dev.descent.ui.model.DataModel;
import dev.descent.ui.model.ProjectModel;
import dev.descent.ui.model.SelectionModel;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** Properties of the selection, or the data settings. (Placeholder: being built.) */
public final class InspectorView extends VBox {
    public InspectorView(ProjectModel project, SelectionModel selection, DataModel data) {
        getChildren().add(new Label("inspector"));
    }
}
