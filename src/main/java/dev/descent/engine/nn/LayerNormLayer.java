package dev.descent.engine.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LayerNorm;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LayerNormBp;

/**
 * Layer normalization over each example's features: y = γ·(x − μ)/σ + β, with μ and σ (biased) taken
 * over the row. Forward and backward are ND4J's {@code layer_norm} and {@code layer_norm_bp} ops, which
 * add no ε: a constant row (for instance all-zero after ReLU) normalizes to 0 with zero gradient.
 */
final class LayerNormLayer implements Layer {
    private final String id;
    private final int width;
    private final INDArray gain;
    private final INDArray bias;
    private final INDArray gainGradient;
    private final INDArray biasGradient;

    LayerNormLayer(String id, int width, INDArray gain, INDArray bias, INDArray gainGradient, INDArray biasGradient) {
        this.id = id;
        this.width = width;
        this.gain = gain;
        this.bias = bias;
        this.gainGradient = gainGradient;
        this.biasGradient = biasGradient;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public long parameterCount() {
        return 2L * width;
    }

    @Override
    public LayerPass bind(Binding binding) {
        return new LayerNormPass(binding);
    }

    private final class LayerNormPass extends LayerPass {
        private final PreparedOp forwardOp;
        private final INDArray inputGradient;
        private PreparedOp backwardOp;

        LayerNormPass(Binding binding) {
            super(binding.buffer(width), binding.gradientBuffer(width), binding.inputs(), binding.accumulate());
            INDArray x = input().output;
            forwardOp = PreparedOp.of(new LayerNorm(x, gain, bias, output, true, 1));
            inputGradient = binding.backward() ? binding.buffer(width) : null;
            if (binding.backward()) {
                backwardOp = PreparedOp.of(new LayerNormBp(x, gain, bias, gradient, inputGradient, gainGradient,
                        biasGradient, true, 1));
            }
        }

        @Override
        void forward(boolean training) {
            forwardOp.run();
        }

        @Override
        void backward() {
            backwardOp.run();
            sendGradient(0, inputGradient);
        }
    }
}
