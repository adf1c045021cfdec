package dev.descent.engine.graph;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Binary cross-entropy on logits, as torch.nn.BCEWithLogitsLoss, as an {@link org.nd4j.linalg.lossfunctions.ILossFunction} built from
 * ND4J element-wise ops. Per output: ℓ(z, y) = max(z, 0) − z·y + ln(1 + e^(−|z|)), which equals
 * −[y·ln σ(z) + (1 − y)·ln(1 − σ(z))] without ever forming σ(z) or ln of it, so it neither overflows nor
 * saturates: for a confident wrong answer ℓ ≈ |z| and ∂ℓ/∂z = σ(z) − y ≈ ±1.
 *
 * <p>ND4J's {@code LossBinaryXENT} instead clips σ(z) to [10⁻⁵, 1 − 10⁻⁵], so its loss stops at about
 * 11.5 and its gradient all but vanishes once |z| > 11.5: a confidently wrong network would stop
 * learning.
 *
 * <p>Conventions of ND4J's own losses: the score of an example is the mean over its outputs; the
 * gradient is per example, (σ(z) − y)/outputs, not yet divided by the batch size. {@code preOutput} is
 * the logit z; the activation must be the sigmoid, which this loss applies itself in the combined form.
 */
final class BinaryCrossEntropyWithLogits extends PerExampleLoss {
    private static final long serialVersionUID = 1L;

    /** ℓ for every element: max(z, 0) − z·y + ln(1 + e^(−|z|)). */
    private static INDArray elementLosses(INDArray labels, INDArray logits) {
        INDArray u = Transforms.exp(Transforms.abs(logits, true).negi(), false);
        return Transforms.relu(logits, true).subi(logits.mul(labels)).addi(log1p(u));
    }

    /**
     * ln(1 + u) accurate to a few ulps also for tiny u, by Goldberg's trick: with w = 1 + u rounded,
     * ln(1 + u) = u·ln(w)/(w − 1), and = u where w rounds to 1. (ND4J's {@code log1p} computes ln(1 + u)
     * after rounding 1 + u: in float, u = 3.06·10⁻⁷ gives 3.58·10⁻⁷, so a well-fitted batch would report a
     * loss 17% too high.)
     */
    private static INDArray log1p(INDArray u) {
        INDArray w = u.add(1.0);
        INDArray ratio = Transforms.log(w, true).divi(w.subi(1.0));
        BooleanIndexing.replaceWhere(ratio, 1.0, Conditions.isNan());
        return ratio.muli(u);
    }

    private static void requireSigmoid(IActivation activationFn) {
        if (!(activationFn instanceof ActivationSigmoid)) {
            throw new IllegalArgumentException("binary cross-entropy on logits applies the sigmoid itself; got "
                    + activationFn);
        }
    }


    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        requireSigmoid(activationFn);
        return elementLosses(labels, preOutput).sum(true, 1).divi(labels.size(1));
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        requireSigmoid(activationFn);
        // σ(z) − y written as (1 − y)·σ(z) − y·σ(−z): the same value, but for a nearly right answer it does not
        // subtract two numbers close to 1 (in float, σ(15) − 1 would come out 17% too large)
        INDArray positive = Transforms.sigmoid(preOutput, true).muli(labels.rsub(1.0));
        INDArray negative = Transforms.sigmoid(preOutput.neg(), false).muli(labels);
        return positive.subi(negative).divi(labels.size(1));
    }


    @Override
    public String name() {
        return "binary_cross_entropy_with_logits";
    }
}
