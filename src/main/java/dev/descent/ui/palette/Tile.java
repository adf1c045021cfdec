package dev.descent.ui.palette;

import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.graph.ActivationFunction;
import dev.descent.engine.graph.Initializer;
import dev.descent.engine.graph.LossFunction;
import dev.descent.engine.graph.NodeType;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Terms;
import java.util.Optional;
import javafx.scene.input.DataFormat;

/**
 * What a palette tile stands for, and how it travels in a drag: as the text {@code kind:id} under
 * {@link #FORMAT}. Drop targets (canvas, nodes, edges, runs panel) decode it with {@link #parse}.
 *
 * @param kind what family the tile belongs to
 * @param id   the vocabulary name, e.g. "dense", "relu", "adam"
 */
public record Tile(Kind kind, String id) {

    /** Drag-and-drop format of tiles. */
    public static final DataFormat FORMAT = new DataFormat("application/x-descent-tile");

    /** Tile families, one palette section each. */
    public enum Kind {
        /** input, dense, dropout, add (and loss): make a node. */
        LAYER,
        /** batch_norm, layer_norm: make a node, or insert on an edge. */
        NORMALIZATION_LAYER,
        /** none, min_max, standardize, pixel: set the input normalizer (drop on the input node). */
        INPUT_NORMALIZER,
        /** set a dense node's initializer. */
        INITIALIZER,
        /** make an activation node, insert one on an edge, or set the one after a dense node. */
        ACTIVATION,
        /** add a run (drop on the runs panel). */
        OPTIMIZER,
        /** set a run's schedule (drop on a run). */
        SCHEDULE,
        /** make a loss node, or set a loss node's function. */
        LOSS
    }

    /** The drag payload. */
    public String encode() {
        return kind.name() + ":" + id;
    }

    /** Decodes a drag payload; empty if it is not a tile. */
    public static Optional<Tile> parse(Object payload) {
        if (!(payload instanceof String text)) {
            return Optional.empty();
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        try {
            Tile tile = new Tile(Kind.valueOf(text.substring(0, colon)), text.substring(colon + 1));
            return tile.isKnown() ? Optional.of(tile) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private boolean isKnown() {
        return switch (kind) {
            case LAYER, NORMALIZATION_LAYER -> NodeType.byId(id).isPresent();
            case INPUT_NORMALIZER -> Terms.byId(InputNormalizer.class, id).isPresent();
            case INITIALIZER -> Terms.byId(Initializer.class, id).isPresent();
            case ACTIVATION -> Terms.byId(ActivationFunction.class, id).isPresent();
            case OPTIMIZER -> Terms.byId(OptimizerType.class, id).isPresent();
            case SCHEDULE -> Terms.byId(Schedule.class, id).isPresent();
            case LOSS -> Terms.byId(LossFunction.class, id).isPresent();
        };
    }
}
