package dev.descent.engine.train;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * How the values of one array were spread: {@link #BINS} equal bins over [low, high] and how many values
 * fell in each (a value equal to {@code high} counts in the last bin). Immutable.
 *
 * <p>Arrays of more than {@link #MAX_SAMPLES} values are counted on every s-th value, s the smallest
 * stride that reaches no more than {@link #MAX_SAMPLES} values and shares no factor with the array's row
 * width, so that every column (unit) is visited: the counts are then an estimate of the shares.
 *
 * @param low    left edge of the first bin
 * @param high   right edge of the last bin ({@code > low})
 * @param counts values per bin
 */
public record Histogram(double low, double high, int[] counts) {
    /** Bins of every histogram of a run's snapshots. */
    public static final int BINS = 32;
    /** Most values counted in one histogram. */
    public static final int MAX_SAMPLES = 4096;

    public Histogram {
        if (!(high > low)) {
            throw new IllegalArgumentException("high " + high + " must be above low " + low);
        }
        counts = counts.clone();
    }

    /** The counts (a copy). */
    @Override
    public int[] counts() {
        return counts.clone();
    }

    /** Number of bins. */
    public int bins() {
        return counts.length;
    }

    /** Values in bin {@code i}. */
    public int count(int i) {
        return counts[i];
    }

    /** Values counted. */
    public long total() {
        long t = 0;
        for (int c : counts) {
            t += c;
        }
        return t;
    }

    /** Share of the counted values in bin {@code i}, 0 if none were counted. */
    public double share(int i) {
        long t = total();
        return t == 0 ? 0 : counts[i] / (double) t;
    }

    /** Width of one bin. */
    public double binWidth() {
        return (high - low) / counts.length;
    }

    /** Centre of bin {@code i}. */
    public double centre(int i) {
        return low + (i + 0.5) * binWidth();
    }

    /**
     * The histogram of {@code values} in {@link #BINS} bins over [min, max] of the values (widened by 0.5
     * either side when they are all equal); non-finite values are not counted.
     */
    public static Histogram of(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min > max) {
            min = 0;
            max = 0;
        }
        if (max - min < 1e-12 * Math.max(1, Math.abs(max))) {
            min -= 0.5;
            max += 0.5;
        }
        int[] counts = new int[BINS];
        double scale = BINS / (max - min);
        for (double v : values) {
            if (Double.isFinite(v)) {
                counts[Math.min(BINS - 1, (int) ((v - min) * scale))]++;
            }
        }
        return new Histogram(min, max, counts);
    }

    /**
     * The histogram of an array's values (row-major {@code [rows, width]} or a row vector), on at most
     * {@link #MAX_SAMPLES} of them (see the class comment). Call on the thread that owns the array.
     */
    public static Histogram of(INDArray values, int width) {
        long n = values.length();
        if (n == 0) {
            return of(new double[0]);
        }
        long stride = stride(n, width);
        if (values.ordering() == 'c' && values.elementWiseStride() == 1) {
            // contiguous: read the sampled values straight from the buffer (no ND4J op, no copy of the rest)
            DataBuffer buffer = values.data();
            return of(buffer.getDoublesAt(values.offset(), stride, (int) ((n + stride - 1) / stride)));
        }
        INDArray flat = values.reshape('c', new long[] {n});
        INDArray sample = stride == 1 ? flat : flat.get(NDArrayIndex.interval(0, stride, n));
        return of(sample.toDoubleVector());
    }

    /** The smallest stride ≥ ⌈n / MAX_SAMPLES⌉ that shares no factor with {@code width}. */
    static long stride(long n, int width) {
        long s = Math.max(1, (n + MAX_SAMPLES - 1) / MAX_SAMPLES);
        while (s > 1 && gcd(s, Math.max(1, width)) != 1) {
            s++;
        }
        return s;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** Heap bytes of one histogram: the record and its counts. */
    static long heapBytes() {
        return 16 + 8 + 8 + 8 + 16 + 4L * BINS;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram h && h.low == low && h.high == high && Arrays.equals(h.counts, counts);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(low) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "Histogram[" + low + ", " + high + "] " + Arrays.toString(counts);
    }
}
