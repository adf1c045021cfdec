package dev.descent.ui.data;

/**
 * Keeps prediction requests to a trickle: at most one outstanding request, at least
 * {@code minInterval} between requests, and a request that never answers (the run failed it or was
 * closed) stops counting as outstanding after {@code timeout}. Times are caller-supplied nanoseconds,
 * so tests need no clock. FX thread only.
 */
final class Throttle {
    private final long minInterval;
    private final long timeout;
    private boolean outstanding;
    private long sentAt;
    private boolean everSent;

    Throttle(long minIntervalNanos, long timeoutNanos) {
        this.minInterval = minIntervalNanos;
        this.timeout = timeoutNanos;
    }

    /** Whether a request may be sent at {@code now}. */
    boolean mayAsk(long now) {
        if (!everSent) {
            return true;
        }
        long since = now - sentAt;
        if (outstanding && since < timeout) {
            return false;
        }
        return since >= minInterval;
    }

    /** A request was sent at {@code now}. */
    void sent(long now) {
        outstanding = true;
        everSent = true;
        sentAt = now;
    }

    /** The outstanding request was answered (or is no longer wanted). */
    void answered() {
        outstanding = false;
    }

    boolean outstanding() {
        return outstanding;
    }
}
