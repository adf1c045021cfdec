package dev.descent.engine.train;

import static dev.descent.testing.Specs.activation;
import static dev.descent.testing.Specs.chain;
import static dev.descent.testing.Specs.dense;
import static dev.descent.testing.Specs.input;
import static dev.descent.testing.Specs.loss;

import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.Generator;
import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Choice;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Child process of {@link MemoryBoundsTest}: trains one run using every kind of per-step work and prints
 * its resident size after {@code warm} steps and after {@code total} steps, each after a GC. Run with a
 * fixed, pre-touched heap so that any growth is native memory.
 */
public final class LongRunMemory {
    public static void main(String[] args) throws Exception {
        int warm = Integer.parseInt(args[0]);
        int total = Integer.parseInt(args[1]);
        Dataset all = Generator.SPIRAL.generate(400, 0.1, 2, 3);
        Dataset train = all.subset(IntStream.range(0, 320).toArray());
        Dataset validation = all.subset(IntStream.range(320, 400).toArray());
        RunConfig run = new RunConfig("long", chain(input("in"), dense("h1", 16), new NodeSpec.BatchNorm("bn", 0.1, 1e-5, null),
                activation("a1", "relu"), new NodeSpec.Dropout("d", 0.2, null), dense("h2", 16), activation("a2", "tanh"),
                dense("out", 2), loss("loss", "cross_entropy")),
                Choice.of(OptimizerType.ADAM), Choice.of(Schedule.COSINE), Choice.of(InputNormalizer.STANDARDIZE));
        try (LockstepComparison c = LockstepComparison.create(new TrainingConfig(1, 1, 32, 25, total, DataType.FLOAT),
                train, validation, List.of(run))) {
            c.start();
            while (c.summaries().get(0).steps() < warm) {
                Thread.sleep(20);
            }
            long early = settled();
            if (!c.await(300, TimeUnit.SECONDS)) {
                throw new IllegalStateException("did not finish");
            }
            long late = settled();
            System.out.println("status " + c.status(0) + " history " + c.history(0).trainLoss().size()
                    + " points " + c.history(0).trainLoss().totalPoints());
            System.out.println("rss " + early + " " + late);
        }
        System.exit(0);
    }

    private static long settled() throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            best = Math.min(best, Pointer.physicalBytes());
        }
        return best;
    }
}
