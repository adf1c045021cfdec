package dev.descent.engine.nn;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One node's part of a {@link Pass}: its output buffer, its output-gradient buffer and the work it does
 * forward and backward, all bound to one batch size.
 *
 * <p>Backward follows one rule for gradients that fan in: a node's output gradient is written by its
 * consumers in reverse topological order; the first writes ({@code accumulate = false}), the rest add.
 */
abstract class LayerPass {
    /** This node's output, [batch, width]. */
    final INDArray output;
    /** ∂L/∂output, [batch, width]; {@code null} where no gradient is needed (the input node, forward-only passes). */
    final INDArray gradient;
    /** The passes of the nodes feeding this one, in edge order. */
    final List<LayerPass> inputs;
    /** For each input: whether this node adds to its gradient (true) or writes it first (false). */
    final boolean[] accumulate;

    LayerPass(INDArray output, INDArray gradient, List<LayerPass> inputs, boolean[] accumulate) {
        this.output = output;
        this.gradient = gradient;
        this.inputs = inputs;
        this.accumulate = accumulate;
    }

    /** Computes {@link #output} from the inputs' outputs. */
    abstract void forward(boolean training);

    /** From {@link #gradient}: writes parameter gradients and adds into the inputs' gradients. */
    abstract void backward();

    /** The single input of a one-input node. */
    LayerPass input() {
        return inputs.get(0);
    }

    /** Writes {@code value} into input {@code i}'s gradient, or adds it, by the fan-in rule. */
    void sendGradient(int i, INDArray value) {
        INDArray target = inputs.get(i).gradient;
        if (target == null) {
            return;
        }
        if (accumulate[i]) {
            target.addi(value);
        } else {
            target.assign(value);
        }
    }
}
