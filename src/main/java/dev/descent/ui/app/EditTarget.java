package dev.descent.ui.app;

import java.util.Collection;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;

/**
 * Where the Edit menu's Cut, Copy, Paste, Delete and Select All go, decided by the keyboard focus, as in
 * any editor with text fields beside a canvas.
 *
 * <ol>
 *   <li>A text field or area has the focus: it keeps its own editing (the window forwards the command to
 *       it; typed keys never reach the menu, since the field consumes them first).</li>
 *   <li>The canvas, the runs panel or nothing in particular (a toolbar button, the window) has it: the
 *       command acts on the graph, or Delete on the selected run.</li>
 *   <li>Any other control that takes keys (choice box, combo box, slider, check box, spinner, list or table
 *       outside the runs panel), or anything inside a panel that is not the graph (the inspector, the
 *       charts, the data view, the palette): the command does nothing, so a key meant for that control
 *       never deletes a node behind the user's back.</li>
 * </ol>
 */
final class EditTarget {
    private EditTarget() {
    }

    enum Kind { TEXT, GRAPH, NONE }

    /**
     * @param focus  the scene's focus owner, or null
     * @param graph  where graph commands come from: the canvas and the runs panel
     * @param others panels whose keys are their own
     */
    static Kind of(Node focus, Collection<? extends Node> graph, Collection<? extends Node> others) {
        if (focus instanceof TextInputControl) {
            return Kind.TEXT;
        }
        if (focus == null || within(focus, graph)) {
            return Kind.GRAPH;
        }
        if (within(focus, others) || takesKeys(focus)) {
            return Kind.NONE;
        }
        return Kind.GRAPH;
    }

    private static boolean takesKeys(Node n) {
        return n instanceof ChoiceBox<?> || n instanceof ComboBoxBase<?> || n instanceof Slider || n instanceof CheckBox
                || n instanceof Spinner<?> || n instanceof ListView<?> || n instanceof TableView<?>;
    }

    private static boolean within(Node node, Collection<? extends Node> panels) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (panels.contains(n)) {
                return true;
            }
        }
        return false;
    }
}
