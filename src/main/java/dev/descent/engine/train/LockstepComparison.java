package dev.descent.engine.train;

import dev.descent.engine.data.DataBudget;
import dev.descent.engine.data.DataShape;
import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.graph.GraphValidator;
import dev.descent.engine.graph.LossFunction;
import dev.descent.engine.graph.MemoryEstimate;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.Problem;
import dev.descent.engine.graph.Problem.Section;
import dev.descent.engine.graph.Validation;
import dev.descent.engine.nn.Pass;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Choice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Several runs trained side by side under identical conditions: runs that share a network spec and the
 * seed start from bit-identical weights, every run sees the same minibatches in the same order, and
 * they train concurrently on a bounded pool of worker threads (at most one per core, {@link RunWorkers}). One {@link RunControl} pauses, steps and stops them all.
 * Lifecycle: {@link #create} (validates and prepares data) → {@link #addListener} → {@link #start} →
 * control and {@link #await} → {@link #close}.
 */
public final class LockstepComparison implements AutoCloseable {
    /**
     * Most runs compared side by side: a comparison is read run by run, in the runs panel and the charts,
     * and beyond this it is no longer a comparison anyone can follow; larger sweeps are split into files.
     */
    public static final int MAX_RUNS = 1000;
    /**
     * How the names of the threads that train start (then the worker's number). Exactly 15 characters, so
     * that it survives Linux's 15-character thread names ({@code /proc/.../comm}), where profilers read it.
     */
    public static final String WORKER_THREAD_PREFIX = "descent-worker-";
    /**
     * Most members (runs of the file times sweep points times seeds) trained in one comparison: a sweep's
     * members are read as a map and a band, not one by one.
     */
    public static final int MAX_MEMBERS = 4096;

    private final TrainingConfig training;
    private final List<RunTrainer> trainers;
    private final List<RunHistory> histories;
    private final RunControl control = new RunControl();
    private final int trainSize;
    private final RunWorkers workers;
    private final DataShape shape;
    /** Whether each run trains as a stacked member (its optimizer state is its group's). */
    private final boolean[] stacked;
    private boolean started;

    private LockstepComparison(TrainingConfig training, List<RunConfig> runs, Map<String, TrainingData> prepared,
                               DataShape shape, int trainSize) {
        this.training = training;
        this.trainSize = trainSize;
        List<RunTrainer> list = new ArrayList<>();
        List<RunHistory> hist = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            RunConfig run = runs.get(i);
            RunTrainer trainer = new RunTrainer(i, run, training, prepared.get(run.normalizer().term().id()), shape,
                    control);
            RunHistory history = new RunHistory();
            trainer.addListener(history);
            list.add(trainer);
            hist.add(history);
        }
        this.trainers = List.copyOf(list);
        this.histories = List.copyOf(hist);
        List<Steppable> units = MemberGroups.plan(trainers, training, prepared);
        this.shape = shape;
        this.stacked = new boolean[trainers.size()];
        for (Steppable unit : units) {
            if (unit instanceof MemberGroup group) {
                group.members().forEach(m -> stacked[trainers.indexOf(m)] = true);
            }
        }
        this.workers = new RunWorkers(units, control);
    }

    /**
     * Validates every run's network against the data and prepares the tensors (one set per input
     * normalizer used).
     *
     * @throws InvalidComparisonException listing every problem of every run
     */
    public static LockstepComparison create(TrainingConfig training, Dataset train, Dataset validation,
                                            List<RunConfig> runs) throws InvalidComparisonException {
        return create(training, train, validation, runs, MemoryEstimate.limitBytes());
    }

    /**
     * As {@link #create(TrainingConfig, Dataset, Dataset, List)}, refusing before anything is allocated
     * if the runs together with the data would need more than {@code memoryLimit} bytes.
     */
    public static LockstepComparison create(TrainingConfig training, Dataset train, Dataset validation,
                                            List<RunConfig> runs, long memoryLimit) throws InvalidComparisonException {
        List<Problem> problems = new ArrayList<>();
        if (runs.isEmpty()) {
            problems.add(Problem.of(Section.RUNS, "", "there are no runs; add at least one"));
        } else if (runs.size() > MAX_MEMBERS) {
            problems.add(Problem.of(Section.RUNS, "", tooManyMembers(runs.size())));
        }
        if (train.size() == 0) {
            problems.add(Problem.of(Section.DATASET, "", "the training split is empty"));
        } else if (training.maxSteps() == 0) {
            String tooMany = TrainingConfig.stepsProblem(training.epochs(), training.batchSize(), train.size());
            if (tooMany != null) {
                problems.add(Problem.of(Section.TRAINING, "training", tooMany));
            }
        }
        Set<String> names = new HashSet<>();
        DataShape shape = train.shape();
        List<Validation> networks = new ArrayList<>();
        for (RunConfig run : runs) {
            if (!names.add(run.name())) {
                problems.add(Problem.of(Section.RUNS, "", "the name is used by another run; run names must be unique")
                        .inRun(run.name()));
            }
            int batch = run.trainingOf(training).batchSize();
            Validation checked = GraphValidator.validate(run.network(), shape, batch,
                    training.dataType().width(), memoryLimit);
            networks.add(checked);
            List<Problem> found = new ArrayList<>(checked.problems());
            found.addAll(batchNormProblems(run.network(), batch, train.size()));
            for (Problem p : found) {
                problems.add(runs.size() > 1 ? p.inRun(run.name()) : p);
            }
        }
        if (problems.isEmpty()) {
            int largestBatch = runs.stream().mapToInt(r -> r.trainingOf(training).batchSize()).max().orElseThrow();
            String tooLarge = memoryProblem(runs, networks, shape, train.size() + validation.size(), validation.size(),
                    largestBatch, training.dataType().width(), memoryLimit);
            if (tooLarge != null) {
                problems.add(Problem.of(Section.RUNS, "", tooLarge));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidComparisonException(problems.stream().distinct().toList());
        }
        LossFunction loss = runs.get(0).network().nodesOf(NodeSpec.Loss.class).get(0).function().term();
        Map<String, TrainingData> prepared = new HashMap<>();
        for (RunConfig run : runs) {
            InputNormalizer normalizer = run.normalizer().term();
            prepared.computeIfAbsent(normalizer.id(),
                    id -> TrainingData.prepare(train, validation, normalizer, loss, training.dataType()));
        }
        return new LockstepComparison(training, runs, prepared, shape, train.size());
    }

    /**
     * Why the batch-norm nodes of {@code network} could not normalize this training's batches: the
     * variance of a single example is 0, so its output would be β and no gradient would flow (torch raises
     * an error). With batches of at least 2, a single leftover example joins the previous batch (see
     * {@link TrainingConfig}), so only a batch size of 1 or a single training example can cause it.
     */
    public static List<Problem> batchNormProblems(NetworkSpec network, int batchSize, int trainSize) {
        List<Problem> problems = new ArrayList<>();
        for (NodeSpec.BatchNorm norm : network.nodesOf(NodeSpec.BatchNorm.class)) {
            if (batchSize < 2) {
                problems.add(Problem.at(norm.id(), "batch_norm needs at least 2 examples per batch to compute a variance,"
                        + " but batchSize is " + batchSize + "; use a batchSize of 2 or more, or layer_norm"));
            } else if (trainSize == 1) {
                problems.add(Problem.at(norm.id(), "batch_norm needs at least 2 training examples to compute a variance,"
                        + " but the training split has 1; add examples or hold fewer out for validation"));
            }
        }
        return problems;
    }

    /**
     * Why {@code runs}, whose networks validated as {@code networks}, cannot train side by side within
     * {@code memoryLimit} bytes of ND4J memory and this process's Java heap, or {@code null} if they can.
     */
    public static String memoryProblem(List<RunConfig> runs, List<Validation> networks, DataShape shape, int examples,
                                       int validationSize, int batchSize, int bytesPerValue, long memoryLimit) {
        return memoryProblem(runs, networks, shape, examples, validationSize, batchSize, bytesPerValue, memoryLimit,
                MemoryEstimate.heapBytes());
    }

    /**
     * As {@link #memoryProblem(List, List, DataShape, int, int, int, int, long)} with a Java heap of
     * {@code heapBytes}. Off the heap (ND4J): every run's network in training and evaluation plus the data
     * tensors (all {@code examples}, once per input normalizer used). On the heap: every run's history
     * ({@link RunHistory#heapBytes}), its snapshots ({@link Snapshots#heapBytes}) and its trainer and metrics recorder ({@link #RUN_HEAP_BYTES}), plus
     * the examples with their split copies and the copy made while they become tensors.
     */
    public static String memoryProblem(List<RunConfig> runs, List<Validation> networks, DataShape shape, int examples,
                                       int validationSize, int batchSize, int bytesPerValue, long memoryLimit,
                                       long heapBytes) {
        if (runs.isEmpty()) {
            return null;
        }
        double networkBytes = 0;
        for (Validation network : networks) {
            networkBytes += MemoryEstimate.runBytes(network, batchSize, validationSize, bytesPerValue);
        }
        LossFunction loss = runs.get(0).network().nodesOf(NodeSpec.Loss.class).get(0).function().term();
        long normalizers = runs.stream().map(r -> r.normalizer().term()).distinct().count();
        int labelWidth = loss.requiredWidth(shape);
        double dataBytes = MemoryEstimate.dataBytes(examples, shape.features(), labelWidth, (int) normalizers,
                bytesPerValue);
        String offHeap = MemoryEstimate.comparisonProblem(runs.size(), networkBytes, dataBytes, memoryLimit);
        if (offHeap != null) {
            return offHeap;
        }
        double runsHeap = 0;
        for (RunConfig run : runs) {
            runsHeap += runHeapBytes(run.network());
        }
        double dataHeap = DataBudget.heapBytes(examples, shape.features(), 1, 0, 0)
                + (double) examples * (shape.features() + labelWidth) * Float.BYTES;
        return MemoryEstimate.heapProblem(runs.size(), runsHeap, dataHeap, heapBytes);
    }

    /**
     * Java heap of one run besides its history: its trainer, its ND4J ops' Java side and its metrics
     * recorder's buffer. Measured at about 180 KB for the optimizers sample's network after 300 steps
     * (heap after a full collection, 50 and 200 runs); 384 KB leaves room for what a run's worker thread
     * and ND4J's per-thread caches add on a busy machine (a 256 KB figure fell 1.4% short once in CI).
     */
    static final long RUN_HEAP_BYTES = 384 * 1024;

    /**
     * Java heap of one run of {@code network}: its history, its full set of snapshots
     * ({@link Snapshots#heapBytes}) and {@link #RUN_HEAP_BYTES}.
     */
    static long runHeapBytes(NetworkSpec network) {
        int parameterNodes = 0;
        int activationNodes = 0;
        int histograms = 0;
        for (NodeSpec node : network.nodes()) {
            if (node.type().hasParameters()) {
                parameterNodes++;
            } else if (node instanceof NodeSpec.Activation) {
                activationNodes++;
            }
            if (node instanceof NodeSpec.Activation || node instanceof NodeSpec.Dense) {
                histograms++;
            } else if (node instanceof NodeSpec.BatchNorm || node instanceof NodeSpec.LayerNorm) {
                histograms += 2;
            }
        }
        return RunHistory.heapBytes(parameterNodes, activationNodes) + Snapshots.heapBytes(histograms) + RUN_HEAP_BYTES;
    }

    /** Why {@code runs} runs are too many to compare side by side. */
    public static String tooManyRuns(int runs) {
        return String.format(Locale.ROOT, "%,d runs are more than the %,d that train side by side; split them into"
                + " several experiments", runs, MAX_RUNS);
    }

    /** Why {@code members} members are too many for one comparison. */
    public static String tooManyMembers(int members) {
        return String.format(Locale.ROOT, "%,d members (runs x sweep points x seeds) are more than the %,d that train"
                + " in one comparison; sweep fewer values, use fewer seeds, or split the runs into several experiments",
                members, MAX_MEMBERS);
    }

    /** Number of runs. */
    public int runCount() {
        return trainers.size();
    }

    /** The configuration of run {@code i}. */
    public RunConfig run(int i) {
        return trainers.get(i).config();
    }

    /**
     * Keeps neither metric histories nor snapshots, which only the window and challenge checks read: for
     * runs whose results are what their listeners write ({@code descent run}). Saves the time a step spends
     * recording them (on bench/sweep-spiral.json a third of the wall clock, 56 → 41 s of CPU). Before
     * {@link #start}; {@link #history} and {@link #snapshots} then stay empty.
     *
     * @throws IllegalStateException once training has started
     */
    public synchronized void recordNothingForTheWindow() {
        if (started) {
            throw new IllegalStateException("training has started: what it records can no longer change");
        }
        for (int i = 0; i < trainers.size(); i++) {
            trainers.get(i).removeListener(histories.get(i));
            trainers.get(i).keepNoSnapshots();
        }
    }

    /** The bounded metric history of run {@code i} (empty after {@link #recordNothingForTheWindow}). */
    public RunHistory history(int i) {
        return histories.get(i);
    }

    /** The bounded histograms over time of run {@code i} (see {@link Snapshots}). */
    public Snapshots snapshots(int i) {
        return trainers.get(i).snapshots();
    }

    /**
     * Steps each run will take; when runs sweep the batch size, the most any run takes (a chart's step axis
     * and a progress bar's end), see {@link #totalSteps(int)} for each.
     */
    public int totalSteps() {
        int most = 0;
        for (int i = 0; i < trainers.size(); i++) {
            most = Math.max(most, totalSteps(i));
        }
        return most;
    }

    /** Steps run {@code i} will take, at its own batch size. */
    public int totalSteps(int i) {
        return trainers.get(i).config().trainingOf(training).totalSteps(trainSize);
    }

    /** Examples in the training split (what an epoch goes through once). */
    public int trainSize() {
        return trainSize;
    }

    /** The shared settings. */
    public TrainingConfig training() {
        return training;
    }

    /** Adds a listener to every run; call before {@link #start()}. */
    public void addListener(TrainingListener listener) {
        for (RunTrainer trainer : trainers) {
            trainer.addListener(listener);
        }
    }

    /** Adds a listener to run {@code i} only; call before {@link #start()}. */
    public void addListener(int i, TrainingListener listener) {
        trainers.get(i).addListener(listener);
    }

    /** How the runs' threads share the machine with the rest of the process. */
    public enum Priority {
        /** Like any other thread: for the command line and benchmarks. */
        NORMAL,
        /** Below interactive threads (see {@link ThreadPriority}): for the window. */
        BACKGROUND
    }

    /** Starts training on the default number of workers ({@link #workerCount}), at normal priority. */
    public void start() {
        start(Priority.NORMAL);
    }

    /** Starts training on the default number of workers, at {@code priority}. */
    public void start(Priority priority) {
        start(priority, RunWorkers.defaultCount(trainers.size()));
    }

    /**
     * Starts {@code workers} named worker threads ({@code descent-worker-<i>}) that train the runs a step
     * at a time, in turn ({@link RunWorkers}). Results are byte-identical whatever their number.
     */
    public synchronized void start(Priority priority, int workers) {
        if (started) {
            throw new IllegalStateException("already started");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        started = true;
        this.workers.start(Math.min(workers, trainers.size()), priority == Priority.BACKGROUND);
    }

    /** The workers a comparison of {@code runs} runs starts by default: one per run, at most one per core. */
    public static int workerCount(int runs) {
        return RunWorkers.defaultCount(runs);
    }

    /**
     * Live lockstep in time: when on, no run starts a step while it is more than
     * {@value RunWorkers#MAX_LEAD} steps ahead of the slowest run still training, so runs advance together
     * (a race on screen is fair); when off (the default), each run goes at its own pace. Any thread, any
     * time; results are the same either way.
     */
    public void lockstepInTime(boolean on) {
        workers.lockstep(on);
    }

    /** Whether runs are kept together in time ({@link #lockstepInTime}). */
    public boolean isLockstepInTime() {
        return workers.lockstep();
    }

    /**
     * Slow motion: from the next step on, the comparison takes at most {@code rate} steps a second, every
     * run one step per tick, so all runs (stacked members and groups too) advance together, one step at a
     * time, however their speeds differ ({@link StepPacer}); {@link StepRate#FULL_SPEED} removes the limit
     * entirely. Any thread, any time, before or while training, without restarting a run; single steps
     * while paused are not held. Results are byte-identical at every rate: the limit only delays steps.
     */
    public void stepRate(StepRate rate) {
        workers.stepRate(Objects.requireNonNull(rate, "rate"));
    }

    /** The current step rate ({@link #stepRate(StepRate)}); full speed unless set. */
    public StepRate stepRate() {
        return workers.stepRate();
    }

    /** Times a worker waited for the step rate's next tick (for tests: none at full speed). */
    long pacedWaits() {
        return workers.pacedWaits();
    }

    /** The control shared by all runs. */
    public RunControl control() {
        return control;
    }

    public void pause() {
        control.pause();
    }

    public void resume() {
        control.resume();
    }

    /** Every run takes exactly one step, then waits. */
    public void step() {
        control.step();
    }

    public void stop() {
        control.stop();
    }

    /** Waits until every run has ended; false on timeout. */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (RunTrainer trainer : trainers) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !trainer.awaitFinished(left, TimeUnit.NANOSECONDS)) {
                return false;
            }
        }
        return true;
    }

    /** Where every run is, in run order. */
    public List<RunSummary> summaries() {
        return trainers.stream().map(RunTrainer::summary).toList();
    }

    /** Where run {@code i} diverged (node and quantity), or null if it did not. */
    public Divergence divergence(int i) {
        return trainers.get(i).divergence();
    }

    /** Status of run {@code i}. */
    public RunStatus status(int i) {
        return trainers.get(i).status();
    }

    /**
     * Asks run {@code i} for its predictions on raw (unnormalized) inputs, computed on the run's own
     * thread between steps, while paused, or after training, in evaluation mode.
     *
     * @param rows     number of points
     * @param features row-major raw inputs, rows × input width
     * @param result   receives row-major predictions (class probabilities or regression outputs), on
     *                 the run's thread
     */
    public void predict(int i, int rows, float[] features, Consumer<double[]> result) {
        RunTrainer trainer = trainers.get(i);
        trainer.submit(network -> {
            int width = features.length / rows;
            INDArray raw = Nd4j.createFromArray(features).reshape('c', rows, width).castTo(network.dataType());
            Pass pass = network.pass(rows, false);
            pass.features().assign(trainer.normalize(raw));
            pass.labels().assign(0);
            pass.forward(false);
            result.accept(pass.predictions().reshape(-1).toDoubleVector());
        });
    }

    /**
     * Whether run {@code i} trains as a stacked member of a group ({@link MemberGroups}): its weights are its
     * own, but its optimizer state is one slice of its group's, so it has no single weights to
     * {@link #watch}.
     */
    public boolean isStacked(int i) {
        return stacked[i];
    }

    /**
     * Makes run {@code i} copy out {@code weight}'s figures from its next step on: every {@link StepEvent}
     * then carries a {@link WatchedWeightStep} and the run's history keeps the last ones
     * ({@link RunHistory#watchedWeight}); {@code null} stops it. Any thread, returns at once; costs nothing
     * measurable while nothing is watched.
     *
     * @throws IllegalArgumentException if the run is a stacked member ({@link #isStacked}) or the weight is
     *                                  not in its network (the message says what is valid)
     */
    public void watch(int i, WatchedWeight weight) {
        if (weight != null) {
            if (stacked[i]) {
                throw new IllegalArgumentException("run '" + run(i).name() + "' trains stacked with other seeds:"
                        + " its optimizer state is its group's, so no single weight of it can be watched;"
                        + " watch a run that trains alone");
            }
            String problem = weight.problem(run(i).network(), shape);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
        trainers.get(i).watch(weight);
    }

    /**
     * Asks run {@code i} for a copy of dense node {@code nodeId}'s weight matrix, taken on the run's own
     * thread between steps, while paused, or after training; {@code result} receives it there (null if the
     * node has no weight matrix).
     */
    public void weights(int i, String nodeId, Consumer<WeightMatrix> result) {
        trainers.get(i).submit(network -> result.accept(WeightProbe.matrix(network, nodeId)));
    }

    /**
     * Changes run {@code i}'s optimizer hyperparameters (learning rate, momentum, betas, ...) and schedule
     * parameters from its next step on, without stopping it; returns at once. The optimizer keeps its
     * state; every later {@link StepEvent} reports the learning rate it used, and a {@link RetuneEvent}
     * says from which step the new values apply.
     *
     * @throws IllegalArgumentException if the optimizer or schedule kind differs from the run's (that
     *                                   needs a new run) or a value is out of its range
     */
    public void retune(int i, Choice<OptimizerType> optimizer, Choice<Schedule> schedule) {
        RunConfig now = trainers.get(i).config();
        List<String> problems = retuneProblems(now, optimizer, schedule);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        trainers.get(i).retune(optimizer, schedule);
    }

    /** Why run {@code run} cannot change to {@code optimizer} and {@code schedule} while it trains (empty if it can). */
    public static List<String> retuneProblems(RunConfig run, Choice<OptimizerType> optimizer, Choice<Schedule> schedule) {
        List<String> problems = new ArrayList<>();
        if (optimizer.term() != run.optimizer().term()) {
            problems.add("the optimizer cannot change from " + run.optimizer().term().id() + " to "
                    + optimizer.term().id() + " while the run trains; it applies after Reset");
        }
        if (schedule.term() != run.schedule().term()) {
            problems.add("the schedule cannot change from " + run.schedule().term().id() + " to "
                    + schedule.term().id() + " while the run trains; it applies after Reset");
        }
        problems.addAll(optimizer.problems());
        problems.addAll(schedule.problems());
        return problems;
    }

    /** Stops every run and ends the workers once the runs have stopped. */
    @Override
    public void close() {
        control.stop();
        workers.close();
    }

    /** Runs whose networks cannot train on the data; lists every problem. */
    public static final class InvalidComparisonException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient List<Problem> problems;

        public InvalidComparisonException(List<Problem> problems) {
            super(String.join("; ", problems.stream().map(Problem::message).toList()));
            this.problems = List.copyOf(problems);
        }

        /** Every problem, in the order found. */
        public List<Problem> problems() {
            return problems;
        }

        /** Every problem's one-line message. */
        public List<String> messages() {
            return problems.stream().map(Problem::message).toList();
        }
    }
}
