package dev.descent.engine.optim;

import dev.descent.engine.vocab.Explained;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * NAdam as torch.optim.NAdam computes it: Adam with Nesterov momentum whose coefficient μₜ warms up
 * from β₁/2 towards β₁ as {@code momentumDecay} ψ prescribes (Dozat 2016, with the schedule of
 * Sutskever et al.). ND4J's {@code Nadam} uses a constant β₁ and follows a different path, so this
 * one is ours, in one pass ({@link BlockedRule}).
 */
@Explained(title = "NAdam",
        summary = "Adam with a Nesterov look-ahead on its first moment; the look-ahead weight warms up over time.",
        formula = "μₜ = β₁(1 − ½·0.96^(t·ψ));  m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  "
                + "θ ← θ − η(1−μₜ)/(1−Π₁..ₜμ)·g/(√v̂+ε) − η·μₜ₊₁/(1−Π₁..ₜ₊₁μ)·m/(√v̂+ε),  v̂ = v/(1−β₂ᵗ)",
        source = "Dozat 2016, Incorporating Nesterov Momentum into Adam; torch.optim.NAdam")
final class NadamRule extends BlockedRule {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double momentumDecay;
    private double muProduct = 1.0;
    private double biasCorrection2;
    private double gradientWeight;
    private double momentWeight;

    NadamRule(double beta1, double beta2, double epsilon, double momentumDecay, INDArray like) {
        super(AdamRule.zeros(like, "m", "v"), "m", "v");
        describe("m", "m", "first moment: running mean of the gradients");
        describe("v", "v", "second moment: running mean of the squared gradients");
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.momentumDecay = momentumDecay;
    }

    @Override
    void begin(int iteration, double learningRate) {
        int t = iteration + 1;
        double mu = beta1 * (1 - 0.5 * Math.pow(0.96, t * momentumDecay));
        double muNext = beta1 * (1 - 0.5 * Math.pow(0.96, (t + 1) * momentumDecay));
        muProduct *= mu;
        biasCorrection2 = 1 - Math.pow(beta2, t);
        gradientWeight = learningRate * (1 - mu) / (1 - muProduct);
        momentWeight = learningRate * muNext / (1 - muProduct * muNext);
    }

    @Override
    void floatKernel(float[][] blocks, int len) {
        float[] g = blocks[0];
        float[] m = blocks[1];
        float[] v = blocks[2];
        float b1 = (float) beta1;
        float keep1 = (float) (1 - beta1);
        float b2 = (float) beta2;
        float keep2 = (float) (1 - beta2);
        float correction = (float) biasCorrection2;
        float eps = (float) epsilon;
        float gw = (float) gradientWeight;
        float mw = (float) momentWeight;
        for (int i = 0; i < len; i++) {
            float gi = g[i];
            float mi = m[i] * b1 + gi * keep1;
            float vi = v[i] * b2 + gi * gi * keep2;
            m[i] = mi;
            v[i] = vi;
            g[i] = (gi * gw + mi * mw) / ((float) Math.sqrt(vi / correction) + eps);
        }
    }

    @Override
    void doubleKernel(double[][] blocks, int len) {
        double[] g = blocks[0];
        double[] m = blocks[1];
        double[] v = blocks[2];
        double keep1 = 1 - beta1;
        double keep2 = 1 - beta2;
        for (int i = 0; i < len; i++) {
            double gi = g[i];
            double mi = m[i] * beta1 + gi * keep1;
            double vi = v[i] * beta2 + gi * gi * keep2;
            m[i] = mi;
            v[i] = vi;
            g[i] = (gi * gradientWeight + mi * momentWeight) / (Math.sqrt(vi / biasCorrection2) + epsilon);
        }
    }

    @Override
    public void continueFrom(UpdateRule previous) {
        super.continueFrom(previous);
        muProduct = ((NadamRule) previous).muProduct; // Π μ so far, as torch keeps mu_product in its state
    }
}
