package dev.descent.ui.canvas;

import dev.descent.ui.model.SelectionModel;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.ContextMenuEvent;
import org.kordamp.ikonli.javafx.FontIcon;

/** The canvas's context menu: the edit commands for the card under the pointer or the selection, layout and fit. */
final class CanvasMenu {
    private final SelectionModel selection;
    private final NetworkView network;
    private final NodeClipboard clipboard;
    private final GraphCanvas canvas;
    private final Node viewport;

    CanvasMenu(SelectionModel selection, NetworkView network, NodeClipboard clipboard, GraphCanvas canvas, Node viewport) {
        this.selection = selection;
        this.network = network;
        this.clipboard = clipboard;
        this.canvas = canvas;
        this.viewport = viewport;
        viewport.setOnContextMenuRequested(this::show);
    }

    private void show(ContextMenuEvent e) {
        Node picked = e.getPickResult().getIntersectedNode();
        NodeView card = PointerGestures.ancestor(picked, NodeView.class, viewport);
        if (card != null && !selection.nodes().contains(card.nodeId())) {
            selection.selectGraph(List.of(card.nodeId()), List.of());
        }
        boolean nodes = !selection.nodes().isEmpty();
        boolean any = nodes || !selection.edges().isEmpty();
        MenuItem cutItem = menuItem("Cut", "mdi2c-content-cut", canvas::cut, nodes);
        MenuItem copyItem = menuItem("Copy", "mdi2c-content-copy", canvas::copy, nodes);
        MenuItem pasteItem = menuItem("Paste", "mdi2c-content-paste", canvas::paste, clipboard.hasContent());
        MenuItem deleteItem = menuItem("Delete", "mdi2d-delete-outline", canvas::deleteSelection, any);
        MenuItem all = menuItem("Select All", null, canvas::selectAll, !network.isEmpty());
        MenuItem layout = menuItem("Auto-Layout", "mdi2s-sitemap", canvas::autoLayout, !network.isEmpty());
        MenuItem fit = menuItem("Fit the Network", "mdi2f-fit-to-page-outline", canvas::fitToView, true);
        ContextMenu menu = new ContextMenu(cutItem, copyItem, pasteItem, deleteItem, new SeparatorMenuItem(), all,
                layout, fit);
        menu.setAutoHide(true);
        menu.show(viewport, e.getScreenX(), e.getScreenY());
        e.consume();
    }

    private static MenuItem menuItem(String text, String icon, Runnable action, boolean enabled) {
        MenuItem item = new MenuItem(text, icon == null ? null : new FontIcon(icon));
        item.setOnAction(e -> action.run());
        item.setDisable(!enabled);
        return item;
    }
}
