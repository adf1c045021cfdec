package dev.descent.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The controls never wait for a paused run's work; tickets give exactly one step each. */
class RunControlTest {

    /** What a paused run does while it waits: nothing but serving. */
    private static RunControl.Waiting serving(Runnable serve) {
        return new RunControl.Waiting() {
            @Override
            public void paused() {
            }

            @Override
            public void resumed() {
            }

            @Override
            public void serve() {
                serve.run();
            }
        };
    }

    /** A paused run whose first request blocks until the test lets it go. */
    private static final class BlockedServer {
        final CountDownLatch serving = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger serves = new AtomicInteger();
        final RunControl.Waiting waiting = serving(() -> {
            if (serves.incrementAndGet() == 1) {
                serving.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }

    @Test
    void controlsAnswerWhileAPausedRunIsServingARequest() throws Exception {
        // given a paused run busy serving a request (a decision-boundary snapshot, say)
        RunControl control = new RunControl();
        control.pause();
        RunControl.Turn turn = new RunControl.Turn(control);
        BlockedServer server = new BlockedServer();
        AtomicBoolean mayStep = new AtomicBoolean();
        Thread run = new Thread(() -> {
            try {
                mayStep.set(control.awaitTurn(turn, server.waiting));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        run.start();
        assertTrue(server.serving.await(10, TimeUnit.SECONDS));
        // when the window steps, wakes and resumes while the run is still serving
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            control.step();
            control.wake();
            control.pause();
        }, "a control call waited for the run's work");
        // then, released, the run takes the step it was given
        server.release.countDown();
        run.join(10_000);
        assertFalse(run.isAlive());
        assertTrue(mayStep.get());
    }

    @Test
    void eachStepTicketLetsARunTakeExactlyOneStep() throws Exception {
        RunControl control = new RunControl();
        control.pause();
        RunControl.Turn turn = new RunControl.Turn(control);
        AtomicInteger steps = new AtomicInteger();
        Thread run = new Thread(() -> {
            try {
                while (control.awaitTurn(turn, serving(() -> { }))) {
                    steps.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        control.step();
        control.step();
        control.step(); // three presses before the run even looks
        run.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (steps.get() < 3 && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(150); // longer than one wait: a fourth step would have been taken by now
        assertEquals(3, steps.get());
        control.stop();
        run.join(10_000);
        assertFalse(run.isAlive());
    }
}
