package dev.descent.ui.app;

import java.util.List;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Window;

/** Error and information dialogs with the engine's own messages, one per line. */
final class Dialogs {
    private Dialogs() {
    }

    static void error(Window owner, String header, List<String> lines) {
        show(Alert.AlertType.ERROR, owner, "Descent", header, lines);
    }

    static void info(Window owner, String header, List<String> lines) {
        show(Alert.AlertType.INFORMATION, owner, header, header, lines);
    }

    private static void show(Alert.AlertType type, Window owner, String title, String header, List<String> lines) {
        Alert alert = new Alert(type);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(header);
        if (lines.size() <= 2) {
            Label text = new Label(String.join("\n", lines));
            text.setWrapText(true);
            text.setMaxWidth(640);
            alert.getDialogPane().setContent(text);
        } else {
            ListView<String> list = new ListView<>();
            list.getItems().setAll(lines);
            list.setPrefSize(680, Math.min(320, 28 * lines.size() + 8));
            alert.getDialogPane().setContent(list);
        }
        alert.setResizable(true);
        alert.show();
    }
}
