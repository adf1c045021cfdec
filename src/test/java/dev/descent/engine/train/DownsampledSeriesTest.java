package dev.descent.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DownsampledSeriesTest {

    /** The value added at step s (1-based) in these tests: varied, with spikes. */
    private static double value(int s) {
        return Math.sin(0.37 * s) * (s % 17 == 0 ? 50 : 1) + s * 0.01;
    }

    /**
     * Checks a series fed steps 1..n against groups of consecutive points computed here: with c buckets the
     * points per bucket are the smallest power of two p with n ≤ c·p, bucket i holds steps i·p+1 … (i+1)·p.
     */
    private static void assertBucketsOfConsecutivePoints(int capacity, int n) {
        DownsampledSeries series = new DownsampledSeries(capacity);
        for (int s = 1; s <= n; s++) {
            series.add(s, value(s));
        }
        int p = 1;
        while ((long) capacity * p < n) {
            p *= 2;
        }
        int buckets = (n + p - 1) / p;
        DownsampledSeries.Snapshot snapshot = series.snapshot();
        assertEquals(buckets, snapshot.size(), "buckets of " + n + " points");
        assertEquals(n, snapshot.totalPoints());
        double lowest = Double.POSITIVE_INFINITY;
        for (int b = 0; b < buckets; b++) {
            int first = b * p + 1;
            int last = Math.min(n, (b + 1) * p);
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int s = first; s <= last; s++) {
                sum += value(s);
                min = Math.min(min, value(s));
                max = Math.max(max, value(s));
            }
            lowest = Math.min(lowest, min);
            assertEquals((first + last) / 2.0, snapshot.steps()[b], "centre of bucket " + b);
            assertEquals(sum / (last - first + 1), snapshot.means()[b], 1e-12, "mean of bucket " + b);
            assertEquals(min, snapshot.mins()[b], "minimum of bucket " + b);
            assertEquals(max, snapshot.maxs()[b], "maximum of bucket " + b);
        }
        assertEquals(value(n), series.latest());
        assertEquals(lowest, series.minimum());
    }

    @Test
    void fewPointsKeepOneBucketEach() {
        assertBucketsOfConsecutivePoints(2048, 50);
    }

    @Test
    void bucketsGrowPastTheirFirstAllocationBeforeMerging() {
        // 1,000 points in 2,048 buckets: the storage grows from its first 64 buckets to 1,024
        assertBucketsOfConsecutivePoints(2048, 1000);
    }

    @Test
    void fullSeriesMergeNeighboursInPairsAgainAndAgain() {
        assertBucketsOfConsecutivePoints(8, 1);
        assertBucketsOfConsecutivePoints(8, 9);
        assertBucketsOfConsecutivePoints(8, 100);
        assertBucketsOfConsecutivePoints(256, 5000);
    }

    @Test
    void anEmptySeriesHasNoLatestOrMinimum() {
        DownsampledSeries series = new DownsampledSeries(4);
        assertEquals(Double.NaN, series.latest());
        assertEquals(Double.NaN, series.minimum());
        assertEquals(0, series.snapshot().size());
    }

    @Test
    void anOddOrTinyCapacityIsRefused() {
        assertEquals("capacity must be even and >= 2",
                assertThrows(IllegalArgumentException.class, () -> new DownsampledSeries(7)).getMessage());
        assertEquals("capacity must be even and >= 2",
                assertThrows(IllegalArgumentException.class, () -> new DownsampledSeries(0)).getMessage());
    }
}
