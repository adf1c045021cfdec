package dev.descent.engine.train;

/**
 * Pause, resume, single-step and stop for the runs of a comparison, checked cooperatively by each run
 * before every step. Calls from any thread return at once; a run reacts before its next step.
 *
 * <p>Single steps use tickets: each {@link #step()} issues a new ticket and every paused run may take
 * one step per ticket it has not used yet, so "step" advances all runs by exactly one.
 */
public final class RunControl {
    private final Object lock = new Object();
    private boolean paused;
    private boolean stopped;
    private long ticket;
    /** Counts {@link #wake} calls, so a run that was busy when one came does not go to sleep on it. */
    private long wakeups;

    /** Runs finish their current step and wait. */
    public void pause() {
        synchronized (lock) {
            paused = true;
        }
    }

    /** Paused runs continue. */
    public void resume() {
        synchronized (lock) {
            paused = false;
            lock.notifyAll();
        }
    }

    /** Every run takes exactly one more step, then waits (pauses first if running). */
    public void step() {
        synchronized (lock) {
            paused = true;
            ticket++;
            lock.notifyAll();
        }
    }

    /** Runs stop before their next step. Cannot be undone. */
    public void stop() {
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
        }
    }

    /** Whether a stop was requested. */
    public boolean isStopped() {
        synchronized (lock) {
            return stopped;
        }
    }

    /** Whether runs are held. */
    public boolean isPaused() {
        synchronized (lock) {
            return paused;
        }
    }

    /** Wakes a waiting run so it can serve requests (such as a decision-boundary snapshot). */
    void wake() {
        synchronized (lock) {
            wakeups++;
            lock.notifyAll();
        }
    }

    /**
     * Blocks a run until it may take its next step. What the run does while it waits (announcing the
     * pause, serving requests) happens outside the lock, so a caller of {@link #pause}, {@link #step} or
     * {@link #wake} never waits for a paused run's work, and a wake-up that arrives while the run is
     * serving is not lost.
     *
     * @param run        the run's ticket holder
     * @param whileWaiting called on the run's thread while it waits: status changes and pending requests
     * @return false if the run must stop
     */
    boolean awaitTurn(Turn run, Waiting whileWaiting) throws InterruptedException {
        boolean announced = false;
        while (true) {
            long seen;
            synchronized (lock) {
                if (stopped) {
                    return false;
                }
                if (!paused) {
                    break;
                }
                if (run.usedTicket < ticket) {
                    run.usedTicket++; // one step per ticket: three presses of Step are three steps
                    break;
                }
                seen = wakeups;
            }
            if (!announced) {
                whileWaiting.paused();
                announced = true;
            }
            whileWaiting.serve();
            synchronized (lock) {
                if (!stopped && paused && run.usedTicket >= ticket && wakeups == seen) {
                    lock.wait(100);
                }
            }
        }
        if (announced) {
            whileWaiting.resumed();
        }
        return true;
    }

    /** A run's record of the single-step tickets it has used. */
    static final class Turn {
        private long usedTicket;

        /** A run starting now has used every ticket issued so far. */
        Turn(RunControl control) {
            synchronized (control.lock) {
                usedTicket = control.ticket;
            }
        }
    }

    /** What a run does while it waits. */
    interface Waiting {
        void paused();

        void resumed();

        void serve();
    }
}
