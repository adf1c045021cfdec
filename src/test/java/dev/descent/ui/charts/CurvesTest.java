package dev.descent.ui.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import org.junit.jupiter.api.Test;

class CurvesTest {
    private static Curve curve(double[] y) {
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        return new Curve("k", "k", Color.RED, Curve.Line.SOLID, x, y);
    }

    @Test
    void decimationKeepsTheLowestAndHighestPointOfEachColumnInStepOrder() {
        // given 12 points in columns of 4 steps
        double[] y = {5, 1, 9, 3, /**/ 2, 2, 2, 2, /**/ 7, 8, 0, 4};
        // when decimated
        Curve d = Curves.decimate(curve(y), 4);
        // then per column: (1 at 1, 9 at 2), (2 at 4 once), (8 at 9, 0 at 10), and the first and last points
        assertArrayEquals(new double[] {0, 1, 2, 4, 9, 10, 11}, d.x(), 0.0);
        assertArrayEquals(new double[] {5, 1, 9, 2, 8, 0, 4}, d.y(), 0.0);
    }

    @Test
    void aCurveThatFitsItsColumnsIsReturnedAsItIs() {
        Curve c = curve(new double[] {3, 1, 4, 1, 5, 9});
        assertSame(c, Curves.decimate(c, 1));
        assertSame(c, Curves.decimate(c, 0));
    }

    @Test
    void aColumnOfGapsStaysAGap() {
        double[] y = {1, 2, 3, 4, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 5, 6, 7, 8};
        Curve d = Curves.decimate(curve(y), 4);
        assertArrayEquals(new double[] {0, 3, 4, 8, 11}, d.x(), 0.0);
        assertTrue(Double.isNaN(d.y()[2]));
    }

    @Test
    void aMillionPointsShrinkToTwoPerColumn() {
        double[] y = new double[1_000_000];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.sin(i * 0.001) + (i == 654_321 ? 100 : 0);
        }
        Curve d = Curves.decimate(curve(y), y.length / 800.0);
        assertTrue(d.size() <= 1604, "points: " + d.size());
        // the spike survives
        assertEquals(100 + Math.sin(654.321), java.util.Arrays.stream(d.y()).max().orElseThrow(), 1e-12);
    }

    @Test
    void forAxisTurnsInfinitiesIntoGapsAndTakesLogarithms() {
        double[] y = {1, Double.POSITIVE_INFINITY, 100};
        double[] lin = Curves.forAxis(y, false);
        assertTrue(Double.isNaN(lin[1]));
        assertEquals(100, lin[2], 0.0);
        assertTrue(Double.isInfinite(y[1]), "the input is not modified");
        assertArrayEquals(new double[] {0, Double.NaN, 2}, Curves.forAxis(new double[] {1, -1, 100}, true), 0.0);
    }
}
