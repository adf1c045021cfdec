package dev.descent.ui.palette;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** The palettes of tiles. (Placeholder: being built.) */
public final class PaletteView extends VBox {
    public PaletteView() {
        getChildren().add(new Label("palette"));
    }
}
