package dev.descent.ui.model;

import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.Position;
import dev.descent.experiment.Experiment;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where every node of the project's network is shown on the canvas, in canvas units (the top-left
 * corner of its card). A node with a position of its own is shown there. Nodes without one (a file
 * written by hand or by the command line) are laid out once, below the placed ones, and keep that
 * place until moved: the experiment is not changed for it (opening a file leaves it unmodified), but an
 * edit made on the canvas and Save write those places into it ({@link #withShownPositions}), so what is
 * saved is what was seen. Part of the {@link ProjectModel}, which brings it up to date before anything
 * else hears of a new experiment. FX thread only.
 */
public final class NodePositions {
    /** Where a node goes when nothing else is known. */
    static final Position FIRST = new Position(40, 40);

    /** Where nodes without a position are shown, by id. */
    private final Map<String, Position> placed = new HashMap<>();
    private Experiment current;

    /** Lays out, once, the nodes of {@code e} that have no position; forgets places of nodes that got one or went. */
    void follow(Experiment e) {
        current = e;
        NetworkSpec network = e.network();
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
        Position origin = minX == Double.MAX_VALUE ? FIRST : new Position(minX, maxY + LayeredLayout.ROW_GAP);
        Map<String, Position> layout = LayeredLayout.layout(network, List.of(), origin);
        for (String id : unplaced) {
            placed.putIfAbsent(id, layout.getOrDefault(id, origin));
        }
    }

    /** Where {@code node} is shown: its own position, or the place it was given. */
    public Position of(NodeSpec node) {
        Position p = node.position();
        return p != null ? p : placed.getOrDefault(node.id(), FIRST);
    }

    /** Where every node of the project's network is shown, by id (at rest, not mid-drag). */
    public Map<String, Position> all() {
        Map<String, Position> positions = new LinkedHashMap<>();
        for (NodeSpec node : current.network().nodes()) {
            positions.putIfAbsent(node.id(), of(node));
        }
        return positions;
    }

    /** Whether some node is shown at a place the experiment does not have. */
    public boolean anyGiven() {
        return !placed.isEmpty();
    }

    /**
     * {@code e} with every node that has no position of its own placed where it is shown: what Save
     * writes, so a file opened without positions (or saved before any canvas edit) reopens as it was seen.
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
}
