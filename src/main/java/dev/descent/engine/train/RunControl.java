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

    /** Runs finish their current step and wait. */
    public void pause() {
        synchronized (lock) {
            paused = true;
            lock.notifyAll();
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
            lock.notifyAll();
        }
    }

    /**
     * Blocks a run until it may take its next step.
     *
     * @param run        the run's ticket holder
     * @param whileWaiting called on the run's thread while it waits: status changes and pending requests
     * @return false if the run must stop
     */
    boolean awaitTurn(Turn run, Waiting whileWaiting) throws InterruptedException {
        synchronized (lock) {
            boolean announced = false;
            while (true) {
                if (stopped) {
                    return false;
                }
                if (!paused) {
                    break;
                }
                if (run.usedTicket < ticket) {
                    run.usedTicket = ticket;
                    break;
                }
                if (!announced) {
                    whileWaiting.paused();
                    announced = true;
                }
                whileWaiting.serve();
                lock.wait(100);
            }
            if (announced) {
                whileWaiting.resumed();
            }
            return true;
        }
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
