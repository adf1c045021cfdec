package dev.descent.ui.multiples;

import dev.descent.ui.charts.GradientMultiples;
import dev.descent.ui.data.BoundaryMultiples;
import dev.descent.ui.model.DataModel;
import dev.descent.ui.model.Theme;
import dev.descent.ui.model.TrainingSession;
import javafx.geometry.Orientation;
import javafx.scene.control.SplitPane;

/**
 * Small multiples, one cell per run: above, each run's decision boundary (or regression fit) over the same
 * data rectangle; below, each run's gradient norm by layer on one shared axis range. Both update live
 * while the tab shows, and cost nothing while another tab does. FX thread only.
 */
public final class SideBySideView extends SplitPane {
    private final BoundaryMultiples boundaries;
    private final GradientMultiples gradients;

    public SideBySideView(DataModel data, TrainingSession session, Theme theme) {
        boundaries = new BoundaryMultiples(data, session, theme);
        gradients = new GradientMultiples(session, theme);
        setId("side-by-side");
        setOrientation(Orientation.VERTICAL);
        getItems().addAll(
                headed("Decision boundary of each run (its first seed), over the same data", boundaries),
                headed("Gradient norm by layer of each run, on one shared log scale", gradients));
        setDividerPositions(0.55);
        // a tab's content is hidden while another tab shows: the grids read again when it comes back
        dev.descent.ui.Shown.onShown(this, () -> {
            boundaries.refresh();
            gradients.refresh();
        });
    }

    private static javafx.scene.layout.VBox headed(String heading, javafx.scene.layout.Region grid) {
        javafx.scene.control.Label label = new javafx.scene.control.Label(heading);
        label.getStyleClass().add("side-by-side-heading");
        label.setMinWidth(0);
        label.setStyle("-fx-font-weight: bold; -fx-padding: 4 6 2 6;");
        javafx.scene.layout.VBox.setVgrow(grid, javafx.scene.layout.Priority.ALWAYS);
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(label, grid);
        box.setMinSize(0, 0);
        return box;
    }

    public BoundaryMultiples boundaries() {
        return boundaries;
    }

    public GradientMultiples gradients() {
        return gradients;
    }
}
