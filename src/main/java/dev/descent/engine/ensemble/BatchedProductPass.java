package dev.descent.engine.ensemble;

import dev.descent.engine.nn.PreparedOp;

import dev.descent.engine.ensemble.StackedNetwork.ActivationNode;
import dev.descent.engine.ensemble.StackedNetwork.DenseNode;
import dev.descent.engine.ensemble.StackedNetwork.LossNode;
import dev.descent.engine.ensemble.StackedNetwork.Node;
import dev.descent.engine.graph.Saturation;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
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
 * A {@link StackedPass} on ND4J: every product one batched {@code matmul} over the members' [M, rows, width]
 * arrays (a first layer of at most {@value #THIN} inputs in Java), activations as ND4J element-wise ops,
 * the loss in Java on heap copies. For networks with a layer too large for {@link MemberLanePass}.
 */
final class BatchedProductPass extends StackedPass {
    private final INDArray[] outputs;
    private final INDArray[] gradients;
    private final List<Runnable> forward = new ArrayList<>();
    private final List<Runnable> backward = new ArrayList<>();
    private float[] lossZ;
    private float[] statsOut;
    private float[] statsIn;
    private float[] lossY;
    private float[] lossD;
    private final INDArray values;
    private final INDArray parameterGradients;
    private final int width;
    /** Heap copies for the thin products: all members' parameters (refreshed at each forward) and scratch. */
    private float[] theta;
    private float[] scratchIn;
    private float[] scratchOut;
    private float[] scratchWeights;

    BatchedProductPass(List<Node> nodes, int members, int rows, INDArray values, INDArray parameterGradients, int width) {
        super(nodes, members, rows);
        this.values = values;
        this.parameterGradients = parameterGradients;
        this.width = width;
        int n = nodes.size();
        outputs = new INDArray[n];
        gradients = new INDArray[n];
        for (int i = 0; i < n; i++) {
            Node node = nodes.get(i);
            if (node instanceof LossNode) {
                outputs[i] = outputs[i - 1];
                continue;
            }
            outputs[i] = buffer(node.width());
            // the input needs no gradient; nor does the first dense node's input
            gradients[i] = i == 0 ? null : buffer(node.width());
        }
        for (int i = 1; i < n - 1; i++) {
            bind(i);
        }
    }

    private void bind(int i) {
        Node node = nodes.get(i);
        INDArray x = outputs[i - 1];
        INDArray dx = gradients[i - 1];
        INDArray y = outputs[i];
        INDArray dy = gradients[i];
        if (node instanceof DenseNode d && thin(d)) {
            bindThin(d, x, dx, y, dy);
        } else if (node instanceof DenseNode d) {
            PreparedOp product = PreparedOp.of(new Mmul(x, d.weights(), y, 1.0, 0.0, MMulTranspose.allFalse()));
            PreparedOp bias = d.bias() == null ? null : PreparedOp.of(DynamicCustomOp.builder("add")
                    .addInputs(y, d.bias()).addOutputs(y).build());
            forward.add(bias == null ? product::run : () -> {
                product.run();
                bias.run();
            });
            PreparedOp weightGradient = PreparedOp.of(new Mmul(x, dy, d.weightGradient(), 1.0, 0.0,
                    MMulTranspose.builder().transposeA(true).build()));
            PreparedOp biasGradient = d.bias() == null ? null : PreparedOp.of(DynamicCustomOp.builder("reduce_sum")
                    .addInputs(dy).addOutputs(d.biasGradient()).addIntegerArguments(1).build());
            PreparedOp inputGradient = dx == null ? null : PreparedOp.of(new Mmul(dy, d.weights(), dx, 1.0, 0.0,
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
                PreparedOp product = dx == null ? null : PreparedOp.of(new MulOp(scratch, dy, dx));
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

    /**
     * Whether dense node {@code d} multiplies in Java: a node with at most {@value #THIN} inputs (the first
     * layer of a 2-D problem) costs ND4J's batched matmul about 72 µs forward for 64 members of 32 rows,
     * nearly all of it per-member overhead, against about 58 µs here (measured on the project machine,
     * 2×16); with few outputs instead (16×2) the loop here is slower than ND4J (100 against 75 µs).
     */
    private static boolean thin(DenseNode d) {
        return d.in() <= THIN;
    }

    static final int THIN = 4;

    /**
     * A thin dense node in Java, member by member on heap copies: Y[m] = X[m]·W[m] + b[m];
     * ∂L/∂W[m] = X[m]ᵀ·Δ[m], ∂L/∂b[m] = Σ_rows Δ[m], ∂L/∂X[m] = Δ[m]·W[m]ᵀ, sums in float in row order.
     */
    private void bindThin(DenseNode d, INDArray x, INDArray dx, INDArray y, INDArray dy) {
        int in = d.in();
        int out = d.width();
        int o = d.offset();
        int biasAt = d.bias() == null ? -1 : o + in * out;
        forward.add(() -> {
            float[] xs = heap(x, 0);
            float[] ys = scratchOut(y.length());
            for (int m = 0; m < members; m++) {
                int p = m * width;
                for (int r = 0; r < rows; r++) {
                    int xb = (m * rows + r) * in;
                    int yb = (m * rows + r) * out;
                    for (int j = 0; j < out; j++) {
                        ys[yb + j] = biasAt < 0 ? 0f : theta[p + biasAt + j];
                    }
                    for (int i = 0; i < in; i++) {
                        float xv = xs[xb + i];
                        int wb = p + o + i * out;
                        for (int j = 0; j < out; j++) {
                            ys[yb + j] += xv * theta[wb + j];
                        }
                    }
                }
            }
            StackedNetwork.floats(y).put(0, ys, 0, (int) y.length());
        });
        backward.add(() -> {
            float[] xs = heap(x, 0);
            float[] ds = heap(dy, 1);
            float[] gw = scratchWeights(in * out + out);
            float[] dxs = dx == null ? null : scratchOut(dx.length());
            java.nio.FloatBuffer grads = StackedNetwork.floats(parameterGradients);
            for (int m = 0; m < members; m++) {
                java.util.Arrays.fill(gw, 0f);
                int p = m * width;
                for (int r = 0; r < rows; r++) {
                    int xb = (m * rows + r) * in;
                    int db = (m * rows + r) * out;
                    for (int i = 0; i < in; i++) {
                        float xv = xs[xb + i];
                        int wb = i * out;
                        float sum = 0;
                        for (int j = 0; j < out; j++) {
                            float dj = ds[db + j];
                            gw[wb + j] += xv * dj;
                            if (dxs != null) {
                                sum += dj * theta[p + o + wb + j];
                            }
                        }
                        if (dxs != null) {
                            dxs[xb + i] = sum;
                        }
                    }
                    if (biasAt >= 0) {
                        for (int j = 0; j < out; j++) {
                            gw[in * out + j] += ds[db + j];
                        }
                    }
                }
                grads.put(p + o, gw, 0, in * out + (biasAt >= 0 ? out : 0));
            }
            if (dxs != null) {
                StackedNetwork.floats(dx).put(0, dxs, 0, (int) dx.length());
            }
        });
    }

    /** {@code a}'s values in a heap array (scratch 0: inputs, 1: gradients). */
    private float[] heap(INDArray a, int which) {
        int n = (int) a.length();
        float[] h = which == 0 ? scratchIn : scratchWeightsOrGradients;
        if (h == null || h.length < n) {
            h = new float[n];
            if (which == 0) {
                scratchIn = h;
            } else {
                scratchWeightsOrGradients = h;
            }
        }
        StackedNetwork.floats(a).get(0, h, 0, n);
        return h;
    }

    private float[] scratchWeightsOrGradients;

    private float[] scratchOut(long n) {
        if (scratchOut == null || scratchOut.length < n) {
            scratchOut = new float[(int) n];
        }
        return scratchOut;
    }

    private float[] scratchWeights(int n) {
        if (scratchWeights == null || scratchWeights.length < n) {
            scratchWeights = new float[n];
        }
        return scratchWeights;
    }

    @Override
    public INDArray features() {
        return outputs[0];
    }

    @Override
    public double[] forward() {
        if (theta == null) {
            theta = new float[(int) values.length()];
        }
        StackedNetwork.floats(values).get(0, theta, 0, theta.length);
        for (Runnable op : forward) {
            op.run();
        }
        lossAndGradient();
        return losses;
    }

    @Override
    public void backward() {
        for (int i = backward.size() - 1; i >= 0; i--) {
            backward.get(i).run();
        }
    }

    private void lossAndGradient() {
        int n = nodes.size();
        int length = (int) labels().length();
        if (lossZ == null) {
            lossZ = new float[length];
            lossY = new float[length];
            lossD = new float[length];
        }
        StackedNetwork.floats(outputs[n - 1]).get(0, lossZ, 0, length);
        StackedNetwork.floats(labels()).get(0, lossY, 0, length);
        lossAndGradient(lossZ, lossY, lossD);
        StackedNetwork.floats(gradients[n - 2]).put(0, lossD, 0, length);
    }

    @Override
    public INDArray layerOutput(int m, String id) {
        return outputs[positionOf(id)].get(NDArrayIndex.point(m), NDArrayIndex.all(), NDArrayIndex.all()).dup('c');
    }

    @Override
    public void activationStats(double[][] means, double[][] stds, double[][] saturated) {
        int a = 0;
        for (int i = 0; i < nodes.size(); i++) {
            if (!(nodes.get(i) instanceof ActivationNode node)) {
                continue;
            }
            int length = (int) outputs[i].length();
            if (statsOut == null || statsOut.length < length) {
                statsOut = new float[length];
                statsIn = new float[length];
            }
            float[] out = statsOut;
            StackedNetwork.floats(outputs[i]).get(0, out, 0, length);
            Saturation rule = node.saturation();
            float[] tested = out;
            if (rule.kind() != Saturation.Kind.OUTPUT_OUTSIDE) {
                StackedNetwork.floats(outputs[i - 1]).get(0, statsIn, 0, length);
                tested = statsIn;
            }
            int n = rows * node.width();
            for (int m = 0; m < members; m++) {
                double sum = 0;
                double squares = 0;
                int count = 0;
                int from = m * n;
                for (int k = from; k < from + n; k++) {
                    double v = out[k];
                    sum += v;
                    squares += v * v;
                    count += saturated(rule, tested[k]) ? 1 : 0;
                }
                double mean = sum / n;
                means[m][a] = mean;
                stds[m][a] = Math.sqrt(Math.max(0, squares / n - mean * mean));
                saturated[m][a] = count / (double) n;
            }
            a++;
        }
    }
}
