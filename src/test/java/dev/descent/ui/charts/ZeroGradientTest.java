package dev.descent.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.train.RunHistory;
import dev.descent.engine.train.StepEvents;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.stage.Stage;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.LegendItemCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A gradient of exactly 0 (dead ReLUs) is shown on the log gradient chart, not left out. */
@ExtendWith(ApplicationExtension.class)
class ZeroGradientTest {
    private static final List<String> NODES = List.of("h1", "out");
    private ChartHarness harness;

    @Start
    void start(Stage stage) {
        harness = new ChartHarness(stage);
    }

    /** h1's gradient is 0.5 up to step 16 and exactly 0 from step 17 to 100; out's stays 0.2. */
    private GradientChart deadInputLayer() throws Exception {
        RunHistory h = new RunHistory();
        for (int s = 1; s <= 100; s++) {
            h.onStep(StepEvents.step(s, 1, 0.1, NODES, s <= 16 ? 0.5 : 0, 0.2));
        }
        GradientChart chart = harness.show(new GradientChart());
        harness.run("Raw 0–255", h);
        ChartHarness.onFx(() -> {
            chart.setWindow(10);
            return null;
        });
        harness.refresh(chart);
        return chart;
    }

    @Test
    void theZeroStretchIsNamedInANoteAndTheLegend() throws Exception {
        // given
        GradientChart chart = deadInputLayer();
        // then
        assertEquals("h1: gradient is exactly 0 from step 17: it no longer learns",
                ChartHarness.onFx(chart::noteText));
        LegendItemCollection legend = ChartHarness.onFx(() -> chart.plot().getFixedLegendItems());
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < legend.getItemCount(); i++) {
            labels.add(legend.get(i).getLabel());
        }
        assertEquals(List.of("h1 (input side) = 0", "out (output side)"), labels);
    }

    @Test
    void zerosAreValuesOfZeroNotGaps() throws Exception {
        // given
        GradientChart chart = deadInputLayer();
        Curve h1 = ChartHarness.curve(chart, "h1");
        // then every step from 17 on is drawn as 0 (smoothing keeps an exact zero), not left out
        for (int step = 17; step <= 100; step++) {
            assertEquals(0.0, h1.value(h1.nearest(step)), "step " + step);
        }
        assertEquals(0.5, h1.value(h1.nearest(16)), 1e-12);
        // and they do not stretch the axis: it fits the non-zero values (0.2 to 0.5: the decade 0.1 to 1)
        // and a strip below for the zero marks
        assertEquals(-1 - ExponentAxis.ZERO_STRIP, ChartHarness.onFx(() -> chart.plot().getRangeAxis().getLowerBound()), 1e-9);
        assertEquals(0, ChartHarness.onFx(() -> chart.plot().getRangeAxis().getUpperBound()), 1e-9);
    }

    @Test
    void theHoverSaysZero(FxRobot robot) throws Exception {
        // given
        GradientChart chart = deadInputLayer();
        Point2D at = ChartHarness.onFx(() -> {
            Rectangle2D area = chart.viewer().getCanvas().getRenderingInfo().getPlotInfo().getDataArea();
            double x = chart.plot().getDomainAxis().valueToJava2D(50, area, chart.plot().getDomainAxisEdge());
            return chart.viewer().getCanvas().localToScreen(x, area.getCenterY());
        });
        // when the mouse rests over step 50
        robot.moveTo(at);
        WaitForAsyncUtils.waitForFxEvents();
        // then
        String text = ChartHarness.onFx(() -> chart.hover().text());
        assertTrue(text.startsWith("step 50"), text);
        assertTrue(text.contains("h1  0\n") || text.endsWith("h1  0"), text);
        assertTrue(text.contains("out  0.2"), text);
    }

    @Test
    void zerosAreMarkedAlongTheBottomEdgeInTheLayersColour() throws Exception {
        // given the chart drawn into an image
        GradientChart chart = deadInputLayer();
        BufferedImage image = new BufferedImage(640, 420, BufferedImage.TYPE_INT_RGB);
        ChartRenderingInfo info = new ChartRenderingInfo();
        ChartHarness.onFx(() -> {
            Graphics2D g = image.createGraphics();
            chart.chart.draw(g, new Rectangle2D.Double(0, 0, 640, 420), info);
            g.dispose();
            return null;
        });
        Rectangle2D area = info.getPlotInfo().getDataArea();
        int y = (int) CurveRenderer.markCentre(area, 0);
        Color h1 = GradientChart.ramp(0, 2);
        // then the bottom edge carries h1's colour over the zero steps, and not before them
        for (int step : new int[] {20, 50, 90}) {
            int x = (int) Math.round(chart.plot().getDomainAxis().valueToJava2D(step, area, chart.plot().getDomainAxisEdge()));
            assertEquals(h1.getRGB(), image.getRGB(x, y), "mark at step " + step);
        }
        int x = (int) Math.round(chart.plot().getDomainAxis().valueToJava2D(8, area, chart.plot().getDomainAxisEdge()));
        assertTrue(h1.getRGB() != image.getRGB(x, y), "no mark at step 8");
    }
}
