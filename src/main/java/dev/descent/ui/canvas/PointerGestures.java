package dev.descent.ui.canvas;

import dev.descent.engine.graph.Edge;
import dev.descent.engine.graph.Position;
import dev.descent.ui.model.Edits;
import dev.descent.ui.model.ProjectModel;
import dev.descent.ui.model.SelectionModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Rectangle;

/**
 * What the mouse does on the canvas: drag from a card's right port to another card to connect; click,
 * shift-click or drag a rectangle on empty space to select; drag selected cards to move them;
 * Ctrl+wheel zooms around the pointer, the wheel scrolls, the middle button or Space+drag pans. While a
 * gesture is under way only the cards move; the experiment changes once, on release, as one edit.
 */
final class PointerGestures {
    static final double ZOOM_STEP = 1.2;
    /** Pointer travel (screen pixels) before a press becomes a drag. */
    private static final double DRAG_THRESHOLD = 4;

    private final ProjectModel project;
    private final SelectionModel selection;
    private final NetworkView network;
    private final CanvasViewport viewport;
    private final Group world;
    private final CanvasEdits edits;
    private final Runnable focus;
    private final Rectangle band = new Rectangle();
    private final CubicCurve wire = new CubicCurve();
    private Gesture gesture;
    private boolean spaceDown;

    /**
     * @param world the group the cards are drawn in (canvas units); the wire is added to {@code overlay}
     * @param focus gives the canvas the keyboard focus (a press does)
     */
    PointerGestures(ProjectModel project, SelectionModel selection, NetworkView network, CanvasViewport viewport,
                    Group world, Group overlay, CanvasEdits edits, Runnable focus) {
        this.project = project;
        this.selection = selection;
        this.network = network;
        this.viewport = viewport;
        this.world = world;
        this.edits = edits;
        this.focus = focus;
        wire.getStyleClass().add(CanvasStyles.WIRE);
        wire.setVisible(false);
        overlay.getChildren().add(wire);
        band.getStyleClass().add(CanvasStyles.RUBBER_BAND);
        band.setMouseTransparent(true);
        band.setVisible(false);
        viewport.addOverlay(band);

        viewport.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        viewport.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        viewport.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        viewport.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        viewport.addEventHandler(ZoomEvent.ZOOM, e -> {
            viewport.zoomAt(e.getZoomFactor(), e.getX(), e.getY());
            e.consume();
        });
    }

    /** Whether a gesture is under way. */
    boolean active() {
        return gesture != null;
    }

    /** Space pressed or released: held, a primary drag pans. */
    void setSpaceDown(boolean down) {
        spaceDown = down;
        if (down && gesture == null) {
            viewport.setCursor(Cursor.OPEN_HAND);
        } else if (!down && !(gesture instanceof Pan)) {
            viewport.setCursor(null);
        }
    }

    private abstract static sealed class Gesture permits Pan, Band, Move, Connect {
    }

    private static final class Pan extends Gesture {
        double lastX;
        double lastY;

        Pan(double x, double y) {
            lastX = x;
            lastY = y;
        }
    }

    private static final class Band extends Gesture {
        final double startX;
        final double startY;
        final boolean additive;
        final Set<String> before;
        final Set<Edge> edgesBefore;
        boolean dragged;

        Band(double x, double y, boolean additive, Set<String> before, Set<Edge> edgesBefore) {
            startX = x;
            startY = y;
            this.additive = additive;
            this.before = before;
            this.edgesBefore = edgesBefore;
        }
    }

    private static final class Move extends Gesture {
        final Point2D start;
        final Map<NodeView, Point2D> origins;
        final String pressed;
        final boolean collapse;
        boolean moved;

        Move(Point2D start, Map<NodeView, Point2D> origins, String pressed, boolean collapse) {
            this.start = start;
            this.origins = origins;
            this.pressed = pressed;
            this.collapse = collapse;
        }
    }

    private static final class Connect extends Gesture {
        final NodeView from;
        NodeView target;

        Connect(NodeView from) {
            this.from = from;
        }
    }

    private void pressed(MouseEvent e) {
        focus.run();
        if (gesture != null) {
            return;
        }
        if (e.getButton() == MouseButton.MIDDLE || (e.getButton() == MouseButton.PRIMARY && spaceDown)) {
            gesture = new Pan(e.getX(), e.getY());
            viewport.setCursor(Cursor.CLOSED_HAND);
            e.consume();
            return;
        }
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        Node picked = e.getPickResult().getIntersectedNode();
        NodeView card = ancestor(picked, NodeView.class, viewport);
        EdgeView edge = ancestor(picked, EdgeView.class, viewport);
        Point2D at = viewport.toWorld(e.getX(), e.getY());
        if (card != null && card.isOutputPort(picked)) {
            startConnect(card, at);
        } else if (card != null) {
            pressCard(card, e, at);
        } else if (edge != null) {
            pressEdge(edge, e.isShiftDown());
        } else {
            gesture = new Band(e.getX(), e.getY(), e.isShiftDown(), Set.copyOf(selection.nodes()),
                    Set.copyOf(selection.edges()));
        }
        e.consume();
    }

    private void pressCard(NodeView card, MouseEvent e, Point2D at) {
        String id = card.nodeId();
        if (e.getClickCount() == 2) {
            selection.selectGraph(List.of(id), List.of()); // the inspector shows it
            return;
        }
        boolean selected = selection.nodes().contains(id);
        boolean collapse = false;
        if (e.isShiftDown()) {
            Set<String> nodes = new LinkedHashSet<>(selection.nodes());
            if (selected) {
                nodes.remove(id);
                selection.selectGraph(nodes, Set.copyOf(selection.edges()));
                return;
            }
            nodes.add(id);
            selection.selectGraph(nodes, Set.copyOf(selection.edges()));
        } else if (!selected) {
            selection.selectGraph(List.of(id), List.of());
        } else {
            collapse = selection.nodes().size() > 1 || !selection.edges().isEmpty();
        }
        Map<NodeView, Point2D> origins = new LinkedHashMap<>();
        for (String s : selection.nodes()) {
            NodeView view = network.node(s);
            if (view != null) {
                origins.put(view, view.topLeft());
            }
        }
        gesture = new Move(at, origins, id, collapse);
    }

    private void pressEdge(EdgeView view, boolean shift) {
        if (!shift) {
            selection.selectGraph(List.of(), List.of(view.edge()));
            return;
        }
        Set<Edge> edges = new LinkedHashSet<>(selection.edges());
        if (!edges.remove(view.edge())) {
            edges.add(view.edge());
        }
        selection.selectGraph(Set.copyOf(selection.nodes()), edges);
    }

    private void dragged(MouseEvent e) {
        if (gesture instanceof Pan pan) {
            viewport.panBy(e.getX() - pan.lastX, e.getY() - pan.lastY);
            pan.lastX = e.getX();
            pan.lastY = e.getY();
        } else if (gesture instanceof Band b) {
            if (!b.dragged && Math.hypot(e.getX() - b.startX, e.getY() - b.startY) < DRAG_THRESHOLD) {
                return;
            }
            b.dragged = true;
            band.setX(Math.min(b.startX, e.getX()));
            band.setY(Math.min(b.startY, e.getY()));
            band.setWidth(Math.abs(e.getX() - b.startX));
            band.setHeight(Math.abs(e.getY() - b.startY));
            band.setVisible(true);
            Set<String> inside = nodesInBand(b);
            for (NodeView view : network.nodes()) {
                view.pseudoClassStateChanged(CanvasStyles.SELECTED, inside.contains(view.nodeId()));
            }
        } else if (gesture instanceof Move move) {
            Point2D at = viewport.toWorld(e.getX(), e.getY());
            double dx = at.getX() - move.start.getX();
            double dy = at.getY() - move.start.getY();
            if (!move.moved && Math.hypot(dx, dy) * viewport.zoom() < DRAG_THRESHOLD) {
                return;
            }
            move.moved = true;
            move.origins.forEach((view, origin) -> view.moveTo(origin.getX() + dx, origin.getY() + dy));
            network.routeEdges();
        } else if (gesture instanceof Connect connect) {
            Point2D at = viewport.toWorld(e.getX(), e.getY());
            setWireEnd(at);
            NodeView target = connectTargetAt(connect.from, at);
            if (target != connect.target) {
                if (connect.target != null) {
                    connect.target.pseudoClassStateChanged(CanvasStyles.CONNECT_TARGET, false);
                }
                if (target != null) {
                    target.pseudoClassStateChanged(CanvasStyles.CONNECT_TARGET, true);
                }
                connect.target = target;
            }
        }
        e.consume();
    }

    private void released(MouseEvent e) {
        Gesture done = gesture;
        gesture = null;
        if (done instanceof Pan) {
            viewport.setCursor(spaceDown ? Cursor.OPEN_HAND : null);
        } else if (done instanceof Band b) {
            band.setVisible(false);
            if (!b.dragged) {
                if (!b.additive) {
                    selection.clear();
                }
            } else {
                Set<String> inside = nodesInBand(b);
                selection.selectGraph(inside, b.additive ? b.edgesBefore : Set.of());
            }
            network.showSelection(selection.nodes(), selection.edges());
        } else if (done instanceof Move move) {
            if (move.moved) {
                Map<String, Position> positions = new LinkedHashMap<>();
                move.origins.keySet().forEach(view -> positions.put(view.nodeId(),
                        new Position(Math.round(view.getLayoutX()), Math.round(view.getLayoutY()))));
                edits.edit(positions.size() == 1 ? "Move " + move.pressed : "Move " + positions.size() + " nodes",
                        ex -> Edits.move(ex, positions));
            } else if (move.collapse) {
                selection.selectGraph(List.of(move.pressed), List.of());
            }
        } else if (done instanceof Connect connect) {
            endConnect();
            if (connect.target != null) {
                edits.connect(connect.from.nodeId(), connect.target.nodeId());
            }
        }
        if (done != null) {
            e.consume();
        }
    }

    /** The nodes under the rubber band, plus those selected before when shift was held. */
    private Set<String> nodesInBand(Band b) {
        Bounds area = world.parentToLocal(band.getBoundsInParent());
        Set<String> inside = new LinkedHashSet<>(b.additive ? b.before : Set.of());
        for (NodeView view : network.nodes()) {
            if (view.rect().intersects(area)) {
                inside.add(view.nodeId());
            }
        }
        return inside;
    }

    /** Stops the gesture under way, putting back whatever it moved. */
    void cancel() {
        Gesture g = gesture;
        gesture = null;
        if (g instanceof Move move) {
            move.origins.forEach((view, origin) -> view.moveTo(origin.getX(), origin.getY()));
            network.routeEdges();
        } else if (g instanceof Band) {
            band.setVisible(false);
            network.showSelection(selection.nodes(), selection.edges());
        } else if (g instanceof Connect) {
            endConnect();
        } else if (g instanceof Pan) {
            viewport.setCursor(null);
        }
    }

    private void scrolled(ScrollEvent e) {
        if (e.isControlDown() || e.isShortcutDown()) {
            if (e.getDeltaY() != 0) {
                viewport.zoomAt(Math.pow(ZOOM_STEP, e.getDeltaY() / 40), e.getX(), e.getY());
            }
        } else {
            double dx = e.getDeltaX();
            double dy = e.getDeltaY();
            if (e.isShiftDown() && dx == 0) {
                dx = dy;
                dy = 0;
            }
            viewport.panBy(dx, dy);
        }
        e.consume();
    }

    // ---- connecting ----

    private void startConnect(NodeView from, Point2D at) {
        gesture = new Connect(from);
        Point2D start = from.outputPoint();
        wire.setStartX(start.getX());
        wire.setStartY(start.getY());
        setWireEnd(at);
        wire.setVisible(true);
        for (NodeView view : network.nodes()) {
            view.pseudoClassStateChanged(CanvasStyles.CANDIDATE, canConnect(from, view));
        }
    }

    private void setWireEnd(Point2D end) {
        double bend = Math.max(40, Math.abs(end.getX() - wire.getStartX()) / 2);
        wire.setControlX1(wire.getStartX() + bend);
        wire.setControlY1(wire.getStartY());
        wire.setControlX2(end.getX() - bend);
        wire.setControlY2(end.getY());
        wire.setEndX(end.getX());
        wire.setEndY(end.getY());
    }

    private void endConnect() {
        wire.setVisible(false);
        for (NodeView view : network.nodes()) {
            view.pseudoClassStateChanged(CanvasStyles.CANDIDATE, false);
            view.pseudoClassStateChanged(CanvasStyles.CONNECT_TARGET, false);
        }
    }

    /** Whether an edge from {@code from} to {@code to} could be made: not to itself, not into the input, not twice. */
    private boolean canConnect(NodeView from, NodeView to) {
        return to != from && to.hasInput()
                && !project.experiment().network().edges().contains(new Edge(from.nodeId(), to.nodeId()));
    }

    private NodeView connectTargetAt(NodeView from, Point2D at) {
        List<NodeView> views = new ArrayList<>(network.nodes());
        for (int i = views.size() - 1; i >= 0; i--) {
            NodeView view = views.get(i);
            if (view.covers(at, 4) && canConnect(from, view)) {
                return view;
            }
        }
        return null;
    }

    /** The nearest ancestor of {@code node} (itself included) of {@code kind}, below {@code top}. */
    static <T> T ancestor(Node node, Class<T> kind, Node top) {
        for (Node n = node; n != null && n != top; n = n.getParent()) {
            if (kind.isInstance(n)) {
                return kind.cast(n);
            }
        }
        return null;
    }
}
