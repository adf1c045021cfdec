package dev.descent.engine.train;

import java.util.List;

/**
 * Which node each histogram of a run's {@link Snapshot}s belongs to.
 *
 * @param activationNodes activation nodes, in computation order
 * @param normNodes       batch norm and layer norm nodes, in computation order
 * @param denseNodes      dense nodes, in computation order
 */
public record SnapshotLayout(List<String> activationNodes, List<String> normNodes, List<String> denseNodes) {
    public SnapshotLayout {
        activationNodes = List.copyOf(activationNodes);
        normNodes = List.copyOf(normNodes);
        denseNodes = List.copyOf(denseNodes);
    }

    /** Number of histograms in one snapshot. */
    public int histograms() {
        return activationNodes.size() + 2 * normNodes.size() + denseNodes.size();
    }
}
