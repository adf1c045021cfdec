package dev.descent.ui.canvas;

import dev.descent.engine.graph.Edge;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.NodeType;
import dev.descent.engine.graph.Position;
import dev.descent.engine.graph.Problem;
import dev.descent.engine.graph.Validation;
import dev.descent.experiment.Experiment;
import dev.descent.ui.model.DataModel;
import dev.descent.ui.model.Edits;
import dev.descent.ui.model.ProjectModel;
import dev.descent.ui.model.SelectionModel;
import dev.descent.ui.model.Theme;
import dev.descent.ui.palette.Tile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.SetChangeListener;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Rectangle;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The network editor: every node of the experiment's network as a card at its position, edges as curves
 * labelled with the shape they carry, problems marked on the nodes at fault and listed in the corner.
 *
 * <p>Gestures: drop a palette tile (see {@link TileDrops} for what goes where); drag from a card's right
 * port to another card to connect; click, shift-click or drag a rectangle on empty space to select;
 * drag selected cards to move them; Delete removes the selection; Ctrl+wheel zooms around the pointer,
 * the wheel scrolls, the middle button or Space+drag pans. Every gesture that changes the experiment is one
 * undoable edit through {@link ProjectModel#edit}; while a gesture is under way only the cards move, and
 * the experiment changes once, on release.
 *
 * <p>The scene graph follows the experiment: cards and edges are kept by id and updated in place on every
 * change (undo and redo included), and the selection keeps the nodes that still exist. Nodes without a
 * position are laid out once and keep that place until moved; an edit made here writes those places into
 * the experiment, and so does Save ({@link #withShownPositions}).
 */
public final class GraphCanvas extends StackPane {
    private static final double ZOOM_STEP = 1.2;
    /** Pointer travel (screen pixels) before a press becomes a drag. */
    private static final double DRAG_THRESHOLD = 4;
    private static final double PASTE_OFFSET = 32;

    private final ProjectModel project;
    private final SelectionModel selection;
    private final DataModel data;
    private final Theme theme;

    private final Group world = new Group();
    private final Group edgeLayer = new Group();
    private final Group nodeLayer = new Group();
    private final Group overlay = new Group();
    private final CanvasViewport viewport;
    private final Rectangle band = new Rectangle();
    private final CubicCurve wire = new CubicCurve();
    private final Rectangle ghost = new Rectangle(NodeView.WIDTH, NodeView.HEIGHT);
    private final Label emptyHint = new Label("Drag a layer here from the palette to start a network");
    private final Label zoomBadge = new Label();
    private final ProblemsList problems;

    private final Map<String, NodeView> nodeViews = new LinkedHashMap<>();
    private final Map<Edge, EdgeView> edgeViews = new LinkedHashMap<>();
    /** Where nodes without a position are shown, by id. */
    private final Map<String, Position> placed = new HashMap<>();
    private Experiment shown;
    private Validation shownValidation;
    private int replacementsShown;

    private Gesture gesture;
    private boolean spaceDown;
    private NodeView dropNode;
    private EdgeView dropEdge;
    private Clip clipboard;
    private int pastes;

    /** Copied nodes (with their positions) and the edges between them. */
    private record Clip(List<NodeSpec> nodes, List<Edge> edges) {
    }

    /** Where a dragged tile would land and what it would do there. */
    record Landing(TileDrops.Target target, TileDrops.Plan plan) {
    }

    public GraphCanvas(ProjectModel project, SelectionModel selection, DataModel data, Theme theme) {
        this.project = project;
        this.selection = selection;
        this.data = data;
        this.theme = theme;
        this.replacementsShown = project.replacements();
        getStylesheets().add(Objects.requireNonNull(GraphCanvas.class.getResource(CanvasStyles.STYLESHEET))
                .toExternalForm());
        getStyleClass().add(CanvasStyles.CANVAS);
        setMinSize(0, 0);
        setFocusTraversable(true);

        viewport = new CanvasViewport(world, this::contentBounds, theme);
        wire.getStyleClass().add(CanvasStyles.WIRE);
        wire.setVisible(false);
        ghost.getStyleClass().add(CanvasStyles.GHOST);
        ghost.setVisible(false);
        overlay.setMouseTransparent(true);
        overlay.getChildren().addAll(wire, ghost);
        world.getChildren().addAll(edgeLayer, nodeLayer, overlay);
        band.getStyleClass().add(CanvasStyles.RUBBER_BAND);
        band.setMouseTransparent(true);
        band.setVisible(false);
        viewport.addOverlay(band);

        emptyHint.getStyleClass().add(CanvasStyles.EMPTY_HINT);
        emptyHint.setGraphic(new FontIcon("mdi2g-gesture-tap-hold"));
        emptyHint.setMouseTransparent(true);
        zoomBadge.getStyleClass().add(CanvasStyles.ZOOM_BADGE);
        zoomBadge.setTooltip(new Tooltip("Zoom: Ctrl+wheel or Ctrl+= / Ctrl+-. Click for 100 %."));
        zoomBadge.setOnMouseClicked(e -> viewport.zoomAtCentre(1 / viewport.zoom()));
        zoomBadge.textProperty().bind(viewport.zoomProperty().multiply(100).asString("%.0f %%"));
        problems = new ProblemsList(problem -> !nodesAt(problem).isEmpty(), this::revealProblem);
        getChildren().addAll(viewport, emptyHint, problems, zoomBadge);
        StackPane.setAlignment(problems, Pos.BOTTOM_LEFT);
        StackPane.setMargin(problems, new Insets(10));
        StackPane.setAlignment(zoomBadge, Pos.BOTTOM_RIGHT);
        StackPane.setMargin(zoomBadge, new Insets(10));

        viewport.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        viewport.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        viewport.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        viewport.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        viewport.addEventHandler(ZoomEvent.ZOOM, e -> {
            viewport.zoomAt(e.getZoomFactor(), e.getX(), e.getY());
            e.consume();
        });
        viewport.setOnDragOver(this::dragOver);
        viewport.setOnDragExited(e -> showLanding(null));
        viewport.setOnDragDropped(this::dragDropped);
        viewport.setOnContextMenuRequested(this::contextMenu);
        addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        addEventHandler(KeyEvent.KEY_RELEASED, this::keyReleased);

        project.experimentProperty().addListener((o, old, now) -> {
            // new, open, example: fit the new network; an edit or a save leaves the view where it is
            boolean replaced = project.replacements() != replacementsShown;
            replacementsShown = project.replacements();
            refresh();
            if (replaced) {
                viewport.fitReadable();
            }
        });
        data.validationProperty().addListener((o, old, now) -> refresh());
        data.problems().addListener((ListChangeListener<Problem>) c -> problems.show(List.copyOf(data.problems())));
        selection.nodes().addListener((SetChangeListener<String>) c -> showSelection());
        selection.edges().addListener((SetChangeListener<Edge>) c -> showSelection());
        theme.darkProperty().addListener((o, was, dark) -> pseudoClassStateChanged(CanvasStyles.DARK, dark));
        pseudoClassStateChanged(CanvasStyles.DARK, theme.isDark());

        refresh();
        problems.show(List.copyOf(data.problems()));
    }

    // ---- the commands of the main window ----

    public void zoomIn() {
        viewport.zoomAtCentre(ZOOM_STEP);
    }

    public void zoomOut() {
        viewport.zoomAtCentre(1 / ZOOM_STEP);
    }

    /** Zooms and scrolls so the whole network shows, and keeps it so when the canvas is resized. */
    public void fitToView() {
        viewport.fitAll();
    }

    /** Lays the network out left to right by depth: one undoable "Auto-layout" edit. */
    public void autoLayout() {
        NetworkSpec network = project.experiment().network();
        if (network.nodes().isEmpty()) {
            return;
        }
        Validation v = data.validationProperty().get();
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        for (NodeSpec node : network.nodes()) {
            Position p = positionOf(node);
            minX = Math.min(minX, p.x());
            minY = Math.min(minY, p.y());
        }
        Map<String, Position> layout = LayeredLayout.layout(network, v == null ? List.of() : v.order(),
                new Position(Math.round(minX), Math.round(minY)));
        edit("Auto-layout", e -> Edits.move(e, layout));
        Bounds content = contentBounds();
        if (content != null && !viewport.visibleWorld().contains(content)) {
            fitToView();
        }
    }

    public void cut() {
        if (selection.nodes().isEmpty()) {
            return;
        }
        copy();
        pastes = -1; // the first paste after a cut puts the nodes back where they were
        delete("Cut");
    }

    /** Copies the selected nodes and the edges between them (to the canvas's own clipboard). */
    public void copy() {
        Set<String> ids = Set.copyOf(selection.nodes());
        if (ids.isEmpty()) {
            return;
        }
        NetworkSpec network = project.experiment().network();
        List<NodeSpec> nodes = network.nodes().stream().filter(n -> ids.contains(n.id()))
                .map(n -> n.withPosition(positionOf(n))).toList();
        List<Edge> edges = network.edges().stream().filter(e -> ids.contains(e.from()) && ids.contains(e.to())).toList();
        clipboard = new Clip(nodes, edges);
        pastes = 0;
    }

    /**
     * Adds copies of the copied nodes, offset from the originals, and selects them. A copy keeps its
     * original's id when that is free (after a cut), so cut and paste moves a node without renaming it.
     */
    public void paste() {
        if (clipboard == null || clipboard.nodes().isEmpty()) {
            return;
        }
        Clip clip = clipboard;
        pastes++;
        double offset = PASTE_OFFSET * pastes;
        List<String> added = new ArrayList<>();
        edit(clip.nodes().size() == 1 ? "Paste " + clip.nodes().get(0).id() : "Paste " + clip.nodes().size() + " nodes",
                e -> {
                    List<String> ids = new ArrayList<>();
                    Experiment pasted = Edits.paste(e, clip.nodes(), clip.edges(), offset, offset, ids);
                    for (int i = 0; i < ids.size(); i++) {
                        String original = clip.nodes().get(i).id();
                        Experiment renamed = Edits.renameNode(pasted, ids.get(i), original);
                        if (renamed != pasted) {
                            pasted = renamed;
                            ids.set(i, original);
                        }
                    }
                    added.clear();
                    added.addAll(ids);
                    return pasted;
                });
        selection.selectGraph(List.copyOf(added), List.of());
    }

    /** Removes the selected nodes (with their edges) and edges: one undoable edit. */
    public void deleteSelection() {
        delete("Delete");
    }

    public void selectAll() {
        NetworkSpec network = project.experiment().network();
        selection.selectGraph(network.nodes().stream().map(NodeSpec::id).toList(), network.edges());
    }

    /** The zoom factor: 1 shows canvas units as pixels. */
    public ReadOnlyDoubleProperty zoomProperty() {
        return viewport.zoomProperty();
    }

    // ---- following the models ----

    /** Brings the cards and edges in line with the experiment and its validation. */
    private void refresh() {
        Experiment e = project.experiment();
        Validation v = data.validationProperty().get();
        if (e == shown && v == shownValidation) {
            return;
        }
        cancelGesture();
        shown = e;
        shownValidation = v;
        NetworkSpec network = e.network();
        placeUnplaced(network, v);

        Map<String, NodeView> nodes = new LinkedHashMap<>();
        for (NodeSpec node : network.nodes()) {
            if (nodes.containsKey(node.id())) {
                continue; // a duplicate id: the problems list reports it
            }
            NodeView view = nodeViews.remove(node.id());
            if (view == null || view.spec().type() != node.type()) {
                view = new NodeView(node);
            }
            List<Problem> nodeProblems = v == null ? List.of() : v.problemsOf(node.id());
            view.show(node, NodeLabels.details(node, e, v), !nodeProblems.isEmpty(), NodeLabels.tooltip(node, nodeProblems));
            Position p = positionOf(node);
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
            edges.put(edge, view);
        }
        edgeViews.clear();
        edgeViews.putAll(edges);
        setChildren(edgeLayer, edges.values());
        routeEdges();

        selection.nodes().retainAll(nodes.keySet());
        selection.edges().retainAll(edges.keySet());
        showSelection();
        emptyHint.setVisible(network.nodes().isEmpty());
    }

    /** Lays out, once, the nodes that have no position; forgets places of nodes that got one or went. */
    private void placeUnplaced(NetworkSpec network, Validation v) {
        Set<String> unplaced = new HashSet<>();
        double minX = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (NodeSpec node : network.nodes()) {
            if (node.position() == null) {
                unplaced.add(node.id());
            } else {
                minX = Math.min(minX, node.position().x());
                maxY = Math.max(maxY, node.position().y());
            }
        }
        placed.keySet().retainAll(unplaced);
        if (placed.keySet().containsAll(unplaced)) {
            return;
        }
        Position origin = minX == Double.MAX_VALUE ? new Position(40, 40)
                : new Position(minX, maxY + LayeredLayout.ROW_GAP);
        Map<String, Position> layout = LayeredLayout.layout(network, v == null ? List.of() : v.order(), origin);
        for (String id : unplaced) {
            placed.putIfAbsent(id, layout.getOrDefault(id, origin));
        }
    }

    private Position positionOf(NodeSpec node) {
        Position p = node.position();
        return p != null ? p : placed.getOrDefault(node.id(), new Position(40, 40));
    }

    /**
     * Applies an edit through the project (one undo step). If nodes are shown at places the experiment
     * does not have, the edit writes them too, so what is saved is what was seen.
     */
    private void edit(String what, UnaryOperator<Experiment> change) {
        project.edit(what, e -> {
            Experiment after = change.apply(e);
            return placed.isEmpty() || after.equals(e) ? after : change.apply(withShownPositions(e));
        });
    }

    /** Where every node of the experiment is shown, by id, in canvas units (at rest, not mid-drag). */
    public Map<String, Position> shownPositions() {
        Map<String, Position> positions = new LinkedHashMap<>();
        for (NodeSpec node : project.experiment().network().nodes()) {
            positions.putIfAbsent(node.id(), positionOf(node));
        }
        return positions;
    }

    /**
     * {@code e} with every node that has no position of its own placed where this canvas shows it: what
     * Save writes, so a file opened without positions (or saved before any canvas edit) reopens as it
     * was seen.
     */
    public Experiment withShownPositions(Experiment e) {
        Map<String, Position> places = new HashMap<>();
        for (NodeSpec node : e.network().nodes()) {
            if (node.position() == null && placed.containsKey(node.id())) {
                places.put(node.id(), placed.get(node.id()));
            }
        }
        return places.isEmpty() ? e : Edits.move(e, places);
    }

    private void routeEdges() {
        List<Bounds> cards = nodeViews.values().stream().map(NodeView::rect).toList();
        for (EdgeView view : edgeViews.values()) {
            view.route(nodeViews.get(view.edge().from()).rect(), nodeViews.get(view.edge().to()).rect(), cards);
        }
    }

    private void showSelection() {
        for (NodeView view : nodeViews.values()) {
            view.pseudoClassStateChanged(CanvasStyles.SELECTED, selection.nodes().contains(view.nodeId()));
        }
        for (EdgeView view : edgeViews.values()) {
            view.pseudoClassStateChanged(CanvasStyles.SELECTED, selection.edges().contains(view.edge()));
        }
    }

    private void delete(String verb) {
        Set<String> nodes = Set.copyOf(selection.nodes());
        Set<Edge> edges = Set.copyOf(selection.edges());
        if (nodes.isEmpty() && edges.isEmpty()) {
            return;
        }
        String what;
        if (nodes.size() == 1 && edges.isEmpty()) {
            what = verb + " " + nodes.iterator().next();
        } else if (nodes.isEmpty() && edges.size() == 1) {
            what = verb + " edge " + edges.iterator().next();
        } else {
            what = verb + " " + (nodes.size() + edges.size()) + " items";
        }
        edit(what, e -> Edits.delete(e, nodes, edges));
        selection.selectGraph(List.of(), List.of());
    }

    // ---- problems ----

    /** The nodes on the canvas a problem is about. */
    private List<String> nodesAt(Problem problem) {
        return problem.nodeIds().stream().filter(nodeViews::containsKey).distinct().toList();
    }

    private void revealProblem(Problem problem) {
        List<String> ids = nodesAt(problem);
        if (ids.isEmpty()) {
            return;
        }
        selection.selectGraph(ids, List.of());
        Bounds area = null;
        for (String id : ids) {
            area = union(area, nodeViews.get(id).rect());
        }
        if (area != null && !viewport.visibleWorld().contains(area)) {
            viewport.centreOn(new Point2D(area.getMinX() + area.getWidth() / 2, area.getMinY() + area.getHeight() / 2));
        }
    }

    // ---- view ----

    /** The cards, edges and edge labels, in canvas units, with a little room; null when there are no cards. */
    private Bounds contentBounds() {
        if (nodeViews.isEmpty()) {
            return null;
        }
        Bounds all = nodeLayer.getBoundsInParent();
        if (!edgeViews.isEmpty()) {
            all = union(all, edgeLayer.getBoundsInParent());
        }
        return new BoundingBox(all.getMinX() - 12, all.getMinY() - 12, all.getWidth() + 24, all.getHeight() + 24);
    }

    // ---- mouse ----

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
        requestFocus();
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
        NodeView card = ancestor(picked, NodeView.class);
        EdgeView edge = ancestor(picked, EdgeView.class);
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
            NodeView view = nodeViews.get(s);
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
            for (NodeView view : nodeViews.values()) {
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
            routeEdges();
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
            showSelection();
        } else if (done instanceof Move move) {
            if (move.moved) {
                Map<String, Position> positions = new LinkedHashMap<>();
                move.origins.keySet().forEach(view -> positions.put(view.nodeId(),
                        new Position(Math.round(view.getLayoutX()), Math.round(view.getLayoutY()))));
                edit(positions.size() == 1 ? "Move " + move.pressed : "Move " + positions.size() + " nodes",
                        ex -> Edits.move(ex, positions));
            } else if (move.collapse) {
                selection.selectGraph(List.of(move.pressed), List.of());
            }
        } else if (done instanceof Connect connect) {
            endConnect(connect);
            if (connect.target != null) {
                connect(connect.from.nodeId(), connect.target.nodeId());
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
        for (NodeView view : nodeViews.values()) {
            if (view.rect().intersects(area)) {
                inside.add(view.nodeId());
            }
        }
        return inside;
    }

    /** Stops the gesture under way, putting back whatever it moved. */
    private void cancelGesture() {
        Gesture g = gesture;
        gesture = null;
        if (g instanceof Move move) {
            move.origins.forEach((view, origin) -> view.moveTo(origin.getX(), origin.getY()));
            routeEdges();
        } else if (g instanceof Band) {
            band.setVisible(false);
            showSelection();
        } else if (g instanceof Connect connect) {
            endConnect(connect);
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
        for (NodeView view : nodeViews.values()) {
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

    private void endConnect(Connect connect) {
        wire.setVisible(false);
        for (NodeView view : nodeViews.values()) {
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
        List<NodeView> views = new ArrayList<>(nodeViews.values());
        for (int i = views.size() - 1; i >= 0; i--) {
            NodeView view = views.get(i);
            if (view.covers(at, 4) && canConnect(from, view)) {
                return view;
            }
        }
        return null;
    }

    /**
     * Connects {@code from} to {@code to}. A node that takes one input (everything but add) keeps one:
     * connecting to it replaces the edge it had, in the same edit.
     */
    private void connect(String from, String to) {
        edit("Connect " + from + " → " + to, e -> {
            boolean merges = e.network().node(to).map(n -> n.type() == NodeType.ADD).orElse(false);
            List<Edge> replaced = merges ? List.of()
                    : e.network().edges().stream().filter(edge -> edge.to().equals(to)).toList();
            return Edits.connect(Edits.delete(e, List.of(), replaced), from, to);
        });
    }

    // ---- tiles ----

    /** The tile a drag carries: from the dragboard, or from the gesture source's user data (see the report). */
    private static Optional<Tile> tileOf(DragEvent e) {
        Dragboard board = e.getDragboard();
        if (board != null && board.hasContent(Tile.FORMAT)) {
            return Tile.parse(board.getContent(Tile.FORMAT));
        }
        if (e.getGestureSource() instanceof Node source && source.getUserData() instanceof Tile tile) {
            return Optional.of(tile);
        }
        return Optional.empty();
    }

    private void dragOver(DragEvent e) {
        Optional<Landing> landing = tileOf(e).flatMap(tile -> landingAt(tile, new Point2D(e.getSceneX(), e.getSceneY())));
        showLanding(landing.orElse(null));
        if (landing.isPresent()) {
            e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
        }
        e.consume();
    }

    private void dragDropped(DragEvent e) {
        boolean done = tileOf(e).map(tile -> drop(tile, new Point2D(e.getSceneX(), e.getSceneY()))).orElse(false);
        showLanding(null);
        e.setDropCompleted(done);
        e.consume();
    }

    /**
     * Where {@code tile} would land at {@code scene} (scene coordinates) and what it would do: on a card,
     * what the tile does to that node; on an edge, an insertion if the tile can be inserted, otherwise as on
     * empty canvas; on empty canvas, a new node centred under the pointer. Empty where it cannot go.
     */
    Optional<Landing> landingAt(Tile tile, Point2D scene) {
        Point2D at = world.sceneToLocal(scene);
        Experiment e = project.experiment();
        NodeView card = cardAt(at);
        if (card != null) {
            TileDrops.Target target = new TileDrops.OnNode(card.nodeId());
            return TileDrops.plan(tile, target, e).map(plan -> new Landing(target, plan));
        }
        Position corner = new Position(Math.round(at.getX() - NodeView.WIDTH / 2), Math.round(at.getY() - NodeView.HEIGHT / 2));
        EdgeView edge = edgeAt(at);
        if (edge != null) {
            TileDrops.Target target = new TileDrops.OnEdge(edge.edge(), corner);
            Optional<TileDrops.Plan> plan = TileDrops.plan(tile, target, e);
            if (plan.isPresent()) {
                return Optional.of(new Landing(target, plan.get()));
            }
        }
        TileDrops.Target target = new TileDrops.Empty(corner);
        return TileDrops.plan(tile, target, e).map(plan -> new Landing(target, plan));
    }

    /**
     * Drops {@code tile} at {@code scene} (scene coordinates): one undoable edit, then selects what it
     * made (or the node it changed) so the inspector shows it. False if the tile cannot go there.
     */
    boolean drop(Tile tile, Point2D scene) {
        Optional<Landing> landing = landingAt(tile, scene);
        if (landing.isEmpty()) {
            return false;
        }
        Set<String> before = ids(project.experiment().network());
        edit(landing.get().plan().what(), landing.get().plan().change());
        Set<String> added = ids(project.experiment().network());
        added.removeAll(before);
        if (!added.isEmpty()) {
            selection.selectGraph(added, List.of());
        } else if (landing.get().target() instanceof TileDrops.OnNode on) {
            selection.selectGraph(List.of(on.nodeId()), List.of());
        }
        requestFocus();
        return true;
    }

    private void showLanding(Landing landing) {
        if (dropNode != null) {
            dropNode.pseudoClassStateChanged(CanvasStyles.DROP_TARGET, false);
            dropNode = null;
        }
        if (dropEdge != null) {
            dropEdge.pseudoClassStateChanged(CanvasStyles.DROP_TARGET, false);
            dropEdge = null;
        }
        ghost.setVisible(false);
        if (landing == null) {
            return;
        }
        TileDrops.Target target = landing.target();
        if (target instanceof TileDrops.OnNode on) {
            dropNode = nodeViews.get(on.nodeId());
            dropNode.pseudoClassStateChanged(CanvasStyles.DROP_TARGET, true);
            return;
        }
        Position at;
        if (target instanceof TileDrops.OnEdge on) {
            dropEdge = edgeViews.get(on.edge());
            dropEdge.pseudoClassStateChanged(CanvasStyles.DROP_TARGET, true);
            at = on.at();
        } else {
            at = ((TileDrops.Empty) target).at();
        }
        ghost.setX(at.x());
        ghost.setY(at.y());
        ghost.setVisible(true);
    }

    // ---- keys and menu ----

    private void keyPressed(KeyEvent e) {
        KeyCode code = e.getCode();
        boolean shortcut = e.isShortcutDown();
        boolean graphSelected = !selection.nodes().isEmpty() || !selection.edges().isEmpty();
        boolean handled = true;
        if ((code == KeyCode.DELETE || code == KeyCode.BACK_SPACE) && graphSelected) {
            deleteSelection();
        } else if (code == KeyCode.ESCAPE && (gesture != null || graphSelected)) {
            if (gesture != null) {
                cancelGesture();
            } else {
                selection.selectGraph(List.of(), List.of());
            }
        } else if (code == KeyCode.SPACE && !shortcut) {
            spaceDown = true;
            if (gesture == null) {
                viewport.setCursor(Cursor.OPEN_HAND);
            }
        } else if (shortcut && code == KeyCode.A) {
            selectAll();
        } else if (shortcut && code == KeyCode.C && !selection.nodes().isEmpty()) {
            copy();
        } else if (shortcut && code == KeyCode.X && !selection.nodes().isEmpty()) {
            cut();
        } else if (shortcut && code == KeyCode.V && clipboard != null) {
            paste();
        } else {
            handled = false;
        }
        if (handled) {
            e.consume();
        }
    }

    private void keyReleased(KeyEvent e) {
        if (e.getCode() == KeyCode.SPACE) {
            spaceDown = false;
            if (!(gesture instanceof Pan)) {
                viewport.setCursor(null);
            }
            e.consume();
        }
    }

    private void contextMenu(ContextMenuEvent e) {
        Node picked = e.getPickResult().getIntersectedNode();
        NodeView card = ancestor(picked, NodeView.class);
        if (card != null && !selection.nodes().contains(card.nodeId())) {
            selection.selectGraph(List.of(card.nodeId()), List.of());
        }
        boolean nodes = !selection.nodes().isEmpty();
        boolean any = nodes || !selection.edges().isEmpty();
        MenuItem cutItem = menuItem("Cut", "mdi2c-content-cut", this::cut, nodes);
        MenuItem copyItem = menuItem("Copy", "mdi2c-content-copy", this::copy, nodes);
        MenuItem pasteItem = menuItem("Paste", "mdi2c-content-paste", this::paste, clipboard != null);
        MenuItem deleteItem = menuItem("Delete", "mdi2d-delete-outline", this::deleteSelection, any);
        MenuItem all = menuItem("Select All", null, this::selectAll, !nodeViews.isEmpty());
        MenuItem layout = menuItem("Auto-Layout", "mdi2s-sitemap", this::autoLayout, !nodeViews.isEmpty());
        MenuItem fit = menuItem("Fit the Network", "mdi2f-fit-to-page-outline", this::fitToView, true);
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

    // ---- hit testing ----

    /** The topmost card under {@code at} (canvas units). */
    private NodeView cardAt(Point2D at) {
        List<NodeView> views = new ArrayList<>(nodeViews.values());
        for (int i = views.size() - 1; i >= 0; i--) {
            if (views.get(i).rect().contains(at)) {
                return views.get(i);
            }
        }
        return null;
    }

    private EdgeView edgeAt(Point2D at) {
        List<EdgeView> views = new ArrayList<>(edgeViews.values());
        for (int i = views.size() - 1; i >= 0; i--) {
            if (views.get(i).hits(at)) {
                return views.get(i);
            }
        }
        return null;
    }

    private <T> T ancestor(Node node, Class<T> kind) {
        for (Node n = node; n != null && n != viewport; n = n.getParent()) {
            if (kind.isInstance(n)) {
                return kind.cast(n);
            }
        }
        return null;
    }

    // ---- for tests ----

    NodeView nodeView(String id) {
        return nodeViews.get(id);
    }

    EdgeView edgeView(Edge edge) {
        return edgeViews.get(edge);
    }

    ProblemsList problemsList() {
        return problems;
    }

    Rectangle ghost() {
        return ghost;
    }

    Node viewport() {
        return viewport;
    }

    /** A point in canvas units, in scene coordinates. */
    Point2D sceneOf(Point2D canvasPoint) {
        return world.localToScene(canvasPoint);
    }

    /** A point in canvas units, in screen coordinates (for the test robot). */
    Point2D screenOf(Point2D canvasPoint) {
        return world.localToScreen(canvasPoint);
    }

    // ---- small helpers ----

    /** Replaces a layer's children only if they differ: re-adding a node re-applies its CSS. */
    private static void setChildren(Group layer, Collection<? extends Node> children) {
        if (!layer.getChildren().equals(List.copyOf(children))) {
            layer.getChildren().setAll(children);
        }
    }

    private static Set<String> ids(NetworkSpec network) {
        Set<String> ids = new LinkedHashSet<>();
        network.nodes().forEach(n -> ids.add(n.id()));
        return ids;
    }

    private static Bounds union(Bounds a, Bounds b) {
        if (a == null) {
            return b;
        }
        double minX = Math.min(a.getMinX(), b.getMinX());
        double minY = Math.min(a.getMinY(), b.getMinY());
        return new BoundingBox(minX, minY, Math.max(a.getMaxX(), b.getMaxX()) - minX,
                Math.max(a.getMaxY(), b.getMaxY()) - minY);
    }
}
