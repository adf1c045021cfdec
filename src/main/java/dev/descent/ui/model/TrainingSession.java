package dev.descent.ui.model;

import dev.descent.engine.data.Dataset;
import dev.descent.engine.train.Divergence;
import dev.descent.engine.train.LockstepComparison;
import dev.descent.engine.train.RunHistory;
import dev.descent.engine.train.RunStatus;
import dev.descent.engine.train.RunSummary;
import dev.descent.engine.train.StepRate;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ObservableList;

/**
 * The window's side of training: the run state machine (Train, Pause, Step and Reset, through the one
 * handle on the engine, {@link LiveComparison}), and, at most about 30 times a second ({@link #tick}),
 * copying what the runs report into the runs panel's rows ({@link RunRows}) and the status line
 * ({@link StatusLines}), and advancing {@link #frameProperty()} for the charts ({@link FrameClock}).
 *
 * <p>The FX thread never waits on a trainer: controls return at once, data is read from the runs'
 * bounded histories (short locks, no waiting on training), and preparing a comparison (loading data,
 * building tensors) happens on the background executor. FX thread only.
 */
public final class TrainingSession {
    /** Where the session is. */
    public enum State { IDLE, PREPARING, RUNNING, PAUSED, FINISHED }

    private final ProjectModel project;
    private final DataModel data;
    private final EngineStatus engine;
    private final Executor background;
    private final Executor fx;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final ReadOnlyObjectWrapper<LockstepComparison> engineComparison = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper hasComparison = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper statusLine = new ReadOnlyStringWrapper("");
    private final RunRows rows = new RunRows();
    private final LongProperty frame = new SimpleLongProperty();
    private final FrameClock clock = new FrameClock();
    private final InvalidInputs invalidInputs = new InvalidInputs();
    private final EditTiming editTiming = new EditTiming(this);
    private final ReadOnlyStringWrapper pendingEdits = new ReadOnlyStringWrapper("");
    private final StringBinding blockedReason;
    private final BooleanProperty lockstepInTime = new SimpleBooleanProperty(true);
    private final ObjectProperty<StepRate> stepRate = new SimpleObjectProperty<>(StepRate.FULL_SPEED);
    /** The step the last frame showed, in slow motion (the charts end there); Long.MAX_VALUE at full speed. */
    private long frameStep = Long.MAX_VALUE;
    /** Where each run of the current comparison diverged, by run index (FX thread). */
    private final java.util.Map<Integer, DivergedRun> divergences = new java.util.HashMap<>();
    private final ReadOnlyObjectWrapper<DivergedRun> lastDivergence = new ReadOnlyObjectWrapper<>();
    private LiveComparison comparison;
    /** Counts the comparisons asked for, so that one prepared after a Reset (or a later Train) is dropped. */
    private long requested;
    private boolean stepWhenStarted;

    public TrainingSession(ProjectModel project, DataModel data, EngineStatus engine, Executor background, Executor fx) {
        this.project = project;
        this.data = data;
        this.engine = engine;
        this.background = background;
        this.fx = fx;
        this.blockedReason = Bindings.createStringBinding(this::whyBlocked, engine.readyProperty(),
                engine.descriptionProperty(), data.blockedReasonProperty(), invalidInputs.firstProperty());
        project.experimentProperty().addListener((o, old, now) -> {
            applyLiveEdits();
            rebuildRows();
        });
        state.addListener((o, was, now) -> showPendingEdits());
        lockstepInTime.addListener((o, was, on) -> {
            if (comparison != null) {
                comparison.lockstepInTime(on);
            }
        });
        stepRate.addListener((o, was, now) -> {
            if (now == null) {
                stepRate.set(StepRate.FULL_SPEED);
            } else if (comparison != null) {
                comparison.stepRate(now);
            }
        });
        rebuildRows();
    }

    // ---- what blocks training ----

    /** Why training cannot start now, or null if it can. */
    public String blockedReason() {
        return blockedReason.get();
    }

    /** Why training cannot start now (null if it can), as it changes. */
    public ObservableStringValue blockedReasonProperty() {
        return blockedReason;
    }

    /** Values typed into the window and refused: training waits until they are corrected. */
    public InvalidInputs invalidInputs() {
        return invalidInputs;
    }

    /** When edits made now take effect on the runs (the one place that decides it). */
    public EditTiming editTiming() {
        return editTiming;
    }

    private String whyBlocked() {
        if (!engine.isReady()) {
            return engine.failure() != null ? engine.failure() : "the engine is starting";
        }
        String problem = data.blockedReasonProperty().get();
        return problem != null ? problem : invalidInputs.first();
    }

    // ---- the state machine ----

    /** Train: starts a new comparison, or resumes a paused one. */
    public void train() {
        switch (state.get()) {
            case IDLE, FINISHED -> start(false);
            case PAUSED -> {
                comparison.resume();
                state.set(State.RUNNING);
            }
            default -> {
            }
        }
    }

    /** Pause: runs finish their current step and wait. */
    public void pause() {
        if (state.get() == State.RUNNING) {
            comparison.pause();
            state.set(State.PAUSED);
        }
    }

    /** Step: every run takes exactly one step (starting a paused comparison if there is none). */
    public void step() {
        switch (state.get()) {
            case IDLE, FINISHED -> start(true);
            case RUNNING, PAUSED -> {
                comparison.step();
                state.set(State.PAUSED);
            }
            default -> {
            }
        }
    }

    /** Reset: stops and discards the comparison; the charts clear and runs return to ready. */
    public void reset() {
        requested++;
        discardComparison();
        state.set(State.IDLE);
        message.set("");
        statusLine.set(""); // "step 300 of 300 · trained in 1 s" was about the comparison just discarded
        rebuildRows();
        frame.set(frame.get() + 1);
    }

    private void start(boolean paused) {
        String blocked = blockedReason();
        if (blocked != null) {
            message.set("Cannot train: " + blocked);
            return;
        }
        discardComparison();
        Experiment experiment = project.experiment();
        Dataset dataset = data.dataset();
        long request = ++requested;
        state.set(State.PREPARING);
        message.set("Preparing data…");
        stepWhenStarted = paused;
        background.execute(() -> {
            LiveComparison created = null;
            String error = null;
            try {
                created = LiveComparison.prepare(experiment, dataset);
            } catch (ExperimentException e) {
                error = String.join("; ", e.messages());
            } catch (IOException e) {
                error = "cannot record metrics: " + e.getMessage();
            } catch (RuntimeException | OutOfMemoryError e) {
                error = e.toString();
            }
            LiveComparison result = created;
            String failure = error;
            fx.execute(() -> started(request, result, failure));
        });
    }

    private void started(long request, LiveComparison created, String error) {
        if (request != requested || state.get() != State.PREPARING) {
            if (created != null) {
                created.close(); // reset while preparing
            }
            return;
        }
        if (created == null) {
            state.set(State.IDLE);
            message.set("Cannot train: " + error);
            return;
        }
        show(created);
        created.lockstepInTime(lockstepInTime.get());
        created.stepRate(stepRate.get());
        created.start(stepWhenStarted);
        created.retune(project.experiment()); // values edited while the data was being prepared
        state.set(stepWhenStarted ? State.PAUSED : State.RUNNING);
        message.set("");
        tick(System.nanoTime(), true);
    }

    /**
     * Passes the project's hyperparameter edits on to the runs that train or pause, at their next step
     * (see {@link EditTiming}); any way of editing (the inspector, the runs panel, Undo) goes through here.
     */
    private void applyLiveEdits() {
        LiveComparison c = comparison;
        State now = state.get();
        if (c != null && (now == State.RUNNING || now == State.PAUSED)) {
            c.retune(project.experiment());
        }
    }

    /** Whether run {@code i} of the current comparison has ended (completed, stopped, diverged, failed). */
    boolean runEnded(int i) {
        LiveComparison c = comparison;
        return c != null && i < c.runCount() && c.engine().status(i).isFinal();
    }

    private void show(LiveComparison c) {
        comparison = c;
        divergences.clear();
        lastDivergence.set(null);
        engineComparison.set(c == null ? null : c.engine());
        hasComparison.set(c != null);
        rebuildRows();
    }

    private void discardComparison() {
        LiveComparison old = comparison;
        if (old != null) {
            old.close();
            show(null);
        }
    }

    // ---- frames ----

    /**
     * Called every pulse by the window's timer: copies the runs' status into the rows (their progress,
     * speed and the status line at most every {@link FrameClock#FIGURES_NANOS}) and advances the frame
     * counter that charts follow, at most every 33 ms and less often when drawing is expensive (see
     * {@link FrameClock}), which keeps the window responsive (and training fast) however many runs share
     * the two cores. Never blocks.
     */
    public void tick(long now, boolean force) {
        if (!clock.frameDue(now, force)) {
            return;
        }
        LiveComparison c = comparison;
        if (c == null) {
            return;
        }
        List<RunSummary> summaries = c.summaries();
        int total = c.totalSteps();
        boolean slowMotion = !stepRate.get().isFullSpeed();
        // in slow motion every frame shows its step, in the status line and (up to it) in the charts
        boolean figures = clock.figuresDue(now, force || slowMotion || state.get() != State.RUNNING);
        frameStep = slowMotion ? StatusLines.frameStep(summaries) : Long.MAX_VALUE;
        rows.update(summaries, total, figures);
        noteDivergences(c, summaries);
        boolean allFinal = summaries.stream().allMatch(s -> s.status().isFinal());
        if (allFinal && state.get() != State.FINISHED) {
            state.set(State.FINISHED);
        }
        if (figures || allFinal) {
            statusLine.set(StatusLines.line(summaries, total, state.get() == State.PAUSED, stepRate.get()));
        }
        clock.measure(() -> frame.set(frame.get() + 1));
    }

    /**
     * Live lockstep in time (the Run menu's "Keep Runs Together", on by default): no run is more than a
     * couple of steps ahead of the slowest, so the race on screen is fair; off, each run goes at its own
     * pace. Applies at once, to the runs training now too.
     */
    public BooleanProperty lockstepInTimeProperty() {
        return lockstepInTime;
    }

    /**
     * Slow motion (the training toolbar's speed): the whole comparison takes at most this many steps a
     * second, every run one step at a time together, so a class can follow it; {@link StepRate#FULL_SPEED}
     * (the default) removes the limit. Applies at once, from the next step, to the runs training now too.
     * In slow motion every frame refreshes the status line, and the charts end at its step
     * ({@link #frameStep()}).
     */
    public ObjectProperty<StepRate> stepRateProperty() {
        return stepRate;
    }

    /**
     * The step the current frame shows: in slow motion, the status line's step, where the charts end;
     * {@code Long.MAX_VALUE} at full speed (the charts draw every point they have).
     */
    public long frameStep() {
        return comparison == null ? Long.MAX_VALUE : frameStep;
    }

    /** A run that diverged and where: the node, the quantity, one sentence with advice. */
    public record DivergedRun(int run, String name, Divergence where) {
        /** "Adam diverged: The output of h2 became infinite at step 7 in the forward pass: ..." */
        public String sentence() {
            return name + " diverged: " + where.sentence();
        }
    }

    private void noteDivergences(LiveComparison c, List<RunSummary> summaries) {
        for (int i = 0; i < summaries.size(); i++) {
            if (summaries.get(i).status() == RunStatus.DIVERGED && !divergences.containsKey(i)) {
                Divergence where = c.engine().divergence(i);
                if (where != null) {
                    DivergedRun run = new DivergedRun(i, summaries.get(i).name(), where);
                    divergences.put(i, run);
                    lastDivergence.set(run);
                    message.set(run.sentence());
                }
            }
        }
    }

    /** Where run {@code i} of the current comparison diverged, or null. */
    public DivergedRun divergence(int i) {
        return divergences.get(i);
    }

    /** The run that diverged last in the current comparison (null until one does, and after Reset). */
    public ReadOnlyObjectProperty<DivergedRun> divergenceProperty() {
        return lastDivergence.getReadOnlyProperty();
    }

    /** The current interval between frames, in nanoseconds (for tests and diagnostics). */
    public long frameInterval() {
        return clock.interval();
    }

    private void rebuildRows() {
        LiveComparison c = comparison;
        rows.rebuild(project.experiment(), c == null ? null : c.experiment(), c == null ? 0 : c.runCount());
        showPendingEdits();
        tick(System.nanoTime(), true);
    }

    private void showPendingEdits() {
        LiveComparison c = comparison;
        boolean edited = c != null && RunRows.edited(project.experiment(), c.experiment());
        pendingEdits.set(!edited ? "" : state.get() == State.FINISHED ? "Edits apply at the next Train"
                : "Edits apply after Reset");
    }

    // ---- metrics ----

    /**
     * Writes the metrics recorded so far (one row per run per step, the format of {@code descent run})
     * to {@code target} on the background executor; the runs go on. {@code done} gets null on success or
     * the reason it failed, on the FX thread.
     */
    public void exportMetrics(Path target, Consumer<String> done) {
        LiveComparison c = comparison;
        if (c == null) {
            done.accept("there are no metrics yet: train first");
            return;
        }
        c.metrics().export(target, background, fx, done);
    }

    /** Where the current comparison's metrics are being recorded, or null. */
    public Path recordingDirectory() {
        LiveComparison c = comparison;
        return c == null ? null : c.metrics().directory();
    }

    // ---- what the views read ----

    /** The experiment the current comparison trains (it may differ from the project after edits), or null. */
    public Experiment trainedExperiment() {
        LiveComparison c = comparison;
        return c == null ? null : c.experiment();
    }

    /** Whether the project's data is loading (false again once {@link #dataset()} is the new data, or null). */
    public ReadOnlyBooleanProperty dataLoadingProperty() {
        return data.loadingProperty();
    }

    /** The project's data as loaded, or null. */
    public dev.descent.engine.data.Dataset dataset() {
        return data.dataset();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public State state() {
        return state.get();
    }

    /** Whether there is a comparison (training, paused or finished) whose results are shown. */
    public ReadOnlyBooleanProperty hasComparisonProperty() {
        return hasComparison.getReadOnlyProperty();
    }

    /**
     * The engine's running comparison, or null. For the views that still read the engine directly (the
     * charts, the data view); the others use this class's own accessors.
     */
    public ReadOnlyObjectProperty<LockstepComparison> comparisonProperty() {
        return engineComparison.getReadOnlyProperty();
    }

    /** How many runs the current comparison trains (0 without one). */
    public int trainedRunCount() {
        LiveComparison c = comparison;
        return c == null ? 0 : c.runCount();
    }

    /**
     * "Edits apply after Reset" while the project differs from what the current comparison trains
     * ("... at the next Train" once it finished), empty otherwise.
     */
    public ReadOnlyStringProperty pendingEditsProperty() {
        return pendingEdits.getReadOnlyProperty();
    }

    /** The bounded history of run {@code i}, or null without a comparison. */
    public RunHistory history(int i) {
        LiveComparison c = comparison;
        return c == null || i < 0 || i >= c.runCount() ? null : c.history(i);
    }

    public ObservableList<RunRow> rows() {
        return rows.list();
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
