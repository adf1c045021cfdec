package dev.descent.engine.train;

import java.util.ArrayList;
import java.util.List;

/**
 * The last {@value #CAPACITY} steps of a run's watched weight ({@link WatchedWeightStep}), oldest first.
 * A step of another weight than the ones held starts it afresh (the watch moved). Takes no memory until
 * a weight is watched, then {@value #CAPACITY} small records (about 40 KB). Fed on the training thread,
 * read from any thread.
 */
public final class WatchedWeightHistory {
    /** Steps kept: enough for a small chart, and little memory. */
    public static final int CAPACITY = 300;
    private WatchedWeightStep[] ring;
    private int next;
    private int size;

    synchronized void add(WatchedWeightStep step) {
        if (ring == null) {
            ring = new WatchedWeightStep[CAPACITY];
        } else if (size > 0 && !latestLocked().weight().equals(step.weight())) {
            size = 0;
            next = 0;
        }
        ring[next] = step;
        next = (next + 1) % CAPACITY;
        size = Math.min(CAPACITY, size + 1);
    }

    /** The steps held, oldest first (a copy). */
    public synchronized List<WatchedWeightStep> steps() {
        List<WatchedWeightStep> out = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
            out.add(ring[(next - size + k + CAPACITY) % CAPACITY]);
        }
        return out;
    }

    /** The newest step, or null. */
    public synchronized WatchedWeightStep latest() {
        return size == 0 ? null : latestLocked();
    }

    private WatchedWeightStep latestLocked() {
        return ring[(next - 1 + CAPACITY) % CAPACITY];
    }
}
