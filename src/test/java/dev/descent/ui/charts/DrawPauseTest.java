package dev.descent.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Charts keep to their share of the FX thread, but one slow draw cannot stall them for seconds. */
class DrawPauseTest {

    @Test
    void aQuickDrawWaitsItsCostOverTheBudget() {
        assertEquals((long) (3_000_000 / ChartsView.DRAW_BUDGET), ChartsView.pauseAfter(3_000_000));
    }

    @Test
    void aSlowDrawWaitsAtMostAQuarterSecond() {
        // a cold first draw of 300 ms would otherwise hold every chart back for 5 s
        assertEquals(ChartsView.LONGEST_PAUSE_NANOS, ChartsView.pauseAfter(300_000_000));
        assertEquals(250_000_000L, ChartsView.LONGEST_PAUSE_NANOS);
    }
}
