package dev.descent.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jfree.data.Range;
import org.junit.jupiter.api.Test;

class ExponentAxisTest {

    @Test
    void shortRangesArePlainNumbers() {
        // given an axis from 0.001 to 10 (exponents -3 to 1)
        Range r = new Range(-3, 1);
        // then
        assertEquals("0.001", ExponentAxis.label(-3, r));
        assertEquals("0.1", ExponentAxis.label(-1, r));
        assertEquals("10", ExponentAxis.label(1, r));
    }

    @Test
    void wideRangesArePowersOfTen() {
        // given an axis down to 1e-6 (vanishing gradients)
        Range r = new Range(-6, 0);
        // then every label is a power of ten
        assertEquals("10⁻⁶", ExponentAxis.label(-6, r));
        assertEquals("10⁰", ExponentAxis.label(0, r));
        assertEquals("10¹²", ExponentAxis.label(12, new Range(0, 12)));
    }

    @Test
    void logCurvesHoldExponentsAndGiveBackValues() {
        // given values including ones a log axis cannot show
        double[] y = {100, 0.001, 0, -1, Double.POSITIVE_INFINITY};
        // when prepared for a log axis
        double[] e = Curves.forAxis(y, true);
        Curve c = new Curve("k", "k", java.awt.Color.RED, Curve.Line.SOLID, new double[] {1, 2, 3, 4, 5}, e, true);
        // then
        assertEquals(2, e[0], 1e-12);
        assertEquals(-3, e[1], 1e-12);
        assertEquals(100, c.value(0), 1e-9);
        assertEquals(Double.NEGATIVE_INFINITY, e[2], "an exact zero: marked at the bottom edge");
        assertEquals(0.0, c.value(2));
        assertEquals(Double.NaN, e[3]);
        assertEquals(Double.NaN, e[4]);
    }
}
