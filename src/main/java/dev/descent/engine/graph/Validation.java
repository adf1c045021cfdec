package dev.descent.engine.graph;

import java.util.List;
import java.util.Map;

/**
 * What {@link GraphValidator} found: every problem, and as much structure as could be inferred.
 *
 * @param problems every problem, each naming its node; empty when the network can train
 * @param widths   inferred output width of each node, by id; absent where it could not be inferred
 * @param order    the nodes in topological order (ties broken by file order); empty if there is a cycle
 * @param parameterCount number of trainable values in the network
 * @param activationValues number of values the nodes output per example (what scales with the batch)
 */
public record Validation(List<Problem> problems, Map<String, Integer> widths, List<String> order,
                         long parameterCount, double activationValues) {

    public Validation {
        problems = List.copyOf(problems);
        widths = Map.copyOf(widths);
        order = List.copyOf(order);
    }

    /** Whether the network can train. */
    public boolean isValid() {
        return problems.isEmpty();
    }

    /** The problems of one node. */
    public List<Problem> problemsOf(String nodeId) {
        return problems.stream().filter(p -> p.concerns(nodeId)).toList();
    }

    /** The shape an edge carries, e.g. "N × 16", or "?" if unknown. */
    public String edgeShape(Edge edge) {
        Integer width = widths.get(edge.from());
        return width == null ? "?" : "N × " + width;
    }
}
