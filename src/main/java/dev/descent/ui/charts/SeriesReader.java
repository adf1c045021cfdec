package dev.descent.ui.charts;

import dev.descent.engine.train.DownsampledSeries;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Copies snapshots of history series for one chart, only when a series has new points since the chart
 * last read it ({@link DownsampledSeries#totalPoints()} is the change marker), and remembers whether
 * anything changed this frame. Snapshots are short copies under the series' lock; trainers never wait
 * for the window. FX thread only.
 */
final class SeriesReader {
    private final Map<DownsampledSeries, DownsampledSeries.Snapshot> cache = new IdentityHashMap<>();
    private boolean changed;
    private long copies;

    /** Starts a frame: {@link #changed()} reports reads from here on. */
    void begin() {
        changed = false;
    }

    /** The latest snapshot of {@code series}, copied only if it has new points. */
    DownsampledSeries.Snapshot read(DownsampledSeries series) {
        DownsampledSeries.Snapshot known = cache.get(series);
        if (known != null && known.totalPoints() == series.totalPoints()) {
            return known;
        }
        DownsampledSeries.Snapshot fresh = series.snapshot();
        copies++;
        cache.put(series, fresh);
        changed = true;
        return fresh;
    }

    /** Whether a series read since {@link #begin()} had new points. */
    boolean changed() {
        return changed;
    }

    /** Forgets every series (a new comparison or none). */
    void clear() {
        cache.clear();
    }

    /** Snapshots copied so far, for tests. */
    long copies() {
        return copies;
    }
}
