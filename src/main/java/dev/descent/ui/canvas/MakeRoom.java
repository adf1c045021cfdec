package dev.descent.ui.canvas;

import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.Position;
import dev.descent.experiment.Experiment;
import dev.descent.ui.model.Edits;
import dev.descent.ui.model.LayeredLayout;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a node inserted after another goes, so that it covers no card: one column after its source, on
 * the source's row, with every node downstream of it moved right by one column when the gap was too
 * narrow. The column is the network's own spacing (the distance from the source to what followed it),
 * or {@link LayeredLayout#COLUMN_GAP} when that was too tight or too wide; a gap wide enough for a card
 * already takes the node in its middle and nothing moves. Pure: part of the same edit as the insertion.
 */
final class MakeRoom {
    /** The narrowest column: a card and a little space for its edge. */
    private static final double NARROWEST = LayeredLayout.CARD_WIDTH + 16;

    private MakeRoom() {
    }

    /**
     * {@code e}, in which {@code inserted} was just connected after {@code source}, with {@code inserted}
     * placed after {@code source} and the nodes downstream moved right as far as needed. Unchanged where
     * a position is missing, or where the inserted node's consumers lie left of its source (an edge that
     * runs backwards, in a network wrapped onto several rows): there the drop position stays.
     */
    static Experiment after(Experiment e, String source, String inserted) {
        NetworkSpec n = e.network();
        Position from = n.node(source).map(NodeSpec::position).orElse(null);
        List<String> consumers = n.outputsOf(inserted);
        if (from == null || consumers.isEmpty()) {
            return from == null ? e : place(e, inserted, new Position(from.x() + LayeredLayout.COLUMN_GAP, from.y()));
        }
        double nearest = Double.MAX_VALUE;
        for (String c : consumers) {
            Position p = n.node(c).map(NodeSpec::position).orElse(null);
            if (p == null || p.x() <= from.x()) {
                return e;
            }
            nearest = Math.min(nearest, p.x());
        }
        double gap = nearest - from.x();
        if (gap >= 2 * NARROWEST) {
            // centred in the space between the source's card and the nearest consumer's
            return place(e, inserted, new Position(Math.round((from.x() + nearest) / 2), from.y()));
        }
        double column = gap >= NARROWEST && gap <= LayeredLayout.COLUMN_GAP ? gap : LayeredLayout.COLUMN_GAP;
        double x = from.x() + column;
        double shift = x + column - nearest;
        Map<String, Position> moves = new HashMap<>();
        moves.put(inserted, new Position(x, from.y()));
        if (shift > 0) {
            for (String id : downstream(n, inserted, source)) {
                Position p = n.node(id).map(NodeSpec::position).orElse(null);
                if (p != null && p.x() > from.x()) {
                    moves.put(id, new Position(p.x() + shift, p.y()));
                }
            }
        }
        return Edits.move(e, moves);
    }

    private static Experiment place(Experiment e, String id, Position at) {
        return Edits.move(e, Map.of(id, at));
    }

    /** Every node reachable from {@code start}'s outputs, without {@code start} and {@code stop}. */
    private static Set<String> downstream(NetworkSpec n, String start, String stop) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> next = new ArrayDeque<>(n.outputsOf(start));
        while (!next.isEmpty()) {
            String id = next.poll();
            if (id.equals(start) || id.equals(stop) || !seen.add(id)) {
                continue;
            }
            next.addAll(n.outputsOf(id));
        }
        return seen;
    }
}
