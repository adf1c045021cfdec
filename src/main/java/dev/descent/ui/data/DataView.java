package dev.descent.ui.data;

import dev.descent.ui.model.DataModel;
import dev.descent.ui.model.SelectionModel;
import dev.descent.ui.model.Theme;
import dev.descent.ui.model.TrainingSession;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** The dataset and the focus run's decision boundary. (Placeholder: being built.) */
public final class DataView extends VBox {
    public DataView(DataModel data, TrainingSession session, SelectionModel selection, Theme theme) {
        getChildren().add(new Label("data"));
    }
}
