package dev.descent.engine.nn;

import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.transforms.custom.XwPlusB;

/**
 * Fully connected layer, y = x·W + b, W of shape [n_in, units].
 * Backward: ∂L/∂W = xᵀ·δ, ∂L/∂b = Σ_rows δ, ∂L/∂x = δ·Wᵀ, where δ = ∂L/∂y.
 * Every product is one ND4J op, prepared once per batch size.
 */
final class DenseLayer implements Layer {
    private final String id;
    private final int units;
    private final INDArray weights;
    private final INDArray bias;
    private final INDArray weightGradient;
    private final INDArray biasGradient;

    DenseLayer(String id, int units, INDArray weights, INDArray bias, INDArray weightGradient, INDArray biasGradient) {
        this.id = id;
        this.units = units;
        this.weights = weights;
        this.bias = bias;
        this.weightGradient = weightGradient;
        this.biasGradient = biasGradient;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int width() {
        return units;
    }

    @Override
    public long parameterCount() {
        return weights.length() + (bias == null ? 0 : bias.length());
    }

    @Override
    public LayerPass bind(Binding binding) {
        return new DensePass(binding);
    }

    private final class DensePass extends LayerPass {
        private final PreparedOp forward;
        private PreparedOp weightGradientOp;
        private PreparedOp biasGradientOp;
        private PreparedOp inputGradientOp;

        DensePass(Binding binding) {
            super(binding.buffer(units), binding.gradientBuffer(units), binding.inputs(), binding.accumulate());
            INDArray x = input().output;
            forward = bias != null
                    ? PreparedOp.of(new XwPlusB(new INDArray[]{x, weights, bias}, output))
                    : PreparedOp.of(new Mmul(x, weights, output, 1.0, 0.0, MMulTranspose.allFalse()));
            if (gradient != null) {
                weightGradientOp = PreparedOp.of(new Mmul(x, gradient, weightGradient, 1.0, 0.0,
                        MMulTranspose.builder().transposeA(true).build()));
                if (bias != null) {
                    biasGradientOp = PreparedOp.of(DynamicCustomOp.builder("reduce_sum")
                            .addInputs(gradient).addOutputs(biasGradient).addIntegerArguments(0).build());
                }
                INDArray inputGradient = input().gradient;
                if (inputGradient != null) {
                    inputGradientOp = PreparedOp.of(new Mmul(gradient, weights, inputGradient, 1.0,
                            accumulate[0] ? 1.0 : 0.0, MMulTranspose.builder().transposeB(true).build()));
                }
            }
        }

        @Override
        void forward(boolean training) {
            forward.run();
        }

        @Override
        void backward() {
            weightGradientOp.run();
            if (biasGradientOp != null) {
                biasGradientOp.run();
            }
            if (inputGradientOp != null) {
                inputGradientOp.run();
            }
        }
    }
}
