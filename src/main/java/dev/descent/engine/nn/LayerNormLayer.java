package dev.descent.engine.nn;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;

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

    /**
     * Every step is a prepared ND4J op bound once to this pass's buffers ({@link PreparedOp}), plus one
     * Java loop over the batch's row variances for 1/√(σ² + ε): the array-method version built a new
     * op, and for the row means a new array, on every call, about 24 of them per step and layer, which
     * made a layer-norm run cost about twice a batch-norm run.
     */
    private final class LayerNormPass extends LayerPass {
        /** x̂, [batch, width]. */
        private final INDArray normalized;
        /** Per row: σ², then 1/√(σ² + ε) in place; [batch, 1]. */
        private final INDArray inverseStd;
        private final INDArray scratch;
        private final INDArray inputGradient;
        /** Forward up to σ² per row, then (after 1/√(σ² + ε)) from x̂ to y. */
        private final PreparedOp[] forwardOps;
        private final PreparedOp[] afterVariance;
        private final PreparedOp[] backwardOps;

        LayerNormPass(Binding binding) {
            super(binding.buffer(width), binding.gradientBuffer(width), binding.inputs(), binding.accumulate());
            int rows = binding.batchSize();
            INDArray x = input().output;
            normalized = binding.buffer(width);
            INDArray mean = Nd4j.create(binding.dataType(), rows, 1);
            inverseStd = Nd4j.create(binding.dataType(), rows, 1);
            scratch = binding.buffer(width);
            forwardOps = new PreparedOp[]{
                    rowMean(x, mean),
                    PreparedOp.of(new SubOp(x, mean, normalized)),
                    PreparedOp.of(new MulOp(normalized, normalized, scratch)),
                    rowMean(scratch, inverseStd)};
            afterVariance = new PreparedOp[]{
                    PreparedOp.of(new MulOp(normalized, inverseStd, normalized)),
                    PreparedOp.of(new MulOp(normalized, gain, output)),
                    PreparedOp.of(new AddOp(output, bias, output))};
            if (!binding.backward()) {
                inputGradient = null;
                backwardOps = new PreparedOp[0];
                return;
            }
            INDArray target = input().gradient;
            List<PreparedOp> ops = new ArrayList<>(List.of(
                    columnSum(gradient, biasGradient),
                    PreparedOp.of(new MulOp(gradient, normalized, scratch)),
                    columnSum(scratch, gainGradient)));
            if (target == null) {
                inputGradient = null;
            } else {
                // ĝ = γ·∂L/∂y; ∂L/∂x = (ĝ − mean(ĝ) − x̂·mean(ĝ·x̂)) / √(σ² + ε)
                inputGradient = binding.buffer(width);
                INDArray gradientMean = Nd4j.create(binding.dataType(), rows, 1);
                INDArray projectionMean = Nd4j.create(binding.dataType(), rows, 1);
                INDArray result = accumulate[0] ? inputGradient : target;
                ops.addAll(List.of(
                        PreparedOp.of(new MulOp(gradient, gain, scratch)),
                        rowMean(scratch, gradientMean),
                        PreparedOp.of(new MulOp(scratch, normalized, inputGradient)),
                        rowMean(inputGradient, projectionMean),
                        PreparedOp.of(new MulOp(normalized, projectionMean, inputGradient)),
                        PreparedOp.of(new SubOp(scratch, inputGradient, inputGradient)),
                        PreparedOp.of(new SubOp(inputGradient, gradientMean, inputGradient)),
                        PreparedOp.of(new MulOp(inputGradient, inverseStd, result))));
                if (accumulate[0]) {
                    ops.add(PreparedOp.of(new AddOp(target, inputGradient, target)));
                }
            }
            backwardOps = ops.toArray(PreparedOp[]::new);
        }

        @Override
        void forward(boolean training) {
            for (PreparedOp op : forwardOps) {
                op.run();
            }
            // 1/√(σ² + ε), in the array's own precision as ND4J's scalar ops compute it
            DataBuffer values = inverseStd.data();
            int rows = (int) inverseStd.length();
            if (inverseStd.dataType() == DataType.FLOAT) {
                for (int r = 0; r < rows; r++) {
                    values.put(r, 1.0f / (float) Math.sqrt(values.getFloat(r) + (float) EPS));
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    values.put(r, 1.0 / Math.sqrt(values.getDouble(r) + EPS));
                }
            }
            for (PreparedOp op : afterVariance) {
                op.run();
            }
        }

        @Override
        void backward() {
            for (PreparedOp op : backwardOps) {
                op.run();
            }
        }
    }

    /** mean over each row of {@code x} into the [rows, 1] column {@code into}. */
    private static PreparedOp rowMean(INDArray x, INDArray into) {
        return PreparedOp.of(DynamicCustomOp.builder("reduce_mean").addInputs(x).addOutputs(into)
                .addIntegerArguments(1).addBooleanArguments(true).build());
    }

    /** Σ over the rows of {@code x} into the vector {@code into}. */
    private static PreparedOp columnSum(INDArray x, INDArray into) {
        return PreparedOp.of(DynamicCustomOp.builder("reduce_sum").addInputs(x).addOutputs(into)
                .addIntegerArguments(0).build());
    }
}
