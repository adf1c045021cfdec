package dev.descent.ui.present;

import javafx.collections.ListChangeListener;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Presenter mode for the windows beside the main one: every window the main stage owns (dialogs, the
 * keyboard shortcuts, the start page, the compare and race windows) takes presenter mode's stylesheet,
 * high contrast and 1.6 times the text while it is on, those already open and those opened later (before
 * they size themselves), and gives them back when it ends. Pop-ups (menus, tooltips, combo lists) are
 * left alone: they take their size from the control they belong to. FX thread only.
 */
final class PresenterWindows {
    /** On the root of each such window while presenter mode is on, with {@link PresenterMode#STYLE}. */
    static final String STYLE = "presenter-window";

    private final Stage owner;
    private final ListChangeListener<Window> opened = change -> {
        while (change.next()) {
            for (Window w : change.getAddedSubList()) {
                dress(w, true, false); // it sizes itself to its scene as it shows
            }
        }
    };

    PresenterWindows(Stage owner) {
        this.owner = owner;
    }

    /** From now on, every owned window is in presenter mode's style. */
    void start() {
        Window.getWindows().forEach(w -> dress(w, true, true));
        Window.getWindows().addListener(opened);
    }

    /** Every owned window back to its own style. */
    void stop() {
        Window.getWindows().removeListener(opened);
        Window.getWindows().forEach(w -> dress(w, false, true));
    }

    /** Puts presenter mode's style on {@code w} or takes it off; {@code resize}: fit the window to it. */
    private void dress(Window w, boolean on, boolean resize) {
        if (w == owner || w instanceof PopupWindow || !ownedByOwner(w)) {
            return;
        }
        Scene scene = w.getScene();
        Parent root = scene == null ? null : scene.getRoot();
        if (root == null) {
            return;
        }
        if (on) {
            if (!root.getStylesheets().contains(PresenterMode.STYLESHEET)) {
                root.getStylesheets().add(PresenterMode.STYLESHEET);
            }
            if (!root.getStyleClass().contains(STYLE)) {
                root.getStyleClass().addAll(PresenterMode.STYLE, STYLE);
            }
        } else {
            root.getStylesheets().remove(PresenterMode.STYLESHEET);
            root.getStyleClass().removeAll(PresenterMode.STYLE, STYLE);
        }
        root.applyCss();
        if (resize && w instanceof Stage stage && stage.isShowing() && !stage.isMaximized() && !stage.isFullScreen()) {
            w.sizeToScene(); // an open dialog grows (or shrinks back) to its text
        }
    }

    /** Whether {@code w}'s chain of owners leads to the main stage. */
    private boolean ownedByOwner(Window w) {
        for (Window o = w instanceof Stage s ? s.getOwner() : null; o != null; o = o instanceof Stage s ? s.getOwner() : null) {
            if (o == owner) {
                return true;
            }
        }
        return false;
    }
}
