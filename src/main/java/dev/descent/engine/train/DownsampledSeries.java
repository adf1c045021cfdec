package dev.descent.engine.train;

import java.util.Arrays;

/**
 * A metric's history in bounded memory. Points are kept in at most {@code capacity} buckets; when the
 * buckets are full, neighbours are merged in pairs and each bucket then takes twice as many points. Each
 * bucket keeps the mean, minimum, maximum and last value of its points, so a million-step run still
 * shows its spikes. Thread-safe: one writer (the training thread) and any number of readers.
 */
public final class DownsampledSeries {
    /** Doubles per bucket: first step, last step, sum, count, minimum, maximum, last value. */
    private static final int FIELDS = 7;
    private static final int FIRST = 0;
    private static final int LAST_STEP = 1;
    private static final int SUM = 2;
    private static final int COUNT = 3;
    private static final int MIN = 4;
    private static final int MAX = 5;
    private static final int LAST = 6;
    /** Buckets allocated at first; the array doubles up to the capacity as buckets are used. */
    private static final int INITIAL = 64;

    private final int capacity;
    /**
     * Bucket b's fields at b·{@value #FIELDS} + field, side by side: adding a point touches one or two
     * cache lines rather than one per field (seven arrays of their own cost a cache miss per field when
     * many runs' series are fed each step: 64 members × 17 series per step).
     */
    private double[] buckets;
    private int size;
    private int pointsPerBucket = 1;
    private long total;

    /** A series of at most {@code capacity} buckets (even, at least 2). */
    public DownsampledSeries(int capacity) {
        if (capacity < 2 || capacity % 2 != 0) {
            throw new IllegalArgumentException("capacity must be even and >= 2");
        }
        this.capacity = capacity;
        buckets = new double[Math.min(capacity, INITIAL) * FIELDS];
    }

    /**
     * Heap bytes of a series of {@code capacity} buckets at most: seven doubles per bucket (56 bytes) once
     * all buckets are in use; plus the array's and the object's headers.
     */
    public static long heapBytes(int capacity) {
        return 56L * capacity + 16 + 64;
    }

    /** Adds the value measured at {@code step}; steps must not decrease. */
    public synchronized void add(long step, double value) {
        total++;
        double[] v = buckets;
        if (size > 0 && v[(size - 1) * FIELDS + COUNT] < pointsPerBucket) {
            int b = (size - 1) * FIELDS;
            v[b + LAST_STEP] = step;
            v[b + SUM] += value;
            v[b + COUNT]++;
            v[b + MIN] = Math.min(v[b + MIN], value);
            v[b + MAX] = Math.max(v[b + MAX], value);
            v[b + LAST] = value;
            return;
        }
        if (size == capacity) {
            halve();
        }
        if (size * FIELDS == v.length) {
            v = buckets = Arrays.copyOf(v, Math.min(capacity, 2 * size) * FIELDS);
        }
        int b = size++ * FIELDS;
        v[b + FIRST] = step;
        v[b + LAST_STEP] = step;
        v[b + SUM] = value;
        v[b + COUNT] = 1;
        v[b + MIN] = value;
        v[b + MAX] = value;
        v[b + LAST] = value;
    }

    private void halve() {
        double[] v = buckets;
        for (int i = 0; i < capacity / 2; i++) {
            int to = i * FIELDS;
            int a = 2 * i * FIELDS;
            int b = a + FIELDS;
            double first = v[a + FIRST];
            double lastStep = v[b + LAST_STEP];
            double sum = v[a + SUM] + v[b + SUM];
            double count = v[a + COUNT] + v[b + COUNT];
            double min = Math.min(v[a + MIN], v[b + MIN]);
            double max = Math.max(v[a + MAX], v[b + MAX]);
            double last = v[b + LAST];
            v[to + FIRST] = first;
            v[to + LAST_STEP] = lastStep;
            v[to + SUM] = sum;
            v[to + COUNT] = count;
            v[to + MIN] = min;
            v[to + MAX] = max;
            v[to + LAST] = last;
        }
        size = capacity / 2;
        pointsPerBucket *= 2;
    }

    /** Number of values ever added. */
    public synchronized long totalPoints() {
        return total;
    }

    /** Number of buckets in use (at most the capacity). */
    public synchronized int size() {
        return size;
    }

    /** The most recent value, or NaN if none. */
    public synchronized double latest() {
        return size == 0 ? Double.NaN : buckets[(size - 1) * FIELDS + LAST];
    }

    /** The smallest value ever added, or NaN if none. */
    public synchronized double minimum() {
        double m = Double.NaN;
        for (int i = 0; i < size; i++) {
            double low = buckets[i * FIELDS + MIN];
            m = Double.isNaN(m) ? low : Math.min(m, low);
        }
        return m;
    }

    /** A consistent copy of the buckets, for drawing. */
    public synchronized Snapshot snapshot() {
        double[] steps = new double[size];
        double[] means = new double[size];
        double[] mins = new double[size];
        double[] maxs = new double[size];
        for (int i = 0; i < size; i++) {
            int b = i * FIELDS;
            steps[i] = (buckets[b + FIRST] + buckets[b + LAST_STEP]) / 2.0;
            means[i] = buckets[b + SUM] / buckets[b + COUNT];
            mins[i] = buckets[b + MIN];
            maxs[i] = buckets[b + MAX];
        }
        return new Snapshot(steps, means, mins, maxs, total);
    }

    /**
     * Buckets at one moment.
     *
     * @param steps centre step of each bucket
     * @param means mean of each bucket
     * @param mins  smallest value of each bucket
     * @param maxs  largest value of each bucket
     * @param totalPoints values ever added, a cheap change marker for readers
     */
    public record Snapshot(double[] steps, double[] means, double[] mins, double[] maxs, long totalPoints) {
        public int size() {
            return steps.length;
        }
    }
}
