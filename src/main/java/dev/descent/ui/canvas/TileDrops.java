package dev.descent.ui.canvas;

import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.graph.ActivationFunction;
import dev.descent.engine.graph.Edge;
import dev.descent.engine.graph.Initializer;
import dev.descent.engine.graph.LossFunction;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.NodeType;
import dev.descent.engine.graph.Position;
import dev.descent.engine.vocab.Choice;
import dev.descent.engine.vocab.Terms;
import dev.descent.experiment.Experiment;
import dev.descent.ui.model.Edits;
import dev.descent.ui.palette.Tile;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What a palette tile does where it is dropped on the canvas. Pure: a plan is a function of the
 * experiment, so the canvas can both ask "can it go here?" while the tile hovers and apply the very same
 * plan as one undoable edit when it is dropped.
 *
 * <ul>
 *   <li>empty canvas: a layer, normalization layer, activation or loss tile makes that node;</li>
 *   <li>a dense node: an initializer tile sets its init, an activation tile sets (or adds) the activation
 *       after it;</li>
 *   <li>an activation node: an activation tile changes its function;</li>
 *   <li>a loss node: a loss tile changes its function;</li>
 *   <li>the input node: an input-normalizer tile sets the experiment's normalizer;</li>
 *   <li>an edge: an activation, normalization, dense or dropout tile inserts that node into it, just after
 *       the edge's source, moving what follows to the right when there is no room ({@link MakeRoom}).</li>
 * </ul>
 * Anything else is refused (the canvas shows the "not here" cursor).
 */
final class TileDrops {
    /** Node kinds with exactly one input and one output, which can be spliced into an edge. */
    private static final Set<NodeType> INSERTABLE = EnumSet.of(NodeType.DENSE, NodeType.ACTIVATION, NodeType.BATCH_NORM,
            NodeType.LAYER_NORM, NodeType.DROPOUT);

    private TileDrops() {
    }

    /** Where a tile lands. */
    sealed interface Target permits Empty, OnNode, OnEdge {
    }

    /** Empty canvas; {@code at} is where a new node's top-left corner goes. */
    record Empty(Position at) implements Target {
    }

    /** On the node called {@code nodeId}. */
    record OnNode(String nodeId) implements Target {
    }

    /** On {@code edge}; {@code at} is where an inserted node's top-left corner goes. */
    record OnEdge(Edge edge, Position at) implements Target {
    }

    /**
     * One undoable edit.
     *
     * @param what   the words of the Undo menu item ("Add dense")
     * @param change the edit
     */
    record Plan(String what, UnaryOperator<Experiment> change) {
    }

    /** What dropping {@code tile} on {@code target} would do to {@code e}; empty if it cannot go there. */
    static Optional<Plan> plan(Tile tile, Target target, Experiment e) {
        if (target instanceof Empty empty) {
            return onEmpty(tile, empty.at());
        }
        if (target instanceof OnNode onNode) {
            return e.network().node(onNode.nodeId()).flatMap(node -> onNode(tile, node));
        }
        OnEdge onEdge = (OnEdge) target;
        return e.network().edges().contains(onEdge.edge()) ? onEdge(tile, onEdge.edge(), onEdge.at()) : Optional.empty();
    }

    private static Optional<Plan> onEmpty(Tile tile, Position at) {
        return switch (tile.kind()) {
            case LAYER, NORMALIZATION_LAYER -> NodeType.byId(tile.id()).map(type -> new Plan("Add " + words(type),
                    e -> Edits.addNode(e, Edits.newNode(type, e.network(), at))));
            case ACTIVATION -> activation(tile).map(f -> new Plan("Add " + f.id(),
                    e -> Edits.addNode(e, newActivation(e, f, at))));
            case LOSS -> loss(tile).map(f -> new Plan("Add " + f.id() + " loss",
                    e -> Edits.addNode(e, new NodeSpec.Loss(Edits.freshId(e.network(), "loss"), Choice.of(f), at))));
            default -> Optional.empty();
        };
    }

    private static Optional<Plan> onNode(Tile tile, NodeSpec node) {
        String id = node.id();
        switch (tile.kind()) {
            case INITIALIZER:
                if (node instanceof NodeSpec.Dense dense) {
                    return Terms.byId(Initializer.class, tile.id()).map(init -> new Plan("Set " + id + " init to " + init.id(),
                            e -> Edits.replaceNode(e, dense.withInit(Choice.of(init)))));
                }
                return Optional.empty();
            case ACTIVATION:
                if (node instanceof NodeSpec.Dense) {
                    return activation(tile).map(f -> new Plan("Set activation after " + id + " to " + f.id(),
                            e -> withRoomForAdded(e, Edits.setActivationAfter(e, id, Choice.of(f)), id)));
                }
                if (node instanceof NodeSpec.Activation activation) {
                    return activation(tile).map(f -> new Plan("Set " + id + " to " + f.id(),
                            e -> Edits.replaceNode(e, activation.withFunction(Choice.of(f)))));
                }
                return Optional.empty();
            case LOSS:
                if (node instanceof NodeSpec.Loss loss) {
                    return loss(tile).map(f -> new Plan("Set loss to " + f.id(),
                            e -> Edits.replaceNode(e, loss.withFunction(Choice.of(f)))));
                }
                return Optional.empty();
            case INPUT_NORMALIZER:
                if (node instanceof NodeSpec.Input) {
                    return Terms.byId(InputNormalizer.class, tile.id()).map(n -> new Plan("Set normalizer to " + n.id(),
                            e -> e.withNormalizer(Choice.of(n))));
                }
                return Optional.empty();
            default:
                return Optional.empty();
        }
    }

    private static Optional<Plan> onEdge(Tile tile, Edge edge, Position at) {
        return switch (tile.kind()) {
            case ACTIVATION -> activation(tile).map(f -> new Plan("Insert " + f.id(),
                    e -> inserted(e, edge, newActivation(e, f, at))));
            case LAYER, NORMALIZATION_LAYER -> NodeType.byId(tile.id()).filter(INSERTABLE::contains)
                    .map(type -> new Plan("Insert " + words(type),
                            e -> inserted(e, edge, Edits.newNode(type, e.network(), at))));
            default -> Optional.empty();
        };
    }

    /** {@code after}, with room made after {@code source} for the node it added to {@code before}, if it did. */
    private static Experiment withRoomForAdded(Experiment before, Experiment after, String source) {
        Set<String> old = new java.util.HashSet<>();
        before.network().nodes().forEach(n -> old.add(n.id()));
        return after.network().nodes().stream().map(NodeSpec::id).filter(id -> !old.contains(id)).findFirst()
                .map(added -> MakeRoom.after(after, source, added)).orElse(after);
    }

    /** {@code node} inserted into {@code edge}, with room made for it (see {@link MakeRoom}). */
    private static Experiment inserted(Experiment e, Edge edge, NodeSpec node) {
        Experiment after = Edits.insertOnEdge(e, edge, node);
        return after == e ? e : MakeRoom.after(after, edge.from(), node.id());
    }

    private static NodeSpec newActivation(Experiment e, ActivationFunction f, Position at) {
        return new NodeSpec.Activation(Edits.freshId(e.network(), "act"), Choice.of(f), at);
    }

    private static Optional<ActivationFunction> activation(Tile tile) {
        return Terms.byId(ActivationFunction.class, tile.id());
    }

    private static Optional<LossFunction> loss(Tile tile) {
        return Terms.byId(LossFunction.class, tile.id());
    }

    /** "batch norm" for the Undo menu. */
    private static String words(NodeType type) {
        return type.title().toLowerCase(java.util.Locale.ROOT);
    }
}
