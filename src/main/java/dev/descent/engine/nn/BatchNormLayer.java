package dev.descent.engine.nn;

import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.layers.convolution.BatchNorm;
import org.nd4j.linalg.api.ops.impl.layers.convolution.BatchNormDerivative;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch normalization over the minibatch, per feature, as torch.nn.BatchNorm1d:
 * training: y = γ·(x − μ_B)/√(σ²_B + ε) + β with the batch's mean and (biased) variance, and running
 * statistics μ̄ ← (1−m)·μ̄ + m·μ_B, σ̄² ← (1−m)·σ̄² + m·σ²_B·N/(N−1); evaluation uses μ̄ and σ̄².
 * The normalization and its backward pass (through μ_B and σ²_B) are ND4J's {@code batchnorm} and
 * {@code batchnorm_bp} ops; the batch mean and variance are ND4J reductions. A batch of one example
 * (variance 0: output β, no gradient) never reaches it in training: a single leftover example joins the
 * previous batch, and a batch size of 1 is refused (see {@code TrainingConfig}, {@code LockstepComparison}).
 */
final class BatchNormLayer implements Layer {
    private final String id;
    private final int width;
    private final double momentum;
    private final double eps;
    private final INDArray gamma;
    private final INDArray beta;
    private final INDArray gammaGradient;
    private final INDArray betaGradient;
    private final INDArray runningMean;
    private final INDArray runningVariance;

    BatchNormLayer(String id, int width, double momentum, double eps, INDArray gamma, INDArray beta,
                   INDArray gammaGradient, INDArray betaGradient) {
        this.id = id;
        this.width = width;
        this.momentum = momentum;
        this.eps = eps;
        this.gamma = gamma;
        this.beta = beta;
        this.gammaGradient = gammaGradient;
        this.betaGradient = betaGradient;
        this.runningMean = Nd4j.zeros(gamma.dataType(), width);
        this.runningVariance = Nd4j.ones(gamma.dataType(), width);
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

    /** Copies the running statistics from another network's layer of the same shape. */
    void copyRunningStatistics(BatchNormLayer other) {
        runningMean.assign(other.runningMean);
        runningVariance.assign(other.runningVariance);
    }

    @Override
    public LayerPass bind(Binding binding) {
        return new BatchNormPass(binding);
    }

    private final class BatchNormPass extends LayerPass {
        private final int batchSize;
        private final INDArray batchMean;
        private final INDArray batchVariance;
        private final PreparedOp mean;
        private final PreparedOp variance;
        private final PreparedOp normalizeTraining;
        private final PreparedOp normalizeEvaluation;
        private final INDArray inputGradient;
        private PreparedOp backwardOp;

        BatchNormPass(Binding binding) {
            super(binding.buffer(width), binding.gradientBuffer(width), binding.inputs(), binding.accumulate());
            batchSize = binding.batchSize();
            INDArray x = input().output;
            batchMean = Nd4j.zeros(binding.dataType(), width);
            batchVariance = Nd4j.zeros(binding.dataType(), width);
            // the batch statistics as prepared reductions: x.mean(…, 0) and x.var(false, 0) built an op (and
            // the variance a new array) every step
            mean = PreparedOp.of(DynamicCustomOp.builder("reduce_mean").addInputs(x).addOutputs(batchMean)
                    .addIntegerArguments(0).build());
            variance = PreparedOp.of(DynamicCustomOp.builder("reduce_variance").addInputs(x).addOutputs(batchVariance)
                    .addBooleanArguments(false, false).addIntegerArguments(0).build());
            normalizeTraining = PreparedOp.of(BatchNorm.builder()
                    .inputArrays(new INDArray[]{x, batchMean, batchVariance, gamma, beta})
                    .outputArrays(new INDArray[]{output}).applyGamma(true).applyBeta(true)
                    .epsilon(eps).axis(new int[]{1}).build());
            normalizeEvaluation = PreparedOp.of(BatchNorm.builder()
                    .inputArrays(new INDArray[]{x, runningMean, runningVariance, gamma, beta})
                    .outputArrays(new INDArray[]{output}).applyGamma(true).applyBeta(true)
                    .epsilon(eps).axis(new int[]{1}).build());
            inputGradient = binding.backward() ? binding.buffer(width) : null;
            if (binding.backward()) {
                backwardOp = PreparedOp.of(BatchNormDerivative.derivativeBuilder()
                        .inputArrays(new INDArray[]{x, batchMean, batchVariance, gamma, beta, gradient})
                        .outputArrays(new INDArray[]{inputGradient, batchMean.ulike(), batchVariance.ulike(),
                                gammaGradient, betaGradient})
                        .applyGamma(true).applyBeta(true).epsilon(eps).axis(new int[]{1}).build());
            }
        }

        @Override
        void forward(boolean training) {
            if (!training) {
                normalizeEvaluation.run();
                return;
            }
            // Not ND4J's moments op: in 1.0.0-M2.1 it corrupts the native heap (see docs/decisions/0004).
            mean.run();
            variance.run();
            normalizeTraining.run();
            double unbiased = batchSize > 1 ? batchSize / (double) (batchSize - 1) : 1.0;
            Level1 blas = Nd4j.getBlasWrapper().level1();
            runningMean.muli(1 - momentum);
            blas.axpy(width, momentum, batchMean, runningMean);
            runningVariance.muli(1 - momentum);
            blas.axpy(width, momentum * unbiased, batchVariance, runningVariance);
        }

        @Override
        void backward() {
            backwardOp.run();
            sendGradient(0, inputGradient);
        }
    }
}
