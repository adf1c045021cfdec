package dev.descent.engine.train;

import java.util.List;

/**
 * What a run's network looked like during one step: the value histograms of each activation node's
 * output, of what goes into and comes out of each normalization node, and of each dense node's weights
 * (without biases) as that step's forward pass used them. Lists follow {@link SnapshotLayout}. Immutable.
 *
 * @param step        the 1-based step
 * @param activations per activation node: its outputs on that step's batch
 * @param normInputs  per batch/layer norm node: its inputs
 * @param normOutputs per batch/layer norm node: its outputs
 * @param weights     per dense node: its weights
 */
public record Snapshot(int step, List<Histogram> activations, List<Histogram> normInputs,
                       List<Histogram> normOutputs, List<Histogram> weights) {
    public Snapshot {
        activations = List.copyOf(activations);
        normInputs = List.copyOf(normInputs);
        normOutputs = List.copyOf(normOutputs);
        weights = List.copyOf(weights);
    }
}
