package dev.descent.engine.train;

import java.util.Arrays;

/**
 * A metric's history in bounded memory. Points are kept in at most {@code capacity} buckets; when the
 * buckets are full, neighbours are merged in pairs and each bucket then takes twice as many points. Each
 * bucket keeps the mean, minimum, maximum and last value of its points, so a million-step run still
 * shows its spikes. Thread-safe: one writer (the training thread) and any number of readers.
 */
public final class DownsampledSeries {
    private final int capacity;
    private final long[] firstStep;
    private final long[] lastStep;
    private final double[] sum;
    private final int[] count;
    private final double[] min;
    private final double[] max;
    private final double[] last;
    private int size;
    private int pointsPerBucket = 1;
    private long total;

    /** A series of at most {@code capacity} buckets (even, at least 2). */
    public DownsampledSeries(int capacity) {
        if (capacity < 2 || capacity % 2 != 0) {
            throw new IllegalArgumentException("capacity must be even and >= 2");
        }
        this.capacity = capacity;
        firstStep = new long[capacity];
        lastStep = new long[capacity];
        sum = new double[capacity];
        count = new int[capacity];
        min = new double[capacity];
        max = new double[capacity];
        last = new double[capacity];
    }

    /**
     * Heap bytes of a series of {@code capacity} buckets: per bucket two longs, four doubles and an int
     * (52 bytes), allocated in full when the series is made; plus the arrays' and the object's headers.
     */
    public static long heapBytes(int capacity) {
        return 52L * capacity + 7 * 16 + 64;
    }

    /** Adds the value measured at {@code step}; steps must not decrease. */
    public synchronized void add(long step, double value) {
        total++;
        if (size > 0 && count[size - 1] < pointsPerBucket) {
            int b = size - 1;
            lastStep[b] = step;
            sum[b] += value;
            count[b]++;
            min[b] = Math.min(min[b], value);
            max[b] = Math.max(max[b], value);
            last[b] = value;
            return;
        }
        if (size == capacity) {
            halve();
        }
        int b = size++;
        firstStep[b] = step;
        lastStep[b] = step;
        sum[b] = value;
        count[b] = 1;
        min[b] = value;
        max[b] = value;
        last[b] = value;
    }

    private void halve() {
        for (int i = 0; i < capacity / 2; i++) {
            int a = 2 * i;
            int b = 2 * i + 1;
            firstStep[i] = firstStep[a];
            lastStep[i] = lastStep[b];
            sum[i] = sum[a] + sum[b];
            count[i] = count[a] + count[b];
            min[i] = Math.min(min[a], min[b]);
            max[i] = Math.max(max[a], max[b]);
            last[i] = last[b];
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
        return size == 0 ? Double.NaN : last[size - 1];
    }

    /** The smallest value ever added, or NaN if none. */
    public synchronized double minimum() {
        double m = Double.NaN;
        for (int i = 0; i < size; i++) {
            m = Double.isNaN(m) ? min[i] : Math.min(m, min[i]);
        }
        return m;
    }

    /** A consistent copy of the buckets, for drawing. */
    public synchronized Snapshot snapshot() {
        double[] steps = new double[size];
        double[] means = new double[size];
        for (int i = 0; i < size; i++) {
            steps[i] = (firstStep[i] + lastStep[i]) / 2.0;
            means[i] = sum[i] / count[i];
        }
        return new Snapshot(steps, means, Arrays.copyOf(min, size), Arrays.copyOf(max, size), total);
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
