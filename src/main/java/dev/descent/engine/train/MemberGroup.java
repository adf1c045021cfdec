package dev.descent.engine.train;

import dev.descent.engine.ensemble.StackedNetwork;
import dev.descent.engine.ensemble.StackedOptimizer;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.vocab.Choice;
import dev.descent.engine.ensemble.StackedPass;
import dev.descent.engine.nn.Network;
import dev.descent.engine.nn.ParameterSegment;
import dev.descent.engine.nn.Pass;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Members of a comparison that train as one stacked computation ({@link StackedNetwork}): same network
 * spec, input normalizer and batch size, so every step has the same number of rows for all of them;
 * optimizers, hyperparameters and schedules may differ (each member keeps its own {@code Optimizer} and
 * schedule, working on its row of the stacked parameters). Each member still draws its own batches (the
 * batch order of its seed), keeps its own metrics, snapshots, evaluations, divergence and status, and
 * publishes its own events through its {@link RunTrainer}, so files and charts cannot tell the
 * difference from training the members one by one.
 *
 * <p>A step: every member's retune and clock; each member's batch into the stacked input; one stacked
 * forward and backward; for each member, in order, the checks and measurements of the single-network
 * step ({@link RunTrainer}'s): loss, snapshot, gradient norms, η, its optimizer's Δθ; then θ ← θ − Δθ for
 * all; weight norms, update ratios and activation statistics per member; each member's step event and
 * evaluation. A member that ended (diverged, or failed) keeps its weights: its gradient row is zeroed.
 * Where a member diverges, its own network replays the step's forward pass from the weights the step
 * started with, so the divergence is located as the single path locates it.
 */
final class MemberGroup implements Steppable {
    private final List<RunTrainer> members;
    private final TrainingData data;
    private final int batchSize;
    private StackedNetwork stacked;
    private boolean[] active;
    private BatchOrder[] orders;
    private int[][] permutations;
    private int preparedEpoch = -1;
    private float[] features;
    private float[] labels;
    private int featureWidth;
    private int labelWidth;
    private int batches;
    private int total;
    private int steps;
    private List<ParameterSegment> segments;
    private double[][] gradientNorms;
    private double[][] updateNorms;
    private double[][] weightNorms;
    private double[][] means;
    private double[][] stds;
    private double[][] saturated;
    private double[] rates;
    private double[] totalNorms;
    private StackedOptimizer optimizer;
    private List<Choice<OptimizerType>> choices;

    MemberGroup(List<RunTrainer> members, TrainingData data, int batchSize) {
        this.members = List.copyOf(members);
        this.data = data;
        this.batchSize = batchSize;
    }

    List<RunTrainer> members() {
        return members;
    }

    @Override
    public boolean hasRequests() {
        for (RunTrainer t : members) {
            if (t.hasRequests()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void serveRequests() {
        for (int m = 0; m < members.size(); m++) {
            RunTrainer t = members.get(m);
            if (t.hasRequests()) {
                if (stacked != null && t.network() != null) {
                    stacked.copyTo(m, t.network());
                }
                t.serveRequests();
            }
        }
    }

    @Override
    public boolean open() {
        int n = members.size();
        active = new boolean[n];
        boolean any = false;
        for (int m = 0; m < n; m++) {
            active[m] = members.get(m).open();
            any |= active[m];
        }
        if (!any) {
            return false;
        }
        try {
            List<Network> networks = members.stream().map(RunTrainer::network).toList();
            if (networks.contains(null)) {
                throw new IllegalStateException("a member's network could not be built");
            }
            stacked = StackedNetwork.of(networks);
            segments = stacked.segments();
            for (int m = 0; m < n; m++) {
                int member = m;
                members.get(m).stack(() -> stacked.copyTo(member, members.get(member).network()));
            }
            optimizer = new StackedOptimizer(members.get(0).config().optimizer().term(), n, stacked.parameterCount());
            choices = new ArrayList<>();
            totalNorms = new double[n];
            orders = new BatchOrder[n];
            permutations = new int[n][];
            for (int m = 0; m < n; m++) {
                orders[m] = new BatchOrder(members.get(m).training().seed(), data.trainSize);
            }
            features = data.trainFeatures.castTo(DataType.FLOAT).data().asFloat();
            labels = data.trainLabels.castTo(DataType.FLOAT).data().asFloat();
            featureWidth = (int) data.trainFeatures.columns();
            labelWidth = (int) data.trainLabels.columns();
            batches = TrainingConfig.batchesPerEpoch(data.trainSize, batchSize);
            total = members.get(firstActive()).totalSteps();
            int s = segments.size();
            gradientNorms = new double[n][s];
            updateNorms = new double[n][s];
            weightNorms = new double[n][s];
            int a = stacked.pass(Math.min(batchSize, data.trainSize)).activationNodes().size();
            means = new double[n][a];
            stds = new double[n][a];
            saturated = new double[n][a];
            rates = new double[n];
            return true;
        } catch (Throwable t) {
            failAll(t);
            return false;
        }
    }

    private int firstActive() {
        for (int m = 0; m < active.length; m++) {
            if (active[m]) {
                return m;
            }
        }
        return -1;
    }

    @Override
    public boolean advance() {
        int step = steps + 1;
        try {
            step(step);
        } catch (Throwable t) {
            failAll(t);
            return false;
        }
        steps = step;
        return firstActive() >= 0;
    }

    private void step(int step) {
        int epoch = (step - 1) / batches;
        int batch = (step - 1) % batches;
        int n = members.size();
        for (int m = 0; m < n; m++) {
            if (active[m]) {
                members.get(m).beginStackedStep(step);
            }
        }
        int from = batch * batchSize;
        int to = batch == batches - 1 ? data.trainSize : from + batchSize;
        StackedPass pass = stacked.pass(to - from);
        load(epoch, from, to, pass);
        double[] losses = pass.forward();
        for (int m = 0; m < n; m++) {
            if (active[m] && !Double.isFinite(losses[m])) {
                diverge(m, step, epoch, batch, losses[m], null, null);
            }
        }
        pass.backward();
        for (int m = 0; m < n; m++) {
            RunTrainer t = members.get(m);
            if (active[m] && t.snapshotDue(step)) {
                stacked.copyTo(m, t.network());
                int member = m;
                // layerOutput gives a copy: ND4J's getDoublesAt, which histograms read contiguous arrays with, fails at a non-zero offset
                t.snapshots().take(step, t.network(), id -> pass.layerOutput(member, id));
            }
        }
        stacked.gradientNorms(gradientNorms);
        choices.clear();
        for (int m = 0; m < n; m++) {
            RunTrainer t = members.get(m);
            choices.add(t.config().optimizer());
            if (!active[m]) {
                continue;
            }
            double norm = euclidean(gradientNorms[m]);
            totalNorms[m] = norm;
            if (DivergenceLocator.bad(norm)) {
                diverge(m, step, epoch, batch, losses[m], gradientNorms[m].clone(), null);
                continue;
            }
            rates[m] = t.learningRateAt(step, epoch);
        }
        stacked.keep();
        optimizer.step(stacked, choices, rates, totalNorms, step - 1, active);
        stacked.gradientNorms(updateNorms);
        stacked.weightNorms(weightNorms);
        pass.activationStats(means, stds, saturated);
        for (int m = 0; m < n; m++) {
            if (!active[m]) {
                continue;
            }
            if (DivergenceLocator.bad(euclidean(weightNorms[m]))) {
                stacked.restore(m);
                diverge(m, step, epoch, batch, losses[m], gradientNorms[m].clone(), weightNorms[m].clone());
                continue;
            }
            active[m] = members.get(m).completeStackedStep(step, epoch, batch, losses[m], rates[m],
                    gradientNorms[m].clone(), updateNorms[m].clone(), weightNorms[m].clone(),
                    new ActivationColumns(means[m].clone(), stds[m].clone(), saturated[m].clone()));
        }
    }

    /** Fills each member's slice of the stacked input with its own batch: rows from..to of its epoch's order. */
    private void load(int epoch, int from, int to, StackedPass pass) {
        int n = members.size();
        if (epoch != preparedEpoch) {
            for (int m = 0; m < n; m++) {
                permutations[m] = orders[m].permutation(epoch);
            }
            preparedEpoch = epoch;
        }
        int rows = to - from;
        FloatBuffer x = floats(pass.features());
        FloatBuffer y = floats(pass.labels());
        for (int m = 0; m < n; m++) {
            int[] order = permutations[m];
            for (int r = 0; r < rows; r++) {
                int example = order[from + r];
                x.put((m * rows + r) * featureWidth, features, example * featureWidth, featureWidth);
                y.put((m * rows + r) * labelWidth, labels, example * labelWidth, labelWidth);
            }
        }
    }

    /**
     * Ends member {@code m} as diverged, located on its own network: the step's forward pass replayed
     * from the weights the step started with (a member whose update would break its weights was not
     * updated).
     */
    private void diverge(int m, int step, int epoch, int batch, double loss, double[] gradients, double[] weights) {
        active[m] = false;
        RunTrainer t = members.get(m);
        Network network = t.network();
        stacked.copyTo(m, network);
        Pass own = network.pass(t.loader().sizeOf(batch), true);
        t.loader().load(epoch, batch, own);
        own.forward(true);
        t.divergedStacked(DivergenceLocator.locate(step, network, own, segments, t.weightsBefore(), loss, gradients,
                weights));
    }

    private void failAll(Throwable t) {
        for (int m = 0; m < members.size(); m++) {
            if (active == null || active[m]) {
                members.get(m).failStacked(t);
                if (active != null) {
                    active[m] = false;
                }
            }
        }
    }

    @Override
    public void paused() {
        for (int m = 0; m < members.size(); m++) {
            if (active[m]) {
                members.get(m).paused();
            }
        }
    }

    @Override
    public void resumed() {
        for (int m = 0; m < members.size(); m++) {
            if (active[m]) {
                members.get(m).resumed();
            }
        }
    }

    @Override
    public void stop() {
        for (int m = 0; m < members.size(); m++) {
            if (active == null || active[m]) {
                members.get(m).stop();
            }
        }
    }

    @Override
    public int stepsTaken() {
        return steps;
    }

    @Override
    public int totalSteps() {
        return total;
    }

    private static FloatBuffer floats(org.nd4j.linalg.api.ndarray.INDArray a) {
        FloatBuffer all = a.data().asNioFloat();
        return all.position((int) a.offset()).limit((int) (a.offset() + a.length())).slice();
    }

    private static double euclidean(double[] parts) {
        double sum = 0;
        for (double p : parts) {
            sum += p * p;
        }
        return Math.sqrt(sum);
    }
}
