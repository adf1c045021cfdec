package dev.descent.engine.train;

import java.util.List;

/**
 * Which node each per-node metric belongs to, shared by all events of a run.
 *
 * @param parameterNodes ids of the nodes with parameters (dense, batch norm, layer norm), in order
 * @param activationNodes ids of the activation nodes, in order
 */
public record MetricLayout(List<String> parameterNodes, List<String> activationNodes) {
    public MetricLayout {
        parameterNodes = List.copyOf(parameterNodes);
        activationNodes = List.copyOf(activationNodes);
    }
}
