package dev.descent.engine.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A network: nodes and the edges between them, forming (when valid) a directed acyclic graph from one
 * input node to one loss node. Immutable; the list order of nodes is kept for files and for breaking
 * ties in topological order, so the same file always builds the same network.
 */
public record NetworkSpec(List<NodeSpec> nodes, List<Edge> edges) {

    public NetworkSpec {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /** The node called {@code id}, if present. */
    public Optional<NodeSpec> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    /** Ids of the nodes feeding {@code id}, in edge order. */
    public List<String> inputsOf(String id) {
        List<String> inputs = new ArrayList<>();
        for (Edge e : edges) {
            if (e.to().equals(id)) {
                inputs.add(e.from());
            }
        }
        return inputs;
    }

    /** Ids of the nodes fed by {@code id}, in edge order. */
    public List<String> outputsOf(String id) {
        List<String> outputs = new ArrayList<>();
        for (Edge e : edges) {
            if (e.from().equals(id)) {
                outputs.add(e.to());
            }
        }
        return outputs;
    }

    /** A copy with {@code replacement} in place of the node with the same id. */
    public NetworkSpec replace(NodeSpec replacement) {
        List<NodeSpec> copy = new ArrayList<>(nodes);
        for (int i = 0; i < copy.size(); i++) {
            if (copy.get(i).id().equals(replacement.id())) {
                copy.set(i, replacement);
                return new NetworkSpec(copy, edges);
            }
        }
        throw new IllegalArgumentException("no node '" + replacement.id() + "'");
    }

    /** The nodes of one kind, in list order. */
    public <T extends NodeSpec> List<T> nodesOf(Class<T> kind) {
        return nodes.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
