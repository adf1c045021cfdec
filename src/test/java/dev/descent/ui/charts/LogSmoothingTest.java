package dev.descent.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.train.RunHistory;
import dev.descent.engine.train.StepEvents;
import java.util.Arrays;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** On a log axis, the smoothed loss is a running geometric mean: one spike cannot draw a long tail. */
@ExtendWith(ApplicationExtension.class)
class LogSmoothingTest {
    /**
     * The first 20 training losses of the raw-pixel run of sample-data/input-normalization.json
     * (descent run, seed 42): it spikes to 1.45e11 at step 7 and is back near ln 4 = 1.386 by step 9.
     */
    private static final double[] RAW_PIXELS = {128.76547212796868, 37662.58984375, 5138.8466796875, 1.9904328E7,
        127935.3203125, 2598442.75, 1.4485553152E11, 14142.362490296364, 1.4985184967517853, 1.3420236743986607,
        142.35392355918884, 1.3929955065250397, 1.3839223477989435, 1.3905297555029392, 1.3914451375603676,
        146.0795774459839, 1.3746169535443187, 1.385263852775097, 1.384475676342845, 1.3949453569948673};
    private static final double PLATEAU = 1.385;

    private ChartHarness harness;

    @Start
    void start(Stage stage) {
        harness = new ChartHarness(stage);
    }

    private LossChart trained(boolean log) throws Exception {
        double[] losses = Arrays.copyOf(RAW_PIXELS, 300);
        Arrays.fill(losses, RAW_PIXELS.length, losses.length, PLATEAU);
        RunHistory h = new RunHistory();
        StepEvents.losses(h, losses);
        LossChart chart = harness.show(new LossChart());
        harness.run("Raw 0–255", h);
        ChartHarness.onFx(() -> {
            chart.setLog(log);
            chart.setWindow(10);
            return null;
        });
        harness.refresh(chart);
        return chart;
    }

    /** The drawn value of {@code c} at {@code step}. */
    private static double at(Curve c, int step) {
        int i = c.nearest(step);
        assertEquals(step, c.x()[i], 0.0);
        return c.value(i);
    }

    /** How far {@code v} is from the plateau on a log axis, in decades. */
    private static double decades(double v) {
        return Math.abs(Math.log10(v / PLATEAU));
    }

    @Test
    void aSpikeOnALogAxisFadesWithinAFewWindows() throws Exception {
        // given the raw-pixel run's spike, on a log axis smoothed over 10 steps
        Curve smooth = ChartHarness.curve(trained(true), "Raw 0–255 training");
        // then, 43 steps after the spike, the curve is within 0.05 of a decade (12 %) of the plateau, and
        // within 0.5 % by step 80 (averaged linearly it was still at 1.6e8 at step 50 and 2.3 at step 230:
        // a straight decline lasting some 230 steps on the log axis)
        assertTrue(decades(at(smooth, 50)) < 0.05, "step 50: " + at(smooth, 50));
        assertEquals(PLATEAU, at(smooth, 80), PLATEAU * 0.005, "step 80");
        assertEquals(PLATEAU, at(smooth, 100), PLATEAU * 0.001, "step 100");
        // and the spike itself is still drawn, faintly, as measured
        Curve raw = ChartHarness.curve(trained(true), "Raw 0–255 raw");
        assertEquals(Curve.Line.FAINT, raw.line());
        assertEquals(1.4485553152E11, at(raw, 7), 1e3);
    }

    @Test
    void theSmoothedCurveIsTheRunningGeometricMeanOnALogAxis() throws Exception {
        // given the same run
        Curve smooth = ChartHarness.curve(trained(true), "Raw 0–255 training");
        // then each point is 10^(debiased moving average of log10 loss), computed here independently
        double w = 0.9;
        double m = 0;
        for (int t = 1; t <= 30; t++) {
            double v = t <= RAW_PIXELS.length ? RAW_PIXELS[t - 1] : PLATEAU;
            m = w * m + (1 - w) * Math.log10(v);
            double expected = Math.pow(10, m / (1 - Math.pow(w, t)));
            assertEquals(expected, at(smooth, t), expected * 1e-9, "step " + t);
        }
    }

    @Test
    void onALinearAxisTheSmoothedCurveIsTheArithmeticMean() throws Exception {
        // given the same run on a linear axis
        Curve smooth = ChartHarness.curve(trained(false), "Raw 0–255 training");
        // then the average is of the losses themselves: the spike weighs what it weighs
        double w = 0.9;
        double m = 0;
        for (int t = 1; t <= 10; t++) {
            m = w * m + (1 - w) * RAW_PIXELS[t - 1];
            double expected = m / (1 - Math.pow(w, t));
            assertEquals(expected, at(smooth, t), expected * 1e-9, "step " + t);
        }
        assertTrue(at(smooth, 50) > 1e8, "a linear mean still remembers the spike: " + at(smooth, 50));
    }

    @Test
    void theLinearLossAxisIsLabelledInReadableNumbers() throws Exception {
        // given the spike on a linear axis, drawn
        LossChart chart = trained(false);
        org.jfree.chart.axis.NumberAxis axis = ChartHarness.onFx(() -> {
            java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(640, 420,
                    java.awt.image.BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = image.createGraphics();
            chart.chart.draw(g, new java.awt.geom.Rectangle2D.Double(0, 0, 640, 420));
            g.dispose();
            return (org.jfree.chart.axis.NumberAxis) chart.plot().getRangeAxis();
        });
        // then its ticks read like 0, 5e10, 1e11, 1.5e11 (JFreeChart's own wrote 0E0, 5E10, 1E11, 1.5E11)
        double spacing = axis.getTickUnit().getSize();
        assertTrue(spacing >= 1e10, "the axis reaches 1.45e11: " + spacing);
        assertEquals("0", axis.getTickUnit().valueToString(0));
        for (int k = 1; k * spacing <= axis.getUpperBound(); k++) {
            String label = axis.getTickUnit().valueToString(k * spacing);
            assertTrue(label.matches("[1-9](\\.[0-9])?e1[01]"), label);
        }
    }
}
