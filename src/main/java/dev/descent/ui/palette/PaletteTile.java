package dev.descent.ui.palette;

import javafx.scene.Group;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One tile: icon and name, the engine's text in its tooltip, and a drag source that carries its
 * {@link Tile} (copy) to the canvas, nodes, edges and the runs panel.
 */
public final class PaletteTile extends HBox {
    static final String STYLE = "palette-tile";

    private final PaletteEntry entry;
    private final Tooltip tooltip;

    public PaletteTile(PaletteEntry entry) {
        this.entry = entry;
        getStyleClass().add(STYLE);
        setId("tile-" + entry.tile().kind().name().toLowerCase(java.util.Locale.ROOT) + "-" + entry.tile().id());
        FontIcon icon = new FontIcon(entry.icon());
        icon.getStyleClass().add("palette-tile-icon");
        Label name = new Label(entry.title());
        name.getStyleClass().add("palette-tile-name");
        getChildren().addAll(icon, name);
        tooltip = new Tooltip(entry.tooltipText());
        tooltip.setGraphic(tooltipGraphic(entry));
        tooltip.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        tooltip.getStyleClass().add("palette-tooltip");
        tooltip.setShowDelay(Duration.millis(400));
        tooltip.setShowDuration(Duration.seconds(30));
        Tooltip.install(this, tooltip);
        setAccessibleText(entry.title() + ". " + entry.summary() + " " + entry.formula());
        setOnDragDetected(event -> {
            Dragboard board = startDragAndDrop(TransferMode.COPY);
            board.setContent(PaletteView.dragContent(entry.tile()));
            SnapshotParameters parameters = new SnapshotParameters();
            parameters.setFill(Color.TRANSPARENT);
            WritableImage view = snapshot(parameters, null);
            board.setDragView(view, event.getX(), event.getY());
            event.consume();
        });
    }

    public PaletteEntry entry() {
        return entry;
    }

    public Tile tile() {
        return entry.tile();
    }

    public Tooltip tooltip() {
        return tooltip;
    }

    private static final double TOOLTIP_WIDTH = 380;

    /**
     * Name and id, summary, formula (one statement per line) and source. Every label has a fixed
     * width and the box sits in a {@link Group}, which sizes it at its preferred size: given the box
     * directly, the tooltip measured it at a negative width and asked for the whole screen's height.
     */
    private static Group tooltipGraphic(PaletteEntry entry) {
        VBox box = new VBox(); // within a Group: see above
        box.getChildren().addAll(
                wrapped(entry.title() + "   " + entry.tile().id(), "tooltip-title"),
                wrapped(entry.summary(), "tooltip-summary"),
                wrapped(String.join("\n", entry.formula().split(";\\s+|,\\s{3,}")).strip(), "tooltip-formula"));
        if (!entry.source().isEmpty()) {
            box.getChildren().add(wrapped(entry.source(), "tooltip-source"));
        }
        box.getStyleClass().add("palette-tooltip-box");
        return new Group(box);
    }

    private static Label wrapped(String text, String style) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setPrefWidth(TOOLTIP_WIDTH);
        label.setMaxWidth(TOOLTIP_WIDTH);
        label.setMinHeight(Label.USE_PREF_SIZE);
        label.getStyleClass().add(style);
        return label;
    }

}
