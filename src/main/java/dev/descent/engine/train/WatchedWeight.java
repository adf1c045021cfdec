package dev.descent.engine.train;

import dev.descent.engine.data.DataShape;
import dev.descent.engine.graph.GraphValidator;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.Validation;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One weight of a dense node that a run follows step by step ({@link LockstepComparison#watch}): the entry
 * W[row][column] of the node's weight matrix W of shape [n_in, units] (y = x·W + b), so {@code row} is the
 * input unit i (0 … n_in − 1) and {@code column} the output unit j (0 … units − 1). In the run's flat
 * parameter vector it sits at the node's offset + i·units + j (W is stored row-major, its bias after it).
 *
 * @param nodeId the dense node
 * @param row    i, the input unit
 * @param column j, the output unit
 */
public record WatchedWeight(String nodeId, int row, int column) {
    public WatchedWeight {
        Objects.requireNonNull(nodeId, "nodeId");
        if (row < 0 || column < 0) {
            throw new IllegalArgumentException("row and column must be >= 0, got " + row + ", " + column);
        }
    }

    /**
     * Why this weight is not in {@code network} trained on data of {@code shape}, in one line naming what
     * is valid; null if it is.
     */
    String problem(NetworkSpec network, DataShape shape) {
        NodeSpec node = network.node(nodeId).orElse(null);
        if (!(node instanceof NodeSpec.Dense dense)) {
            List<String> dense = network.nodesOf(NodeSpec.Dense.class).stream().map(NodeSpec::id).toList();
            return "'" + nodeId + "' is not a dense node; weights can be watched in " + String.join(", ", dense);
        }
        Validation validation = GraphValidator.validate(network, shape, 1);
        Integer in = validation.widths().get(network.inputsOf(nodeId).get(0));
        if (in == null) {
            return "the width of '" + nodeId + "''s input is unknown: " + validation.problems();
        }
        if (row >= in || column >= dense.units()) {
            return String.format(Locale.ROOT, "'%s' has a %d × %d weight matrix: row must be 0 to %d and column 0 to %d, got %d, %d",
                    nodeId, in, dense.units(), in - 1, dense.units() - 1, row, column);
        }
        return null;
    }
}
