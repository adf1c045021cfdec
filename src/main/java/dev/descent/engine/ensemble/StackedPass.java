package dev.descent.engine.ensemble;

import dev.descent.engine.ensemble.StackedNetwork.ActivationNode;
import dev.descent.engine.ensemble.StackedNetwork.DenseNode;
import dev.descent.engine.ensemble.StackedNetwork.LossNode;
import dev.descent.engine.ensemble.StackedNetwork.Node;
import dev.descent.engine.graph.Saturation;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The buffers and bound ops of a {@link StackedNetwork} for batches of one size: fill {@link #features()}
 * and {@link #labels()} (member m's batch in slice m), run {@link #forward()} (each member's mean loss)
 * and {@link #backward()} (every member's gradient into the network's [M, P] gradient matrix).
 *
 * <p>The loss runs in Java on the [M, rows, outputs] output, per member and row:
 * softmax cross-entropy Lₙ = log Σₖ exp(zₙₖ − mₙ) − Σₖ yₙₖ(zₙₖ − mₙ), mₙ the row's maximum, and
 * ∂L/∂z = (softmax(z) − y)/N; MSE Lₙ = Σⱼ (zₙⱼ − yₙⱼ)²/C and ∂L/∂z = 2(z − y)/(C·N) (ND4J's
 * {@code LossMCXENT} and {@code LossMSE} averaged over the batch, as the single-network path reports them).
 */
public final class StackedPass {
    private final int members;
    private final int rows;
    private final List<Node> nodes;
    private final INDArray[] outputs;
    private final INDArray[] gradients;
    private final INDArray labels;
    private final List<Runnable> forward = new ArrayList<>();
    private final List<Runnable> backward = new ArrayList<>();
    private final Map<String, Integer> position = new HashMap<>();
    private final LossNode loss;
    private final double[] losses;

    StackedPass(List<Node> nodes, int members, int rows) {
        this.nodes = nodes;
        this.members = members;
        this.rows = rows;
        int n = nodes.size();
        outputs = new INDArray[n];
        gradients = new INDArray[n];
        losses = new double[members];
        for (int i = 0; i < n; i++) {
            Node node = nodes.get(i);
            position.put(node.id(), i);
            if (node instanceof LossNode) {
                outputs[i] = outputs[i - 1];
                continue;
            }
            outputs[i] = buffer(node.width());
            // the input needs no gradient; nor does the first dense node's input
            gradients[i] = i == 0 ? null : buffer(node.width());
        }
        loss = (LossNode) nodes.get(n - 1);
        labels = buffer(loss.width());
        for (int i = 1; i < n - 1; i++) {
            bind(i);
        }
    }

    private INDArray buffer(int width) {
        return Nd4j.zeros(DataType.FLOAT, members, rows, width);
    }

    private void bind(int i) {
        Node node = nodes.get(i);
        INDArray x = outputs[i - 1];
        INDArray dx = gradients[i - 1];
        INDArray y = outputs[i];
        INDArray dy = gradients[i];
        if (node instanceof DenseNode d) {
            BoundOp product = BoundOp.of(new Mmul(x, d.weights(), y, 1.0, 0.0, MMulTranspose.allFalse()));
            BoundOp bias = d.bias() == null ? null : BoundOp.of(DynamicCustomOp.builder("add")
                    .addInputs(y, d.bias()).addOutputs(y).build());
            forward.add(bias == null ? product::run : () -> {
                product.run();
                bias.run();
            });
            BoundOp weightGradient = BoundOp.of(new Mmul(x, dy, d.weightGradient(), 1.0, 0.0,
                    MMulTranspose.builder().transposeA(true).build()));
            BoundOp biasGradient = d.bias() == null ? null : BoundOp.of(DynamicCustomOp.builder("reduce_sum")
                    .addInputs(dy).addOutputs(d.biasGradient()).addIntegerArguments(1).build());
            BoundOp inputGradient = dx == null ? null : BoundOp.of(new Mmul(dy, d.weights(), dx, 1.0, 0.0,
                    MMulTranspose.builder().transposeB(true).build()));
            backward.add(() -> {
                weightGradient.run();
                if (biasGradient != null) {
                    biasGradient.run();
                }
                if (inputGradient != null) {
                    inputGradient.run();
                }
            });
        } else if (node instanceof ActivationNode a) {
            INDArray scratch = buffer(a.width());
            if (a.relu()) {
                RectifiedLinear relu = new RectifiedLinear(x, y, 0.0);
                forward.add(() -> Nd4j.getExecutioner().exec(relu));
                Step mask = new Step(x, scratch, 0.0);
                BoundOp product = dx == null ? null : BoundOp.of(new MulOp(scratch, dy, dx));
                backward.add(() -> {
                    if (product != null) {
                        Nd4j.getExecutioner().exec(mask);
                        product.run();
                    }
                });
            } else {
                forward.add(() -> a.function().getActivation(y.assign(x), true));
                backward.add(() -> {
                    if (dx != null) {
                        dx.assign(a.function().backprop(scratch.assign(x), dy).getFirst());
                    }
                });
            }
        } else {
            throw new IllegalStateException("unsupported node " + node.id());
        }
    }

    /** Members × rows × input width: slice m is member m's batch, to fill before {@link #forward()}. */
    public INDArray features() {
        return outputs[0];
    }

    /** Members × rows × outputs: member m's targets (one-hot for cross-entropy). */
    public INDArray labels() {
        return labels;
    }

    /** Rows per member. */
    public int rows() {
        return rows;
    }

    /** Runs every member forward; returns each member's mean loss over its batch (a live array, overwritten). */
    public double[] forward() {
        for (Runnable op : forward) {
            op.run();
        }
        lossAndGradient();
        return losses;
    }

    /** Every member backward, from the loss gradient {@link #forward()} left: fills the network's gradients. */
    public void backward() {
        for (int i = backward.size() - 1; i >= 0; i--) {
            backward.get(i).run();
        }
    }

    private void lossAndGradient() {
        int n = nodes.size();
        FloatBuffer z = StackedNetwork.floats(outputs[n - 1]);
        FloatBuffer y = StackedNetwork.floats(labels);
        FloatBuffer dz = StackedNetwork.floats(gradients[n - 2]);
        int c = loss.width();
        double perRow = 1.0 / rows;
        double[] p = new double[c];
        for (int m = 0; m < members; m++) {
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                int at = (m * rows + r) * c;
                if (loss.crossEntropy()) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < c; k++) {
                        max = Math.max(max, z.get(at + k));
                    }
                    double total = 0;
                    double target = 0;
                    for (int k = 0; k < c; k++) {
                        double shifted = z.get(at + k) - max;
                        p[k] = Math.exp(shifted);
                        total += p[k];
                        target += y.get(at + k) * shifted;
                    }
                    sum += Math.log(total) - target;
                    for (int k = 0; k < c; k++) {
                        dz.put(at + k, (float) ((p[k] / total - y.get(at + k)) * perRow));
                    }
                } else {
                    double row = 0;
                    for (int k = 0; k < c; k++) {
                        double e = z.get(at + k) - y.get(at + k);
                        row += e * e;
                        dz.put(at + k, (float) (2 * e / c * perRow));
                    }
                    sum += row / c;
                }
            }
            losses[m] = sum * perRow;
        }
    }

    /** Member {@code m}'s output of node {@code id} from the last forward, a [rows, width] view. */
    public INDArray layerOutput(int m, String id) {
        return outputs[position.get(id)].get(NDArrayIndex.point(m), NDArrayIndex.all(), NDArrayIndex.all());
    }

    /** Member {@code m}'s output of every node in computation order, as {@link #layerOutput} (the loss: its input). */
    public List<String> nodeIds() {
        return nodes.stream().map(Node::id).toList();
    }

    /** Ids of the activation nodes, in computation order. */
    public List<String> activationNodes() {
        return nodes.stream().filter(x -> x instanceof ActivationNode).map(Node::id).toList();
    }

    /**
     * Statistics of every activation node's last output for every member, into {@code means[m][a]},
     * {@code stds[m][a]} and {@code saturated[m][a]}: μ = Σa/n, σ = √max(0, Σa²/n − μ²) (population) and
     * the share of the n = rows × width units its saturation rule counts (ReLU: z ≤ 0; |z| above the
     * threshold; outside the output range), as the single-network path's {@code ActivationStats}.
     */
    public void activationStats(double[][] means, double[][] stds, double[][] saturated) {
        int a = 0;
        for (int i = 0; i < nodes.size(); i++) {
            if (!(nodes.get(i) instanceof ActivationNode node)) {
                continue;
            }
            FloatBuffer out = StackedNetwork.floats(outputs[i]);
            FloatBuffer in = StackedNetwork.floats(outputs[i - 1]);
            Saturation rule = node.saturation();
            FloatBuffer tested = rule.kind() == Saturation.Kind.OUTPUT_OUTSIDE ? out : in;
            int n = rows * node.width();
            for (int m = 0; m < members; m++) {
                double sum = 0;
                double squares = 0;
                int count = 0;
                int from = m * n;
                for (int k = from; k < from + n; k++) {
                    double v = out.get(k);
                    sum += v;
                    squares += v * v;
                    count += saturated(rule, tested.get(k)) ? 1 : 0;
                }
                double mean = sum / n;
                means[m][a] = mean;
                stds[m][a] = Math.sqrt(Math.max(0, squares / n - mean * mean));
                saturated[m][a] = count / (double) n;
            }
            a++;
        }
    }

    private static boolean saturated(Saturation rule, float v) {
        return switch (rule.kind()) {
            case NEVER -> false;
            case BELOW, AT_OR_BELOW -> !(v > rule.low());
            case ABS_ABOVE -> v > rule.low() || !(v > -rule.low());
            case OUTPUT_OUTSIDE -> !(v > rule.low()) || v > rule.high();
        };
    }
}
