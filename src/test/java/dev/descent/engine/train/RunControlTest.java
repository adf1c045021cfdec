package dev.descent.engine.train;

import static dev.descent.testing.Specs.activation;
import static dev.descent.testing.Specs.chain;
import static dev.descent.testing.Specs.dense;
import static dev.descent.testing.Specs.input;
import static dev.descent.testing.Specs.loss;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.Generator;
import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Choice;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The controls never wait for a run's work; tickets give exactly one step each. */
class RunControlTest {

    @Test
    void eachStepTicketLetsARunTakeExactlyOneStep() {
        // given paused runs, Step pressed three times before a run even looks
        RunControl control = new RunControl();
        control.pause();
        RunControl.Turn turn = new RunControl.Turn(control);
        control.step();
        control.step();
        control.step();
        // then the run may take three steps, then waits
        for (int i = 0; i < 3; i++) {
            assertEquals(RunControl.Decision.STEP, control.turn(turn));
        }
        assertEquals(RunControl.Decision.WAIT, control.turn(turn));
        // and a run that starts later has used the tickets issued before it
        assertEquals(RunControl.Decision.WAIT, control.turn(new RunControl.Turn(control)));
        // and stop wins over everything
        control.step();
        control.stop();
        assertEquals(RunControl.Decision.STOP, control.turn(turn));
    }

    @Test
    void controlsAnswerWhileAPausedRunIsServingARequest() throws Exception {
        // given a paused run whose only worker is busy serving a request (a decision-boundary snapshot, say)
        Dataset data = Generator.SPIRAL.generate(64, 0.1, 2, 1);
        RunConfig run = new RunConfig("a", chain(input("in"), dense("h", 4), activation("a", "tanh"), dense("out", 2),
                loss("loss", "cross_entropy")), Choice.of(OptimizerType.SGD), Choice.of(Schedule.CONSTANT),
                Choice.of(InputNormalizer.NONE));
        Recorder r = new Recorder();
        try (LockstepComparison c = LockstepComparison.create(new TrainingConfig(1, 1, 16, 100, 50, DataType.FLOAT),
                data, data.subset(new int[0]), List.of(run))) {
            c.addListener(r);
            c.pause();
            c.start(LockstepComparison.Priority.NORMAL, 1);
            CountDownLatch serving = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            c.predict(0, 1, new float[]{0, 0}, p -> {
                serving.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(serving.await(30, TimeUnit.SECONDS));
            // when the window steps, asks for another snapshot and pauses while the worker is still serving
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                c.step();
                c.predict(0, 1, new float[]{0, 0}, p -> { });
                c.pause();
            }, "a control call waited for the run's work");
            // then, released, the run takes the one step it was given
            release.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (r.steps.isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "the run did not take its step");
                Thread.sleep(5);
            }
            Thread.sleep(150);
            assertEquals(1, r.steps.size());
        }
    }
}
