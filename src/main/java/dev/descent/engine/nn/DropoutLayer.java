package dev.descent.engine.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout: during training y = x·m/(1 − p) with m ~ Bernoulli(1 − p) drawn from the run's own
 * ND4J generator (so runs do not disturb each other and repeat exactly); during evaluation y = x.
 * Backward: ∂L/∂x = ∂L/∂y · m/(1 − p).
 */
final class DropoutLayer implements Layer {
    private final String id;
    private final int width;
    private final double rate;
    private final Random random;

    DropoutLayer(String id, int width, double rate, Random random) {
        this.id = id;
        this.width = width;
        this.rate = rate;
        this.random = random;
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
        return new DropoutPass(binding);
    }

    /** A dropout node's pass; its mask (0 or 1/(1 − p) per value) is kept for the backward pass. */
    final class DropoutPass extends LayerPass {
        /** The last training mask, [batch, width]: 0 where a value was dropped, 1/(1 − p) where kept. */
        final INDArray mask;
        private final INDArray scratch;

        DropoutPass(Binding binding) {
            super(binding.buffer(width), binding.gradientBuffer(width), binding.inputs(), binding.accumulate());
            mask = binding.buffer(width);
            scratch = binding.backward() ? binding.buffer(width) : null;
        }

        @Override
        void forward(boolean training) {
            if (!training || rate == 0) {
                mask.assign(1);
                output.assign(input().output);
                return;
            }
            Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, 1 - rate), random);
            mask.muli(1 / (1 - rate));
            output.assign(input().output).muli(mask);
        }

        @Override
        void backward() {
            sendGradient(0, scratch.assign(gradient).muli(mask));
        }
    }
}
