package dev.descent.ui;

import javafx.beans.value.ChangeListener;
import javafx.scene.Node;
import javafx.scene.Parent;

/**
 * Whether a view is on screen, for views that read the comparison only while they show. A tab's content
 * keeps {@code visible = true} while another tab is selected (the tab pane hides the region around it),
 * so the node's own flag is not enough: every ancestor must be visible, and the window showing.
 */
public final class Shown {
    private Shown() {
    }

    /** Whether {@code node} and every ancestor are visible, in a window that shows. */
    public static boolean isShown(Node node) {
        if (node.getScene() == null || node.getScene().getWindow() == null || !node.getScene().getWindow().isShowing()) {
            return false;
        }
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** Runs {@code action} each time {@code node} or its parent becomes visible (its tab selected again). */
    public static void onShown(Node node, Runnable action) {
        ChangeListener<Boolean> visible = (o, was, now) -> {
            if (now) {
                action.run();
            }
        };
        node.visibleProperty().addListener(visible);
        node.parentProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.visibleProperty().removeListener(visible);
            }
            if (now != null) {
                now.visibleProperty().addListener(visible);
            }
        });
        Parent p = node.getParent();
        if (p != null) {
            p.visibleProperty().addListener(visible);
        }
    }
}
