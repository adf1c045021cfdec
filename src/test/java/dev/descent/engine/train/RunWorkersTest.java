package dev.descent.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The worker pool's scheduling, on runs whose timing the test controls. */
class RunWorkersTest {

    /** A run that takes instant steps, optionally after an open that waits for the test. */
    private static final class FakeRun implements Steppable {
        final CountDownLatch mayOpen;
        volatile int steps;
        volatile boolean paused;
        volatile boolean stopped;
        final int total;
        /** Called after each step (the test's probe), or null. */
        volatile Runnable afterStep;

        FakeRun(CountDownLatch mayOpen) {
            this(mayOpen, Integer.MAX_VALUE);
        }

        FakeRun(CountDownLatch mayOpen, int total) {
            this.mayOpen = mayOpen;
            this.total = total;
        }

        @Override public boolean hasRequests() { return false; }
        @Override public void serveRequests() { }
        @Override public boolean open() {
            try {
                return mayOpen.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return false;
            }
        }
        @Override public boolean advance() {
            steps++;
            if (afterStep != null) {
                afterStep.run();
            }
            return steps < total;
        }
        @Override public void paused() { paused = true; }
        @Override public void resumed() { paused = false; }
        @Override public void stop() { stopped = true; }
        @Override public int stepsTaken() { return steps; }
        @Override public int totalSteps() { return total; }
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            assertTrue(System.currentTimeMillis() < deadline, "timed out: " + what);
            Thread.sleep(5);
        }
    }

    @Test
    void aRunWaitingAheadInLockstepAnnouncesThePauseToo() throws Exception {
        // given two runs in lockstep, the second slow to open, so the first waits MAX_LEAD steps ahead of it
        CountDownLatch slowOpen = new CountDownLatch(1);
        FakeRun ahead = new FakeRun(new CountDownLatch(0));
        FakeRun behind = new FakeRun(slowOpen);
        RunControl control = new RunControl();
        RunWorkers workers = new RunWorkers(List.of(ahead, behind), control);
        workers.lockstep(true);
        workers.start(2, false);
        try {
            waitFor("the first run ahead", () -> ahead.steps == RunWorkers.MAX_LEAD);
            // when Pause is pressed while it waits, and the second run then opens and holds
            control.pause();
            slowOpen.countDown();
            waitFor("the second run paused", () -> behind.paused);
            // then the run waiting ahead says it is paused as well (it said "training" for ever)
            waitFor("the first run paused", () -> ahead.paused);
            assertEquals(RunWorkers.MAX_LEAD, ahead.steps);
            assertEquals(0, behind.steps);
            // and a single step moves each of them by one, then holds them again
            control.step();
            waitFor("one step each", () -> behind.steps == 1 && ahead.steps == RunWorkers.MAX_LEAD + 1);
            waitFor("both held after the step", () -> ahead.paused && behind.paused);
            Thread.sleep(100);
            assertEquals(1, behind.steps, "held after its step");
            assertEquals(RunWorkers.MAX_LEAD + 1, ahead.steps, "held after its step");
        } finally {
            control.stop();
            workers.close();
        }
    }

    @Test
    void runsGoingFreeOfUnequalLengthsFinishTogether() throws Exception {
        // given a run of 400 steps and one of 100 (a sweep's batch sizes), no lockstep, one worker
        FakeRun longer = new FakeRun(new CountDownLatch(0), 400);
        FakeRun shorter = new FakeRun(new CountDownLatch(0), 100);
        int[] longerAtShortersEnd = {-1};
        shorter.afterStep = () -> {
            if (shorter.steps == shorter.total) {
                longerAtShortersEnd[0] = longer.steps;
            }
        };
        RunControl control = new RunControl();
        RunWorkers workers = new RunWorkers(List.of(longer, shorter), control);
        workers.start(1, false);
        try {
            waitFor("both ended", () -> longer.steps == longer.total && shorter.steps == shorter.total);
            // then the longer run was as far along as the shorter one when it ended (taking turns, it was at
            // 100 of 400, and trained the rest alone while the other workers had nothing to do)
            assertTrue(longerAtShortersEnd[0] >= 396, "the longer run at the shorter's end: " + longerAtShortersEnd[0]);
        } finally {
            control.stop();
            workers.close();
        }
    }
}
