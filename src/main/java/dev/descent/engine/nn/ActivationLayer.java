package dev.descent.engine.nn;

import dev.descent.engine.graph.Saturation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Applies an ND4J {@link IActivation} element-wise: forward {@code getActivation}, backward
 * {@code backprop} on a copy of the pre-activation (ND4J's activations work in place).
 *
 * <p>One exception for speed: ReLU, the most used activation, runs on ND4J ops bound once to the pass's
 * buffers. Forward is ND4J's {@code RectifiedLinear} op, max(z, 0) with NaN passed through;
 * {@code ActivationReLU} runs the {@code LeakyReLU} op with slope 0 instead, which gives the same values
 * five times slower (34 µs against 7 µs on 128×256, a tenth of an MLP step in perf). Backward,
 * ∂L/∂z = δ ⊙ [z &gt; 0], is ND4J's {@code Step} and multiply ops. Both give {@code ActivationReLU}'s
 * values exactly (tested). ND4J's {@code relu_bp} allocates its output and
 * runs a per-element callback (122 µs against 15 µs on a 128×256 batch), and a fresh op object per call
 * costs 3 KB of garbage and 12–20 µs (measured): at thousands of steps a second that garbage, not the
 * arithmetic, is what the collector and the window then pay for.
 *
 * <p>The statistics' {@code Step} ops are bound once too, one per threshold the saturation rule needs.
 */
final class ActivationLayer implements Layer {
    private final String id;
    private final int width;
    private final IActivation function;
    private final Saturation saturation;

    private final boolean relu;

    ActivationLayer(String id, int width, IActivation function, Saturation saturation) {
        this.id = id;
        this.width = width;
        this.function = function;
        this.saturation = saturation;
        this.relu = function.getClass() == org.nd4j.linalg.activations.impl.ActivationReLU.class;
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
        private final INDArray ones;
        private final INDArray indicator;
        private final Level1 blas = Nd4j.getBlasWrapper().level1();
        /** ReLU only: forward z → a, the mask [z &gt; 0], and δ ⊙ mask into (or onto) the input's gradient. */
        private final RectifiedLinear reluForward;
        private final Step reluMask;
        private final PreparedOp reluProduct;
        private final PreparedOp reluAccumulate;
        /** The saturation rule's one or two thresholds, each a Step op bound to the array it tests. */
        private final Step firstThreshold;
        private final Step secondThreshold;

        ActivationPass(Binding binding) {
            super(binding.buffer(width), binding.gradientBuffer(width), binding.inputs(), binding.accumulate());
            scratch = binding.backward() ? binding.buffer(width) : null;
            ones = binding.backward() ? binding.buffer(width).assign(1) : null;
            indicator = binding.backward() ? binding.buffer(width) : null;
            INDArray z = input().output;
            reluForward = relu ? new RectifiedLinear(z, output, 0.0) : null;
            INDArray target = input().gradient;
            boolean reluBackward = relu && binding.backward() && target != null;
            reluMask = reluBackward ? new Step(z, scratch, 0.0) : null;
            reluProduct = reluBackward ? PreparedOp.of(accumulate[0] ? new MulOp(scratch, gradient, scratch)
                    : new MulOp(scratch, gradient, target)) : null;
            reluAccumulate = reluBackward && accumulate[0] ? PreparedOp.of(new AddOp(target, scratch, target)) : null;
            boolean counts = binding.backward() && saturation.kind() != Saturation.Kind.NEVER;
            INDArray tested = saturation.kind() == Saturation.Kind.OUTPUT_OUTSIDE ? output : z;
            double second = saturation.kind() == Saturation.Kind.ABS_ABOVE ? -saturation.low() : saturation.high();
            boolean two = saturation.kind() == Saturation.Kind.ABS_ABOVE
                    || saturation.kind() == Saturation.Kind.OUTPUT_OUTSIDE;
            firstThreshold = counts ? new Step(tested, indicator, saturation.low()) : null;
            secondThreshold = counts && two ? new Step(tested, indicator, second) : null;
        }

        @Override
        void forward(boolean training) {
            if (reluForward != null) {
                Nd4j.getExecutioner().exec(reluForward);
                return;
            }
            function.getActivation(output.assign(input().output), training);
        }

        @Override
        void backward() {
            if (relu) {
                if (reluMask == null) {
                    return; // nothing below needs a gradient
                }
                Nd4j.getExecutioner().exec(reluMask);
                reluProduct.run();
                if (reluAccumulate != null) {
                    reluAccumulate.run();
                }
                return;
            }
            INDArray dz = function.backprop(scratch.assign(input().output), gradient).getFirst();
            sendGradient(0, dz);
        }

        /**
         * Mean, standard deviation and saturated fraction of the last training output. Sums are BLAS dot
         * products (Σa = a·1, Σa² = a·a); counts are dot products of a {@link Step} indicator with 1
         * (count(x &gt; t) = step(x − t)·1). Population statistics: σ = √(Σa²/n − μ²).
         */
        ActivationStats stats() {
            long n = output.length();
            double mean = blas.dot(n, 1.0, output, ones) / n;
            double variance = Math.max(0, blas.dot(n, 1.0, output, output) / n - mean * mean);
            double saturated = switch (saturation.kind()) {
                case NEVER -> 0;
                case BELOW, AT_OR_BELOW -> n - countAbove(firstThreshold);
                case ABS_ABOVE -> countAbove(firstThreshold) + n - countAbove(secondThreshold);
                case OUTPUT_OUTSIDE -> n - countAbove(firstThreshold) + countAbove(secondThreshold);
            };
            return new ActivationStats(id, mean, Math.sqrt(variance), saturated / n);
        }

        /** Number of values strictly above the threshold of {@code step} in the array it tests. */
        private double countAbove(Step step) {
            Nd4j.getExecutioner().exec(step);
            return Math.rint(blas.dot(indicator.length(), 1.0, indicator, ones));
        }
    }
}
