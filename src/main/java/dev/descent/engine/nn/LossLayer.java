package dev.descent.engine.nn;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The objective, computed by an ND4J {@link ILossFunction} on the raw output z (with the loss's own
 * output activation, e.g. softmax for cross-entropy). ND4J's gradient is per example; dividing by the
 * batch size makes it the gradient of the batch mean, the quantity whose value is reported.
 */
final class LossLayer implements Layer {
    private final String id;
    private final int width;
    private final ILossFunction loss;
    private final IActivation outputActivation;

    LossLayer(String id, int width, ILossFunction loss, IActivation outputActivation) {
        this.id = id;
        this.width = width;
        this.loss = loss;
        this.outputActivation = outputActivation;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int width() {
        return width;
    }

    /** The function turning z into predictions (probabilities for the cross-entropies). */
    IActivation outputActivation() {
        return outputActivation;
    }

    @Override
    public LayerPass bind(Binding binding) {
        return new LossPass(binding);
    }

    /** The loss's pass: holds the batch's labels and the last loss value. */
    final class LossPass extends LayerPass {
        final INDArray labels;
        private final int batchSize;
        double value = Double.NaN;

        LossPass(Binding binding) {
            super(binding.inputs().get(0).output, null, binding.inputs(), binding.accumulate());
            labels = binding.buffer(width);
            batchSize = binding.batchSize();
        }

        @Override
        void forward(boolean training) {
            value = loss.computeScore(labels, input().output, outputActivation, null, true);
        }

        @Override
        void backward() {
            INDArray perExample = loss.computeGradient(labels, input().output, outputActivation, null);
            sendGradient(0, perExample.divi(batchSize));
        }
    }
}
