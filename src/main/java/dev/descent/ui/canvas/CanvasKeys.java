package dev.descent.ui.canvas;

import dev.descent.ui.model.SelectionModel;
import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * The keys the canvas answers while it has the focus: Delete (or Backspace) removes the selection,
 * Escape cancels a gesture or clears the selection, Space held pans, Ctrl+A/C/X/V select all, copy, cut
 * and paste. Keys it does not use go on to the window.
 */
final class CanvasKeys {
    private final SelectionModel selection;
    private final PointerGestures gestures;
    private final NodeClipboard clipboard;
    private final GraphCanvas canvas;

    CanvasKeys(SelectionModel selection, PointerGestures gestures, NodeClipboard clipboard, GraphCanvas canvas) {
        this.selection = selection;
        this.gestures = gestures;
        this.clipboard = clipboard;
        this.canvas = canvas;
        canvas.addEventHandler(KeyEvent.KEY_PRESSED, this::pressed);
        canvas.addEventHandler(KeyEvent.KEY_RELEASED, this::released);
    }

    private void pressed(KeyEvent e) {
        KeyCode code = e.getCode();
        boolean shortcut = e.isShortcutDown();
        boolean graphSelected = !selection.nodes().isEmpty() || !selection.edges().isEmpty();
        boolean handled = true;
        if ((code == KeyCode.DELETE || code == KeyCode.BACK_SPACE) && graphSelected) {
            canvas.deleteSelection();
        } else if (code == KeyCode.ESCAPE && (gestures.active() || graphSelected)) {
            if (gestures.active()) {
                gestures.cancel();
            } else {
                selection.selectGraph(List.of(), List.of());
            }
        } else if (code == KeyCode.SPACE && !shortcut) {
            gestures.setSpaceDown(true);
        } else if (shortcut && code == KeyCode.A) {
            canvas.selectAll();
        } else if (shortcut && code == KeyCode.C && !selection.nodes().isEmpty()) {
            clipboard.copy();
        } else if (shortcut && code == KeyCode.X && !selection.nodes().isEmpty()) {
            clipboard.cut();
        } else if (shortcut && code == KeyCode.V && clipboard.hasContent()) {
            clipboard.paste();
        } else {
            handled = false;
        }
        if (handled) {
            e.consume();
        }
    }

    private void released(KeyEvent e) {
        if (e.getCode() == KeyCode.SPACE) {
            gestures.setSpaceDown(false);
            e.consume();
        }
    }
}
