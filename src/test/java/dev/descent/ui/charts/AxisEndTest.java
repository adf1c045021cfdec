package dev.descent.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The step axis grows in round steps with the training, and stops at the last step. */
class AxisEndTest {

    @Test
    void aFewStepsFillTheChartInsteadOfHuggingItsEdge() {
        assertEquals(10, LiveChart.axisEnd(3, 1500));
        assertEquals(20, LiveChart.axisEnd(10, 1500), "10 steps: a little room to the right");
        assertEquals(50, LiveChart.axisEnd(30, 1500));
    }

    @Test
    void theAxisGrowsThroughRoundNumbersToTheLastStep() {
        assertEquals(100, LiveChart.axisEnd(60, 1500));
        assertEquals(200, LiveChart.axisEnd(150, 1500));
        assertEquals(500, LiveChart.axisEnd(400, 1500));
        assertEquals(1000, LiveChart.axisEnd(900, 1500));
        assertEquals(1500, LiveChart.axisEnd(1200, 1500));
        assertEquals(1500, LiveChart.axisEnd(1500, 1500));
        assertEquals(5, LiveChart.axisEnd(2, 5), "a short run never shows steps it will not take");
    }
}
