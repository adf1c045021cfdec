package dev.descent.engine.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Layer normalization over each example's features, as torch.nn.LayerNorm:
 * y = γ·x̂ + β with x̂ = (x − μ)/√(σ² + ε), μ and the biased σ² taken over the row, ε = 10⁻⁵.
 * Backward, per row of width n: ∂L/∂x = (ĝ − mean(ĝ) − x̂·mean(ĝ·x̂))/√(σ² + ε) with ĝ = γ·∂L/∂y;
 * ∂L/∂γ = Σ_rows ∂L/∂y·x̂, ∂L/∂β = Σ_rows ∂L/∂y.
 *
 * <p>Ours, on ND4J ops: ND4J's {@code layer_norm} and {@code layer_norm_bp} (1.0.0-M2.1) divide by σ
 * itself, with no ε, so a nearly constant row (σ = 10⁻⁶, say) had its noise blown up to ±1.4 and its
 * gradient by 1/σ.
 */
final class LayerNormLayer implements Layer {
    /** torch.nn.LayerNorm's default. */
    static final double EPS = 1e-5;

    private final String id;
    private final int width;
    private final INDArray gain;
    private final INDArray bias;
    private final INDArray gainGradient;
    private final INDArray biasGradient;

    LayerNormLayer(String id, int width, INDArray gain, INDArray bias, INDArray gainGradient, INDArray biasGradient) {
        this.id = id;
        this.width = width;
        this.gain = gain.reshape(1, width);
        this.bias = bias.reshape(1, width);
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
        /** x̂, [batch, width]. */
        private final INDArray normalized;
        /** Per row: μ, then 1/√(σ² + ε); and two means of the backward pass; [batch, 1] each. */
        private final INDArray mean;
        private final INDArray inverseStd;
        private final INDArray gradientMean;
        private final INDArray projectionMean;
        private final INDArray scratch;
        private final INDArray inputGradient;

        LayerNormPass(Binding binding) {
            super(binding.buffer(width), binding.gradientBuffer(width), binding.inputs(), binding.accumulate());
            int rows = binding.batchSize();
            normalized = binding.buffer(width);
            mean = Nd4j.create(binding.dataType(), rows, 1);
            inverseStd = Nd4j.create(binding.dataType(), rows, 1);
            gradientMean = Nd4j.create(binding.dataType(), rows, 1);
            projectionMean = Nd4j.create(binding.dataType(), rows, 1);
            scratch = binding.buffer(width);
            inputGradient = binding.backward() ? binding.buffer(width) : null;
        }

        @Override
        void forward(boolean training) {
            INDArray x = input().output;
            mean.assign(x.mean(true, 1));
            normalized.assign(x).subiColumnVector(mean);
            // σ² = mean((x − μ)²), then 1/√(σ² + ε)
            inverseStd.assign(scratch.assign(normalized).muli(normalized).mean(true, 1));
            Transforms.sqrt(inverseStd.addi(EPS), false).rdivi(1.0);
            normalized.muliColumnVector(inverseStd);
            output.assign(normalized).muliRowVector(gain).addiRowVector(bias);
        }

        @Override
        void backward() {
            biasGradient.assign(gradient.sum(0));
            gainGradient.assign(scratch.assign(gradient).muli(normalized).sum(0));
            // ĝ = γ·∂L/∂y; ∂L/∂x = (ĝ − mean(ĝ) − x̂·mean(ĝ·x̂)) / √(σ² + ε)
            scratch.assign(gradient).muliRowVector(gain);
            gradientMean.assign(scratch.mean(true, 1));
            projectionMean.assign(inputGradient.assign(scratch).muli(normalized).mean(true, 1));
            inputGradient.assign(normalized).muliColumnVector(projectionMean).rsubi(scratch)
                    .subiColumnVector(gradientMean).muliColumnVector(inverseStd);
            sendGradient(0, inputGradient);
        }
    }
}
