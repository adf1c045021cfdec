package dev.descent.engine.ensemble;

import dev.descent.engine.ensemble.StackedNetwork.ActivationNode;
import dev.descent.engine.ensemble.StackedNetwork.LossNode;
import dev.descent.engine.ensemble.StackedNetwork.Node;
import dev.descent.engine.graph.Saturation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The buffers and kernels of a {@link StackedNetwork} for batches of one size: fill {@link #features()}
 * and {@link #labels()} (member m's batch in slice m), run {@link #forward()} (each member's mean loss)
 * and {@link #backward()} (every member's gradient into the network's [M, P] gradient matrix). Two
 * implementations: {@link MemberLanePass} (small layers, all members in SIMD lanes in Java) and
 * {@link BatchedProductPass} (ND4J's batched products); {@link StackedNetwork#pass} picks one.
 *
 * <p>The loss runs in Java on the member-major [M, rows, outputs] output, per member and row:
 * softmax cross-entropy Lₙ = log Σₖ exp(zₙₖ − mₙ) − Σₖ yₙₖ(zₙₖ − mₙ), mₙ the row's maximum, and
 * ∂L/∂z = (softmax(z) − y)/N; MSE Lₙ = Σⱼ (zₙⱼ − yₙⱼ)²/C and ∂L/∂z = 2(z − y)/(C·N) (ND4J's
 * {@code LossMCXENT} and {@code LossMSE} averaged over the batch, as the single-network path reports them).
 */
public abstract sealed class StackedPass permits BatchedProductPass, MemberLanePass {
    protected final int members;
    protected final int rows;
    protected final List<Node> nodes;
    protected final LossNode loss;
    protected final double[] losses;
    private final INDArray labels;
    private final Map<String, Integer> position = new HashMap<>();
    private double[] probabilities;

    StackedPass(List<Node> nodes, int members, int rows) {
        this.nodes = nodes;
        this.members = members;
        this.rows = rows;
        this.losses = new double[members];
        for (int i = 0; i < nodes.size(); i++) {
            position.put(nodes.get(i).id(), i);
        }
        loss = (LossNode) nodes.get(nodes.size() - 1);
        labels = buffer(loss.width());
    }

    /** A zero [M, rows, width] float array. */
    protected final INDArray buffer(int width) {
        return Nd4j.zeros(DataType.FLOAT, members, rows, width);
    }

    /** Members × rows × input width: slice m is member m's batch, to fill before {@link #forward()}. */
    public abstract INDArray features();

    /** Members × rows × outputs: member m's targets (one-hot for cross-entropy). */
    public final INDArray labels() {
        return labels;
    }

    /** Rows per member. */
    public final int rows() {
        return rows;
    }

    /** Runs every member forward; returns each member's mean loss over its batch (a live array, overwritten). */
    public abstract double[] forward();

    /** Every member backward, from the loss gradient {@link #forward()} left: fills the network's gradients. */
    public abstract void backward();

    /** Member {@code m}'s output of node {@code id} from the last forward, a fresh [rows, width] c-order copy. */
    public abstract INDArray layerOutput(int m, String id);

    /**
     * Statistics of every activation node's last output for every member, into {@code means[m][a]},
     * {@code stds[m][a]} and {@code saturated[m][a]}: μ = Σa/n, σ = √max(0, Σa²/n − μ²) (population) and
     * the share of the n = rows × width units its saturation rule counts (ReLU: z ≤ 0; |z| above the
     * threshold; outside the output range), as the single-network path's {@code ActivationStats}; sums in
     * double in row-major order.
     */
    public abstract void activationStats(double[][] means, double[][] stds, double[][] saturated);

    /** Position of node {@code id} in computation order. */
    protected final int positionOf(String id) {
        return position.get(id);
    }

    /** Ids of every node in computation order. */
    public final List<String> nodeIds() {
        return nodes.stream().map(Node::id).toList();
    }

    /** Ids of the activation nodes, in computation order. */
    public final List<String> activationNodes() {
        return nodes.stream().filter(x -> x instanceof ActivationNode).map(Node::id).toList();
    }

    /**
     * Each member's mean loss into {@link #losses} and ∂L/∂z into {@code dz}, from the member-major output
     * {@code z} and targets {@code y} ([M, rows, C] flat), as the class comment states.
     */
    protected final void lossAndGradient(float[] z, float[] y, float[] dz) {
        int c = loss.width();
        double perRow = 1.0 / rows;
        if (probabilities == null) {
            probabilities = new double[c];
        }
        double[] p = probabilities;
        for (int m = 0; m < members; m++) {
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                int at = (m * rows + r) * c;
                if (loss.crossEntropy()) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < c; k++) {
                        max = Math.max(max, z[at + k]);
                    }
                    double total = 0;
                    double target = 0;
                    for (int k = 0; k < c; k++) {
                        double shifted = z[at + k] - max;
                        // exp(0) is exactly 1: the row's maximum needs no call
                        p[k] = shifted == 0 ? 1.0 : Math.exp(shifted);
                        total += p[k];
                        target += y[at + k] * shifted;
                    }
                    sum += Math.log(total) - target;
                    for (int k = 0; k < c; k++) {
                        dz[at + k] = (float) ((p[k] / total - y[at + k]) * perRow);
                    }
                } else {
                    double row = 0;
                    for (int k = 0; k < c; k++) {
                        double e = z[at + k] - y[at + k];
                        row += e * e;
                        dz[at + k] = (float) (2 * e / c * perRow);
                    }
                    sum += row / c;
                }
            }
            losses[m] = sum * perRow;
        }
    }

    /** Whether {@code v} counts as saturated under {@code rule}. */
    protected static boolean saturated(Saturation rule, float v) {
        return switch (rule.kind()) {
            case NEVER -> false;
            case BELOW, AT_OR_BELOW -> !(v > rule.low());
            case ABS_ABOVE -> v > rule.low() || !(v > -rule.low());
            case OUTPUT_OUTSIDE -> !(v > rule.low()) || v > rule.high();
        };
    }
}
