package dev.descent.engine.train;

import static dev.descent.testing.Specs.mlp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.Generator;
import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.graph.GraphValidator;
import dev.descent.engine.graph.MemoryEstimate;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Choice;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The memory refusal counts the whole comparison: every run's network plus the data tensors, checked
 * before anything is allocated.
 */
class ComparisonMemoryTest {
    private static final NetworkSpec NETWORK = mlp(64, "tanh", 2, "cross_entropy");
    private static final TrainingConfig TRAINING = new TrainingConfig(1, 1, 32, 10, 0, DataType.FLOAT);
    private static Dataset train;
    private static Dataset validation;

    @BeforeAll
    static void split() throws Exception {
        Dataset all = Generator.SPIRAL.generate(400, 0.1, 2, 3);
        train = all.subset(IntStream.range(0, 320).toArray());
        validation = all.subset(IntStream.range(320, 400).toArray());
    }

    private static List<RunConfig> runs(int n) {
        return IntStream.range(0, n).mapToObj(i -> new RunConfig("run" + i, NETWORK,
                Choice.of(OptimizerType.SGD), Choice.of(Schedule.CONSTANT), Choice.of(InputNormalizer.STANDARDIZE))).toList();
    }

    /** One run: the network in batches of 32 and on the 80 validation examples. */
    private static double oneRun() {
        return MemoryEstimate.runBytes(GraphValidator.validate(NETWORK, train.shape(), 32, Float.BYTES, Long.MAX_VALUE),
                32, 80, Float.BYTES);
    }

    /** 400 examples of 2 features and 2 one-hot labels, one normalizer. */
    private static double dataBytes() {
        return 400.0 * (2 + 2) * Float.BYTES;
    }

    @Test
    void runsThatEachFitButNotTogetherAreRefusedNamingTheTotalAndTheLimit() {
        // given a limit that holds the data and two and a half runs
        long limit = (long) (2.5 * oneRun() + dataBytes());
        // when three runs are asked for
        var error = assertThrows(LockstepComparison.InvalidComparisonException.class,
                () -> LockstepComparison.create(TRAINING, train, validation, runs(3), limit));
        // then one line says what is too big and what the limit is
        String expected = "the comparison is too large to fit in memory: 3 runs need about "
                + MemoryEstimate.format(3 * oneRun()) + " for the networks and " + MemoryEstimate.format(dataBytes())
                + " for the data, " + MemoryEstimate.format(3 * oneRun() + dataBytes()) + " in all, more than the "
                + MemoryEstimate.format(limit) + " available; train fewer runs at once, or use smaller networks or fewer examples";
        assertEquals(List.of(expected), error.messages());
    }

    @Test
    void runsThatFitTogetherAreAccepted() throws Exception {
        long limit = (long) (2.5 * oneRun() + dataBytes());
        try (LockstepComparison comparison = LockstepComparison.create(TRAINING, train, validation, runs(2), limit)) {
            assertEquals(2, comparison.runCount());
        }
    }

    @Test
    void eachInputNormalizerUsedCountsItsOwnCopyOfTheData() {
        // given room for two runs and one copy of the data, but a second normalizer needs a second copy
        long limit = (long) (2 * oneRun() + 1.5 * dataBytes());
        List<RunConfig> two = List.of(runs(1).get(0), new RunConfig("raw", NETWORK, Choice.of(OptimizerType.SGD),
                Choice.of(Schedule.CONSTANT), Choice.of(InputNormalizer.NONE)));
        // then
        var error = assertThrows(LockstepComparison.InvalidComparisonException.class,
                () -> LockstepComparison.create(TRAINING, train, validation, two, limit));
        assertEquals(1, error.messages().size());
        assertTrue(error.messages().get(0).contains(" and " + MemoryEstimate.format(2 * dataBytes()) + " for the data"),
                error.messages().get(0));
    }

    @Test
    void runsThatFitOffTheHeapButNotOnItAreRefusedSayingHowManyFit() {
        // given 300 runs, far within ND4J's memory, and a Java heap of 64 MiB
        List<RunConfig> many = runs(300);
        List<dev.descent.engine.graph.Validation> networks = many.stream().map(r -> GraphValidator.validate(r.network(),
                train.shape(), 32, Float.BYTES, Long.MAX_VALUE)).toList();
        long heap = 64L << 20;

        String problem = LockstepComparison.memoryProblem(many, networks, train.shape(), 400, 80, 32, Float.BYTES,
                Long.MAX_VALUE, heap);

        // then each run counts its history (13 series: 4 of its own, 3 for each of h1, out and a1, and the
        // optimizer's 4 quarter-size series for each of h1 and out), its
        // snapshots (3 histograms each: h1's and out's weights, a1's outputs) and its trainer; the data counts its features and labels read, split and copied into tensors
        double perRun = RunHistory.heapBytes(2, 1) + Snapshots.heapBytes(3) + LockstepComparison.RUN_HEAP_BYTES;
        double data = 2.0 * 400 * (2 + 1) * 4 + 400.0 * (2 + 2) * 4;
        double limit = 0.85 * heap;
        long fit = (long) Math.floor((limit - data) / perRun);
        assertEquals("the comparison is too large for the Java heap: 300 runs need about "
                + MemoryEstimate.format(300 * perRun) + " for their histories and recorders and "
                + MemoryEstimate.format(data) + " for the data, more than the " + MemoryEstimate.format(limit)
                + " it may take here (85% of the 64.0 MB heap; java -Xmx sets the heap); train at most " + fit
                + " of these runs at once", problem);
        assertTrue(fit > 20 && fit < 40, "about 1.7 MB a run: " + fit);
    }

    @Test
    void theHeapEstimateOfARunCoversWhatItsHistoryAndTrainerReallyTake() throws Exception {
        // given 12 runs that have trained 1,025 steps, so every history series exists and has grown its
        // buckets to their full capacity (they start small and double: 1,024 buckets are full at step 1,024)
        long before = usedHeap();
        List<RunConfig> runs = runs(12);
        long used;
        try (LockstepComparison comparison = LockstepComparison.create(new TrainingConfig(1, 1, 32, 10, 1025,
                DataType.FLOAT), train, validation, runs)) {
            comparison.start();
            assertTrue(comparison.await(120, java.util.concurrent.TimeUnit.SECONDS));
            used = usedHeap() - before;
            // then the estimate is at least what they hold on the heap, and not wildly more
            double estimate = 12.0 * LockstepComparison.runHeapBytes(NETWORK);
            assertTrue(estimate >= used && estimate < 3 * used, "estimate " + MemoryEstimate.format(estimate)
                    + ", measured " + MemoryEstimate.format(used));
        }
    }

    private static long usedHeap() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        // collect until two readings agree: cleaners and reference queues of earlier tests free memory a
        // collection or two later (a fresh clone's suite once read 1.9 MB less after training than before)
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(50);
            long used = runtime.totalMemory() - runtime.freeMemory();
            if (i >= 2 && Math.abs(used - last) < (64 << 10)) {
                return used;
            }
            last = used;
        }
        return last;
    }
}
