package dev.descent.engine.train;

import static dev.descent.testing.Specs.activation;
import static dev.descent.testing.Specs.chain;
import static dev.descent.testing.Specs.dense;
import static dev.descent.testing.Specs.input;
import static dev.descent.testing.Specs.loss;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Choice;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** A run's histograms over time: what they count, when they are taken, and that they stay bounded. */
class SnapshotsTest {

    private static Snapshot empty(int step) {
        return new Snapshot(step, List.of(), List.of(), List.of(), List.of());
    }

    @Test
    void aRunLongerThanPlannedKeepsAtMostCapacitySnapshotsEvenlySpreadFromTheFirstStep() {
        // given a run planned for 100 steps that takes 10,000, recorded whenever a snapshot is due
        Snapshots snapshots = new Snapshots(256, 100);
        int taken = 0;
        for (int step = 1; step <= 10_000; step++) {
            if (snapshots.due(step, step == 10_000)) {
                snapshots.add(empty(step));
                taken++;
                assertTrue(snapshots.all().size() < 256, "kept " + snapshots.all().size() + " at step " + step);
            }
        }

        // then step 1 and the last step are kept, the others every interval steps, and about
        // capacity + capacity/2 · log2(n/capacity) were taken
        List<Snapshot> all = snapshots.all();
        assertEquals(1, all.get(0).step());
        assertEquals(10_000, all.get(all.size() - 1).step());
        int interval = snapshots.interval();
        assertEquals(64, interval);
        for (int i = 1; i < all.size() - 1; i++) {
            assertEquals(i * interval, all.get(i).step());
        }
        assertTrue(taken < 256 + 128 * 6, "taken " + taken);
    }

    @Test
    void aLongPlannedRunStartsWithAWiderIntervalAndTakesFewerThanTwiceCapacity() {
        // given a run planned for 100,000 steps: 100,000 / 256 = 390 → interval 256
        Snapshots snapshots = new Snapshots(256, 100_000);
        assertEquals(256, snapshots.interval());
        int taken = 0;
        for (int step = 1; step <= 100_000; step++) {
            if (snapshots.due(step, step == 100_000)) {
                snapshots.add(empty(step));
                taken++;
            }
        }
        // then step 1, every 256th step until 256 are kept (255 of them, up to 65,280), then, thinned
        // once, every 512th step (65,536 to 99,840: 68) and the last: 325, fewer than twice the capacity
        assertEquals(1 + 255 + 68 + 1, taken);
        assertEquals(512, snapshots.interval());
        assertTrue(snapshots.all().size() < 256);
    }

    @Test
    void atGivesTheLastSnapshotAtOrBeforeAStep() {
        Snapshots snapshots = new Snapshots(16, 4);
        for (int step : new int[] {1, 2, 4, 8}) {
            snapshots.add(empty(step));
        }
        assertNull(snapshots.at(0));
        assertEquals(1, snapshots.at(1).step());
        assertEquals(4, snapshots.at(7).step());
        assertEquals(8, snapshots.at(100).step());
    }

    @Test
    void aCapacityBelowTwoIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Snapshots(1, 10));
        assertEquals("a run keeps at least 2 snapshots, not 1", e.getMessage());
    }

    @Test
    void histogramCountsValuesInEqualBinsOverTheirRange() {
        // 0 .. 3.2 in 32 bins of 0.1: 0 → bin 0, 1.65 → bin 16, 3.2 (the top) → bin 31; NaN not counted
        Histogram h = Histogram.of(new double[] {0, 1.65, 3.2, 3.2, Double.NaN});
        assertEquals(0, h.low());
        assertEquals(3.2, h.high());
        int[] expected = new int[32];
        expected[0] = 1;
        expected[16] = 1;
        expected[31] = 2;
        assertArrayEquals(expected, h.counts());
        assertEquals(0.5, h.share(31));
    }

    @Test
    void equalValuesGetARangeOfOneAroundThem() {
        Histogram h = Histogram.of(new double[] {2, 2, 2});
        assertEquals(1.5, h.low());
        assertEquals(2.5, h.high());
        assertEquals(3, h.count(16));
    }

    @Test
    void aLargeArrayIsSampledWithAStrideThatVisitsEveryUnit() {
        // 128 × 256 values: ⌈32768 / 4096⌉ = 8 shares a factor with 256; 9 is the first that does not
        assertEquals(9, Histogram.stride(128L * 256, 256));
        assertEquals(1, Histogram.stride(4096, 64));
        assertEquals(4, Histogram.stride(3L * 4096 + 1, 7));
    }

    @Test
    void theTrainerRecordsTheInitialNetworkAndTheWeightsEachStepUsed() throws Exception {
        // given the network of InsideColumnsTest (every weight 0.5) trained two full-batch SGD steps
        NetworkSpec spec = chain(input("in"), dense("h1", 2, "constant"), activation("a1", "relu"),
                dense("out", 1, "constant"), loss("loss", "mse"));
        spec = new NetworkSpec(spec.nodes().stream().map(n -> n instanceof NodeSpec.Dense d
                ? new NodeSpec.Dense(d.id(), d.units(), d.init().with("value", 0.5), true, null) : n).toList(),
                spec.edges());
        RunConfig run = new RunConfig("paper", spec, Choice.of(OptimizerType.SGD).with("learningRate", 0.1),
                Choice.of(Schedule.CONSTANT), Choice.of(InputNormalizer.NONE));
        Dataset data = Dataset.regression("paper", 1, new float[] {1, -1}, 1, new float[] {1.5f, 0}, List.of("x"));
        Snapshots snapshots;
        try (LockstepComparison comparison = LockstepComparison.create(new TrainingConfig(3, 1, 2, 10, 2,
                DataType.DOUBLE), data, data, List.of(run))) {
            comparison.start();
            assertTrue(comparison.await(60, TimeUnit.SECONDS));
            snapshots = comparison.snapshots(0);
            assertEquals(RunStatus.COMPLETED, comparison.status(0), comparison.summaries().get(0).message());
        }

        // then both steps are there, with a1, h1 and out named
        assertEquals(new SnapshotLayout(List.of("a1"), List.of(), List.of("h1", "out")), snapshots.layout());
        assertEquals(List.of(1, 2), snapshots.all().stream().map(Snapshot::step).toList());
        Snapshot first = snapshots.first();
        // step 1: a1's outputs (0.5, 0.5, 0, 0) over [0, 0.5]: two in the first bin, two in the last
        Histogram a1 = first.activations().get(0);
        assertEquals(0, a1.low());
        assertEquals(0.5, a1.high());
        assertEquals(2, a1.count(0));
        assertEquals(2, a1.count(31));
        // the initial weights, all 0.5, without the biases: [0, 1], both in bin 16
        for (Histogram w : first.weights()) {
            assertEquals(0, w.low());
            assertEquals(1, w.high());
            assertEquals(2, w.count(16));
            assertEquals(2, w.total());
        }
        // step 2 used the weights after step 1: 0.5 + 0.1 · 0.5 = 0.55
        assertEquals(0.55 - 0.5, snapshots.latest().weights().get(0).low(), 1e-12);
    }
}
