package dev.descent.engine.nn;

import dev.descent.engine.graph.Saturation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Applies an ND4J {@link IActivation} element-wise: forward {@code getActivation}, backward
 * {@code backprop} on a copy of the pre-activation (ND4J's activations work in place).
 */
final class ActivationLayer implements Layer {
    private final String id;
    private final int width;
    private final IActivation function;
    private final Saturation saturation;

    ActivationLayer(String id, int width, IActivation function, Saturation saturation) {
        this.id = id;
        this.width = width;
        this.function = function;
        this.saturation = saturation;
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
    public LayerPass bind(Binding binding) {
        return new ActivationPass(binding);
    }

    /** An activation's pass, which can also describe its last output. */
    final class ActivationPass extends LayerPass {
        private final INDArray scratch;

        ActivationPass(Binding binding) {
            super(binding.buffer(width), binding.gradientBuffer(width), binding.inputs(), binding.accumulate());
            scratch = binding.backward() ? binding.buffer(width) : null;
        }

        @Override
        void forward(boolean training) {
            function.getActivation(output.assign(input().output), training);
        }

        @Override
        void backward() {
            INDArray dz = function.backprop(scratch.assign(input().output), gradient).getFirst();
            sendGradient(0, dz);
        }

        /** Mean, standard deviation and saturated fraction of the last output. */
        ActivationStats stats() {
            INDArray z = input().output;
            long saturated = switch (saturation.kind()) {
                case NEVER -> 0;
                case BELOW -> z.scan(Conditions.lessThan(saturation.low())).longValue();
                case AT_OR_BELOW -> z.scan(Conditions.lessThanOrEqual(saturation.low())).longValue();
                case ABS_ABOVE -> z.scan(Conditions.absGreaterThan(saturation.low())).longValue();
                case OUTPUT_OUTSIDE -> output.scan(Conditions.lessThan(saturation.low())).longValue()
                        + output.scan(Conditions.greaterThan(saturation.high())).longValue();
            };
            return new ActivationStats(id, output.meanNumber().doubleValue(), output.stdNumber().doubleValue(),
                    saturated / (double) output.length());
        }
    }
}
