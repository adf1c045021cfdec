package dev.descent.engine.optim;

import dev.descent.engine.vocab.Explained;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adamax as torch.optim.Adamax computes it, ε inside the maximum. ND4J's {@code AdaMax} updater
 * (1.0.0-M2.1) computes u ← max(β₂u, |g|) + 10⁻³² and never uses ε: with the default ε = 10⁻⁸ the two
 * agree within 10⁻³ over 200 steps, but any other ε would be silently ignored. So this one is ours;
 * every tensor operation is still ND4J's.
 */
@Explained(title = "Adamax",
        summary = "Adam with the infinity norm: divides by the largest recent gradient magnitude instead of an RMS.",
        formula = "m ← β₁m + (1−β₁)g;   u ← max(β₂·u, |g| + ε);   θ ← θ − η/(1−β₁ᵗ) · m/u",
        source = "Kingma & Ba 2015, section 7; torch.optim.Adamax (ND4J's AdaMax ignores ε)")
final class AdamaxRule implements UpdateRule {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final INDArray m;
    private final INDArray u;
    private final INDArray scratch;

    AdamaxRule(double beta1, double beta2, double epsilon, INDArray like) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.m = like.ulike().assign(0);
        this.u = like.ulike().assign(0);
        this.scratch = like.ulike();
    }

    @Override
    public void apply(INDArray gradient, int iteration, double learningRate) {
        int t = iteration + 1;
        m.muli(beta1).addi(scratch.assign(gradient).muli(1 - beta1));
        Transforms.abs(scratch.assign(gradient), false).addi(epsilon);
        Transforms.max(u.muli(beta2), scratch, false);
        gradient.assign(m).divi(u).muli(learningRate / (1 - Math.pow(beta1, t)));
    }

    @Override
    public Map<String, INDArray> state() {
        return Map.of("m", m, "u", u);
    }
}
