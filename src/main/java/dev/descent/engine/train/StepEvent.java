package dev.descent.engine.train;

/**
 * What one training step did. Immutable: every number was copied out of ND4J's arrays on the training
 * thread before the event was published.
 *
 * <p>Per parameter node (see {@link MetricLayout#parameterNodes()}): gradient L2 norm ‖∂L/∂θ‖₂ (before
 * clipping), weight L2 norm ‖θ‖₂ after the update, and update-to-weight ratio ‖Δθ‖₂/‖θ‖₂. Per activation
 * node: mean and standard deviation of its outputs and the fraction of saturated (or dead) units. Per
 * parameter node, the optimizer's figures ({@link OptimizerColumns}): its effective learning rate and the
 * RMS of each of its state vectors. When a weight is watched, its own figures ({@link WatchedWeightStep}).
 */
public final class StepEvent {
    private final int runIndex;
    private final String run;
    private final int step;
    private final int epoch;
    private final double trainLoss;
    private final double learningRate;
    private final MetricLayout layout;
    private final double[] gradientNorms;
    private final double[] weightNorms;
    private final double[] updateRatios;
    private final double[] activationMeans;
    private final double[] activationStds;
    private final double[] saturatedFractions;
    private final OptimizerColumns optimizer;
    private final WatchedWeightStep watched;
    private final double seconds;

    StepEvent(int runIndex, String run, int step, int epoch, double trainLoss, double learningRate, MetricLayout layout,
              double[] gradientNorms, double[] weightNorms, double[] updateRatios, ActivationColumns activations,
              OptimizerColumns optimizer, WatchedWeightStep watched, double seconds) {
        this(runIndex, run, step, epoch, trainLoss, learningRate, layout, gradientNorms, weightNorms, updateRatios,
                activations.means(), activations.stds(), activations.saturated(), optimizer, watched, seconds);
    }

    StepEvent(int runIndex, String run, int step, int epoch, double trainLoss, double learningRate, MetricLayout layout,
              double[] gradientNorms, double[] weightNorms, double[] updateRatios, double[] activationMeans,
              double[] activationStds, double[] saturatedFractions) {
        this(runIndex, run, step, epoch, trainLoss, learningRate, layout, gradientNorms, weightNorms, updateRatios,
                activationMeans, activationStds, saturatedFractions, null, Double.NaN);
    }

    /**
     * @param optimizer the optimizer's figures of this step, or null if the event carries none
     * @param seconds the run's training time up to the end of this step ({@link #seconds()})
     */
    StepEvent(int runIndex, String run, int step, int epoch, double trainLoss, double learningRate, MetricLayout layout,
              double[] gradientNorms, double[] weightNorms, double[] updateRatios, double[] activationMeans,
              double[] activationStds, double[] saturatedFractions, OptimizerColumns optimizer, double seconds) {
        this(runIndex, run, step, epoch, trainLoss, learningRate, layout, gradientNorms, weightNorms, updateRatios,
                activationMeans, activationStds, saturatedFractions, optimizer, null, seconds);
    }

    private StepEvent(int runIndex, String run, int step, int epoch, double trainLoss, double learningRate,
                      MetricLayout layout, double[] gradientNorms, double[] weightNorms, double[] updateRatios,
                      double[] activationMeans, double[] activationStds, double[] saturatedFractions,
                      OptimizerColumns optimizer, WatchedWeightStep watched, double seconds) {
        this.seconds = seconds;
        this.watched = watched;
        this.runIndex = runIndex;
        this.run = run;
        this.step = step;
        this.epoch = epoch;
        this.trainLoss = trainLoss;
        this.learningRate = learningRate;
        this.layout = layout;
        this.gradientNorms = gradientNorms;
        this.weightNorms = weightNorms;
        this.updateRatios = updateRatios;
        this.activationMeans = activationMeans;
        this.activationStds = activationStds;
        this.saturatedFractions = saturatedFractions;
        this.optimizer = optimizer;
    }

    /** Position of the run in its comparison. */
    public int runIndex() {
        return runIndex;
    }

    /** The run's name. */
    public String run() {
        return run;
    }

    /** 1-based number of this update. */
    public int step() {
        return step;
    }

    /** 1-based epoch the step belongs to. */
    public int epoch() {
        return epoch;
    }

    /** Mean loss of this step's minibatch (before the update). */
    public double trainLoss() {
        return trainLoss;
    }

    /** η used by this step. */
    public double learningRate() {
        return learningRate;
    }

    /** Node ids of the per-node metrics. */
    public MetricLayout layout() {
        return layout;
    }

    public double gradientNorm(int parameterNode) {
        return gradientNorms[parameterNode];
    }

    public double weightNorm(int parameterNode) {
        return weightNorms[parameterNode];
    }

    public double updateRatio(int parameterNode) {
        return updateRatios[parameterNode];
    }

    public double activationMean(int activationNode) {
        return activationMeans[activationNode];
    }

    public double activationStd(int activationNode) {
        return activationStds[activationNode];
    }

    public double saturatedFraction(int activationNode) {
        return saturatedFractions[activationNode];
    }

    /** The optimizer's figures of this step, or null if the event carries none. */
    public OptimizerColumns optimizer() {
        return optimizer;
    }

    /** The watched weight's figures of this step ({@link LockstepComparison#watch}), or null if none is watched. */
    public WatchedWeightStep watched() {
        return watched;
    }

    /** ‖∂L/∂θ‖₂ over all parameters. */
    public double totalGradientNorm() {
        double sum = 0;
        for (double g : gradientNorms) {
            sum += g * g;
        }
        return Math.sqrt(sum);
    }

    /**
     * The run's training time up to the end of this step, in seconds: its wall-clock time while it trains
     * or waits for a worker or for slower runs, pauses excluded (what {@link RunSummary#wallSeconds} says at
     * this step); NaN when unknown.
     */
    public double seconds() {
        return seconds;
    }
}
