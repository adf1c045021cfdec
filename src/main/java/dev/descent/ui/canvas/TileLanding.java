package dev.descent.ui.canvas;

import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.Position;
import dev.descent.experiment.Experiment;
import dev.descent.ui.model.ProjectModel;
import dev.descent.ui.model.SelectionModel;
import dev.descent.ui.palette.Tile;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.shape.Rectangle;

/**
 * Palette tiles dragged over the canvas: while one hovers, the node or edge it would act on is
 * highlighted, or a ghost card shows where a new node would go; dropped, it becomes one undoable edit
 * ({@link TileDrops} says what goes where) and what it made is selected.
 */
final class TileLanding {
    private final ProjectModel project;
    private final SelectionModel selection;
    private final NetworkView network;
    private final Group world;
    private final CanvasEdits edits;
    private final Runnable focus;
    private final Rectangle ghost = new Rectangle(NodeView.WIDTH, NodeView.HEIGHT);
    private NodeView dropNode;
    private EdgeView dropEdge;

    /** Where a dragged tile would land and what it would do there. */
    record Landing(TileDrops.Target target, TileDrops.Plan plan) {
    }

    /**
     * @param world   the group the cards are drawn in; the ghost card is added to {@code overlay}
     * @param drops   the node that receives the drag events (the viewport)
     * @param focus   gives the canvas the keyboard focus (after a drop)
     */
    TileLanding(ProjectModel project, SelectionModel selection, NetworkView network, Group world, Group overlay,
                Node drops, CanvasEdits edits, Runnable focus) {
        this.project = project;
        this.selection = selection;
        this.network = network;
        this.world = world;
        this.edits = edits;
        this.focus = focus;
        ghost.getStyleClass().add(CanvasStyles.GHOST);
        ghost.setVisible(false);
        overlay.getChildren().add(ghost);
        drops.setOnDragOver(this::dragOver);
        drops.setOnDragExited(e -> showLanding(null));
        drops.setOnDragDropped(this::dragDropped);
    }

    Rectangle ghost() {
        return ghost;
    }

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
        NodeView card = network.cardAt(at);
        if (card != null) {
            TileDrops.Target target = new TileDrops.OnNode(card.nodeId());
            return TileDrops.plan(tile, target, e).map(plan -> new Landing(target, plan));
        }
        Position corner = new Position(Math.round(at.getX() - NodeView.WIDTH / 2), Math.round(at.getY() - NodeView.HEIGHT / 2));
        EdgeView edge = network.edgeAt(at);
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
        edits.edit(landing.get().plan().what(), landing.get().plan().change());
        Set<String> added = ids(project.experiment().network());
        added.removeAll(before);
        if (!added.isEmpty()) {
            selection.selectGraph(added, List.of());
        } else if (landing.get().target() instanceof TileDrops.OnNode on) {
            selection.selectGraph(List.of(on.nodeId()), List.of());
        }
        focus.run();
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
            dropNode = network.node(on.nodeId());
            dropNode.pseudoClassStateChanged(CanvasStyles.DROP_TARGET, true);
            return;
        }
        Position at;
        if (target instanceof TileDrops.OnEdge on) {
            dropEdge = network.edge(on.edge());
            dropEdge.pseudoClassStateChanged(CanvasStyles.DROP_TARGET, true);
            at = landingPlace(landing.plan()).orElse(on.at());
        } else {
            at = ((TileDrops.Empty) target).at();
        }
        ghost.setX(at.x());
        ghost.setY(at.y());
        ghost.setVisible(true);
    }

    /** Where the node {@code plan} adds would be placed (an insertion makes room, so not under the pointer). */
    private Optional<Position> landingPlace(TileDrops.Plan plan) {
        Experiment before = project.positions().withShownPositions(project.experiment());
        Set<String> old = ids(before.network());
        return plan.change().apply(before).network().nodes().stream().filter(n -> !old.contains(n.id()))
                .map(n -> n.position()).filter(java.util.Objects::nonNull).findFirst();
    }

    private static Set<String> ids(NetworkSpec network) {
        Set<String> ids = new LinkedHashSet<>();
        network.nodes().forEach(n -> ids.add(n.id()));
        return ids;
    }
}
