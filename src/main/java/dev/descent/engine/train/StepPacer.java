package dev.descent.engine.train;

/**
 * Holds a comparison to a {@link StepRate}: it issues ticks, at most one every
 * {@link StepRate#intervalNanos()}, and every run may take one step per tick. The next tick comes once
 * every run still training has finished its step of the current one (or is still being opened, before
 * the first) and the interval since the last tick has passed, so all runs advance together, one step per
 * tick, and a run that cannot keep up slows the ticks instead of piling them up.
 *
 * <p>Ticks are due at t₀ + k·Δ (Δ = 1/rate), so the rate does not drift with the workers' wake-up
 * latency; after a wait longer than Δ (a pause, a slow step) the next tick is now and the count starts
 * again from there, so there is never a burst of steps to catch up. A new rate applies from the next
 * tick: it is due Δ_new after the last one. At full speed nothing is issued or counted: the workers do
 * not consult the pacer.
 *
 * <p>Not thread-safe: {@link RunWorkers} calls it under its lock, with the time as an argument (tests
 * pass their own).
 */
final class StepPacer {
    private long interval;
    private long ticks;
    private long lastTick;
    private boolean ticked;

    /** Applies {@code rate} from the next tick on. */
    void rate(StepRate rate) {
        interval = rate.intervalNanos();
    }

    /** Whether a rate is set (false at full speed). */
    boolean limits() {
        return interval > 0;
    }

    /** Ticks issued so far: a run that has taken a step for each of them waits for the next. */
    long ticks() {
        return ticks;
    }

    /**
     * Issues the next tick if {@code allStepped} (every run still training has taken its step of the
     * current tick) and it is due at {@code now}; returns whether it did.
     */
    boolean advance(boolean allStepped, long now) {
        if (!allStepped) {
            return false;
        }
        if (ticked) {
            long due = lastTick + interval;
            if (now - due < 0) {
                return false;
            }
            lastTick = now - due < interval ? due : now;
        } else {
            lastTick = now;
            ticked = true;
        }
        ticks++;
        return true;
    }

    /** Nanoseconds from {@code now} until the next tick is due (0 if it is due now). */
    long nanosToNextTick(long now) {
        return ticked ? Math.max(0, lastTick + interval - now) : 0;
    }
}
