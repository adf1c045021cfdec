package dev.descent.engine.train;

import static dev.descent.testing.Specs.chain;
import static dev.descent.testing.Specs.dense;
import static dev.descent.testing.Specs.input;
import static dev.descent.testing.Specs.loss;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.graph.LossFunction;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.nn.Network;
import dev.descent.engine.nn.Pass;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Choice;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** How an epoch is cut into batches: never a batch of one example, every example once. */
class BatchLoaderTest {
    private static final NetworkSpec WITH_BATCH_NORM = chain(input("in"), dense("h1", 4),
            new NodeSpec.BatchNorm("bn", 0.1, 1e-5, null), dense("out", 2), loss("loss", "cross_entropy"));

    /** n examples whose single feature is the example's index, two classes. */
    private static Dataset indexed(int n) {
        float[] x = new float[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = i % 2;
        }
        return Dataset.classification("indexed", 1, x, y, List.of("i"), List.of("a", "b"));
    }

    private static List<Integer> sizes(int n, int batchSize) {
        TrainingData data = TrainingData.prepare(indexed(n), indexed(n).subset(new int[0]), InputNormalizer.NONE,
                LossFunction.CROSS_ENTROPY, DataType.FLOAT);
        BatchLoader loader = new BatchLoader(data, batchSize, 1);
        return IntStream.range(0, loader.batches()).map(loader::sizeOf).boxed().toList();
    }

    @Test
    void aSingleLeftoverExampleJoinsThePreviousBatch() {
        assertEquals(List.of(33), sizes(33, 32));
        assertEquals(List.of(32, 33), sizes(65, 32));
        assertEquals(2, new TrainingConfig(1, 1, 32, 10, 0, DataType.FLOAT).stepsPerEpoch(65));
    }

    @Test
    void otherShortBatchesStayShort() {
        assertEquals(List.of(32, 2), sizes(34, 32));
        assertEquals(List.of(32, 32), sizes(64, 32));
        assertEquals(List.of(5), sizes(5, 32));
        assertEquals(List.of(1), sizes(1, 32));
    }

    @Test
    void everyExampleIsLoadedExactlyOncePerEpochWhenTheLastBatchIsMerged() {
        // given 65 examples in batches of 32: 32 + 33
        TrainingData data = TrainingData.prepare(indexed(65), indexed(65).subset(new int[0]), InputNormalizer.NONE,
                LossFunction.CROSS_ENTROPY, DataType.FLOAT);
        BatchLoader loader = new BatchLoader(data, 32, 7);
        Network network = Network.create(WITH_BATCH_NORM, indexed(65).shape(), DataType.FLOAT, 1);
        // when both batches of epoch 0 are loaded
        List<Integer> seen = new ArrayList<>();
        for (int b = 0; b < loader.batches(); b++) {
            Pass pass = network.pass(loader.sizeOf(b), true);
            loader.load(0, b, pass);
            for (double v : pass.features().reshape(-1).toDoubleVector()) {
                seen.add((int) v);
            }
            // then batch norm sees a real variance in every batch, and the step has a gradient
            assertTrue(Double.isFinite(pass.forward(true)));
            pass.backward();
            assertTrue(network.gradients().norm2Number().doubleValue() > 0);
        }
        assertEquals(65, seen.size());
        assertEquals(65, new TreeSet<>(seen).size());
    }

    @Test
    void batchNormWithABatchSizeOfOneIsRefused() {
        Dataset all = indexed(40);
        RunConfig run = new RunConfig("bn", WITH_BATCH_NORM, Choice.of(OptimizerType.SGD), Choice.of(Schedule.CONSTANT),
                Choice.of(InputNormalizer.NONE));
        var error = assertThrows(LockstepComparison.InvalidComparisonException.class,
                () -> LockstepComparison.create(new TrainingConfig(1, 1, 1, 10, 0, DataType.FLOAT), all,
                        all.subset(new int[0]), List.of(run)));
        assertEquals(List.of("node 'bn': batch_norm needs at least 2 examples per batch to compute a variance, but"
                + " batchSize is 1; use a batchSize of 2 or more, or layer_norm"), error.messages());
    }

    @Test
    void batchNormOnASingleTrainingExampleIsRefused() {
        RunConfig run = new RunConfig("bn", WITH_BATCH_NORM, Choice.of(OptimizerType.SGD), Choice.of(Schedule.CONSTANT),
                Choice.of(InputNormalizer.NONE));
        var error = assertThrows(LockstepComparison.InvalidComparisonException.class,
                () -> LockstepComparison.create(new TrainingConfig(1, 1, 32, 10, 0, DataType.FLOAT), indexed(1),
                        indexed(1).subset(new int[0]), List.of(run)));
        assertEquals(List.of("node 'bn': batch_norm needs at least 2 training examples to compute a variance, but the"
                + " training split has 1; add examples or hold fewer out for validation"), error.messages());
    }
}
