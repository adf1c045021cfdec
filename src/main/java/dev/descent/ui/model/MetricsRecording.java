package dev.descent.ui.model;

import dev.descent.engine.train.LockstepComparison;
import dev.descent.engine.train.MetricsCsv;
import dev.descent.engine.train.RunConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The metrics of one comparison of the window, recorded as {@code descent run} records them (one row
 * per run per step, {@link MetricsCsv}) into a temporary folder, so that Export Metrics can copy them
 * while the runs go on. Reset discards them with the comparison.
 */
final class MetricsRecording {
    private static Path root;
    private final MetricsCsv csv;

    private MetricsRecording(MetricsCsv csv) {
        this.csv = csv;
    }

    /** Starts recording {@code comparison}'s runs (any thread; before it starts). */
    static MetricsRecording of(LockstepComparison comparison, List<RunConfig> runs) throws IOException {
        Path dir = Files.createTempDirectory(root(), "comparison");
        MetricsCsv csv = MetricsCsv.of(dir.resolve("metrics.csv"), runs);
        for (int i = 0; i < comparison.runCount(); i++) {
            comparison.addListener(i, csv.listener(i));
        }
        return new MetricsRecording(csv);
    }

    /** Throws away what was recorded (its part files included). */
    void discard() {
        csv.discard();
    }

    /** Where the metrics are being recorded. */
    Path directory() {
        return csv.target().getParent();
    }

    /**
     * Writes the metrics recorded so far to {@code target} on {@code background}; the runs go on.
     * {@code done} gets null on success or the reason it failed, through {@code fx}.
     */
    void export(Path target, Executor background, Executor fx, Consumer<String> done) {
        background.execute(() -> {
            String failure = null;
            try {
                csv.snapshotTo(target);
            } catch (IOException | RuntimeException e) {
                failure = String.valueOf(e.getMessage());
            }
            String result = failure;
            fx.execute(() -> done.accept(result));
        });
    }

    /** The folder every recording of this process goes in, deleted on exit. */
    private static synchronized Path root() throws IOException {
        if (root == null) {
            root = Files.createTempDirectory("descent-metrics");
            root.toFile().deleteOnExit();
        }
        return root;
    }
}
