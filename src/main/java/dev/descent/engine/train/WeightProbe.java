package dev.descent.engine.train;

import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.nn.Network;
import dev.descent.engine.nn.ParameterSegment;
import dev.descent.engine.optim.StateVector;
import java.util.List;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Copies the watched weight's figures out of a run's buffers during a step ({@link WatchedWeightStep}).
 * The window thread sets the watch ({@link #watch}, a volatile write); the run's thread reads it once at
 * the start of a step's update, so a change takes effect from the next step on. Steps:
 * <ol>
 *   <li>{@link #beforeRule}: after backward, before the optimizer: takes the watch, reads g;</li>
 *   <li>{@link #afterRule}: the gradient buffer now holds Δθ: reads it;</li>
 *   <li>{@link #figures}: after θ ← θ − Δθ: reads θ and every state vector at the weight.</li>
 * </ol>
 * With nothing watched each step costs one volatile read.
 */
final class WeightProbe {
    private volatile WatchedWeight requested;
    /** The watch {@link #index} was worked out for (run thread only). */
    private WatchedWeight resolved;
    private long index = -1;
    /** The weight of this step, or null (run thread only). */
    private WatchedWeight current;
    private double gradient;
    private double update;
    /** The state vectors {@link #symbols} and {@link #meanings} were read from (they change on a retune only). */
    private List<StateVector> described;
    private List<String> symbols;
    private List<String> meanings;

    /** Follows {@code weight} from the next step on, or nothing ({@code null}); any thread. */
    void watch(WatchedWeight weight) {
        requested = weight;
    }

    void beforeRule(Network network) {
        WatchedWeight w = requested;
        if (w != resolved) {
            resolved = w;
            index = w == null ? -1 : indexOf(network, w);
        }
        current = index < 0 ? null : w;
        if (current != null) {
            gradient = network.gradients().getDouble(0, index);
        }
    }

    void afterRule(Network network) {
        if (current != null) {
            update = network.gradients().getDouble(0, index);
        }
    }

    /** The step's figures of the watched weight, or null when none is watched. */
    WatchedWeightStep figures(int step, Network network, List<StateVector> vectors) {
        if (current == null) {
            return null;
        }
        if (vectors != described) {
            described = vectors;
            symbols = vectors.stream().map(StateVector::symbol).toList();
            meanings = vectors.stream().map(StateVector::meaning).toList();
        }
        double[] state = new double[vectors.size()];
        for (int v = 0; v < state.length; v++) {
            state[v] = vectors.get(v).values().getDouble(index); // a [P] vector or a [1, P] row: linear index
        }
        return new WatchedWeightStep(current, step, network.parameters().getDouble(0, index), gradient, update,
                symbols, meanings, state);
    }

    /** offset + i·units + j in the flat parameter vector, or −1 if {@code w} is not in {@code network}. */
    static long indexOf(Network network, WatchedWeight w) {
        if (!(network.spec().node(w.nodeId()).orElse(null) instanceof NodeSpec.Dense dense)) {
            return -1;
        }
        for (ParameterSegment s : network.segments()) {
            if (s.nodeId().equals(w.nodeId())) {
                long in = (s.length() - (dense.bias() ? dense.units() : 0)) / dense.units();
                return w.row() < in && w.column() < dense.units()
                        ? s.offset() + (long) w.row() * dense.units() + w.column() : -1;
            }
        }
        return -1;
    }

    /** A copy of dense node {@code nodeId}'s weight matrix, or null if it has none. */
    static WeightMatrix matrix(Network network, String nodeId) {
        if (!(network.spec().node(nodeId).orElse(null) instanceof NodeSpec.Dense dense)) {
            return null;
        }
        for (ParameterSegment s : network.segments()) {
            if (s.nodeId().equals(nodeId)) {
                int columns = dense.units();
                int rows = (int) ((s.length() - (dense.bias() ? columns : 0)) / columns);
                long from = s.offset();
                double[] values = network.parameters() // one copy (a value at a time took 200k calls for 784 × 256)
                        .get(NDArrayIndex.point(0), NDArrayIndex.interval(from, from + (long) rows * columns))
                        .toDoubleVector();
                return new WeightMatrix(nodeId, rows, columns, values);
            }
        }
        return null;
    }
}
