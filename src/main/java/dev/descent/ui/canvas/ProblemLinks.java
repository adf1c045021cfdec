package dev.descent.ui.canvas;

import dev.descent.engine.graph.Problem;
import dev.descent.engine.graph.Validation;
import dev.descent.ui.model.DataModel;
import dev.descent.ui.model.SelectionModel;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;

/**
 * Which nodes a problem of the problems list names, and what clicking it does: select those nodes and
 * scroll them into view. The one place the canvas reads node ids out of problem texts.
 */
final class ProblemLinks {
    private static final Pattern NAMED_NODE = Pattern.compile("node '([^']+)'");

    private final DataModel data;
    private final SelectionModel selection;
    private final NetworkView network;
    private final CanvasViewport viewport;

    ProblemLinks(DataModel data, SelectionModel selection, NetworkView network, CanvasViewport viewport) {
        this.data = data;
        this.selection = selection;
        this.network = network;
        this.viewport = viewport;
    }

    /** Whether {@code message} names a node on the canvas (its line is then a link). */
    boolean linked(String message) {
        return !nodesNamedBy(message).isEmpty();
    }

    /** The existing nodes a problem names: the validator's own list, else every "node 'id'" in the text. */
    private List<String> nodesNamedBy(String message) {
        Validation v = data.validationProperty().get();
        Set<String> ids = new LinkedHashSet<>();
        if (v != null) {
            for (Problem p : v.problems()) {
                if (message.equals(p.message()) || message.endsWith(": " + p.message())) {
                    ids.addAll(p.nodeIds());
                }
            }
        }
        if (ids.isEmpty()) {
            Matcher m = NAMED_NODE.matcher(message);
            while (m.find()) {
                ids.add(m.group(1));
            }
        }
        ids.retainAll(network.nodeIds());
        return List.copyOf(ids);
    }

    void revealProblem(String message) {
        List<String> ids = nodesNamedBy(message);
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
