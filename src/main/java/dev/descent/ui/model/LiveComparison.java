package dev.descent.ui.model;

import dev.descent.engine.data.Dataset;
import dev.descent.engine.train.LockstepComparison;
import dev.descent.engine.train.RunConfig;
import dev.descent.engine.train.RunHistory;
import dev.descent.engine.train.RunSummary;
import dev.descent.engine.train.StepRate;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentException;
import dev.descent.experiment.PreparedExperiment;
import dev.descent.experiment.RunSpec;
import dev.descent.experiment.SweepPoints;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The window's one handle on a running comparison: a thin wrapper over the engine's
 * {@link LockstepComparison}, so that the view-models call the engine in one place and a change of the
 * engine's training API (worker pool, step-rate cap, live hyperparameters, snapshots) is met here.
 * Every call returns at once: they set flags and copy out short snapshots. Built off the FX thread
 * ({@link #prepare}), used on it.
 */
final class LiveComparison {
    private final LockstepComparison engine;
    /** The experiment as it trains: as it was at Train, with the hyperparameter changes passed on since. */
    private Experiment experiment;
    private final MetricsRecording metrics;

    private LiveComparison(LockstepComparison engine, Experiment experiment, MetricsRecording metrics) {
        this.engine = engine;
        this.experiment = experiment;
        this.metrics = metrics;
    }

    /**
     * Prepares {@code experiment} on {@code data} (splits, tensors, initial weights), its metrics recorded
     * from the first step. Slow: call it on a background thread.
     */
    static LiveComparison prepare(Experiment experiment, Dataset data) throws ExperimentException, IOException {
        PreparedExperiment prepared = PreparedExperiment.prepare(experiment, data);
        LockstepComparison created = prepared.comparison(0);
        MetricsRecording metrics;
        try {
            metrics = MetricsRecording.of(created, prepared.runs());
        } catch (IOException | RuntimeException e) {
            created.close();
            throw e;
        }
        return new LiveComparison(created, experiment, metrics);
    }

    /** Starts the run threads at background priority; {@code paused}: each takes one step, then waits. */
    void start(boolean paused) {
        if (paused) {
            engine.pause();
            engine.start(LockstepComparison.Priority.BACKGROUND);
            engine.step();
        } else {
            engine.start(LockstepComparison.Priority.BACKGROUND);
        }
    }

    /** Keeps the runs within a couple of steps of the slowest (true) or lets each go at its pace. */
    void lockstepInTime(boolean on) {
        engine.lockstepInTime(on);
    }

    /** Slow motion: at most {@code rate} steps a second from the next step on; full speed removes the limit. */
    void stepRate(StepRate rate) {
        engine.stepRate(rate);
    }

    void pause() {
        engine.pause();
    }

    void resume() {
        engine.resume();
    }

    /** Every run takes exactly one step, then waits. */
    void step() {
        engine.step();
    }

    /** Stops the runs, frees what they hold and discards the recorded metrics; returns at once. */
    void close() {
        engine.close();
        metrics.discard();
    }

    /**
     * Passes on to the runs every change of {@code now} that they can take at their next step: a run of
     * this comparison, still training or paused, whose only changes are values of its optimizer and its
     * schedule ({@link #takesLive}). {@link #experiment()} then includes them.
     *
     * @return how many runs were changed
     */
    int retune(Experiment now) {
        int changed = 0;
        List<RunSpec> trains = experiment.runs();
        List<RunSummary> summaries = engine.summaries();
        for (int i = 0; i < Math.min(trains.size(), now.runs().size()); i++) {
            RunSpec was = trains.get(i);
            RunSpec next = now.runs().get(i);
            if (!next.equals(was) && takesLive(was, next) && retuneMembers(next, summaries) > 0) {
                experiment = Edits.replaceRun(experiment, i, next);
                changed++;
            }
        }
        return changed;
    }

    /**
     * Retunes every member of the file's run {@code next} that still trains: each seed of each sweep point,
     * each point with its own swept values ({@link SweepPoints}) over the run's edited ones. The engine's
     * members are found by their group (a point's name), not by the file's run index: with seeds or a sweep
     * the two differ.
     *
     * @return how many members took the change
     */
    private int retuneMembers(RunSpec next, List<RunSummary> summaries) {
        Map<String, SweepPoints.Point> points = new HashMap<>();
        for (SweepPoints.Point point : SweepPoints.of(next)) {
            points.put(point.name(), point);
        }
        int retuned = 0;
        for (int m = 0; m < engine.runCount(); m++) {
            SweepPoints.Point point = points.get(engine.run(m).group());
            if (point != null && !summaries.get(m).status().isFinal()) {
                engine.retune(m, point.run().optimizer(), point.run().schedule());
                retuned++;
            }
        }
        return retuned;
    }

    /**
     * Whether {@code next} differs from {@code was} only in values a running run takes at its next step:
     * its optimizer's hyperparameters and its schedule's parameters, each in range, same optimizer and
     * same schedule kind.
     */
    static boolean takesLive(RunSpec was, RunSpec next) {
        return next.withOptimizer(was.optimizer()).withSchedule(was.schedule()).equals(was)
                && LockstepComparison.retuneProblems(new RunConfig(was.name(), null, was.optimizer(), was.schedule(),
                null), next.optimizer(), next.schedule()).isEmpty();
    }

    /** The metrics recorded so far. */
    MetricsRecording metrics() {
        return metrics;
    }

    /** The experiment as it trains: as it was when training started, with the live changes since. */
    Experiment experiment() {
        return experiment;
    }

    /** Each run's status, steps and speed now (a short copy-out, never waiting on a trainer). */
    List<RunSummary> summaries() {
        return engine.summaries();
    }

    int totalSteps() {
        return engine.totalSteps();
    }

    int runCount() {
        return engine.runCount();
    }

    RunHistory history(int i) {
        return engine.history(i);
    }

    /** The engine's comparison, for the views that still read it directly (charts, data view). */
    LockstepComparison engine() {
        return engine;
    }
}
