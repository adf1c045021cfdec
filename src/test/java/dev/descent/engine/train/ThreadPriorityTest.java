package dev.descent.engine.train;

import static dev.descent.testing.Specs.activation;
import static dev.descent.testing.Specs.chain;
import static dev.descent.testing.Specs.dense;
import static dev.descent.testing.Specs.input;
import static dev.descent.testing.Specs.loss;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.Generator;
import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Choice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The window's runs train below the window's own threads; the command line's at normal priority. */
class ThreadPriorityTest {

    private static int niceOfRunThread(LockstepComparison.Priority priority) throws Exception {
        Dataset data = Generator.SPIRAL.generate(64, 0.1, 2, 1);
        RunConfig run = new RunConfig("a", chain(input("in"), dense("h", 4), activation("a", "tanh"), dense("out", 2),
                loss("loss", "cross_entropy")), Choice.of(OptimizerType.SGD), Choice.of(Schedule.CONSTANT),
                Choice.of(InputNormalizer.NONE));
        try (LockstepComparison c = LockstepComparison.create(new TrainingConfig(1, 1, 16, 100, 5, DataType.FLOAT),
                data, data.subset(new int[0]), List.of(run))) {
            c.start(priority);
            assertTrue(c.await(30, TimeUnit.SECONDS));
            CompletableFuture<Integer> nice = new CompletableFuture<>();
            c.predict(0, 1, new float[]{0, 0}, p -> nice.complete(ThreadPriority.currentNice()));
            return nice.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void backgroundRunsTrainAtANiceValueOfTen() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/thread-self")), "Linux only");
        int base = ThreadPriority.currentNice();
        assertTrue(niceOfRunThread(LockstepComparison.Priority.BACKGROUND) >= Math.max(base, ThreadPriority.BACKGROUND_NICE));
    }

    @Test
    void normalRunsKeepTheProcesssPriority() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/thread-self")), "Linux only");
        assertEquals(ThreadPriority.currentNice(), niceOfRunThread(LockstepComparison.Priority.NORMAL));
    }
}
