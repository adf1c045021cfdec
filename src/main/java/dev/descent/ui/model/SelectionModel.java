package dev.descent.ui.model;

import dev.descent.engine.graph.Edge;
import java.util.Collection;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

/**
 * What the user has selected: nodes and edges on the canvas, or one run. Selecting on the canvas clears
 * the run selection and the other way round; the inspector shows whichever is selected, and the data
 * settings when nothing is. The "focus run" is the run whose details (gradient chart, decision boundary)
 * are shown; it follows the run selection but stays when the selection moves to the canvas. FX thread only.
 */
public final class SelectionModel {
    private final ObservableSet<String> nodes = FXCollections.observableSet();
    private final ObservableSet<Edge> edges = FXCollections.observableSet();
    private final IntegerProperty run = new SimpleIntegerProperty(-1);
    private final IntegerProperty focusRun = new SimpleIntegerProperty(0);

    public ObservableSet<String> nodes() {
        return nodes;
    }

    public ObservableSet<Edge> edges() {
        return edges;
    }

    /** Index of the selected run, or -1. */
    public IntegerProperty runProperty() {
        return run;
    }

    /** Index of the run whose per-layer details are shown. */
    public IntegerProperty focusRunProperty() {
        return focusRun;
    }

    /** Selects exactly these nodes and edges. */
    public void selectGraph(Collection<String> nodeIds, Collection<Edge> edgeSet) {
        run.set(-1);
        nodes.retainAll(nodeIds);
        nodes.addAll(nodeIds);
        edges.retainAll(edgeSet);
        edges.addAll(edgeSet);
    }

    /** Selects run {@code index} (and makes it the focus run). */
    public void selectRun(int index) {
        nodes.clear();
        edges.clear();
        run.set(index);
        if (index >= 0) {
            focusRun.set(index);
        }
    }

    public void clear() {
        nodes.clear();
        edges.clear();
        run.set(-1);
    }

    /** Whether nothing is selected (the inspector then shows the data settings). */
    public boolean isEmpty() {
        return nodes.isEmpty() && edges.isEmpty() && run.get() < 0;
    }
}
