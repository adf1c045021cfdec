package dev.descent.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.train.RunHistory;
import dev.descent.engine.train.StepEvents;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A run of several seeds is drawn as one mean curve with a band; a diverged member leaves the mean and
 * is counted. The expected figures are computed here by hand from the members' losses.
 */
@ExtendWith(ApplicationExtension.class)
class EnsembleCurvesTest {
    private static final int STEPS = 40;
    private ChartHarness harness;

    @Start
    void start(Stage stage) {
        harness = new ChartHarness(stage);
    }

    /** Member k's loss at step t (1-based): 1/(t·(k+1)) + 0.1·k, three different curves. */
    private static double loss(int k, int t) {
        return 1.0 / (t * (k + 1)) + 0.1 * k;
    }

    private static RunHistory member(int k) {
        double[] losses = new double[STEPS];
        for (int t = 1; t <= STEPS; t++) {
            losses[t - 1] = loss(k, t);
        }
        RunHistory h = new RunHistory();
        StepEvents.losses(h, losses);
        return h;
    }

    /** Adam with three members that train and a fourth that diverged at step 5 (its losses explode). */
    private LossChart chart(BandStyle style) throws Exception {
        LossChart chart = harness.show(new LossChart());
        for (int k = 0; k < 3; k++) {
            harness.member("Adam seed " + k, "Adam", member(k), -1);
        }
        RunHistory diverged = new RunHistory();
        StepEvents.losses(diverged, 3, 40, 900, 1e6, 1e12);
        harness.member("Adam seed 3", "Adam", diverged, 5);
        ChartHarness.onFx(() -> {
            chart.setBandStyle(style);
            return null;
        });
        harness.refresh(chart);
        return chart;
    }

    @Test
    void theMeanCurveIsTheMeanOfTheMembersThatDidNotDiverge() throws Exception {
        LossChart chart = chart(BandStyle.STD);
        Curve mean = ChartHarness.curve(chart, "Adam training");
        assertEquals(STEPS, mean.size());
        for (int t : new int[] {1, 2, 5, 17, 40}) {
            double expected = (loss(0, t) + loss(1, t) + loss(2, t)) / 3; // the diverged member is left out
            int i = mean.nearest(t);
            assertEquals(t, mean.x()[i], 0.0);
            assertEquals(expected, mean.value(i), 1e-12, "step " + t);
        }
        // one mean line for the four members, not four lines
        long solid = ChartHarness.onFx(() -> chart.dataset().curves().stream()
                .filter(c -> c.line() == Curve.Line.SOLID).count());
        assertEquals(1, solid);
        assertEquals("Adam: 1/4 members diverged (left out of the mean)", ChartHarness.onFx(chart::noteText));
    }

    @Test
    void theStdBandIsTheMeanPlusMinusTheSampleStandardDeviation() throws Exception {
        LossChart chart = chart(BandStyle.STD);
        BandArea band = ChartHarness.onFx(() -> chart.bandData().bands().get(0));
        int t = 2;
        double[] v = {loss(0, t), loss(1, t), loss(2, t)}; // 0.5, 0.35, 0.3667
        double m = (v[0] + v[1] + v[2]) / 3;
        double s = Math.sqrt(((v[0] - m) * (v[0] - m) + (v[1] - m) * (v[1] - m) + (v[2] - m) * (v[2] - m)) / 2);
        assertEquals(2, band.x()[1], 0.0);
        assertEquals(m - s, band.low()[1], 1e-12);
        assertEquals(m + s, band.high()[1], 1e-12);
    }

    @Test
    void theMinMaxBandSpansTheLowestAndHighestMember() throws Exception {
        LossChart chart = chart(BandStyle.MIN_MAX);
        BandArea band = ChartHarness.onFx(() -> chart.bandData().bands().get(0));
        // at step 1: members 1, 0.6, 0.5333; at step 40: 0.025, 0.1125, 0.2083
        assertEquals(loss(2, 1), band.low()[0], 1e-12);
        assertEquals(loss(0, 1), band.high()[0], 1e-12);
        assertEquals(loss(0, 40), band.low()[39], 1e-12);
        assertEquals(loss(2, 40), band.high()[39], 1e-12);
    }

    @Test
    void everyMemberAsAThinLineIncludesTheDivergedOne() throws Exception {
        LossChart chart = chart(BandStyle.MEMBERS);
        List<Curve> thin = ChartHarness.onFx(() -> chart.dataset().curves().stream()
                .filter(c -> c.line() == Curve.Line.FAINT).toList());
        assertEquals(4, thin.size());
        assertTrue(ChartHarness.onFx(() -> chart.bandData().bands().isEmpty()));
        Curve divergedLine = thin.stream().filter(c -> c.key().startsWith("Adam seed 3")).findFirst().orElseThrow();
        assertEquals(5, divergedLine.size(), "the diverged member's line ends where it diverged");
        // the mean still leaves it out
        Curve mean = ChartHarness.curve(chart, "Adam training");
        assertEquals((loss(0, 3) + loss(1, 3) + loss(2, 3)) / 3, mean.value(mean.nearest(3)), 1e-12);
    }

    @Test
    void aRunOfOneMemberIsDrawnAsBefore() throws Exception {
        LossChart chart = harness.show(new LossChart());
        harness.run("SGD", member(0));
        harness.refresh(chart);
        Curve line = ChartHarness.curve(chart, "SGD training");
        assertEquals(loss(0, 7), line.value(line.nearest(7)), 1e-12);
        assertTrue(ChartHarness.onFx(() -> chart.bandData().bands().isEmpty()));
    }
}
