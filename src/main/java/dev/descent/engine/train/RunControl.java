package dev.descent.engine.train;

/**
 * Pause, resume, single-step and stop for the runs of a comparison, checked cooperatively before every
 * step of every run ({@link #turn}). Calls from any thread return at once: they set flags and wake the
 * workers ({@link RunWorkers}); a run reacts before its next step.
 *
 * <p>Single steps use tickets: each {@link #step()} issues a new ticket and every paused run may take
 * one step per ticket it has not used yet, so "step" advances all runs by exactly one.
 */
public final class RunControl {
    private final Object lock = new Object();
    private boolean paused;
    private boolean stopped;
    private long ticket;
    /** Called after every change, outside the lock: wakes the workers so they look again. */
    private volatile Runnable changed = () -> { };

    /** Runs finish their current step and wait. */
    public void pause() {
        synchronized (lock) {
            paused = true;
        }
        changed.run();
    }

    /** Paused runs continue. */
    public void resume() {
        synchronized (lock) {
            paused = false;
        }
        changed.run();
    }

    /** Every run takes exactly one more step, then waits (pauses first if running). */
    public void step() {
        synchronized (lock) {
            paused = true;
            ticket++;
        }
        changed.run();
    }

    /** Runs stop before their next step. Cannot be undone. */
    public void stop() {
        synchronized (lock) {
            stopped = true;
        }
        changed.run();
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

    /** Wakes the workers so they look at the runs again (a request arrived, a run may go on). */
    void wake() {
        changed.run();
    }

    /** Sets what every change calls (the workers' wake-up); once, before the runs start. */
    void onChange(Runnable wakeUp) {
        changed = wakeUp;
    }

    /** What a run may do now. */
    enum Decision {
        /** Take the next step. */
        STEP,
        /** Wait: the runs are paused and this run has used every ticket. */
        WAIT,
        /** Stop before the next step. */
        STOP
    }

    /**
     * Whether the run holding {@code run} may take its next step now; never blocks. When paused, a step
     * uses one of the run's unused tickets (three presses of Step are three steps).
     */
    Decision turn(Turn run) {
        synchronized (lock) {
            if (stopped) {
                return Decision.STOP;
            }
            if (!paused) {
                return Decision.STEP;
            }
            if (run.usedTicket < ticket) {
                run.usedTicket++;
                return Decision.STEP;
            }
            return Decision.WAIT;
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
}
