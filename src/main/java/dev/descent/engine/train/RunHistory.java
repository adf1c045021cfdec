package dev.descent.engine.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every metric of one run in bounded memory ({@link DownsampledSeries}), for charts and summaries.
 * Fed on the training thread; read from any thread.
 */
public final class RunHistory implements TrainingListener {
    /** Buckets per series by default: enough for a chart several thousand pixels wide. */
    public static final int DEFAULT_CAPACITY = 2048;

    private final int capacity;
    private final DownsampledSeries trainLoss;
    private final DownsampledSeries learningRate;
    private final DownsampledSeries validationLoss;
    private final DownsampledSeries validationAccuracy;
    private final DownsampledSeries trainingSeconds;
    private final List<RetuneEvent> retunes = new CopyOnWriteArrayList<>();
    private volatile MetricLayout layout;
    private volatile List<DownsampledSeries> gradientNorms = List.of();
    private volatile List<DownsampledSeries> weightNorms = List.of();
    private volatile List<DownsampledSeries> updateRatios = List.of();
    private volatile List<DownsampledSeries> activationMeans = List.of();
    private volatile List<DownsampledSeries> activationStds = List.of();
    private volatile List<DownsampledSeries> saturatedFractions = List.of();
    private volatile List<DownsampledSeries> effectiveRates = List.of();
    private volatile List<String> stateSymbols = List.of();
    private volatile List<String> stateMeanings = List.of();
    private volatile List<List<DownsampledSeries>> stateRms = List.of();
    private final WatchedWeightHistory watchedWeight = new WatchedWeightHistory();

    public RunHistory() {
        this(DEFAULT_CAPACITY);
    }

    /**
     * Heap bytes of a default history of a run with {@code parameterNodes} parameter nodes and
     * {@code activationNodes} activation nodes once it has started: five series for the run, three per
     * activation node, three per parameter node, and per parameter node its optimizer figures (effective
     * rate and one per state vector, counted as {@value #MOST_STATE_VECTORS}, the most any optimizer keeps)
     * at a quarter of the capacity (they are drawn only in the Inside tab's small charts). Keep it in step
     * with the series this class holds: the memory check of a comparison
     * ({@link LockstepComparison#memoryProblem}) counts runs by it.
     */
    public static long heapBytes(int parameterNodes, int activationNodes) {
        return (5L + 3L * parameterNodes + 3L * activationNodes) * DownsampledSeries.heapBytes(DEFAULT_CAPACITY)
                + (1L + MOST_STATE_VECTORS) * parameterNodes * DownsampledSeries.heapBytes(stateCapacity(DEFAULT_CAPACITY));
    }

    /** Buckets of the optimizer figures' series in a history of {@code capacity}. */
    static int stateCapacity(int capacity) {
        return Math.max(2, capacity / 4);
    }

    /** State vectors of the optimizer that keeps the most (AMSGrad: m, v and vₘₐₓ). */
    static final int MOST_STATE_VECTORS = 3;

    public RunHistory(int capacity) {
        this.capacity = capacity;
        trainLoss = new DownsampledSeries(capacity);
        learningRate = new DownsampledSeries(capacity);
        validationLoss = new DownsampledSeries(capacity);
        validationAccuracy = new DownsampledSeries(capacity);
        trainingSeconds = new DownsampledSeries(capacity);
    }

    @Override
    public void onStep(StepEvent e) {
        if (layout == null) {
            start(e.layout());
        }
        trainLoss.add(e.step(), e.trainLoss());
        learningRate.add(e.step(), e.learningRate());
        if (!Double.isNaN(e.seconds())) {
            trainingSeconds.add(e.step(), e.seconds());
        }
        for (int i = 0; i < gradientNorms.size(); i++) {
            gradientNorms.get(i).add(e.step(), e.gradientNorm(i));
            weightNorms.get(i).add(e.step(), e.weightNorm(i));
            updateRatios.get(i).add(e.step(), e.updateRatio(i));
        }
        for (int i = 0; i < activationMeans.size(); i++) {
            activationMeans.get(i).add(e.step(), e.activationMean(i));
            activationStds.get(i).add(e.step(), e.activationStd(i));
            saturatedFractions.get(i).add(e.step(), e.saturatedFraction(i));
        }
        if (e.watched() != null) {
            watchedWeight.add(e.watched());
        }
        OptimizerColumns o = e.optimizer();
        if (o != null) {
            if (stateRms.isEmpty() && !o.symbols().isEmpty()) {
                startState(o);
            }
            for (int i = 0; i < effectiveRates.size(); i++) {
                effectiveRates.get(i).add(e.step(), o.effectiveRates()[i]);
            }
            for (int v = 0; v < stateRms.size() && v < o.stateRms().length; v++) {
                List<DownsampledSeries> byNode = stateRms.get(v);
                for (int i = 0; i < byNode.size(); i++) {
                    byNode.get(i).add(e.step(), o.stateRms()[v][i]);
                }
            }
        }
    }

    private void startState(OptimizerColumns o) {
        List<List<DownsampledSeries>> all = new ArrayList<>();
        for (int v = 0; v < o.symbols().size(); v++) {
            all.add(series(layout.parameterNodes().size(), stateCapacity(capacity)));
        }
        stateSymbols = o.symbols();
        stateMeanings = o.meanings();
        stateRms = List.copyOf(all);
    }

    @Override
    public void onEvaluation(EvaluationEvent e) {
        validationLoss.add(e.step(), e.validationLoss());
        if (!Double.isNaN(e.validationAccuracy())) {
            validationAccuracy.add(e.step(), e.validationAccuracy());
        }
    }

    @Override
    public void onRetune(RetuneEvent e) {
        retunes.add(e);
    }

    /**
     * The last steps of the weight the run watches ({@link LockstepComparison#watch}); not counted in
     * {@link #heapBytes} (empty until a weight is watched, and the window watches one run at a time).
     */
    public WatchedWeightHistory watchedWeight() {
        return watchedWeight;
    }

    /**
     * Every change of hyperparameters made while the run trained, in order (each says its first step;
     * few: one per edit).
     */
    public List<RetuneEvent> retunes() {
        return List.copyOf(retunes);
    }

    private void start(MetricLayout l) {
        gradientNorms = series(l.parameterNodes().size());
        weightNorms = series(l.parameterNodes().size());
        updateRatios = series(l.parameterNodes().size());
        activationMeans = series(l.activationNodes().size());
        activationStds = series(l.activationNodes().size());
        saturatedFractions = series(l.activationNodes().size());
        effectiveRates = series(l.parameterNodes().size(), stateCapacity(capacity));
        layout = l;
    }

    private List<DownsampledSeries> series(int n) {
        return series(n, capacity);
    }

    private static List<DownsampledSeries> series(int n, int buckets) {
        List<DownsampledSeries> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new DownsampledSeries(buckets));
        }
        return List.copyOf(list);
    }

    /** Node ids of the per-node series, or null before the first step. */
    public MetricLayout layout() {
        return layout;
    }

    public DownsampledSeries trainLoss() {
        return trainLoss;
    }

    public DownsampledSeries learningRate() {
        return learningRate;
    }

    /**
     * The run's training time at each step, in seconds, pauses excluded ({@link StepEvent#seconds}): what a
     * chart over wall-clock time maps steps to.
     */
    public DownsampledSeries trainingSeconds() {
        return trainingSeconds;
    }

    public DownsampledSeries validationLoss() {
        return validationLoss;
    }

    public DownsampledSeries validationAccuracy() {
        return validationAccuracy;
    }

    /** Gradient L2 norm of each parameter node (see {@link #layout()}). */
    public List<DownsampledSeries> gradientNorms() {
        return gradientNorms;
    }

    public List<DownsampledSeries> weightNorms() {
        return weightNorms;
    }

    public List<DownsampledSeries> updateRatios() {
        return updateRatios;
    }

    public List<DownsampledSeries> activationMeans() {
        return activationMeans;
    }

    public List<DownsampledSeries> activationStds() {
        return activationStds;
    }

    public List<DownsampledSeries> saturatedFractions() {
        return saturatedFractions;
    }

    /** Effective learning rate ‖Δθ‖₂ / ‖g‖₂ of each parameter node (see {@link OptimizerColumns}). */
    public List<DownsampledSeries> effectiveRates() {
        return effectiveRates;
    }

    /** Symbols of the optimizer's state vectors ("m", "v"...), empty for SGD or before the first step. */
    public List<String> stateSymbols() {
        return stateSymbols;
    }

    /** What each state vector holds, in {@link #stateSymbols()} order. */
    public List<String> stateMeanings() {
        return stateMeanings;
    }

    /** Per state vector, per parameter node: the RMS of the vector over the node's parameters. */
    public List<List<DownsampledSeries>> stateRms() {
        return stateRms;
    }
}
