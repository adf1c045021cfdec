package dev.descent.engine.train;

import dev.descent.engine.Engine;
import dev.descent.engine.data.DataShape;
import dev.descent.engine.nn.Network;
import dev.descent.engine.nn.ParameterSegment;
import dev.descent.engine.nn.Pass;
import dev.descent.engine.nn.SegmentNorms;
import dev.descent.engine.optim.MetricFeedback;
import dev.descent.engine.optim.Optimizer;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.optim.StateVector;
import dev.descent.engine.vocab.Choice;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Trains one run, one step at a time, driven by the comparison's workers ({@link RunWorkers}), which
 * hold a run on one worker thread at a time. Lifecycle:
 * <ol>
 *   <li>constructed on any thread with its configuration, shared data and control;</li>
 *   <li>{@link #open()} compiles the network and prepares training;</li>
 *   <li>{@link #advance()} takes the next step: loads the minibatch, runs forward and backward, measures
 *       gradients, applies the optimizer, measures the update and weights, checks for divergence,
 *       publishes a {@link StepEvent} and, when due, evaluates on the validation split and publishes an
 *       {@link EvaluationEvent}; {@link #paused()}, {@link #resumed()} and {@link #stop()} announce
 *       what the control decided between steps;</li>
 *   <li>it ends COMPLETED, STOPPED, DIVERGED (NaN or infinite loss or parameters, a result) or FAILED
 *       (an internal error), always publishing a final {@link StatusEvent};</li>
 *   <li>{@link #serveRequests()} answers requests against the network (predictions for the window's
 *       decision boundary) between steps, while paused and after the run ended, until the comparison
 *       is closed.</li>
 * </ol>
 */
final class RunTrainer implements Steppable {
    private final int index;
    /** The run's settings, as changed by {@link #retune} at the steps it applied. */
    private volatile RunConfig config;
    private final AtomicReference<Retune> retune = new AtomicReference<>();
    private final TrainingConfig training;
    private final TrainingData data;
    private final DataShape shape;
    private final RunControl control;
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Consumer<Network>> requests = new LinkedBlockingQueue<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Snapshots snapshots;
    private volatile boolean keepsSnapshots = true;

    private volatile RunStatus status = RunStatus.READY;
    private volatile int steps;
    private volatile int divergedAt = -1;
    private volatile double lastTrainLoss = Double.NaN;
    private volatile double lastValidationLoss = Double.NaN;
    private volatile double bestValidationLoss = Double.NaN;
    private volatile double lastValidationAccuracy = Double.NaN;
    private volatile long trainingNanos;
    private volatile String message = "";
    private volatile Divergence divergence;
    /** The weight the window follows, if any ({@link #watch}). */
    private final WeightProbe probe = new WeightProbe();
    /** Norm of each parameter node's weights before the next step (initial, then after each update). */
    private double[] weightsBefore;

    private Network network;
    private Optimizer optimizer;
    private ISchedule schedule;
    private BatchLoader loader;
    private List<ParameterSegment> segments;
    private SegmentNorms gradientNorms;
    private SegmentNorms weightNorms;
    /** Norms of each of the optimizer's state vectors by segment, with their descriptions (rebuilt on a retune). */
    private List<SegmentNorms> stateNorms;
    private List<StateVector> stateVectors;
    private MetricLayout layout;
    private int total;
    private int batches;
    private double lossSinceEvaluation;
    private int stepsSinceEvaluation;
    /** Stacked members only ({@link MemberGroup}): what brings its network up to date before it evaluates. */
    private Runnable beforeEvaluation;
    /** When the run's training time was last counted up to, or 0 when it is not counting (paused). */
    private long countedUpTo;

    RunTrainer(int index, RunConfig config, TrainingConfig training, TrainingData data, DataShape shape,
               RunControl control) {
        this.index = index;
        this.config = config;
        this.training = config.trainingOf(training); // a member: its own seed and batch size
        this.data = data;
        this.shape = shape;
        this.control = control;
        this.snapshots = new Snapshots(training.totalSteps(data.trainSize));
    }

    @Override
    public boolean hasRequests() {
        return !requests.isEmpty();
    }

    void addListener(TrainingListener listener) {
        listeners.add(listener);
    }

    void removeListener(TrainingListener listener) {
        listeners.remove(listener);
    }

    /** Takes no more snapshots (they are for the window only); before the run starts. */
    void keepNoSnapshots() {
        keepsSnapshots = false;
    }

    /** The run's settings now (with the hyperparameter changes applied so far). */
    RunConfig config() {
        return config;
    }

    /**
     * Gives the run other optimizer hyperparameters and schedule parameters from its next step on (any
     * thread; returns at once). The latest call before that step wins.
     */
    void retune(Choice<OptimizerType> optimizer, Choice<Schedule> schedule) {
        retune.set(new Retune(optimizer, schedule));
    }

    /** Hyperparameters waiting for the run's next step. */
    private record Retune(Choice<OptimizerType> optimizer, Choice<Schedule> schedule) {
    }

    /**
     * Follows {@code weight} from the next step on ({@link WatchedWeightStep} in every {@link StepEvent}), or
     * nothing ({@code null}); any thread, returns at once. Not for a stacked member (its state is its group's).
     */
    void watch(WatchedWeight weight) {
        probe.watch(weight);
    }

    /** The run's histograms over time (read from any thread). */
    Snapshots snapshots() {
        return snapshots;
    }

    RunStatus status() {
        return status;
    }

    /** Steps taken so far. */
    @Override
    public int stepsTaken() {
        return steps;
    }

    /** Runs {@code task} on a worker with this run's network, between steps, while paused or after training. */
    void submit(Consumer<Network> task) {
        requests.add(task);
        control.wake();
    }

    RunSummary summary() {
        double seconds = trainingNanos / 1e9;
        return new RunSummary(config.name(), status, steps, divergedAt, lastTrainLoss, lastValidationLoss,
                bestValidationLoss, lastValidationAccuracy, seconds, seconds > 0 ? steps / seconds : 0, message);
    }

    /** Waits until the run has ended (any final status). */
    boolean awaitFinished(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }

    /**
     * Compiles the network (its initial weights) and prepares the optimizer, schedule, batches and
     * measurements; false if that failed (the run then ended FAILED).
     */
    @Override
    public boolean open() {
        try {
            network = Network.create(config.network(), shape, training.dataType(), training.seed());
            optimizer = Optimizer.create(config.optimizer(), network.parameters());
            total = training.totalSteps(data.trainSize);
            schedule = Schedule.create(config.schedule(), optimizer.baseLearningRate(), total);
            loader = new BatchLoader(data, training.batchSize(), training.seed());
            segments = network.segments();
            gradientNorms = new SegmentNorms(network.gradients(), segments);
            weightNorms = new SegmentNorms(network.parameters(), segments);
            measureState();
            layout = new MetricLayout(segments.stream().map(ParameterSegment::nodeId).toList(), network.activationNodes());
            batches = loader.batches();
            weightsBefore = norms(weightNorms);
            setStatus(RunStatus.TRAINING, "");
            if (total == 0) {
                finish(RunStatus.COMPLETED, "");
                return false;
            }
            return true;
        } catch (Throwable t) {
            finish(RunStatus.FAILED, "internal error: " + t);
            return false;
        }
    }

    /** Takes the next step; false when the run has ended (completed, diverged or failed). */
    @Override
    public boolean advance() {
        int step = steps + 1;
        try {
            applyRetune(step);
            if (countedUpTo == 0) {
                countedUpTo = System.nanoTime(); // the first step, or the first after a pause
            }
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP_WORKSPACE, "descent-step")) {
                if (!step(step)) {
                    return false;
                }
            }
        } catch (Throwable t) {
            finish(RunStatus.FAILED, "internal error: " + t);
            return false;
        }
        if (step == total) {
            finish(RunStatus.COMPLETED, "");
            return false;
        }
        return true;
    }

    /** The control holds the run: it announces the pause; the time paused does not count as training. */
    @Override
    public void paused() {
        countedUpTo = 0;
        setStatus(RunStatus.PAUSED, "");
    }

    /** The run goes on after a pause. */
    @Override
    public void resumed() {
        setStatus(RunStatus.TRAINING, "");
    }

    /** The control stopped the run before its next step. */
    @Override
    public void stop() {
        finish(RunStatus.STOPPED, "stopped after step " + steps);
    }

    /**
     * Temporaries of a step (ND4J's own intermediate arrays, loss and activation gradients) come from an
     * arena reset after every step, so a step allocates nothing from the system that it does not give
     * back. Persistent buffers (parameters, optimizer state, passes) are created outside it.
     */
    private static final WorkspaceConfiguration STEP_WORKSPACE = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.OVERALLOCATE).overallocationLimit(0.25)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    /**
     * Before step {@code step}: takes over hyperparameters changed since the last step. The optimizer
     * keeps its state ({@link Optimizer#retuned}); the schedule is rebuilt from the new parameters and
     * η₀ only when those changed, at the same position t (a stateless schedule continues along its new
     * curve; reduce-on-plateau starts again from the new η₀).
     */
    void applyRetune(int step) {
        Retune next = retune.getAndSet(null);
        if (next == null) {
            return;
        }
        RunConfig was = config;
        if (!next.optimizer().equals(was.optimizer())) {
            optimizer = optimizer.retuned(next.optimizer(), network.parameters()); // a stacked member's group reads config()
            measureState();
        }
        double base = next.optimizer().value(OptimizerType.LEARNING_RATE);
        if (!next.schedule().equals(was.schedule()) || base != was.optimizer().value(OptimizerType.LEARNING_RATE)) {
            schedule = Schedule.create(next.schedule(), base, total);
        }
        // a member keeps its group, number and batch size (the charts, files and stacked groups read them)
        config = new RunConfig(was.name(), was.network(), next.optimizer(), next.schedule(), was.normalizer(),
                was.group(), was.member(), was.batchSize(), was.swept());
        RetuneEvent event = new RetuneEvent(index, was.name(), step, next.optimizer(), next.schedule());
        for (TrainingListener listener : listeners) {
            try {
                listener.onRetune(event);
            } catch (RuntimeException e) {
                drop(listener, e);
            }
        }
    }

    /**
     * One step: forward, backward, update, measure, publish and, when due, evaluate; false when the run
     * ended (diverged). Each part is a method below, in the order they run.
     */
    private boolean step(int step) {
        int epoch = (step - 1) / batches;
        int batch = (step - 1) % batches;
        Pass pass = network.pass(loader.sizeOf(batch), true);
        loader.load(epoch, batch, pass);
        double loss = pass.forward(true);
        if (!Double.isFinite(loss)) {
            return diverged(DivergenceLocator.locate(step, network, pass, segments, weightsBefore, loss, null, null));
        }
        pass.backward();
        if (snapshotDue(step)) {
            snapshots.take(step, network, pass);
        }
        double[] gradients = norms(gradientNorms);
        double gradientNorm = euclidean(gradients);
        if (DivergenceLocator.bad(gradientNorm)) {
            return diverged(DivergenceLocator.locate(step, network, pass, segments, weightsBefore, loss, gradients, null));
        }
        double learningRate = schedule.valueAt(step - 1, epoch);
        double[] updates = update(step, gradientNorm, learningRate);
        double[] weights = norms(weightNorms);
        if (DivergenceLocator.bad(euclidean(weights))) {
            return diverged(DivergenceLocator.locate(step, network, pass, segments, weightsBefore, loss, gradients, weights));
        }
        weightsBefore = weights;
        count(step, loss);
        publish(new StepEvent(index, config.name(), step, epoch + 1, loss, learningRate, layout, gradients, weights,
                ratios(updates, weights), ActivationColumns.of(pass.activationStats()), optimizerColumns(gradients, updates),
                probe.figures(step, network, stateVectors), trainingNanos / 1e9));
        evaluateIfDue(step, epoch, batch);
        return true;
    }

    /** Measures the optimizer's state vectors from now on (at open, and after a retune replaced the optimizer). */
    private void measureState() {
        stateVectors = optimizer.stateVectors();
        stateNorms = stateVectors.stream().map(v -> new SegmentNorms(v.values().reshape(1, v.values().length()), segments))
                .toList(); // some rules keep a rank-1 vector: a [1, P] view of it
    }

    /** The step's effective rate per node and the RMS of each state vector per node, √(‖s‖₂² / n). */
    private OptimizerColumns optimizerColumns(double[] gradients, double[] updates) {
        double[][] rms = new double[stateNorms.size()][];
        for (int v = 0; v < rms.length; v++) {
            rms[v] = norms(stateNorms.get(v));
            for (int i = 0; i < rms[v].length; i++) {
                rms[v][i] /= Math.sqrt(segments.get(i).length());
            }
        }
        return new OptimizerColumns(stateVectors.stream().map(StateVector::symbol).toList(),
                stateVectors.stream().map(StateVector::meaning).toList(),
                OptimizerColumns.effectiveRates(gradients, updates), rms);
    }

    /** Turns the gradients into the step Δθ and applies it; returns ‖Δθ‖₂ of each parameter node. */
    private double[] update(int step, double gradientNorm, double learningRate) {
        probe.beforeRule(network);
        optimizer.computeUpdate(network.gradients(), network.parameters(), gradientNorm, step - 1, learningRate);
        probe.afterRule(network);
        double[] updates = norms(gradientNorms); // the gradient buffer now holds Δθ
        network.applyUpdate();
        return updates;
    }

    /** L2 norm of each parameter node's segment of the buffer {@code of} measures. */
    private double[] norms(SegmentNorms of) {
        double[] norms = new double[segments.size()];
        of.compute(norms);
        return norms;
    }

    /** ‖Δθ‖₂/‖θ‖₂ of each parameter node (0 where ‖θ‖₂ is 0). */
    private static double[] ratios(double[] updates, double[] weights) {
        double[] ratios = new double[updates.length];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = weights[i] == 0 ? 0 : updates[i] / weights[i];
        }
        return ratios;
    }

    /** Counts a finished step in the run's figures. */
    private void count(int step, double loss) {
        steps = step;
        lastTrainLoss = loss;
        lossSinceEvaluation += loss;
        stepsSinceEvaluation++;
        countTime();
    }

    /**
     * Adds the time since it was last counted to the run's training time: its wall-clock time while it
     * trains, waits for a worker or for slower runs, pauses excluded (as a user watching it sees it).
     */
    private void countTime() {
        long now = System.nanoTime();
        trainingNanos += now - countedUpTo;
        countedUpTo = now;
    }

    /** Evaluates every {@code evaluateEvery} steps, at each epoch's end and after the last step. */
    private void evaluateIfDue(int step, int epoch, int batch) {
        boolean epochEnd = batch == batches - 1;
        if (step % training.evaluateEvery() == 0 || epochEnd || step == total) {
            evaluate(step, epoch + 1);
            countTime();
        }
    }

    private void evaluate(int step, int epoch) {
        if (beforeEvaluation != null) {
            beforeEvaluation.run();
        }
        double monitored = lossSinceEvaluation / Math.max(1, stepsSinceEvaluation);
        lossSinceEvaluation = 0;
        stepsSinceEvaluation = 0;
        if (data.validationSize > 0) {
            Pass pass = network.pass(data.validationSize, false);
            pass.features().assign(data.validationFeatures);
            pass.labels().assign(data.validationLabels);
            double loss = pass.forward(false);
            double accuracy = data.validationClasses == null ? Double.NaN : accuracy(pass);
            lastValidationLoss = loss;
            lastValidationAccuracy = accuracy;
            if (Double.isNaN(bestValidationLoss) || loss < bestValidationLoss) {
                bestValidationLoss = loss;
            }
            monitored = loss;
            publishEvaluation(new EvaluationEvent(index, config.name(), step, epoch, loss, accuracy));
        }
        if (schedule instanceof MetricFeedback feedback && Double.isFinite(monitored)) {
            feedback.observe(step, monitored);
        }
    }

    private double accuracy(Pass pass) {
        INDArray predictions = pass.predictions();
        int correct = 0;
        int n = data.validationClasses.length;
        if (predictions.columns() == 1) {
            for (int i = 0; i < n; i++) {
                int predicted = predictions.getDouble(i, 0) > 0.5 ? 1 : 0;
                correct += predicted == data.validationClasses[i] ? 1 : 0;
            }
        } else {
            INDArray argMax = Nd4j.argMax(predictions, 1);
            for (int i = 0; i < n; i++) {
                correct += argMax.getInt(i) == data.validationClasses[i] ? 1 : 0;
            }
        }
        return correct / (double) n;
    }

    /**
     * Ends the run as diverged where {@code where} says; always false (the step did not complete). Its
     * message is the located sentence with the optimizer it trained with.
     */
    private boolean diverged(Divergence where) {
        divergence = where;
        divergedAt = where.step();
        steps = where.step();
        finish(RunStatus.DIVERGED, String.format(Locale.ROOT, "diverged: %s (optimizer %s)", where.sentence(),
                config.optimizer().describe()));
        return false;
    }

    /** Where the run diverged, or null. */
    Divergence divergence() {
        return divergence;
    }

    private void finish(RunStatus end, String why) {
        message = why;
        setStatus(end, why);
        finished.countDown();
    }

    private void setStatus(RunStatus next, String why) {
        status = next;
        StatusEvent event = new StatusEvent(index, config.name(), next, next == RunStatus.DIVERGED ? divergedAt : steps, why);
        for (TrainingListener listener : listeners) {
            try {
                listener.onStatus(event);
            } catch (RuntimeException e) {
                drop(listener, e);
            }
        }
    }

    private void publish(StepEvent event) {
        for (TrainingListener listener : listeners) {
            try {
                listener.onStep(event);
            } catch (RuntimeException e) {
                drop(listener, e);
            }
        }
    }

    private void publishEvaluation(EvaluationEvent event) {
        for (TrainingListener listener : listeners) {
            try {
                listener.onEvaluation(event);
            } catch (RuntimeException e) {
                drop(listener, e);
            }
        }
    }

    private void drop(TrainingListener listener, RuntimeException e) {
        listeners.remove(listener);
        System.err.println("descent: a training listener failed and was removed: " + e);
    }

    /** Answers the requests waiting (dropped if the network could not be built). */
    @Override
    public void serveRequests() {
        Consumer<Network> task;
        while ((task = requests.poll()) != null) {
            if (network == null) {
                continue;
            }
            try {
                task.accept(network);
            } catch (RuntimeException e) {
                System.err.println("descent: a request to run '" + config.name() + "' failed: " + e);
            }
        }
    }

    /** The normalized form of raw inputs, as this run's network sees them. */
    INDArray normalize(INDArray raw) {
        if (data.normalization != null) {
            data.normalization.transform(raw);
        }
        return raw;
    }

    // ---- hooks for a member trained in a stacked group (MemberGroup); the single path does not use them ----

    /**
     * Makes this run a member of a stacked group: the group trains its weights, and {@code sync} brings its
     * own network up to date before it evaluates.
     */
    void stack(Runnable sync) {
        beforeEvaluation = sync;
    }

    Network network() {
        return network;
    }

    Optimizer optimizer() {
        return optimizer;
    }

    BatchLoader loader() {
        return loader;
    }

    TrainingConfig training() {
        return training;
    }

    double[] weightsBefore() {
        return weightsBefore;
    }

    /** Steps this run takes in all (0 before it opened). */
    @Override
    public int totalSteps() {
        return total;
    }

    /** Before a stacked step: takes over retuned hyperparameters and starts counting time. */
    void beginStackedStep(int step) {
        applyRetune(step);
        if (countedUpTo == 0) {
            countedUpTo = System.nanoTime();
        }
    }

    /** η of step {@code step} (1-based) in 0-based {@code epoch}. */
    double learningRateAt(int step, int epoch) {
        return schedule.valueAt(step - 1, epoch);
    }

    /** Whether step {@code step} takes a snapshot. */
    boolean snapshotDue(int step) {
        return keepsSnapshots && snapshots.due(step, step == total);
    }

    /** Ends the run as diverged at {@code where}. */
    void divergedStacked(Divergence where) {
        diverged(where);
    }

    /** Ends the run FAILED after an internal error of its group. */
    void failStacked(Throwable t) {
        finish(RunStatus.FAILED, "internal error: " + t);
    }

    /**
     * Finishes a stacked step as {@link #step} finishes its own: counts it, publishes its {@link StepEvent},
     * evaluates when due, and completes the run after its last step; false once the run has ended.
     */
    boolean completeStackedStep(int step, int epoch, int batch, double loss, double learningRate, double[] gradients,
                                double[] updates, double[] weights, ActivationColumns activations) {
        weightsBefore = weights;
        count(step, loss);
        publish(new StepEvent(index, config.name(), step, epoch + 1, loss, learningRate, layout, gradients, weights,
                ratios(updates, weights), activations, OptimizerColumns.withoutState(gradients, updates), null,
                trainingNanos / 1e9));
        evaluateIfDue(step, epoch, batch);
        if (step == total) {
            finish(RunStatus.COMPLETED, "");
            return false;
        }
        return true;
    }

    private static double euclidean(double[] parts) {
        double sum = 0;
        for (double p : parts) {
            sum += p * p;
        }
        return Math.sqrt(sum);
    }
}
