package dev.descent.engine.graph;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * ELU with any α: f(z) = z for z &gt; 0, α·(eᶻ − 1) otherwise; f′(z) = 1 for z &gt; 0, α·eᶻ otherwise.
 * The forward pass is ND4J's {@link ActivationELU}. The backward pass is ours: in ND4J 1.0.0-M2.1
 * {@code ActivationELU.backprop} ignores α (at z = −1 and α = 0.7 it returns e⁻¹ = 0.368 instead of
 * 0.7·e⁻¹ = 0.258), so a network with α ≠ 1 trained on a wrong gradient.
 */
final class EluActivation extends BaseActivationFunction {
    private static final long serialVersionUID = 1L;
    private final double alpha;
    private final ActivationELU forward;

    EluActivation(double alpha) {
        this.alpha = alpha;
        this.forward = new ActivationELU(alpha);
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return forward.getActivation(in, training);
    }

    /** dL/dz = dL/df · f′(z), written over {@code in}; no gradient for parameters (ELU has none to learn). */
    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray positive = in.gt(0).castTo(in.dataType());
        INDArray slope = Transforms.exp(in, true).muli(alpha).muli(positive.rsub(1)).addi(positive);
        in.assign(slope.muli(epsilon));
        return new Pair<>(in, null);
    }

    @Override
    public String toString() {
        return "elu(alpha=" + alpha + ")";
    }
}
