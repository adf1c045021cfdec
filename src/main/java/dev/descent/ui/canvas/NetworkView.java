package dev.descent.ui.canvas;

import dev.descent.engine.graph.Edge;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.Position;
import dev.descent.engine.graph.Problem;
import dev.descent.engine.graph.Validation;
import dev.descent.experiment.Experiment;
import dev.descent.ui.model.NodePositions;
import dev.descent.ui.model.RunNetwork;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.Node;

/**
 * The network drawn in canvas units: one card per node at the place the project model gives it, one
 * curve per edge with the shape it carries. Cards and edges are kept by id and updated in place when the
 * experiment changes (re-adding a node re-applies its CSS), so the scene graph follows undo and redo
 * without being rebuilt. Answers which card or edge is under a point.
 */
final class NetworkView {
    private final Group edgeLayer = new Group();
    private final Group nodeLayer = new Group();
    private final Map<String, NodeView> nodeViews = new LinkedHashMap<>();
    private final Map<Edge, EdgeView> edgeViews = new LinkedHashMap<>();

    /** The two layers, edges under cards, to put in the world. */
    List<Node> layers() {
        return List.of(edgeLayer, nodeLayer);
    }

    /**
     * Brings the cards and edges in line with {@code e} and its validation (null while the data loads).
     *
     * @param run the network the selected run trains, whose overrides the cards show and mark; null for
     *            the shared network
     */
    void show(Experiment e, Validation v, NodePositions positions, RunNetwork run) {
        NetworkSpec network = e.network();
        Experiment labels = run != null && run.normalizerOverridden() ? e.withNormalizer(run.normalizer()) : e;
        Map<String, NodeView> nodes = new LinkedHashMap<>();
        for (NodeSpec node : network.nodes()) {
            if (nodes.containsKey(node.id())) {
                continue; // a duplicate id: the problems list reports it
            }
            NodeSpec trained = run == null ? node : run.changed().getOrDefault(node.id(), node);
            NodeView view = nodeViews.remove(node.id());
            if (view == null || view.spec().type() != trained.type()) {
                view = new NodeView(trained);
            }
            List<Problem> nodeProblems = v == null ? List.of() : v.problemsOf(node.id());
            String hover = NodeLabels.tooltip(node, nodeProblems);
            boolean overridden = run != null && run.overrides(node);
            view.show(trained, NodeLabels.details(trained, labels, v), !nodeProblems.isEmpty(),
                    overridden ? run.explain(node) + "\n\n" + hover : hover);
            view.showOverride(!overridden ? NodeView.RunMark.NONE
                    : run.removed().contains(node.id()) ? NodeView.RunMark.REMOVED : NodeView.RunMark.CHANGED);
            Position p = positions.of(node);
            view.moveTo(p.x(), p.y());
            nodes.put(node.id(), view);
        }
        nodeViews.clear();
        nodeViews.putAll(nodes);
        setChildren(nodeLayer, nodes.values());

        Map<Edge, EdgeView> edges = new LinkedHashMap<>();
        for (Edge edge : network.edges()) {
            if (edges.containsKey(edge) || !nodes.containsKey(edge.from()) || !nodes.containsKey(edge.to())) {
                continue;
            }
            EdgeView view = edgeViews.remove(edge);
            if (view == null) {
                view = new EdgeView(edge);
            }
            view.showShape(v == null ? null : v.edgeShape(edge));
            view.pseudoClassStateChanged(CanvasStyles.REMOVED, run != null
                    && (run.removed().contains(edge.from()) || run.removed().contains(edge.to())));
            edges.put(edge, view);
        }
        edgeViews.clear();
        edgeViews.putAll(edges);
        setChildren(edgeLayer, edges.values());
        routeEdges();
    }

    /** Draws every edge between its cards as they are now (after a card moved). */
    void routeEdges() {
        List<Bounds> cards = nodeViews.values().stream().map(NodeView::rect).toList();
        for (EdgeView view : edgeViews.values()) {
            view.route(nodeViews.get(view.edge().from()).rect(), nodeViews.get(view.edge().to()).rect(), cards);
        }
    }

    /** Marks the card of node {@code id} as where a run diverged, saying {@code sentence} (no mark if id is null). */
    void showDivergence(String id, String sentence) {
        for (NodeView view : nodeViews.values()) {
            view.showDiverged(view.nodeId().equals(id) ? sentence : null);
        }
    }

    /** Marks the selected cards and edges. */
    void showSelection(Set<String> nodes, Set<Edge> edges) {
        for (NodeView view : nodeViews.values()) {
            view.pseudoClassStateChanged(CanvasStyles.SELECTED, nodes.contains(view.nodeId()));
        }
        for (EdgeView view : edgeViews.values()) {
            view.pseudoClassStateChanged(CanvasStyles.SELECTED, edges.contains(view.edge()));
        }
    }

    NodeView node(String id) {
        return nodeViews.get(id);
    }

    EdgeView edge(Edge edge) {
        return edgeViews.get(edge);
    }

    Collection<NodeView> nodes() {
        return nodeViews.values();
    }

    Set<String> nodeIds() {
        return nodeViews.keySet();
    }

    Set<Edge> edgeSet() {
        return edgeViews.keySet();
    }

    boolean isEmpty() {
        return nodeViews.isEmpty();
    }

    /** The topmost card under {@code at} (canvas units). */
    NodeView cardAt(Point2D at) {
        List<NodeView> views = new ArrayList<>(nodeViews.values());
        for (int i = views.size() - 1; i >= 0; i--) {
            if (views.get(i).rect().contains(at)) {
                return views.get(i);
            }
        }
        return null;
    }

    /** The topmost edge whose hit stroke is under {@code at} (canvas units). */
    EdgeView edgeAt(Point2D at) {
        List<EdgeView> views = new ArrayList<>(edgeViews.values());
        for (int i = views.size() - 1; i >= 0; i--) {
            if (views.get(i).hits(at)) {
                return views.get(i);
            }
        }
        return null;
    }

    /** The cards, edges and edge labels, in canvas units, with a little room; null when there are no cards. */
    Bounds contentBounds() {
        if (nodeViews.isEmpty()) {
            return null;
        }
        Bounds all = nodeLayer.getBoundsInParent();
        if (!edgeViews.isEmpty()) {
            all = union(all, edgeLayer.getBoundsInParent());
        }
        return new BoundingBox(all.getMinX() - 12, all.getMinY() - 12, all.getWidth() + 24, all.getHeight() + 24);
    }

    /** The smallest box around both (either may be null). */
    static Bounds union(Bounds a, Bounds b) {
        if (a == null) {
            return b;
        }
        double minX = Math.min(a.getMinX(), b.getMinX());
        double minY = Math.min(a.getMinY(), b.getMinY());
        return new BoundingBox(minX, minY, Math.max(a.getMaxX(), b.getMaxX()) - minX,
                Math.max(a.getMaxY(), b.getMaxY()) - minY);
    }

    /** Replaces a layer's children only if they differ: re-adding a node re-applies its CSS. */
    private static void setChildren(Group layer, Collection<? extends Node> children) {
        if (!layer.getChildren().equals(List.copyOf(children))) {
            layer.getChildren().setAll(children);
        }
    }
}
