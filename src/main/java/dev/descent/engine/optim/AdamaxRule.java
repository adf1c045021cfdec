package dev.descent.engine.optim;

import dev.descent.engine.vocab.Explained;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adamax as torch.optim.Adamax computes it, ε inside the maximum. ND4J's {@code AdaMax} updater
 * (1.0.0-M2.1) computes u ← max(β₂u, |g|) + 10⁻³² and never uses ε: with the default ε = 10⁻⁸ the two
 * agree within 10⁻³ over 200 steps, but any other ε would be silently ignored. So this one is ours;
 * it runs in one pass ({@link BlockedRule}).
 */
@Explained(title = "Adamax",
        summary = "Adam with the infinity norm: divides by the largest recent gradient magnitude instead of an RMS.",
        formula = "m ← β₁m + (1−β₁)g;   u ← max(β₂·u, |g| + ε);   θ ← θ − η/(1−β₁ᵗ) · m/u",
        source = "Kingma & Ba 2015, section 7; torch.optim.Adamax (ND4J's AdaMax ignores ε)")
final class AdamaxRule extends BlockedRule {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private double stepSize;

    AdamaxRule(double beta1, double beta2, double epsilon, INDArray like) {
        super(AdamRule.zeros(like, "m", "u"), "m", "u");
        describe("m", "m", "first moment: running mean of the gradients");
        describe("u", "u", "infinity norm: the largest recent gradient magnitude, decaying by β₂");
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    void begin(int iteration, double learningRate) {
        stepSize = learningRate / (1 - Math.pow(beta1, iteration + 1));
    }

    @Override
    void floatKernel(float[][] blocks, int len) {
        float[] g = blocks[0];
        float[] m = blocks[1];
        float[] u = blocks[2];
        float b1 = (float) beta1;
        float keep1 = (float) (1 - beta1);
        float b2 = (float) beta2;
        float eps = (float) epsilon;
        float step = (float) stepSize;
        for (int i = 0; i < len; i++) {
            float gi = g[i];
            float mi = m[i] * b1 + gi * keep1;
            float ui = Math.max(u[i] * b2, Math.abs(gi) + eps);
            m[i] = mi;
            u[i] = ui;
            g[i] = (mi / ui) * step;
        }
    }

    @Override
    void doubleKernel(double[][] blocks, int len) {
        double[] g = blocks[0];
        double[] m = blocks[1];
        double[] u = blocks[2];
        double keep1 = 1 - beta1;
        for (int i = 0; i < len; i++) {
            double gi = g[i];
            double mi = m[i] * beta1 + gi * keep1;
            double ui = Math.max(u[i] * beta2, Math.abs(gi) + epsilon);
            m[i] = mi;
            u[i] = ui;
            g[i] = (mi / ui) * stepSize;
        }
    }
}
