package dev.descent.experiment;

import dev.descent.engine.graph.Edge;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.NodeType;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a run's overrides to the shared network, giving the network that run trains.
 * <ul>
 *   <li>{@code init}: every dense node's initializer;</li>
 *   <li>{@code activation}: every activation node's function, except one feeding the loss directly
 *       (an output squashing such as a sigmoid before MSE is part of the model's output, not a hidden
 *       layer choice);</li>
 *   <li>{@code normalization}: every batch-norm and layer-norm node becomes the chosen kind (same id and
 *       place), or is removed with its input connected straight to its outputs.</li>
 * </ul>
 */
public final class Overrides {
    private Overrides() {
    }

    /** The network {@code run} trains. */
    public static NetworkSpec apply(NetworkSpec network, RunSpec run) {
        NetworkSpec result = network;
        if (run.init() != null) {
            for (NodeSpec.Dense dense : result.nodesOf(NodeSpec.Dense.class)) {
                result = result.replace(dense.withInit(run.init()));
            }
        }
        if (run.activation() != null) {
            for (NodeSpec.Activation activation : result.nodesOf(NodeSpec.Activation.class)) {
                if (!feedsLoss(result, activation.id())) {
                    result = result.replace(activation.withFunction(run.activation()));
                }
            }
        }
        if (run.normalization() != null) {
            result = normalize(result, run.normalization());
        }
        return result;
    }

    private static boolean feedsLoss(NetworkSpec network, String id) {
        return network.outputsOf(id).stream()
                .anyMatch(out -> network.node(out).map(n -> n instanceof NodeSpec.Loss).orElse(false));
    }

    private static NetworkSpec normalize(NetworkSpec network, NormalizationOverride override) {
        List<NodeSpec> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>(network.edges());
        for (NodeSpec node : network.nodes()) {
            boolean norm = node instanceof NodeSpec.BatchNorm || node instanceof NodeSpec.LayerNorm;
            if (!norm) {
                nodes.add(node);
                continue;
            }
            switch (override) {
                case BATCH_NORM -> nodes.add(node instanceof NodeSpec.BatchNorm ? node
                        : NodeType.BATCH_NORM.newNode(node.id(), node.position()));
                case LAYER_NORM -> nodes.add(new NodeSpec.LayerNorm(node.id(), node.position()));
                case NONE -> edges = bypass(edges, node.id());
            }
        }
        return new NetworkSpec(nodes, edges);
    }

    /** Edges with {@code id} removed and each of its inputs connected to each of its outputs. */
    private static List<Edge> bypass(List<Edge> edges, String id) {
        List<String> inputs = edges.stream().filter(e -> e.to().equals(id)).map(Edge::from).toList();
        List<Edge> result = new ArrayList<>();
        for (Edge e : edges) {
            if (e.from().equals(id)) {
                for (String in : inputs) {
                    result.add(new Edge(in, e.to()));
                }
            } else if (!e.to().equals(id)) {
                result.add(e);
            }
        }
        return result;
    }
}
