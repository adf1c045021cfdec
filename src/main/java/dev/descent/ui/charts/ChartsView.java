package dev.descent.ui.charts;

import dev.descent.ui.model.ProjectModel;
import dev.descent.ui.model.SelectionModel;
import dev.descent.ui.model.Theme;
import dev.descent.ui.model.TrainingSession;
import java.io.IOException;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** Loss, gradient, learning-rate and accuracy charts. (Placeholder: being built.) */
public final class ChartsView extends VBox {
    public ChartsView(ProjectModel project, SelectionModel selection, TrainingSession session, Theme theme) {
        getChildren().add(new Label("charts"));
    }

    /** Writes the charts as one PNG image. */
    public void exportPng(Path file) throws IOException {
        throw new IOException("not available yet");
    }
}
