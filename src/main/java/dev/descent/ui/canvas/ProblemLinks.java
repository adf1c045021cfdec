package dev.descent.ui.canvas;

import dev.descent.engine.graph.Problem;
import dev.descent.ui.model.SelectionModel;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;

/**
 * Which nodes on the canvas a problem of the problems list is about (its own {@link Problem#nodeIds()}),
 * and what clicking it does: select those nodes and scroll them into view.
 */
final class ProblemLinks {
    private final SelectionModel selection;
    private final NetworkView network;
    private final CanvasViewport viewport;

    ProblemLinks(SelectionModel selection, NetworkView network, CanvasViewport viewport) {
        this.selection = selection;
        this.network = network;
        this.viewport = viewport;
    }

    /** Whether {@code problem} is about a node on the canvas (its line is then a link). */
    boolean linked(Problem problem) {
        return !nodesAt(problem).isEmpty();
    }

    /** The nodes on the canvas a problem is about. */
    private List<String> nodesAt(Problem problem) {
        return problem.nodeIds().stream().filter(network.nodeIds()::contains).distinct().toList();
    }

    void revealProblem(Problem problem) {
        List<String> ids = nodesAt(problem);
        if (ids.isEmpty()) {
            return;
        }
        selection.selectGraph(ids, List.of());
        Bounds area = null;
        for (String id : ids) {
            area = NetworkView.union(area, network.node(id).rect());
        }
        if (area != null && !viewport.visibleWorld().contains(area)) {
            viewport.centreOn(new Point2D(area.getMinX() + area.getWidth() / 2, area.getMinY() + area.getHeight() / 2));
        }
    }
}
