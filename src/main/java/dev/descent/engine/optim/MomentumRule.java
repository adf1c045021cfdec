package dev.descent.engine.optim;

import dev.descent.engine.vocab.Explained;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Heavy-ball momentum, as torch.optim.SGD with {@code momentum > 0}, {@code dampening = 0},
 * {@code nesterov = False}. ND4J has only the Nesterov form, so this one is ours, in one pass
 * ({@link BlockedRule}).
 */
@Explained(title = "Momentum",
        summary = "Keeps a running velocity of past gradients: steady directions speed up, zig-zags cancel out.",
        formula = "v ← μ·v + g;   θ ← θ − η·v",
        source = "Polyak 1964; torch.optim.SGD(momentum=μ)")
final class MomentumRule extends BlockedRule {
    private final double momentum;
    private double lr;

    MomentumRule(double momentum, INDArray like) {
        super(AdamRule.zeros(like, "velocity"), "velocity");
        describe("velocity", "v", "velocity: the running sum of past gradients, each step keeping μ of it");
        this.momentum = momentum;
    }

    @Override
    void begin(int iteration, double learningRate) {
        lr = learningRate;
    }

    @Override
    void floatKernel(float[][] blocks, int len) {
        float[] g = blocks[0];
        float[] v = blocks[1];
        float mu = (float) momentum;
        float eta = (float) lr;
        for (int i = 0; i < len; i++) {
            float vi = v[i] * mu + g[i];
            v[i] = vi;
            g[i] = vi * eta;
        }
    }

    @Override
    void doubleKernel(double[][] blocks, int len) {
        double[] g = blocks[0];
        double[] v = blocks[1];
        for (int i = 0; i < len; i++) {
            double vi = v[i] * momentum + g[i];
            v[i] = vi;
            g[i] = vi * lr;
        }
    }
}
