package dev.descent.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.jfree.data.general.DatasetChangeEvent;
import org.junit.jupiter.api.Test;

class CurveDatasetTest {

    private static Curve curve(String key, int points) {
        double[] x = new double[points];
        double[] y = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = i + 1;
            y[i] = 1.0 / (i + 1);
        }
        return new Curve(key, key, Color.BLUE, Curve.Line.SOLID, x, y);
    }

    @Test
    void replacingEveryCurveFiresOneChangeEvent() {
        // given a dataset with a listener counting change events
        CurveDataset dataset = new CurveDataset();
        List<DatasetChangeEvent> events = new ArrayList<>();
        dataset.addChangeListener(events::add);
        // when three curves of 2,048 points each replace the (empty) contents
        dataset.setCurves(List.of(curve("a", 2048), curve("b", 2048), curve("c", 2048)));
        // then one event announced all 6,144 points
        assertEquals(1, events.size());
        assertEquals(3, dataset.getSeriesCount());
        assertEquals(6144, dataset.pointCount());
    }

    @Test
    void theDatasetServesTheArraysItWasGiven() {
        // given
        CurveDataset dataset = new CurveDataset();
        // when
        dataset.setCurves(List.of(curve("a", 10), curve("b", 5)));
        // then
        assertEquals("b", dataset.getSeriesKey(1));
        assertEquals(5, dataset.getItemCount(1));
        assertEquals(3.0, dataset.getXValue(1, 2));
        assertEquals(1.0 / 3, dataset.getYValue(1, 2));
        assertEquals(1.0 / 3, dataset.getY(0, 2).doubleValue());
    }

    @Test
    void clearingAnEmptyDatasetFiresNothing() {
        // given an empty dataset
        CurveDataset dataset = new CurveDataset();
        List<DatasetChangeEvent> events = new ArrayList<>();
        dataset.addChangeListener(events::add);
        // when it is cleared, filled, and cleared
        dataset.clear();
        dataset.setCurves(List.of(curve("a", 3)));
        dataset.clear();
        // then only the two real changes were announced
        assertEquals(2, events.size());
        assertEquals(0, dataset.getSeriesCount());
    }

    @Test
    void nearestFindsTheClosestStep() {
        // given steps 1..10
        Curve c = curve("a", 10);
        // then
        assertEquals(0, c.nearest(-5));
        assertEquals(3, c.nearest(4.2));
        assertEquals(4, c.nearest(4.6));
        assertEquals(9, c.nearest(100));
    }
}
