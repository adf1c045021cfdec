package dev.descent.engine.graph;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * What our own {@link ILossFunction}s share: a subclass gives the per-example losses
 * ({@link #computeScoreArray}, [N, 1]) and the gradient; the score is their sum, or their batch mean
 * L = (1/N)·Σₙ ℓₙ when {@code average}, as ND4J's losses report it.
 */
abstract class PerExampleLoss implements ILossFunction {

    @Override
    public final double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                                     boolean average) {
        INDArray perExample = computeScoreArray(labels, preOutput, activationFn, mask);
        double sum = perExample.sumNumber().doubleValue();
        return average ? sum / perExample.size(0) : sum;
    }

    @Override
    public final Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                                                                IActivation activationFn, INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }
}
