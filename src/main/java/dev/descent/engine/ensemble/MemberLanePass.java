package dev.descent.engine.ensemble;

import dev.descent.engine.ensemble.StackedNetwork.ActivationNode;
import dev.descent.engine.ensemble.StackedNetwork.DenseNode;
import dev.descent.engine.ensemble.StackedNetwork.LossNode;
import dev.descent.engine.ensemble.StackedNetwork.Node;
import dev.descent.engine.graph.Saturation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link StackedPass} for small layers, in Java with every member in a SIMD lane: each value of the
 * network (a weight, a unit of a row) is one array of M′ floats, one per member (M′ = M rounded up to
 * {@value #LANES}; the extra lanes hold zeros and are never read back), so every product is
 * <pre>
 *   forward   y[r,j][m] = b[j][m] + Σᵢ x[r,i][m]·w[i,j][m]
 *   backward  ∂w[i,j][m] = Σ_r x[r,i][m]·δ[r,j][m],  ∂b[j][m] = Σ_r δ[r,j][m],  ∂x[r,i][m] = Σⱼ δ[r,j][m]·w[i,j][m]
 * </pre>
 * with the member loop innermost over arrays of their own, which C2 turns into vector instructions (one
 * flat array with offsets it does not, as it cannot rule out overlap: 2.6 against 6.4 GMAC/s measured on
 * the project machine, 64 members of 32×16 by 16×16). ReLU is max(z, 0) forward and δ·min(a·2¹²⁷·2¹²⁷, 1)
 * backward (1 where the output a is positive, without a branch: a branch per value mispredicts on random
 * signs, 135 against 13 µs for 32k values); other activations run ND4J's op on a contiguous copy.
 *
 * <p>Chosen when every dense node has at most {@value #LARGEST} weights and at most {@value #LARGEST_PRODUCT}
 * multiply-adds per member and product (rows × n_in × units, {@link #fits}): ND4J's batched product costs
 * about 75 µs per product whatever the size, and past that size its BLAS kernels win. Measured on the
 * project machine: the 2-16-16-2 net at batch 32 (8,192) runs 64 members at 66,000 member-steps/s here
 * against 45,000 batched; the 2-32-32-2 spiral sweep at batches 16 to 128 (16,384 and up) takes 9.1–9.2 s
 * batched against 9.2–10.7 s with batch 16 here. The choice depends on the network and the batch only,
 * never on how many members a group holds, so a member's path (and its bytes) does not depend on its shard.
 */
final class MemberLanePass extends StackedPass {
    /** Floats per vector register with AVX-512; lanes are padded to a multiple of it. */
    static final int LANES = 16;
    /** Largest weight count (n_in × units) of a dense node this pass takes. */
    static final int LARGEST = 1024;
    /** Largest multiply-add count per member of one product (rows × n_in × units) this pass takes. */
    static final int LARGEST_PRODUCT = 8192;

    private final int lanes;
    private final int width;
    private final INDArray values;
    private final INDArray parameterGradients;
    private final INDArray features;
    /** Per node: [rows × width][lanes]; the loss node shares its input's. */
    private final float[][][] outputs;
    private final float[][][] gradients;
    private final List<Runnable> forward = new ArrayList<>();
    private final List<Runnable> backward = new ArrayList<>();
    private final List<DenseLanes> dense = new ArrayList<>();
    private final float[] theta;
    private final float[] thetaGradients;
    private final float[] featureCopy;
    private final float[] lossZ;
    private final float[] lossY;
    private final float[] lossD;

    /** A dense node's weights w[i·units + j] and bias b[j] as lanes, with their gradients. */
    private record DenseLanes(DenseNode node, float[][] w, float[][] b, float[][] dw, float[][] db) {
    }

    /** Whether every dense node of {@code nodes}, on batches of {@code rows}, is small enough for this pass. */
    static boolean fits(List<Node> nodes, int rows) {
        for (Node node : nodes) {
            long weights = node instanceof DenseNode d ? (long) d.in() * d.width() : 0;
            if (weights > LARGEST || rows * weights > LARGEST_PRODUCT) {
                return false;
            }
        }
        return true;
    }

    MemberLanePass(List<Node> nodes, int members, int rows, INDArray values, INDArray parameterGradients, int width) {
        super(nodes, members, rows);
        this.lanes = (members + LANES - 1) / LANES * LANES;
        this.width = width;
        this.values = values;
        this.parameterGradients = parameterGradients;
        this.features = buffer(nodes.get(0).width());
        this.theta = new float[members * width];
        this.thetaGradients = new float[members * width];
        this.featureCopy = new float[(int) features.length()];
        int n = nodes.size();
        outputs = new float[n][][];
        gradients = new float[n][][];
        for (int i = 0; i < n; i++) {
            if (nodes.get(i) instanceof LossNode) {
                outputs[i] = outputs[i - 1];
                continue;
            }
            outputs[i] = new float[rows * nodes.get(i).width()][lanes];
            // the input needs no gradient
            gradients[i] = i == 0 ? null : new float[rows * nodes.get(i).width()][lanes];
        }
        int length = rows * loss.width() * members;
        lossZ = new float[length];
        lossY = new float[length];
        lossD = new float[length];
        for (int i = 1; i < n - 1; i++) {
            bind(i);
        }
    }

    private void bind(int i) {
        Node node = nodes.get(i);
        float[][] x = outputs[i - 1];
        float[][] dx = gradients[i - 1];
        float[][] y = outputs[i];
        float[][] dy = gradients[i];
        if (node instanceof DenseNode d) {
            int weights = d.in() * d.width();
            DenseLanes p = new DenseLanes(d, new float[weights][lanes], d.bias() == null ? null : new float[d.width()][lanes],
                    new float[weights][lanes], d.bias() == null ? null : new float[d.width()][lanes]);
            dense.add(p);
            forward.add(() -> denseForward(p, x, y));
            backward.add(() -> denseBackward(p, x, dx, dy));
        } else if (node instanceof ActivationNode a && a.relu()) {
            forward.add(() -> reluForward(x, y));
            backward.add(() -> {
                if (dx != null) {
                    reluBackward(y, dy, dx);
                }
            });
        } else if (node instanceof ActivationNode a) {
            int count = rows * a.width() * lanes;
            INDArray in = Nd4j.create(DataType.FLOAT, count);
            INDArray eps = Nd4j.create(DataType.FLOAT, count);
            float[] flat = new float[count];
            forward.add(() -> {
                StackedNetwork.floats(in).put(0, gather(x, flat));
                scatter(a.function().getActivation(in, true), flat, y);
            });
            backward.add(() -> {
                if (dx != null) {
                    StackedNetwork.floats(in).put(0, gather(x, flat));
                    StackedNetwork.floats(eps).put(0, gather(dy, flat));
                    scatter(a.function().backprop(in, eps).getFirst(), flat, dx);
                }
            });
        } else {
            throw new IllegalStateException("unsupported node " + node.id());
        }
    }

    private float[] gather(float[][] from, float[] flat) {
        for (int k = 0; k < from.length; k++) {
            System.arraycopy(from[k], 0, flat, k * lanes, lanes);
        }
        return flat;
    }

    private void scatter(INDArray result, float[] flat, float[][] to) {
        StackedNetwork.floats(result).get(0, flat, 0, flat.length);
        for (int k = 0; k < to.length; k++) {
            System.arraycopy(flat, k * lanes, to[k], 0, lanes);
        }
    }

    private void denseForward(DenseLanes p, float[][] x, float[][] y) {
        int in = p.node().in();
        int out = p.node().width();
        float[][] w = p.w();
        for (int r = 0; r < rows; r++) {
            int xr = r * in;
            for (int j = 0; j < out; j++) {
                float[] yv = y[r * out + j];
                if (p.b() == null) {
                    Arrays.fill(yv, 0f);
                } else {
                    System.arraycopy(p.b()[j], 0, yv, 0, lanes);
                }
                int i = 0;
                for (; i + 2 <= in; i += 2) {
                    mac2(yv, x[xr + i], w[i * out + j], x[xr + i + 1], w[(i + 1) * out + j]);
                }
                for (; i < in; i++) {
                    mac(yv, x[xr + i], w[i * out + j]);
                }
            }
        }
    }

    private void denseBackward(DenseLanes p, float[][] x, float[][] dx, float[][] dy) {
        int in = p.node().in();
        int out = p.node().width();
        for (int i = 0; i < in; i++) {
            for (int j = 0; j < out; j++) {
                float[] g = p.dw()[i * out + j];
                Arrays.fill(g, 0f);
                int r = 0;
                for (; r + 2 <= rows; r += 2) {
                    mac2(g, x[r * in + i], dy[r * out + j], x[(r + 1) * in + i], dy[(r + 1) * out + j]);
                }
                for (; r < rows; r++) {
                    mac(g, x[r * in + i], dy[r * out + j]);
                }
            }
        }
        if (p.db() != null) {
            for (int j = 0; j < out; j++) {
                float[] g = p.db()[j];
                Arrays.fill(g, 0f);
                int r = 0;
                for (; r + 2 <= rows; r += 2) {
                    add2(g, dy[r * out + j], dy[(r + 1) * out + j]);
                }
                for (; r < rows; r++) {
                    float[] d = dy[r * out + j];
                    for (int m = 0; m < lanes; m++) {
                        g[m] += d[m];
                    }
                }
            }
        }
        if (dx == null) {
            return;
        }
        float[][] w = p.w();
        for (int r = 0; r < rows; r++) {
            int dr = r * out;
            for (int i = 0; i < in; i++) {
                float[] g = dx[r * in + i];
                Arrays.fill(g, 0f);
                int wi = i * out;
                int j = 0;
                for (; j + 2 <= out; j += 2) {
                    mac2(g, dy[dr + j], w[wi + j], dy[dr + j + 1], w[wi + j + 1]);
                }
                for (; j < out; j++) {
                    mac(g, dy[dr + j], w[wi + j]);
                }
            }
        }
    }

    /** acc += a ⊙ b over the lanes. */
    private void mac(float[] acc, float[] a, float[] b) {
        for (int m = 0; m < lanes; m++) {
            acc[m] += a[m] * b[m];
        }
    }

    /**
     * acc += a0 ⊙ b0 + a1 ⊙ b1 over the lanes: two products per load and store of the accumulator (1.25× the
     * speed of two {@link #mac} calls, measured; with four products C2 no longer vectorizes the loop and it
     * runs at half the speed).
     */
    private void mac2(float[] acc, float[] a0, float[] b0, float[] a1, float[] b1) {
        for (int m = 0; m < lanes; m++) {
            acc[m] += a0[m] * b0[m] + a1[m] * b1[m];
        }
    }

    /** acc += a0 + a1 over the lanes. */
    private void add2(float[] acc, float[] a0, float[] a1) {
        for (int m = 0; m < lanes; m++) {
            acc[m] += a0[m] + a1[m];
        }
    }

    private void reluForward(float[][] x, float[][] y) {
        for (int k = 0; k < x.length; k++) {
            float[] xv = x[k];
            float[] yv = y[k];
            for (int m = 0; m < lanes; m++) {
                yv[m] = Math.max(xv[m], 0f);
            }
        }
    }

    /** δx = δy where the output is positive, else 0: min(a·2¹²⁷·2¹²⁷, 1) is 1 for every a &gt; 0 (subnormals too) and 0 at 0. */
    private void reluBackward(float[][] y, float[][] dy, float[][] dx) {
        for (int k = 0; k < y.length; k++) {
            float[] a = y[k];
            float[] d = dy[k];
            float[] g = dx[k];
            for (int m = 0; m < lanes; m++) {
                g[m] = d[m] * Math.min(a[m] * 0x1p127f * 0x1p127f, 1f);
            }
        }
    }

    @Override
    public INDArray features() {
        return features;
    }

    @Override
    public double[] forward() {
        StackedNetwork.floats(values).get(0, theta, 0, theta.length);
        for (DenseLanes p : dense) {
            toLanes(p.node().offset(), p.w());
            if (p.b() != null) {
                toLanes(p.node().offset() + p.node().in() * p.node().width(), p.b());
            }
        }
        int in = nodes.get(0).width();
        StackedNetwork.floats(features).get(0, featureCopy, 0, featureCopy.length);
        float[][] x = outputs[0];
        for (int m = 0; m < members; m++) {
            int from = m * rows * in;
            for (int k = 0; k < rows * in; k++) {
                x[k][m] = featureCopy[from + k];
            }
        }
        for (Runnable op : forward) {
            op.run();
        }
        int n = nodes.size();
        int c = loss.width();
        float[][] z = outputs[n - 1];
        StackedNetwork.floats(labels()).get(0, lossY, 0, lossY.length);
        for (int m = 0; m < members; m++) {
            int from = m * rows * c;
            for (int k = 0; k < rows * c; k++) {
                lossZ[from + k] = z[k][m];
            }
        }
        lossAndGradient(lossZ, lossY, lossD);
        float[][] dz = gradients[n - 2];
        for (int m = 0; m < members; m++) {
            int from = m * rows * c;
            for (int k = 0; k < rows * c; k++) {
                dz[k][m] = lossD[from + k];
            }
        }
        return losses;
    }

    /** Member m's values theta[m·P + offset + q] into lane m of {@code to[q]}. */
    private void toLanes(int offset, float[][] to) {
        for (int q = 0; q < to.length; q++) {
            float[] lane = to[q];
            for (int m = 0; m < members; m++) {
                lane[m] = theta[m * width + offset + q];
            }
        }
    }

    private void fromLanes(float[][] from, int offset) {
        for (int q = 0; q < from.length; q++) {
            float[] lane = from[q];
            for (int m = 0; m < members; m++) {
                thetaGradients[m * width + offset + q] = lane[m];
            }
        }
    }

    @Override
    public void backward() {
        for (int i = backward.size() - 1; i >= 0; i--) {
            backward.get(i).run();
        }
        for (DenseLanes p : dense) {
            fromLanes(p.dw(), p.node().offset());
            if (p.db() != null) {
                fromLanes(p.db(), p.node().offset() + p.node().in() * p.node().width());
            }
        }
        StackedNetwork.floats(parameterGradients).put(0, thetaGradients, 0, thetaGradients.length);
    }

    @Override
    public INDArray layerOutput(int m, String id) {
        int i = positionOf(id);
        float[][] lanesOf = outputs[i];
        float[] values = new float[lanesOf.length];
        for (int k = 0; k < values.length; k++) {
            values[k] = lanesOf[k][m];
        }
        return Nd4j.create(values, new long[] {rows, nodes.get(i).width()}, 'c');
    }

    /** Adds to {@code count[m]} every value of lane m that {@code rule} counts (the rule chosen once, not per value). */
    private void countSaturated(Saturation rule, float[][] tested, int[] count) {
        double low = rule.low();
        double high = rule.high();
        for (float[] t : tested) {
            switch (rule.kind()) {
                case NEVER -> {
                    return;
                }
                case BELOW, AT_OR_BELOW -> {
                    for (int m = 0; m < members; m++) {
                        count[m] += t[m] > low ? 0 : 1;
                    }
                }
                case ABS_ABOVE -> {
                    for (int m = 0; m < members; m++) {
                        count[m] += t[m] > low || !(t[m] > -low) ? 1 : 0;
                    }
                }
                case OUTPUT_OUTSIDE -> {
                    for (int m = 0; m < members; m++) {
                        count[m] += !(t[m] > low) || t[m] > high ? 1 : 0;
                    }
                }
            }
        }
    }

    @Override
    public void activationStats(double[][] means, double[][] stds, double[][] saturated) {
        double[] sum = new double[members];
        double[] squares = new double[members];
        int[] count = new int[members];
        int a = 0;
        for (int i = 0; i < nodes.size(); i++) {
            if (!(nodes.get(i) instanceof ActivationNode node)) {
                continue;
            }
            float[][] out = outputs[i];
            Saturation rule = node.saturation();
            float[][] tested = rule.kind() == Saturation.Kind.OUTPUT_OUTSIDE ? out : outputs[i - 1];
            Arrays.fill(sum, 0);
            Arrays.fill(squares, 0);
            Arrays.fill(count, 0);
            for (int k = 0; k < out.length; k++) {
                float[] v = out[k];
                for (int m = 0; m < members; m++) {
                    double x = v[m];
                    sum[m] += x;
                    squares[m] += x * x;
                }
            }
            countSaturated(rule, tested, count);
            int n = out.length;
            for (int m = 0; m < members; m++) {
                double mean = sum[m] / n;
                means[m][a] = mean;
                stds[m][a] = Math.sqrt(Math.max(0, squares[m] / n - mean * mean));
                saturated[m][a] = count[m] / (double) n;
            }
            a++;
        }
    }
}
