package dev.descent.cli;

import dev.descent.engine.train.LockstepComparison;
import dev.descent.engine.train.RunSummary;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Shows training progress on standard error: one line redrawn in place on a terminal, or a line every
 * 10% when standard error is a file or pipe. Runs on its own daemon thread and only reads summaries.
 */
final class ProgressBar implements Runnable {
    private static final int WIDTH = 24;
    private final LockstepComparison comparison;
    private final PrintWriter err;
    private final boolean terminal;
    private volatile boolean done;
    private int lastDecile = -1;

    ProgressBar(LockstepComparison comparison, PrintWriter err, boolean terminal) {
        this.comparison = comparison;
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public void run() {
        while (!done) {
            draw(false);
            try {
                Thread.sleep(terminal ? 200 : 500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Draws the final state and stops. */
    void finish() {
        done = true;
        draw(true);
    }

    private synchronized void draw(boolean last) {
        List<RunSummary> runs = comparison.summaries();
        int total = comparison.totalSteps();
        long done = 0;
        StringBuilder rates = new StringBuilder();
        for (RunSummary r : runs) {
            done += r.status().isFinal() ? total : r.steps();
            rates.append(String.format(Locale.ROOT, "  %s %s", r.name(),
                    r.status().isFinal() ? r.status().id() : String.format(Locale.ROOT, "%.0f/s", r.stepsPerSecond())));
        }
        double fraction = runs.isEmpty() ? 1 : done / (double) ((long) total * runs.size());
        int filled = (int) Math.round(fraction * WIDTH);
        String line = String.format(Locale.ROOT, "[%s%s] %3.0f%%  step %d/%d%s", "=".repeat(filled),
                " ".repeat(WIDTH - filled), 100 * fraction, runs.stream().mapToInt(RunSummary::steps).max().orElse(0),
                total, rates);
        if (terminal) {
            err.print("\r" + line + "\u001b[K" + (last ? "\n" : ""));
            err.flush();
        } else {
            int decile = (int) (fraction * 10);
            if (decile != lastDecile || last) {
                lastDecile = decile;
                err.println(line);
                err.flush();
            }
        }
    }
}
