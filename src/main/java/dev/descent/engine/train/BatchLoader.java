package dev.descent.engine.train;

import dev.descent.engine.nn.Pass;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Copies each step's minibatch from the training tensors into a pass's buffers with ND4J's
 * {@code gather}, following the epoch's {@link BatchOrder}. Gathers are prepared once per pass and read
 * their row indices from a fixed buffer that each step refills. (Rebinding a prepared op's input instead
 * leaks about 100 bytes of native memory per call in ND4J 1.0.0-M2.1; see docs/decisions/0004.)
 */
final class BatchLoader {
    private final TrainingData data;
    private final int batchSize;
    private final BatchOrder order;
    private final INDArray permutation;
    private final INDArray[] batchIndices;
    private final Map<Pass, Gather[]> gathers = new HashMap<>();
    private int preparedEpoch = -1;

    BatchLoader(TrainingData data, int batchSize, long seed) {
        this.data = data;
        this.batchSize = batchSize;
        this.order = new BatchOrder(seed, data.trainSize);
        this.permutation = Nd4j.zeros(DataType.INT32, data.trainSize);
        int batches = TrainingConfig.batchesPerEpoch(data.trainSize, batchSize);
        this.batchIndices = new INDArray[batches];
        for (int b = 0; b < batches; b++) {
            long from = (long) b * batchSize;
            // the last batch takes what is left: fewer than B, or B + 1 when one example would be alone
            long to = b == batches - 1 ? data.trainSize : from + batchSize;
            batchIndices[b] = permutation.get(NDArrayIndex.interval(from, to));
        }
    }

    /** Examples in batch {@code b} of an epoch (the last one may be short, or one longer; see {@link TrainingConfig}). */
    int sizeOf(int b) {
        return (int) batchIndices[b].length();
    }

    /** Batches per epoch. */
    int batches() {
        return batchIndices.length;
    }

    /** Fills {@code pass} with batch {@code b} of the 0-based {@code epoch}. */
    void load(int epoch, int b, Pass pass) {
        if (epoch != preparedEpoch) {
            // one bulk copy: 6,400 putScalar calls cost ~130 µs per step once amortized
            permutation.assign(Nd4j.createFromArray(order.permutation(epoch)));
            preparedEpoch = epoch;
        }
        Gather[] pair = gathers.computeIfAbsent(pass, q -> {
            // lives across steps: created outside the step's workspace
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                INDArray indices = batchIndices[b].ulike();
                return new Gather[]{new Gather(data.trainFeatures, indices, q.features()),
                        new Gather(data.trainLabels, indices, q.labels())};
            }
        });
        pair[0].indices.assign(batchIndices[b]);
        pair[0].run();
        pair[1].run();
    }

    /** rows of {@code source} at {@code indices} → {@code target}; a prepared gather along axis 0. */
    private static final class Gather {
        private final CustomOp op;
        private final OpContext context;
        final INDArray indices;

        Gather(INDArray source, INDArray indices, INDArray target) {
            this.indices = indices;
            op = DynamicCustomOp.builder("gather").addInputs(source, indices).addOutputs(target)
                    .addIntegerArguments(0).build();
            context = Nd4j.getExecutioner().buildContext();
            context.setInputArrays(source, indices);
            context.setOutputArrays(target);
            context.setIArguments(0);
            context.shapeFunctionOverride(true);
        }

        void run() {
            Nd4j.getExecutioner().exec(op, context);
        }
    }
}
