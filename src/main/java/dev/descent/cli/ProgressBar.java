package dev.descent.cli;

import dev.descent.engine.train.LockstepComparison;
import dev.descent.engine.train.RunStatus;
import dev.descent.engine.train.RunSummary;
import dev.descent.engine.vocab.Shown;
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

    /**
     * The bar for {@code runs} of {@code total} steps each, e.g.
     * {@code [====                    ]  17%  step 34/200  SGD 120/s  Adam stopped}. A run that completed,
     * diverged or failed has nothing left to do and counts in full; a stopped run (Ctrl-C) counts the
     * steps it took, so the bar shows where the runs really stopped.
     */
    static String line(List<RunSummary> runs, int total) {
        StringBuilder rates = new StringBuilder();
        for (RunSummary r : runs) {
            rates.append(String.format(Locale.ROOT, "  %s %s", Shown.text(r.name()),
                    r.status().isFinal() ? r.status().id() : String.format(Locale.ROOT, "%.0f/s", r.stepsPerSecond())));
        }
        double fraction = fraction(runs, total);
        int filled = (int) Math.floor(fraction * WIDTH);
        return String.format(Locale.ROOT, "[%s%s] %3.0f%%  step %d/%d%s", "=".repeat(filled),
                " ".repeat(WIDTH - filled), Math.floor(100 * fraction), runs.stream().mapToInt(RunSummary::steps).max()
                        .orElse(0), total, rates);
    }

    /** The share of all runs' steps done: a stopped run counts the steps it took. */
    static double fraction(List<RunSummary> runs, int total) {
        long done = 0;
        for (RunSummary r : runs) {
            boolean nothingLeft = r.status().isFinal() && r.status() != RunStatus.STOPPED;
            done += nothingLeft ? total : Math.min(total, r.steps());
        }
        return runs.isEmpty() || total <= 0 ? 1 : done / (double) ((long) total * runs.size());
    }

    /** Draws the final state and stops. */
    void finish() {
        done = true;
        draw(true);
    }

    private synchronized void draw(boolean last) {
        List<RunSummary> runs = comparison.summaries();
        int total = comparison.totalSteps();
        String line = line(runs, total);
        double fraction = fraction(runs, total);
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
