package dev.descent.ui.model;

import dev.descent.engine.graph.Edge;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.Position;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A left-to-right layered layout: each node goes in the column of its depth (the longest path from a
 * node without inputs), columns are ordered top to bottom by where their inputs sit (one barycentre pass,
 * which keeps branches from crossing), and every column is centred on the same line, so a plain chain
 * comes out as one straight row. Pure.
 */
public final class LayeredLayout {
    /** Width of a node's card on the canvas, in canvas units. */
    public static final double CARD_WIDTH = 124;
    /** Height of a node's card on the canvas, in canvas units. */
    public static final double CARD_HEIGHT = 58;
    /** Distance between columns: a card and room for the shape label on the edge between two cards. */
    public static final double COLUMN_GAP = CARD_WIDTH + 64;
    /** Distance between rows of one column. */
    public static final double ROW_GAP = CARD_HEIGHT + 36;

    private LayeredLayout() {
    }

    /**
     * Top-left positions of every node.
     *
     * @param order  the nodes in topological order (the validator's), or empty to work it out here
     * @param origin the top-left corner of the layout
     */
    public static Map<String, Position> layout(NetworkSpec network, List<String> order, Position origin) {
        Map<String, Integer> depth = depths(network, order);
        int columns = depth.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        List<List<String>> byColumn = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            byColumn.add(new ArrayList<>());
        }
        for (NodeSpec node : network.nodes()) {
            Integer d = depth.get(node.id());
            if (d != null && !byColumn.get(d).contains(node.id())) {
                byColumn.get(d).add(node.id());
            }
        }
        Map<String, Double> row = new HashMap<>();
        int tallest = 1;
        for (List<String> column : byColumn) {
            List<String> sorted = new ArrayList<>(column);
            if (!row.isEmpty()) {
                Map<String, Double> key = new HashMap<>();
                for (int i = 0; i < column.size(); i++) {
                    key.put(column.get(i), barycentre(network, column.get(i), row, i - (column.size() - 1) / 2.0));
                }
                sorted.sort(Comparator.comparingDouble(key::get));
            }
            for (int i = 0; i < sorted.size(); i++) {
                row.put(sorted.get(i), i - (sorted.size() - 1) / 2.0);
            }
            column.clear();
            column.addAll(sorted);
            tallest = Math.max(tallest, sorted.size());
        }
        double middle = origin.y() + (tallest - 1) / 2.0 * ROW_GAP;
        Map<String, Position> positions = new LinkedHashMap<>();
        for (int c = 0; c < columns; c++) {
            for (String id : byColumn.get(c)) {
                positions.put(id, new Position(origin.x() + c * COLUMN_GAP, middle + row.get(id) * ROW_GAP));
            }
        }
        return positions;
    }

    /** Mean row of the inputs already placed, or {@code fallback} (the node's row in file order) if none. */
    private static double barycentre(NetworkSpec network, String id, Map<String, Double> row, double fallback) {
        double sum = 0;
        int count = 0;
        for (String input : network.inputsOf(id)) {
            Double r = row.get(input);
            if (r != null) {
                sum += r;
                count++;
            }
        }
        return count == 0 ? fallback : sum / count;
    }

    /**
     * The column of each node: 0 for nodes without inputs, otherwise one more than its deepest input.
     * Uses {@code order} when it is a topological order of exactly these nodes; otherwise sorts here,
     * and nodes on a cycle follow the deepest of their inputs already placed.
     */
    static Map<String, Integer> depths(NetworkSpec network, List<String> order) {
        Set<String> ids = new HashSet<>();
        network.nodes().forEach(n -> ids.add(n.id()));
        List<String> sequence = order.size() == ids.size() && ids.containsAll(order) ? order : topological(network);
        Map<String, Integer> depth = new LinkedHashMap<>();
        for (String id : sequence) {
            int d = 0;
            for (String input : network.inputsOf(id)) {
                Integer di = depth.get(input);
                if (di != null) {
                    d = Math.max(d, di + 1);
                }
            }
            depth.put(id, d);
        }
        return depth;
    }

    /** Kahn's algorithm, ties in file order; nodes left on cycles are appended in file order. */
    private static List<String> topological(NetworkSpec network) {
        Map<String, Integer> missing = new LinkedHashMap<>();
        network.nodes().forEach(n -> missing.putIfAbsent(n.id(), 0));
        for (Edge e : network.edges()) {
            if (missing.containsKey(e.from()) && missing.containsKey(e.to())) {
                missing.merge(e.to(), 1, Integer::sum);
            }
        }
        List<String> sorted = new ArrayList<>();
        Deque<String> ready = new ArrayDeque<>();
        missing.forEach((id, count) -> {
            if (count == 0) {
                ready.add(id);
            }
        });
        Set<String> done = new HashSet<>();
        while (!ready.isEmpty()) {
            String id = ready.poll();
            if (!done.add(id)) {
                continue;
            }
            sorted.add(id);
            for (String next : network.outputsOf(id)) {
                if (missing.containsKey(next) && missing.merge(next, -1, Integer::sum) == 0) {
                    ready.add(next);
                }
            }
        }
        for (String id : missing.keySet()) {
            if (!done.contains(id)) {
                sorted.add(id);
            }
        }
        return sorted;
    }
}
