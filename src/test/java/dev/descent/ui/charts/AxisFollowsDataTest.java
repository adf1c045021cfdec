package dev.descent.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.train.RunHistory;
import dev.descent.engine.train.StepEvents;
import java.util.List;
import javafx.stage.Stage;
import org.jfree.data.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class AxisFollowsDataTest {
    private static final List<String> NODES = List.of("h1", "out");
    private ChartHarness harness;

    @Start
    void start(Stage stage) {
        harness = new ChartHarness(stage);
    }

    private static void steps(RunHistory h, int from, int to, double h1, double out) {
        for (int s = from; s <= to; s++) {
            h.onStep(StepEvents.step(s, 1, 0.1, NODES, h1, out));
        }
    }

    private static Range range(LiveChart chart) throws Exception {
        return ChartHarness.onFx(() -> chart.plot().getRangeAxis().getRange());
    }

    @Test
    void theGradientAxisFollowsALayerFallingBelowIt() throws Exception {
        // given gradients between 0.2 and 0.5 for 40 steps, drawn
        RunHistory h = new RunHistory();
        GradientChart chart = harness.show(new GradientChart());
        harness.run("SGD", h);
        steps(h, 1, 40, 0.5, 0.2);
        assertEquals(50, LiveChart.axisEnd(40, 600));
        harness.refresh(chart);
        assertEquals(-1, range(chart).getLowerBound(), 1e-9);
        assertEquals(0, range(chart).getUpperBound(), 1e-9);
        // when the output layer falls to 0.003 just past the step axis's end, which grows to take it in
        steps(h, 41, 50, 0.5, 0.2);
        steps(h, 51, 90, 0.5, 0.003);
        harness.refresh(chart);
        // then the axis reaches down to it
        assertTrue(range(chart).getLowerBound() <= Math.log10(0.003), "axis: " + range(chart));
    }

    @Test
    void aZoomStaysUntilADoubleClick(FxRobot robot) throws Exception {
        // given a chart drawn over 40 steps
        RunHistory h = new RunHistory();
        GradientChart chart = harness.show(new GradientChart());
        harness.run("SGD", h);
        steps(h, 1, 40, 0.5, 0.2);
        harness.refresh(chart);
        // when the user zooms in (what the viewer's drag does: both axes get a new range)
        ChartHarness.onFx(() -> {
            chart.plot().getDomainAxis().setRange(10, 30);
            chart.plot().getRangeAxis().setRange(-0.8, -0.2);
            return null;
        });
        // and training goes on, beyond both ranges
        steps(h, 41, 90, 0.5, 0.003);
        harness.refresh(chart);
        // then the zoom stays
        assertTrue(ChartHarness.onFx(chart::zoomed));
        assertEquals(new Range(10, 30), ChartHarness.onFx(() -> chart.plot().getDomainAxis().getRange()));
        assertEquals(new Range(-0.8, -0.2), range(chart));
        // when the chart is double-clicked
        robot.doubleClickOn(chart.node());
        // then it shows every step and every value again, and follows the data from then on
        assertEquals(new Range(0, 100), ChartHarness.onFx(() -> chart.plot().getDomainAxis().getRange()));
        assertTrue(range(chart).getLowerBound() <= Math.log10(0.003), "axis: " + range(chart));
        steps(h, 91, 180, 0.5, 0.0001);
        harness.refresh(chart);
        assertEquals(new Range(0, 200), ChartHarness.onFx(() -> chart.plot().getDomainAxis().getRange()));
        assertTrue(range(chart).getLowerBound() <= -4, "axis: " + range(chart));
    }
}
