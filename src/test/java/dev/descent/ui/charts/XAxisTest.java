package dev.descent.ui.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.descent.engine.train.DownsampledSeries;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Steps become examples seen, epochs and training time as a run's batches and clock say. */
class XAxisTest {
    /** Examples seen after each step, counted batch by batch: each epoch cuts n examples into batches of b, the last shorter. */
    private static List<Integer> counted(int steps, int b, int n) {
        List<Integer> seen = new ArrayList<>();
        int total = 0;
        while (seen.size() < steps) {
            for (int left = n; left > 0 && seen.size() < steps; left -= b) {
                total += Math.min(b, left);
                seen.add(total);
            }
        }
        return seen;
    }

    @Test
    void examplesSeenCountShortLastBatchesOfEachEpoch() {
        for (int[] c : new int[][] {{4, 10}, {32, 480}, {7, 100}, {16, 16}, {50, 20}}) {
            int b = c[0];
            int n = c[1];
            List<Integer> expected = counted(40, b, n);
            for (int s = 1; s <= 40; s++) {
                assertEquals(expected.get(s - 1), XAxis.examplesSeen(s, b, n), 0.0, "b=" + b + " n=" + n + " step " + s);
            }
        }
    }

    @Test
    void epochsAreExamplesSeenOverTheTrainingSplit() {
        // 10 examples in batches of 4: 4, 8, 10 | 14, 18, 20 | 24
        double[] steps = {1, 2, 3, 4, 5, 6, 7};
        assertArrayEquals(new double[] {0.4, 0.8, 1.0, 1.4, 1.8, 2.0, 2.4}, XAxis.EPOCH.map(steps, 4, 10, null), 1e-12);
        assertArrayEquals(new double[] {4, 8, 10, 14, 18, 20, 24}, XAxis.EXAMPLES.map(steps, 4, 10, null), 0.0);
        // the centre of a downsampled bucket (step 2.5) lies between its neighbours
        assertEquals(9, XAxis.examplesSeen(2.5, 4, 10), 1e-12);
    }

    @Test
    void trainingTimeFollowsTheRecordedSecondsBetweenTheirSteps() {
        DownsampledSeries seconds = new DownsampledSeries(16);
        seconds.add(1, 0.5);
        seconds.add(2, 1.0);
        seconds.add(4, 3.0);
        assertArrayEquals(new double[] {0.5, 1.0, 2.0, 3.0}, XAxis.TIME.map(new double[] {1, 2, 3, 4}, 32, 480,
                seconds.snapshot()), 1e-12);
    }

    @Test
    void stepsStayStepsAndUnknownSizesGiveGaps() {
        double[] steps = {1, 2, 3};
        assertArrayEquals(steps, XAxis.STEP.map(steps, 0, 0, null));
        assertEquals(Double.NaN, XAxis.EPOCH.map(steps, 32, 0, null)[0]);
        assertEquals(Double.NaN, XAxis.TIME.map(steps, 32, 480, null)[0]);
    }

    @Test
    void theReadOutNamesThePositionInTheAxissUnits() {
        assertEquals("step 1,200", XAxis.STEP.describe(1200));
        assertEquals("epoch 2.35", XAxis.EPOCH.describe(2.35));
        assertEquals("38,400 examples", XAxis.EXAMPLES.describe(38400));
        assertEquals("1.25 s", XAxis.TIME.describe(1.25));
        assertEquals("1,234.5 s", XAxis.TIME.describe(1234.5));
    }
}
