package dev.descent.engine.train;

import dev.descent.engine.Engine;
import java.util.ArrayList;
import java.util.List;

/**
 * A bounded pool of worker threads that trains the runs of a comparison one step at a time, so that a
 * comparison with more runs than cores does not start one thread per run. Each worker repeatedly takes
 * a run nobody holds and that has something to do, does it outside the lock, and puts it back:
 * <ol>
 *   <li>serve its pending requests (predictions for the window), even after it ended;</li>
 *   <li>open it (compile its network) if it has not started;</li>
 *   <li>otherwise ask the {@link RunControl} for its turn: take one step, announce the pause once, or
 *       stop.</li>
 * </ol>
 * Runs are taken in turn (round robin), so every run gets the same share of the workers, except while the
 * runs go free at full speed (no lockstep, no pacing, not paused): then the run furthest behind in its own
 * steps (steps taken over steps in all) goes next, so runs of unequal length (a sweep's batch sizes: 3,150
 * steps of 16 rows beside 420 of 128) finish together and no worker idles at the end while the longest
 * run trains alone. Requests and openings still come first. A run is held
 * by one worker at a time, and taking and returning it goes through this class's lock, so everything
 * one worker did to a run happens before what the next one does. Every step computes exactly what it
 * would on a thread of its own (ND4J and BLAS use one thread per worker, randomness is per network), so
 * results are byte-identical whatever the number of workers.
 *
 * <p>With {@link #lockstep} on, a run may start a step only while it is at most {@link #MAX_LEAD} steps
 * ahead of the slowest run still training, so a race on screen is a fair race.
 *
 * <p>With a {@link #stepRate} other than full speed, a {@link StepPacer} paces the runs while they are
 * not paused: a run starts a step only with a tick it has not used, so every run takes one step per tick
 * and the comparison advances at most at that rate. Single steps while paused are not paced. At full
 * speed the pacer is not consulted.
 */
final class RunWorkers {
    /** Steps a run may be ahead of the slowest training run when lockstep is on. */
    static final int MAX_LEAD = 2;

    private final Object lock = new Object();
    private final List<Slot> slots = new ArrayList<>();
    private final RunControl control;
    private final List<Thread> threads = new ArrayList<>();
    private int next;
    private boolean lockstep;
    private boolean closed;
    private final StepPacer pacer = new StepPacer();
    private StepRate rate = StepRate.FULL_SPEED;
    /** Whether this pass over the slots runs paced (a rate is set and the runs are not paused). */
    private boolean pacing;
    /** Times a worker waited for a tick (for tests: none at full speed). */
    private long pacedWaits;

    RunWorkers(List<? extends Steppable> trainers, RunControl control) {
        this.control = control;
        for (Steppable trainer : trainers) {
            slots.add(new Slot(trainer, new RunControl.Turn(control)));
        }
        control.onChange(this::wake);
    }

    /** The workers a comparison of {@code runs} runs starts by default: one per run, at most one per core. */
    static int defaultCount(int runs) {
        return Math.max(1, Math.min(runs, Runtime.getRuntime().availableProcessors()));
    }

    /** Starts {@code count} named worker threads; {@code background}: below interactive threads. */
    void start(int count, boolean background) {
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(() -> work(background), LockstepComparison.WORKER_THREAD_PREFIX + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    /** Number of worker threads started. */
    int count() {
        return threads.size();
    }

    /** Keeps the runs within {@link #MAX_LEAD} steps of each other (true) or lets each go at its pace. */
    void lockstep(boolean on) {
        synchronized (lock) {
            lockstep = on;
            lock.notifyAll();
        }
    }

    boolean lockstep() {
        synchronized (lock) {
            return lockstep;
        }
    }

    /** Paces the runs to {@code rate} from the next step on ({@link StepPacer}); full speed removes it. */
    void stepRate(StepRate rate) {
        synchronized (lock) {
            this.rate = rate;
            pacer.rate(rate);
            lock.notifyAll();
        }
    }

    StepRate stepRate() {
        synchronized (lock) {
            return rate;
        }
    }

    /** Times a worker has waited for the pacer's next tick. */
    long pacedWaits() {
        synchronized (lock) {
            return pacedWaits;
        }
    }

    /** Lets the workers end once every run has ended; requests still pending are dropped. */
    void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
    }

    /** Wakes idle workers: something may have become possible. */
    void wake() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    private void work(boolean background) {
        if (background) {
            ThreadPriority.lowerCurrentThread();
        }
        Engine.initialize();
        Engine.configureCurrentThread();
        while (true) {
            Slot slot;
            Action action;
            synchronized (lock) {
                Taken taken;
                while ((taken = take()) == null) {
                    if (closed && slots.stream().allMatch(s -> s.ended && !s.busy)) {
                        return;
                    }
                    try {
                        lock.wait(waitMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                slot = taken.slot;
                action = taken.action;
                slot.busy = true;
            }
            boolean ended = slot.ended;
            try {
                ended = perform(slot, action);
            } finally {
                synchronized (lock) {
                    slot.busy = false;
                    slot.ended = ended;
                    slot.steps = slot.trainer.stepsTaken();
                    lock.notifyAll();
                }
            }
        }
    }

    /** Does {@code action} on the slot's run (outside the lock); returns whether the run has ended. */
    private boolean perform(Slot slot, Action action) {
        Steppable run = slot.trainer;
        switch (action) {
            case SERVE -> {
                run.serveRequests();
                return slot.ended;
            }
            case OPEN -> {
                slot.opened = true;
                return !run.open();
            }
            case STOP -> {
                run.stop();
                return true;
            }
            case PAUSE -> {
                slot.announcedPause = true;
                run.paused();
                return false;
            }
            case STEP -> {
                if (slot.announcedPause) {
                    slot.announcedPause = false;
                    run.resumed();
                }
                return !run.advance();
            }
            default -> throw new AssertionError(action);
        }
    }

    /**
     * How long an idle worker waits before it looks again, unless woken: until the pacer's next tick while
     * pacing, else a second (a safety net: every change wakes the workers). Under the lock.
     */
    private long waitMillis() {
        if (!pacing) {
            return 1000;
        }
        pacedWaits++;
        return Math.max(1, (pacer.nanosToNextTick(System.nanoTime()) + 999_999) / 1_000_000);
    }

    /** The next run with something to do and what, or null; under the lock. */
    private Taken take() {
        int n = slots.size();
        int slowest = Integer.MAX_VALUE;
        boolean allStepped = true;
        for (Slot s : slots) {
            if (!s.ended) {
                slowest = Math.min(slowest, s.steps);
            }
        }
        pacing = pacer.limits() && !control.isPaused();
        if (pacing) {
            for (Slot s : slots) {
                allStepped &= s.ended || s.pacedTick >= pacer.ticks() && !s.busy; // taken and finished
            }
            pacer.advance(allStepped, System.nanoTime());
        }
        if (!lockstep && !pacing && !control.isPaused()) {
            return takeFurthestBehind(slowest);
        }
        for (int k = 0; k < n; k++) {
            int i = (next + k) % n;
            Slot s = slots.get(i);
            if (s.busy) {
                continue;
            }
            Action action = actionFor(s, slowest);
            if (action != null) {
                if (action == Action.STEP && pacing) {
                    s.pacedTick = pacer.ticks();
                }
                next = (i + 1) % n;
                return new Taken(s, action);
            }
        }
        return null;
    }

    /**
     * While the runs go free: a pending request or opening in round-robin order, else the idle run with the
     * smallest share of its steps taken (ties in round-robin order); under the lock. Nothing is paused, so
     * asking the control for a turn has no side effect.
     */
    private Taken takeFurthestBehind(int slowest) {
        int n = slots.size();
        Slot behind = null;
        int behindIndex = -1;
        for (int k = 0; k < n; k++) {
            int i = (next + k) % n;
            Slot s = slots.get(i);
            if (s.busy) {
                continue;
            }
            if (s.trainer.hasRequests() && s.opened || !s.opened && !s.ended) {
                next = (i + 1) % n;
                return new Taken(s, actionFor(s, slowest));
            }
            if (!s.ended && (behind == null || isFurtherBehind(s, behind))) {
                behind = s;
                behindIndex = i;
            }
        }
        if (behind == null) {
            return null;
        }
        Action action = actionFor(behind, slowest);
        if (action == null) {
            return null;
        }
        next = (behindIndex + 1) % n;
        return new Taken(behind, action);
    }

    /** Whether {@code a} has taken a smaller share of its steps than {@code b}: a.steps/a.total < b.steps/b.total. */
    private static boolean isFurtherBehind(Slot a, Slot b) {
        long aTotal = Math.max(1, a.trainer.totalSteps());
        long bTotal = Math.max(1, b.trainer.totalSteps());
        return a.steps * bTotal < b.steps * aTotal;
    }

    private Action actionFor(Slot s, int slowest) {
        if (s.trainer.hasRequests() && s.opened) {
            return Action.SERVE;
        }
        if (s.ended) {
            return null;
        }
        if (!s.opened) {
            return Action.OPEN;
        }
        boolean ahead = lockstep && !control.isStopped() && s.steps >= slowest + MAX_LEAD;
        boolean tickUsed = pacing && s.pacedTick >= pacer.ticks() && !control.isStopped();
        if (ahead || tickUsed) {
            // ahead: waits for the slowest (which a worker is on, or will take); tickUsed: for the next tick.
            // Either way a pause is announced at once, or a run waiting ahead would say "training" forever.
            return control.isPaused() && !s.announcedPause ? Action.PAUSE : null;
        }
        return switch (control.turn(s.turn)) {
            case STEP -> Action.STEP;
            case STOP -> Action.STOP;
            case WAIT -> s.announcedPause ? null : Action.PAUSE;
        };
    }

    private enum Action { SERVE, OPEN, STEP, PAUSE, STOP }

    private record Taken(Slot slot, Action action) {
    }

    /** A run and what the workers know of it (fields guarded by the lock, except while it is held). */
    private static final class Slot {
        final Steppable trainer;
        final RunControl.Turn turn;
        boolean busy;
        boolean opened;
        boolean ended;
        boolean announcedPause;
        int steps;
        /** The last pacer tick this run took a step for. */
        long pacedTick;

        Slot(Steppable trainer, RunControl.Turn turn) {
            this.trainer = trainer;
            this.turn = turn;
        }
    }
}
