package dev.descent.engine.train;

import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.nn.Network;
import dev.descent.engine.nn.ParameterSegment;
import dev.descent.engine.nn.Pass;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A run's {@link Snapshot}s in bounded memory, for the window's histograms and its time scrub.
 *
 * <p>Lifecycle:
 * <ol>
 *   <li>the run's trainer asks {@link #due} after every backward pass and, when due, calls {@link #take}
 *       on its thread (before the optimizer changes the weights, so a snapshot shows the weights the
 *       step's forward pass used; step 1's is the initial network);</li>
 *   <li>a snapshot is due at step 1, at every {@code interval}-th step and at the last step; the interval
 *       starts at the largest power of two ≤ n / capacity for a run of n planned steps (1 for short
 *       runs), so a run takes fewer than 2 · capacity snapshots however long it is;</li>
 *   <li>when {@link #capacity} snapshots are kept, every other one goes (step 1's always stays) and the
 *       interval doubles: the snapshots stay evenly spread over the steps so far, at most
 *       {@code capacity} of them;</li>
 *   <li>any thread reads {@link #all()}, {@link #at(int)} and {@link #layout()} at any time: each
 *       returns an immutable value and never waits for the trainer.</li>
 * </ol>
 */
public final class Snapshots {
    /** Snapshots a run keeps by default. */
    public static final int CAPACITY = 256;

    private final int capacity;
    private volatile SnapshotLayout layout;
    private volatile List<Snapshot> kept = List.of();
    private volatile int interval;
    // the trainer's side, set up at the first take
    private List<String> normInputIds;
    private List<INDArray> weights;
    private int[] weightWidths;

    /** For a run of {@code plannedSteps} steps, keeping at most {@link #CAPACITY} snapshots. */
    public Snapshots(int plannedSteps) {
        this(CAPACITY, plannedSteps);
    }

    /** Keeps at most {@code capacity} (≥ 2) snapshots of a run of {@code plannedSteps} steps. */
    public Snapshots(int capacity, int plannedSteps) {
        if (capacity < 2) {
            throw new IllegalArgumentException("a run keeps at least 2 snapshots, not " + capacity);
        }
        this.capacity = capacity;
        this.interval = Integer.highestOneBit(Math.max(1, plannedSteps / capacity));
    }

    /** Most snapshots kept. */
    public int capacity() {
        return capacity;
    }

    /** Steps between two snapshots now. */
    public int interval() {
        return interval;
    }

    /** Node ids of the histograms, or null before the first snapshot. */
    public SnapshotLayout layout() {
        return layout;
    }

    /** Every snapshot kept, in step order (immutable). */
    public List<Snapshot> all() {
        return kept;
    }

    /** The last snapshot taken at or before {@code step}, or null if there is none. */
    public Snapshot at(int step) {
        List<Snapshot> list = kept;
        int lo = 0;
        int hi = list.size() - 1;
        Snapshot found = null;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (list.get(mid).step() <= step) {
                found = list.get(mid);
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** The first snapshot (the initial network), or null. */
    public Snapshot first() {
        List<Snapshot> list = kept;
        return list.isEmpty() ? null : list.get(0);
    }

    /** The latest snapshot, or null. */
    public Snapshot latest() {
        List<Snapshot> list = kept;
        return list.isEmpty() ? null : list.get(list.size() - 1);
    }

    /** Whether step {@code step} is to be recorded; {@code last}: it is the run's last step. */
    public boolean due(int step, boolean last) {
        return step == 1 || step % interval == 0 || last;
    }

    /**
     * Records step {@code step} from {@code pass}'s last forward and {@code network}'s weights. On the run's
     * thread, between its backward pass and its update.
     */
    public void take(int step, Network network, Pass pass) {
        take(step, network, pass::layerOutput);
    }

    /**
     * As {@link #take(int, Network, Pass)}, reading each node's output of the step from {@code outputs}
     * (a member of a stacked group: its slice of the group's buffers) and the weights from {@code network}.
     */
    public void take(int step, Network network, java.util.function.Function<String, INDArray> outputs) {
        if (layout == null) {
            start(network);
        }
        SnapshotLayout l = layout;
        List<Histogram> activations = new ArrayList<>();
        for (String id : l.activationNodes()) {
            INDArray out = outputs.apply(id);
            activations.add(Histogram.of(out, (int) out.columns()));
        }
        List<Histogram> normInputs = new ArrayList<>();
        List<Histogram> normOutputs = new ArrayList<>();
        for (int i = 0; i < l.normNodes().size(); i++) {
            INDArray in = outputs.apply(normInputIds.get(i));
            INDArray out = outputs.apply(l.normNodes().get(i));
            normInputs.add(Histogram.of(in, (int) in.columns()));
            normOutputs.add(Histogram.of(out, (int) out.columns()));
        }
        List<Histogram> weightHistograms = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            weightHistograms.add(Histogram.of(weights.get(i), weightWidths[i]));
        }
        add(new Snapshot(step, activations, normInputs, normOutputs, weightHistograms));
    }

    /** Keeps {@code snapshot} (steps must increase), thinning when full. */
    void add(Snapshot snapshot) {
        List<Snapshot> next = new ArrayList<>(kept.size() + 1);
        next.addAll(kept);
        next.add(snapshot);
        if (next.size() >= capacity) {
            int wider = interval * 2;
            List<Snapshot> thinned = new ArrayList<>(capacity / 2 + 2);
            for (int i = 0; i < next.size(); i++) {
                Snapshot s = next.get(i);
                if (i == 0 || s.step() % wider == 0) {
                    thinned.add(s);
                }
            }
            next = thinned;
            interval = wider;
        }
        kept = List.copyOf(next);
    }

    private void start(Network network) {
        List<String> activationNodes = new ArrayList<>();
        List<String> normNodes = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        List<String> denseNodes = new ArrayList<>();
        List<INDArray> views = new ArrayList<>();
        List<Integer> widths = new ArrayList<>();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            for (String id : network.order()) {
                NodeSpec node = network.spec().node(id).orElseThrow();
                if (node instanceof NodeSpec.Activation) {
                    activationNodes.add(id);
                } else if (node instanceof NodeSpec.BatchNorm || node instanceof NodeSpec.LayerNorm) {
                    normNodes.add(id);
                    inputs.add(network.spec().inputsOf(id).get(0));
                } else if (node instanceof NodeSpec.Dense dense) {
                    ParameterSegment s = network.segments().stream().filter(g -> g.nodeId().equals(id))
                            .findFirst().orElseThrow();
                    long count = s.length() - (dense.bias() ? dense.units() : 0);
                    denseNodes.add(id);
                    views.add(network.parameters().get(NDArrayIndex.point(0),
                            NDArrayIndex.interval(s.offset(), s.offset() + count)));
                    widths.add(dense.units());
                }
            }
        }
        normInputIds = List.copyOf(inputs);
        weights = List.copyOf(views);
        weightWidths = widths.stream().mapToInt(Integer::intValue).toArray();
        layout = new SnapshotLayout(activationNodes, normNodes, denseNodes);
    }

    /**
     * Heap bytes of a full set of snapshots of a network with {@code histograms} histograms per snapshot
     * ({@link SnapshotLayout#histograms()}): {@code capacity} snapshots, each its record and lists plus
     * its histograms ({@value Histogram#BINS} bins each).
     */
    public static long heapBytes(int histograms) {
        long perSnapshot = 32 + 4 * 24 + 4L * histograms + histograms * Histogram.heapBytes();
        return CAPACITY * perSnapshot;
    }
}
