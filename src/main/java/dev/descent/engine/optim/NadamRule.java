package dev.descent.engine.optim;

import dev.descent.engine.vocab.Explained;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * NAdam as torch.optim.NAdam computes it: Adam with Nesterov momentum whose coefficient μₜ warms up
 * from β₁/2 towards β₁ as {@code momentumDecay} ψ prescribes (Dozat 2016, with the schedule of
 * Sutskever et al.). ND4J's {@code Nadam} uses a constant β₁ and follows a different path, so this
 * one is ours; every tensor operation is still ND4J's.
 */
@Explained(title = "NAdam",
        summary = "Adam with a Nesterov look-ahead on its first moment; the look-ahead weight warms up over time.",
        formula = "μₜ = β₁(1 − ½·0.96^(t·ψ));  m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  "
                + "θ ← θ − η(1−μₜ)/(1−Π₁..ₜμ)·g/(√v̂+ε) − η·μₜ₊₁/(1−Π₁..ₜ₊₁μ)·m/(√v̂+ε),  v̂ = v/(1−β₂ᵗ)",
        source = "Dozat 2016, Incorporating Nesterov Momentum into Adam; torch.optim.NAdam")
final class NadamRule implements UpdateRule {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double momentumDecay;
    private final INDArray m;
    private final INDArray v;
    private final INDArray scratch;
    private final INDArray denominator;
    private double muProduct = 1.0;

    NadamRule(double beta1, double beta2, double epsilon, double momentumDecay, INDArray like) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.momentumDecay = momentumDecay;
        this.m = like.ulike().assign(0);
        this.v = like.ulike().assign(0);
        this.scratch = like.ulike();
        this.denominator = like.ulike();
    }

    @Override
    public void apply(INDArray gradient, int iteration, double learningRate) {
        int t = iteration + 1;
        double mu = beta1 * (1 - 0.5 * Math.pow(0.96, t * momentumDecay));
        double muNext = beta1 * (1 - 0.5 * Math.pow(0.96, (t + 1) * momentumDecay));
        muProduct *= mu;
        double biasCorrection2 = 1 - Math.pow(beta2, t);

        m.muli(beta1).addi(scratch.assign(gradient).muli(1 - beta1));
        v.muli(beta2).addi(scratch.assign(gradient).muli(gradient).muli(1 - beta2));
        Transforms.sqrt(denominator.assign(v).divi(biasCorrection2), false).addi(epsilon);

        double gradientWeight = learningRate * (1 - mu) / (1 - muProduct);
        double momentWeight = learningRate * muNext / (1 - muProduct * muNext);
        gradient.muli(gradientWeight).addi(scratch.assign(m).muli(momentWeight)).divi(denominator);
    }

    @Override
    public Map<String, INDArray> state() {
        return Map.of("m", m, "v", v);
    }

    @Override
    public void continueFrom(UpdateRule previous) {
        UpdateRule.super.continueFrom(previous);
        muProduct = ((NadamRule) previous).muProduct; // Π μ so far, as torch keeps mu_product in its state
    }
}
