package dev.descent.engine.optim;

import dev.descent.engine.vocab.Explained;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Heavy-ball momentum, as torch.optim.SGD with {@code momentum > 0}, {@code dampening = 0},
 * {@code nesterov = False}. ND4J has only the Nesterov form, so this one is ours.
 */
@Explained(title = "Momentum",
        summary = "Keeps a running velocity of past gradients: steady directions speed up, zig-zags cancel out.",
        formula = "v ← μ·v + g;   θ ← θ − η·v",
        source = "Polyak 1964; torch.optim.SGD(momentum=μ)")
final class MomentumRule implements UpdateRule {
    private final double momentum;
    private final INDArray velocity;

    MomentumRule(double momentum, INDArray like) {
        this.momentum = momentum;
        this.velocity = like.ulike().assign(0);
    }

    @Override
    public void apply(INDArray gradient, int iteration, double learningRate) {
        velocity.muli(momentum).addi(gradient);
        gradient.assign(velocity).muli(learningRate);
    }

    @Override
    public Map<String, INDArray> state() {
        return Map.of("velocity", velocity);
    }
}
