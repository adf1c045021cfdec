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

    public RunHistory() {
        this(DEFAULT_CAPACITY);
    }

    /**
     * Heap bytes of a default history of a run with {@code parameterNodes} parameter nodes and
     * {@code activationNodes} activation nodes once it has started: five series for the run and three per
     * node of each kind. Keep it in step with the series this class holds: the memory check of a
     * comparison ({@link LockstepComparison#memoryProblem}) counts runs by it.
     */
    public static long heapBytes(int parameterNodes, int activationNodes) {
        return (5L + 3L * parameterNodes + 3L * activationNodes) * DownsampledSeries.heapBytes(DEFAULT_CAPACITY);
    }

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
        layout = l;
    }

    private List<DownsampledSeries> series(int n) {
        List<DownsampledSeries> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new DownsampledSeries(capacity));
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
}
