package dev.descent.ui.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SmoothingTest {

    /** The textbook debiased EMA, one point per step, written out independently. */
    private static double[] reference(double[] v, double window) {
        double w = 1 - 1 / window;
        double[] out = new double[v.length];
        double m = 0;
        for (int t = 0; t < v.length; t++) {
            m = w * m + (1 - w) * v[t];
            out[t] = m / (1 - Math.pow(w, t + 1));
        }
        return out;
    }

    private static double[] steps(int n) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = i + 1;
        }
        return s;
    }

    @Test
    void oneStepPerPointMatchesTheDebiasedMovingAverage() {
        // given noisy values at steps 1..200
        Random random = new Random(7);
        double[] v = new double[200];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.exp(-i / 50.0) + 0.2 * random.nextGaussian();
        }
        // when smoothed over 20 steps
        double[] s = Smoothing.ema(steps(200), v, 20);
        // then it matches the reference
        assertArrayEquals(reference(v, 20), s, 1e-12);
    }

    @Test
    void aWindowOfOneStepIsRaw() {
        // given
        double[] v = {3, 1, 2};
        // then the very same array comes back
        assertSame(v, Smoothing.ema(steps(3), v, 1));
    }

    @Test
    void aConstantStaysConstantFromTheFirstPoint() {
        // given a constant loss (no pull towards zero at the start thanks to the debiasing)
        double[] v = {0.5, 0.5, 0.5, 0.5};
        // then
        assertArrayEquals(v, Smoothing.ema(steps(4), v, 100), 1e-12);
    }

    @Test
    void aBucketCountsForTheStepsItCovers() {
        // given one curve with a point per step, and the same curve merged into buckets of 10 steps
        double[] v = new double[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = i < 500 ? 1 : 0;
        }
        double[] fine = Smoothing.ema(steps(1000), v, 50);
        double[] bucketSteps = new double[100];
        double[] bucketMeans = new double[100];
        for (int b = 0; b < 100; b++) {
            bucketSteps[b] = b * 10 + 5.5;
            bucketMeans[b] = b < 50 ? 1 : 0;
        }
        // when the buckets are smoothed with the same window in steps
        double[] coarse = Smoothing.ema(bucketSteps, bucketMeans, 50);
        // then 100 steps after the drop both have decayed alike (a per-point EMA would be 10 times slower)
        assertEquals(fine[594], coarse[59], 0.05);
        assertTrue(coarse[59] < 0.3, "decayed: " + coarse[59]);
    }

    @Test
    void nanPointsStayGapsAndDoNotPoisonTheRest() {
        // given a NaN in the middle
        double[] v = {1, Double.NaN, 1};
        // when
        double[] s = Smoothing.ema(steps(3), v, 10);
        // then
        assertTrue(Double.isNaN(s[1]));
        assertEquals(1, s[2], 1e-12);
    }

    @Test
    void anExactZeroOnALogAxisStaysZeroAndIsSkipped() {
        // given log10 values with an exact zero (-inf) in the middle
        double[] v = {0, Double.NEGATIVE_INFINITY, 0};
        // when
        double[] s = Smoothing.ema(steps(3), v, 10);
        // then the zero is drawn as a zero and the average goes on around it
        assertEquals(Double.NEGATIVE_INFINITY, s[1]);
        assertEquals(0, s[2], 1e-12);
    }
}
