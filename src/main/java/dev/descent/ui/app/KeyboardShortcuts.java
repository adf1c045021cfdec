package dev.descent.ui.app;

import java.util.List;
import javafx.geometry.HPos;
import javafx.geometry.VPos;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Window;

/**
 * Help > Keyboard Shortcuts (F1): every key and canvas gesture in a two-column table, grouped as the
 * menus are: the keys on the left, what they do on the right, wrapped to the dialog's width so that
 * nothing is cut off or needs scrolling sideways.
 */
final class KeyboardShortcuts {
    static final String TABLE_ID = "shortcuts-table";
    private static final double KEYS_WIDTH = 190;
    private static final double WIDTH = 600;

    /** One line of the table: the keys (or gesture) and what it does. */
    record Shortcut(String keys, String does) {
    }

    /** A group of shortcuts under a heading, with an optional sentence after them. */
    record Section(String title, List<Shortcut> shortcuts, String note) {
    }

    private KeyboardShortcuts() {
    }

    /** Everything the dialog lists; {@code step} is the Step command's key. */
    static List<Section> sections(String step) {
        return List.of(
                new Section("File", List.of(
                        new Shortcut("Ctrl+N", "new experiment"),
                        new Shortcut("Ctrl+O", "open an experiment"),
                        new Shortcut("Ctrl+S", "save"),
                        new Shortcut("Ctrl+Shift+S", "save as"),
                        new Shortcut("Ctrl+Q", "quit")), null),
                new Section("Edit", List.of(
                        new Shortcut("Ctrl+Z", "undo"),
                        new Shortcut("Ctrl+Shift+Z or Ctrl+Y", "redo"),
                        new Shortcut("Ctrl+X, Ctrl+C, Ctrl+V", "cut, copy, paste nodes"),
                        new Shortcut("Delete", "delete the selected nodes, edges or run"),
                        new Shortcut("Ctrl+A", "select every node")),
                        "In a text field these keys edit the text; in the inspector's other controls and in the charts "
                                + "they do nothing."),
                new Section("View", List.of(
                        new Shortcut("Ctrl+= or Ctrl++", "zoom in (Ctrl and numpad + too)"),
                        new Shortcut("Ctrl+-", "zoom out (Ctrl and numpad − too)"),
                        new Shortcut("Ctrl+0", "fit the network in the canvas"),
                        new Shortcut("Ctrl+L", "lay the network out"),
                        new Shortcut("Ctrl+Shift+D", "dark theme"),
                        new Shortcut("F11", "presenter mode: full screen and large; there Space trains or pauses, "
                                + "Right steps, R resets, PageDown/PageUp page the lesson, Esc leaves")), null),
                new Section("Run", List.of(
                        new Shortcut("F5", "train every run, or go on after a pause"),
                        new Shortcut("F6", "pause"),
                        new Shortcut(step, "one step: every run takes exactly one step"),
                        new Shortcut("Ctrl+R", "reset: stop and clear the runs"),
                        new Shortcut("Ctrl+[ and Ctrl+]", "slow motion: slower, faster (1, 5, 20, 100 steps/s, full speed)"),
                        new Shortcut("Alt+S", "the Speed choice in the tool bar (then the arrow keys)"),
                        new Shortcut("F2", "rename the selected run (in the runs panel)")), null),
                new Section("Canvas", List.of(
                        new Shortcut("Drag a tile", "add a node; on a node or an edge, set or insert it there"),
                        new Shortcut("Drag port to port", "connect a node's right port to another's left port"),
                        new Shortcut("Click, Shift+click", "select; add to or remove from the selection"),
                        new Shortcut("Drag on empty space", "select the nodes in an area"),
                        new Shortcut("Ctrl+wheel", "zoom around the pointer"),
                        new Shortcut("Middle drag, Space+drag", "pan"),
                        new Shortcut("Escape", "cancel a drag, or clear the selection")), null),
                new Section("Help", List.of(new Shortcut("F1", "this list")), null));
    }

    /** The table of {@code sections}: headings across both columns, then one row per shortcut. */
    static GridPane table(List<Section> sections) {
        return table(sections, 1);
    }

    /** The same, its columns {@code scale} times as wide (presenter mode's text is that much larger). */
    static GridPane table(List<Section> sections, double scale) {
        GridPane grid = new GridPane();
        grid.setId(TABLE_ID);
        grid.getStyleClass().add("shortcuts-table");
        ColumnConstraints keys = new ColumnConstraints(KEYS_WIDTH * scale, KEYS_WIDTH * scale, KEYS_WIDTH * scale);
        keys.setHalignment(HPos.LEFT);
        ColumnConstraints does = new ColumnConstraints();
        does.setHgrow(Priority.ALWAYS);
        does.setFillWidth(true);
        does.setMinWidth(200 * scale);
        grid.getColumnConstraints().addAll(keys, does);
        int row = 0;
        for (Section section : sections) {
            Label heading = new Label(section.title());
            heading.getStyleClass().add("shortcuts-heading");
            heading.setMaxWidth(Double.MAX_VALUE);
            grid.add(heading, 0, row++, 2, 1);
            for (Shortcut s : section.shortcuts()) {
                Label key = wrapped(s.keys(), "shortcut-keys");
                Label what = wrapped(s.does(), "shortcut-does");
                GridPane.setValignment(key, VPos.TOP);
                GridPane.setValignment(what, VPos.TOP);
                grid.add(key, 0, row);
                grid.add(what, 1, row++);
            }
            if (section.note() != null) {
                grid.add(wrapped(section.note(), "shortcuts-note"), 0, row++, 2, 1);
            }
        }
        return grid;
    }

    private static Label wrapped(String text, String style) {
        Label label = new Label(text);
        label.getStyleClass().add(style);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.setMaxWidth(Double.MAX_VALUE);
        return label;
    }

    /**
     * Shows the dialog over {@code owner}; returns at once. {@code scale}: the window's text size over
     * the usual (presenter mode's 1.6), which widens the columns and the dialog with it, up to most of
     * the screen.
     */
    static void show(Window owner, String step, double scale) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(owner);
        alert.setTitle("Keyboard shortcuts");
        alert.setHeaderText("Keyboard shortcuts");
        alert.setGraphic(null);
        ScrollPane scroll = new ScrollPane(table(sections(step), scale));
        scroll.setId("shortcuts-scroll");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("edge-to-edge");
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        scroll.setPrefViewportWidth(Math.min(WIDTH * scale, screen.getWidth() * 0.8));
        scroll.setPrefViewportHeight(Math.min(520 * scale, screen.getHeight() * 0.7));
        alert.getDialogPane().setContent(scroll);
        alert.getDialogPane().getStylesheets().add(KeyboardShortcuts.class
                .getResource("/dev/descent/ui/descent.css").toExternalForm());
        alert.getDialogPane().setMinWidth(Region.USE_PREF_SIZE);
        alert.setResizable(true);
        alert.show();
    }
}
