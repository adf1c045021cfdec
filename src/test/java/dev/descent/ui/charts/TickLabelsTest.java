package dev.descent.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jfree.data.Range;
import org.junit.jupiter.api.Test;

class TickLabelsTest {

    @Test
    void hugeLossesAreShortScientificNumbers() {
        // the raw-pixel run's loss axis: 0 to 1.5e11 in steps of 5e10 (JFreeChart wrote 0E0, 5E10, 1.5E11)
        assertEquals("0", TickLabels.format(0, 5e10));
        assertEquals("5e10", TickLabels.format(5e10, 5e10));
        assertEquals("1e11", TickLabels.format(1e11, 5e10));
        assertEquals("1.5e11", TickLabels.format(1.5e11, 5e10));
        assertEquals("3e6", TickLabels.format(3e6, 1e6));
        assertEquals("2,500,000", TickLabels.format(2.5e6, 5e5));
    }

    @Test
    void ordinaryNumbersHaveGroupedDigitsAndTheDecimalsTheirSpacingNeeds() {
        assertEquals("1,500", TickLabels.format(1500, 500));
        assertEquals("250,000", TickLabels.format(250_000, 50_000));
        assertEquals("0.25", TickLabels.format(0.25, 0.05));
        assertEquals("0.5", TickLabels.format(0.5, 0.1));
        assertEquals("0.030", TickLabels.format(0.03, 0.005));
        assertEquals("-2", TickLabels.format(-2, 1));
    }

    @Test
    void tinyNumbersAreScientific() {
        assertEquals("2e-5", TickLabels.format(2e-5, 1e-5));
        assertEquals("1.5e-5", TickLabels.format(1.5e-5, 5e-6));
        assertEquals("0", TickLabels.format(1e-22, 1e-5), "a rounding error at zero");
    }

    @Test
    void theLinearUnitsLabelThroughTheirFormat() {
        // the units an axis picks from format as above
        var unit = TickLabels.linear().getCeilingTickUnit(4e10);
        assertEquals(5e10, unit.getSize(), 0);
        assertEquals("1.5e11", unit.valueToString(1.5e11));
    }

    @Test
    void logAxesGroupTheirPlainNumbers() {
        assertEquals("10,000", ExponentAxis.label(4, new Range(0, 4)));
        assertEquals("0.001", ExponentAxis.label(-3, new Range(-3, 1)));
    }
}
