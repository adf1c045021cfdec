package dev.descent.ui.charts;

import dev.descent.engine.train.DownsampledSeries;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Copies snapshots of history series for one chart, only when a series has new points since the chart
 * last read it ({@link DownsampledSeries#totalPoints()} is the change marker), and remembers whether
 * anything changed this frame. Snapshots are short copies under the series' lock; trainers never wait
 * for the window. A frame may end at a step ({@link #begin(long)}): in slow motion the charts then show
 * exactly the step the status line shows, even when a run took its next step in between. FX thread only.
 */
final class SeriesReader {
    private final Map<DownsampledSeries, DownsampledSeries.Snapshot> cache = new IdentityHashMap<>();
    /** What {@link #read} last returned for each series (the cached snapshot, or its first part). */
    private final Map<DownsampledSeries, DownsampledSeries.Snapshot> served = new IdentityHashMap<>();
    private boolean changed;
    private long copies;
    private long upTo = Long.MAX_VALUE;

    /** Starts a frame: {@link #changed()} reports reads from here on. */
    void begin() {
        begin(Long.MAX_VALUE);
    }

    /** Starts a frame that shows no point past step {@code lastStep} (Long.MAX_VALUE: every point). */
    void begin(long lastStep) {
        changed = false;
        upTo = lastStep;
    }

    /**
     * The latest snapshot of {@code series}, copied only if it has new points, without the buckets whose
     * centre lies past this frame's last step.
     */
    DownsampledSeries.Snapshot read(DownsampledSeries series) {
        DownsampledSeries.Snapshot full = cache.get(series);
        if (full == null || full.totalPoints() != series.totalPoints()) {
            full = series.snapshot();
            copies++;
            cache.put(series, full);
        }
        DownsampledSeries.Snapshot shown = upTo(full, upTo);
        DownsampledSeries.Snapshot before = served.put(series, shown);
        if (before != shown && !(before != null && before.size() == shown.size()
                && before.totalPoints() == shown.totalPoints())) {
            changed = true;
        }
        return shown;
    }

    /** {@code s} without the buckets whose centre step is past {@code lastStep} ({@code s} itself if none is). */
    static DownsampledSeries.Snapshot upTo(DownsampledSeries.Snapshot s, long lastStep) {
        int kept = s.size();
        while (kept > 0 && s.steps()[kept - 1] > lastStep) {
            kept--;
        }
        if (kept == s.size()) {
            return s;
        }
        // totalPoints stays a change marker: fewer buckets kept, or more points behind them, read as a change
        return new DownsampledSeries.Snapshot(Arrays.copyOf(s.steps(), kept), Arrays.copyOf(s.means(), kept),
                Arrays.copyOf(s.mins(), kept), Arrays.copyOf(s.maxs(), kept), s.totalPoints() - (s.size() - kept));
    }

    /** Whether a series read since {@link #begin()} had new points. */
    boolean changed() {
        return changed;
    }

    /** Forgets every series (a new comparison or none). */
    void clear() {
        cache.clear();
        served.clear();
    }

    /** Snapshots copied so far, for tests. */
    long copies() {
        return copies;
    }
}
