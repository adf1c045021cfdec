package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.Engine;
import dev.descent.engine.train.LockstepComparison;
import dev.descent.engine.train.RunStatus;
import dev.descent.engine.train.RunSummary;
import dev.descent.experiment.ExperimentReader;
import dev.descent.experiment.PreparedExperiment;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The progress line of descent run, drawn from real runs. */
class ProgressBarTest {
    private static final Pattern LINE = Pattern.compile("\\[(=*) *\\] +(\\d+)%  step (\\d+)/(\\d+).*");

    @Test
    void afterAStopTheBarShowsWhereTheRunsStoppedNotAFullBar() throws Exception {
        // given two runs of 200,000 steps, stopped (as Ctrl-C stops them) after a few hundred steps
        Engine.initialize();
        PreparedExperiment prepared = PreparedExperiment.prepare(ExperimentReader.read(Path.of("sample-data/optimizers.json")));
        List<RunSummary> stopped;
        int total;
        try (LockstepComparison comparison = prepared.comparison(200_000)) {
            comparison.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (comparison.summaries().stream().mapToInt(RunSummary::steps).min().orElse(0) < 300
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            comparison.stop();
            assertTrue(comparison.await(30, TimeUnit.SECONDS));
            stopped = comparison.summaries();
            total = comparison.totalSteps();
        }
        assertTrue(stopped.stream().allMatch(s -> s.status() == RunStatus.STOPPED), stopped.toString());

        // when the final line is drawn
        String line = ProgressBar.line(stopped, total);

        // then it shows the steps taken, a bar as empty as the share done, and says the runs stopped
        Matcher m = LINE.matcher(line);
        assertTrue(m.matches(), line);
        int furthest = stopped.stream().mapToInt(RunSummary::steps).max().orElseThrow();
        assertEquals(furthest, Integer.parseInt(m.group(3)), line);
        assertEquals(200_000, Integer.parseInt(m.group(4)), line);
        long done = stopped.stream().mapToLong(RunSummary::steps).sum();
        assertEquals((int) Math.floor(100.0 * done / (200_000L * stopped.size())), Integer.parseInt(m.group(2)), line);
        assertTrue(m.group(1).length() < 24, line);
        assertTrue(line.contains(" stopped"), line);
    }
}
