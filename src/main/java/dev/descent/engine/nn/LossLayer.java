package dev.descent.engine.nn;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The objective, computed by an ND4J {@link ILossFunction} on the raw output z (with the loss's own
 * output activation, e.g. softmax for cross-entropy). ND4J's gradient is per example; dividing by the
 * batch size makes it the gradient of the batch mean, the quantity whose value is reported.
 *
 * <p>One exception for speed: softmax cross-entropy, the loss of every classification example, runs on
 * ND4J ops bound once to the pass's buffers:
 * L = (1/N)·Σₙ [log Σₖ exp(zₙₖ − mₙ) − (z_{n,y} − mₙ)] with mₙ the row's maximum (reduce_max, subtract,
 * exp, reduce_sum, log, two BLAS dots) and ∂L/∂z = (softmax(z) − y)/N (for one-hot y; {@code softmax},
 * subtract and multiply ops). ND4J's {@code log_softmax} is not used: it takes the log of the softmax and
 * gives −∞ where a probability underflows (log_softmax(1000, 0) came out (0, −∞)), which made raw 0–255
 * pixels diverge at step 1 instead of training badly.
 * {@code LossMCXENT} computes the same (its softmax clipped at 10⁻¹⁰ before the log), but building its
 * temporaries took 130 µs and 28 KB of garbage per step (measured), more than the rest of a small
 * network's step. The gradient check and the DL4J parity test cover this path.
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

    /** Whether this loss takes the bound-op path of softmax cross-entropy. */
    private boolean softmaxCrossEntropy() {
        return loss instanceof LossMCXENT && outputActivation instanceof ActivationSoftmax
                && ((LossMCXENT) loss).getWeights() == null;
    }

    /** The loss's pass: holds the batch's labels and the last loss value. */
    final class LossPass extends LayerPass {
        final INDArray labels;
        private final int batchSize;
        private final Level1 blas = Nd4j.getBlasWrapper().level1();
        /** Softmax cross-entropy only: z − max per row, Σ exp(z − max) per row (then its log), ones. */
        private final INDArray shifted;
        private final INDArray logSums;
        private final INDArray ones;
        /** The forward ops, in order: row max, shift, exp, row sum, log; null off this path. */
        private final Runnable[] scoreOps;
        private final PreparedOp softmax;
        /** (p − y)/N into the input's gradient (or a scratch added onto it); null off this path. */
        private final PreparedOp[] gradientOps;
        double value = Double.NaN;

        LossPass(Binding binding) {
            super(binding.inputs().get(0).output, null, binding.inputs(), binding.accumulate());
            labels = binding.buffer(width);
            batchSize = binding.batchSize();
            if (softmaxCrossEntropy()) {
                INDArray z = input().output;
                int rows = binding.batchSize();
                shifted = binding.buffer(width);
                INDArray exponentials = binding.buffer(width);
                INDArray rowMax = Nd4j.create(binding.dataType(), rows, 1);
                logSums = Nd4j.create(binding.dataType(), rows, 1);
                ones = Nd4j.ones(binding.dataType(), rows, 1);
                Exp exp = new Exp(shifted, exponentials);
                Log log = new Log(logSums, logSums);
                scoreOps = new Runnable[] {
                        PreparedOp.of(DynamicCustomOp.builder("reduce_max").addInputs(z).addOutputs(rowMax)
                                .addIntegerArguments(1).addBooleanArguments(true).build())::run,
                        PreparedOp.of(new SubOp(z, rowMax, shifted))::run,
                        () -> Nd4j.getExecutioner().exec(exp),
                        PreparedOp.of(DynamicCustomOp.builder("reduce_sum").addInputs(exponentials).addOutputs(logSums)
                                .addIntegerArguments(1).addBooleanArguments(true).build())::run,
                        () -> Nd4j.getExecutioner().exec(log)};
                INDArray target = input().gradient;
                if (binding.backward() && target != null) {
                    INDArray scratch = accumulate[0] ? binding.buffer(width) : target;
                    INDArray inverseN = Nd4j.scalar(binding.dataType(), 1.0 / batchSize);
                    softmax = PreparedOp.of(new SoftMax(z, scratch, -1));
                    gradientOps = accumulate[0]
                            ? new PreparedOp[] {PreparedOp.of(new SubOp(scratch, labels, scratch)),
                                    PreparedOp.of(new MulOp(scratch, inverseN, scratch)),
                                    PreparedOp.of(new AddOp(target, scratch, target))}
                            : new PreparedOp[] {PreparedOp.of(new SubOp(scratch, labels, scratch)),
                                    PreparedOp.of(new MulOp(scratch, inverseN, scratch))};
                } else {
                    softmax = null;
                    gradientOps = new PreparedOp[0];
                }
            } else {
                shifted = null;
                logSums = null;
                ones = null;
                scoreOps = null;
                softmax = null;
                gradientOps = null;
            }
        }

        @Override
        void forward(boolean training) {
            if (scoreOps != null) {
                for (Runnable op : scoreOps) {
                    op.run();
                }
                // with one-hot y: Lₙ = log Σₖ exp(zₖ − m) − (z_y − m), m the row's max
                value = (blas.dot(logSums.length(), 1.0, ones, logSums)
                        - blas.dot(labels.length(), 1.0, labels, shifted)) / batchSize;
                return;
            }
            value = loss.computeScore(labels, input().output, outputActivation, null, true);
        }

        @Override
        void backward() {
            if (gradientOps != null) {
                if (softmax != null) {
                    softmax.run();
                }
                for (PreparedOp op : gradientOps) {
                    op.run();
                }
                return;
            }
            INDArray perExample = loss.computeGradient(labels, input().output, outputActivation, null);
            sendGradient(0, perExample.divi(batchSize));
        }
    }
}
