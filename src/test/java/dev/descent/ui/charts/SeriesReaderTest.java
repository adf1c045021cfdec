package dev.descent.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.train.DownsampledSeries;
import org.junit.jupiter.api.Test;

class SeriesReaderTest {

    @Test
    void aSeriesWithoutNewPointsIsNotCopiedAgain() {
        // given a series read once
        DownsampledSeries series = new DownsampledSeries(64);
        series.add(1, 0.5);
        SeriesReader reader = new SeriesReader();
        reader.begin();
        DownsampledSeries.Snapshot first = reader.read(series);
        assertTrue(reader.changed());
        // when the next frame reads it without new points
        reader.begin();
        DownsampledSeries.Snapshot second = reader.read(series);
        // then the same snapshot is reused and nothing changed
        assertSame(first, second);
        assertFalse(reader.changed());
        assertEquals(1, reader.copies());
    }

    @Test
    void newPointsAreCopiedAndReported() {
        // given a series read once
        DownsampledSeries series = new DownsampledSeries(64);
        series.add(1, 0.5);
        SeriesReader reader = new SeriesReader();
        reader.begin();
        reader.read(series);
        // when a point arrives before the next frame
        series.add(2, 0.25);
        reader.begin();
        DownsampledSeries.Snapshot now = reader.read(series);
        // then
        assertTrue(reader.changed());
        assertEquals(2, now.size());
        assertEquals(2, reader.copies());
    }
}
