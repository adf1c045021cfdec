package dev.descent.ui.model;

import dev.descent.engine.data.Dataset;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.train.LockstepComparison;
import dev.descent.engine.train.MetricsCsv;
import dev.descent.engine.train.RunConfig;
import dev.descent.engine.train.RunHistory;
import dev.descent.engine.train.RunStatus;
import dev.descent.engine.train.RunSummary;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentException;
import dev.descent.experiment.PreparedExperiment;
import dev.descent.experiment.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleLongProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The window's side of training: starts a {@link LockstepComparison} for the project, passes Train,
 * Pause, Step and Reset to it, and, at most about 30 times a second ({@link #tick}), copies what the
 * runs report into the runs panel's rows and advances {@link #frameProperty()} for the charts.
 *
 * <p>The FX thread never waits on a trainer: controls return at once, data is read from the runs'
 * bounded histories (short locks, no waiting on training), and preparing a comparison (loading data,
 * building tensors) happens on the background executor. FX thread only.
 */
public final class TrainingSession {
    /** Where the session is. */
    public enum State { IDLE, PREPARING, RUNNING, PAUSED, FINISHED }

    /** Shortest interval between frames: about 30 a second. */
    private static final long FRAME_NANOS = 33_000_000L;
    /** Longest: the charts still move 4 times a second on a slow machine. */
    private static final long SLOWEST_FRAME_NANOS = 250_000_000L;
    /**
     * Progress bars, speeds and the status line change at most 4 times a second: each change costs a
     * layout and a repaint of its panel, and numbers that change 30 times a second cannot be read anyway.
     */
    private static final long FIGURES_NANOS = 250_000_000L;
    /** Frame work may take at most this share of the FX thread (the rest is rendering and input). */
    private static final double FRAME_BUDGET = 0.12;

    private final ProjectModel project;
    private final DataModel data;
    private final EngineStatus engine;
    private final Executor background;
    private final Executor fx;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final ReadOnlyObjectWrapper<LockstepComparison> comparison = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper statusLine = new ReadOnlyStringWrapper("");
    private final ObservableList<RunRow> rows = FXCollections.observableArrayList();
    private final LongProperty frame = new SimpleLongProperty();
    private long lastFrame;
    private long lastFigures;
    private long frameInterval = FRAME_NANOS;
    private boolean stepWhenStarted;
    private Path metricsDirectory;
    private MetricsCsv metrics;
    private Path recording;
    /** Per row: whether it shows a run of the current comparison (worked out when the project changes). */
    private boolean[] live = new boolean[0];
    private Experiment trained;

    public TrainingSession(ProjectModel project, DataModel data, EngineStatus engine, Executor background, Executor fx) {
        this.project = project;
        this.data = data;
        this.engine = engine;
        this.background = background;
        this.fx = fx;
        project.experimentProperty().addListener((o, old, now) -> rebuildRows(now));
        rebuildRows(project.experiment());
    }

    /** Why training cannot start now, or null if it can. */
    public String blockedReason() {
        if (!engine.isReady()) {
            return engine.failure() != null ? engine.failure() : "the engine is starting";
        }
        return data.blockedReasonProperty().get();
    }

    /** Train: starts a new comparison, or resumes a paused one. */
    public void train() {
        switch (state.get()) {
            case IDLE, FINISHED -> start(false);
            case PAUSED -> {
                comparison.get().resume();
                state.set(State.RUNNING);
            }
            default -> {
            }
        }
    }

    /** Pause: runs finish their current step and wait. */
    public void pause() {
        if (state.get() == State.RUNNING) {
            comparison.get().pause();
            state.set(State.PAUSED);
        }
    }

    /** Step: every run takes exactly one step (starting a paused comparison if there is none). */
    public void step() {
        switch (state.get()) {
            case IDLE, FINISHED -> start(true);
            case RUNNING, PAUSED -> {
                comparison.get().step();
                state.set(State.PAUSED);
            }
            default -> {
            }
        }
    }

    /** Reset: stops and discards the comparison; the charts clear and runs return to ready. */
    public void reset() {
        LockstepComparison c = comparison.get();
        if (c != null) {
            c.close();
        }
        comparison.set(null);
        discardMetrics();
        trained = null;
        state.set(State.IDLE);
        message.set("");
        rebuildRows(project.experiment());
        frame.set(frame.get() + 1);
    }

    private void start(boolean paused) {
        String blocked = blockedReason();
        if (blocked != null) {
            message.set("Cannot train: " + blocked);
            return;
        }
        LockstepComparison old = comparison.get();
        if (old != null) {
            old.close();
        }
        comparison.set(null);
        discardMetrics();
        trained = null;
        Experiment experiment = project.experiment();
        Dataset dataset = data.dataset();
        state.set(State.PREPARING);
        message.set("Preparing data…");
        stepWhenStarted = paused;
        background.execute(() -> {
            LockstepComparison created = null;
            String error = null;
            MetricsCsv csv = null;
            try {
                PreparedExperiment prepared = PreparedExperiment.prepare(experiment, dataset);
                created = prepared.comparison(0);
                Path dir = Files.createTempDirectory(metricsDirectory(), "comparison");
                csv = new MetricsCsv(dir.resolve("metrics.csv"), MetricsCsv.parameterNodes(prepared.runs()),
                        prepared.runs().stream().map(RunConfig::name).toList());
                for (int i = 0; i < created.runCount(); i++) {
                    created.addListener(i, csv.listener(i));
                }
            } catch (ExperimentException e) {
                error = String.join("; ", e.messages());
            } catch (IOException e) {
                error = "cannot record metrics: " + e.getMessage();
            } catch (RuntimeException | OutOfMemoryError e) {
                error = e.toString();
            }
            LockstepComparison result = created;
            MetricsCsv recorder = csv;
            String failure = error;
            fx.execute(() -> started(result, recorder, failure, experiment));
        });
    }

    private void started(LockstepComparison created, MetricsCsv recorder, String error, Experiment experiment) {
        if (state.get() != State.PREPARING) {
            if (created != null) {
                created.close(); // reset while preparing
            }
            if (recorder != null) {
                recorder.discard();
            }
            return;
        }
        if (created == null) {
            state.set(State.IDLE);
            message.set("Cannot train: " + error);
            return;
        }
        trained = experiment;
        metrics = recorder;
        recording = recorder.target().getParent();
        comparison.set(created);
        rebuildRows(project.experiment());
        if (stepWhenStarted) {
            created.pause();
            created.start(LockstepComparison.Priority.BACKGROUND);
            created.step();
            state.set(State.PAUSED);
        } else {
            created.start(LockstepComparison.Priority.BACKGROUND);
            state.set(State.RUNNING);
        }
        message.set("");
        tick(System.nanoTime(), true);
    }

    /**
     * Called every pulse by the window's timer: copies the runs' status into the rows (their progress,
     * speed and the status line at most every {@link #FIGURES_NANOS}) and advances the frame counter that
     * charts follow, at most every 33 ms and less often when drawing is expensive:
     * the interval adapts so that frame work stays within {@value #FRAME_BUDGET} of the FX thread, which
     * keeps the window responsive (and training fast) however many runs share the two cores.
     * Never blocks.
     */
    public void tick(long now, boolean force) {
        if (!force && now - lastFrame < frameInterval) {
            return;
        }
        lastFrame = now;
        LockstepComparison c = comparison.get();
        if (c == null) {
            return;
        }
        List<RunSummary> summaries = c.summaries();
        int total = c.totalSteps();
        boolean figures = force || now - lastFigures >= FIGURES_NANOS || state.get() != State.RUNNING;
        if (figures) {
            lastFigures = now;
        }
        boolean allFinal = true;
        int slowestLeft = 0;
        double slowestRate = Double.MAX_VALUE;
        int maxStep = 0;
        double totalRate = 0;
        for (int i = 0; i < summaries.size(); i++) {
            RunSummary s = summaries.get(i);
            if (i < live.length && live[i]) {
                RunRow row = rows.get(i);
                row.statusProperty().set(statusText(s)); // fires only when it changes: a divergence shows at once
                if (figures || s.status().isFinal()) {
                    row.progressProperty().set(s.status() == RunStatus.COMPLETED ? 1.0 : s.steps() / (double) total);
                    row.speedProperty().set(s.steps() == 0 || s.status() != RunStatus.TRAINING ? ""
                            : String.format(Locale.ROOT, "%,.0f/s", s.stepsPerSecond()));
                }
            }
            allFinal &= s.status().isFinal();
            maxStep = Math.max(maxStep, s.steps());
            if (!s.status().isFinal()) {
                totalRate += s.stepsPerSecond();
                if (s.stepsPerSecond() > 0 && s.stepsPerSecond() < slowestRate) {
                    slowestRate = s.stepsPerSecond();
                    slowestLeft = total - s.steps();
                }
            }
        }
        if (allFinal && state.get() != State.FINISHED) {
            state.set(State.FINISHED);
        }
        if (!figures && !allFinal) {
            advanceFrame();
            return;
        }
        String left = slowestRate < Double.MAX_VALUE && state.get() == State.RUNNING
                ? " · " + duration(slowestLeft / slowestRate) + " left" : "";
        if (allFinal) {
            // a finished comparison has no current speed: report each run's average over its training
            double seconds = 0;
            totalRate = 0;
            for (RunSummary s : summaries) {
                seconds = Math.max(seconds, s.wallSeconds());
                totalRate += s.stepsPerSecond();
            }
            statusLine.set(String.format(Locale.ROOT, "step %,d of %,d · trained in %s · %,.0f steps/s on average",
                    maxStep, total, duration(seconds), totalRate));
        } else if (state.get() == State.PAUSED) {
            statusLine.set(String.format(Locale.ROOT, "step %,d of %,d · paused: F8 takes one step, F5 goes on",
                    maxStep, total));
        } else {
            statusLine.set(String.format(Locale.ROOT, "step %,d of %,d · %,.0f steps/s%s", maxStep, total, totalRate, left));
        }
        advanceFrame();
    }

    /** Tells the charts there is a new frame, and adapts the interval to what their work took. */
    private void advanceFrame() {
        long work = System.nanoTime();
        frame.set(frame.get() + 1);
        work = System.nanoTime() - work;
        frameInterval = Math.max(FRAME_NANOS, Math.min(SLOWEST_FRAME_NANOS, (long) (work / FRAME_BUDGET)));
    }

    /** The current interval between frames, in nanoseconds (for tests and diagnostics). */
    public long frameInterval() {
        return frameInterval;
    }

    private static String statusText(RunSummary s) {
        return switch (s.status()) {
            case DIVERGED -> "diverged at step " + s.divergedAtStep();
            default -> s.status().id();
        };
    }

    private static String duration(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.0f s", Math.max(1, seconds));
        }
        return String.format(Locale.ROOT, "%d min %02d s", (long) seconds / 60, (long) seconds % 60);
    }

    private void rebuildRows(Experiment e) {
        List<RunSpec> runs = e.runs();
        while (rows.size() > runs.size()) {
            rows.remove(rows.size() - 1);
        }
        while (rows.size() < runs.size()) {
            rows.add(new RunRow());
        }
        live = new boolean[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            live[i] = trains(i);
        }
        for (int i = 0; i < runs.size(); i++) {
            RunSpec run = runs.get(i);
            RunRow row = rows.get(i);
            row.nameProperty().set(run.name());
            row.colorProperty().set(RunColors.of(i));
            row.optimizerProperty().set(run.optimizer().term().explained().title());
            row.learningRateProperty().set(format(run.optimizer().value(OptimizerType.LEARNING_RATE)));
            row.scheduleProperty().set(run.schedule().describe());
            if (!live[i]) {
                row.statusProperty().set("ready");
                row.progressProperty().set(0);
                row.speedProperty().set("");
            }
        }
        tick(System.nanoTime(), true);
    }

    /**
     * Whether row {@code i} shows a run of the current comparison: the project's run {@code i} is the one
     * being trained, on the same network and data. A run added or edited since Train shows "ready" (it
     * trains at the next Train) while the others keep their live status.
     */
    private boolean trains(int i) {
        LockstepComparison c = comparison.get();
        Experiment now = project.experiment();
        if (c == null || trained == null || i >= c.runCount() || i >= now.runs().size()) {
            return false;
        }
        return now.runs().get(i).equals(trained.runs().get(i)) && unplaced(now.network()).equals(unplaced(trained.network()))
                && now.dataset().equals(trained.dataset()) && now.training().equals(trained.training())
                && now.seed() == trained.seed() && java.util.Objects.equals(now.normalizer(), trained.normalizer());
    }

    /** The network without canvas positions: moving a node changes nothing that trains. */
    private static NetworkSpec unplaced(NetworkSpec network) {
        return new NetworkSpec(network.nodes().stream().map(n -> n.withPosition(null)).toList(), network.edges());
    }

    private void discardMetrics() {
        if (metrics != null) {
            metrics.discard();
            metrics = null;
        }
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e6 ? Long.toString((long) v) : Double.toString(v);
    }

    private Path metricsDirectory() throws IOException {
        if (metricsDirectory == null) {
            metricsDirectory = Files.createTempDirectory("descent-metrics");
            metricsDirectory.toFile().deleteOnExit();
        }
        return metricsDirectory;
    }

    /**
     * Writes the metrics recorded so far (one row per run per step, the format of {@code descent run})
     * to {@code target} on the background executor; the runs go on. {@code done} gets null on success or
     * the reason it failed, on the FX thread.
     */
    public void exportMetrics(Path target, Consumer<String> done) {
        MetricsCsv recorder = metrics;
        if (recorder == null) {
            done.accept("there are no metrics yet: train first");
            return;
        }
        background.execute(() -> {
            String failure = null;
            try {
                recorder.snapshotTo(target);
            } catch (IOException | RuntimeException e) {
                failure = String.valueOf(e.getMessage());
            }
            String result = failure;
            fx.execute(() -> done.accept(result));
        });
    }

    /** Where the current comparison's metrics are being recorded, or null. */
    public Path recordingDirectory() {
        return recording;
    }

    /** The experiment the current comparison trains (it may differ from the project after edits). */
    public Experiment trainedExperiment() {
        return trained;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public State state() {
        return state.get();
    }

    /** The running comparison, or null. */
    public ReadOnlyObjectProperty<LockstepComparison> comparisonProperty() {
        return comparison.getReadOnlyProperty();
    }

    /** The bounded history of run {@code i}, or null without a comparison. */
    public RunHistory history(int i) {
        LockstepComparison c = comparison.get();
        return c == null || i < 0 || i >= c.runCount() ? null : c.history(i);
    }

    public ObservableList<RunRow> rows() {
        return rows;
    }

    /** Advances at most ~30 times a second while training: charts redraw when it changes. */
    public ReadOnlyLongProperty frameProperty() {
        return frame;
    }

    /** A sentence for the status bar when something went wrong, or empty. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** "step 1,200 of 5,000 · 3,100 steps/s · 2 s left". */
    public ReadOnlyStringProperty statusLineProperty() {
        return statusLine.getReadOnlyProperty();
    }
}
