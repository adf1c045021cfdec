package dev.descent.engine.graph;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.loss.HuberLoss;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.autodiff.loss.LossReduce;

/**
 * The Huber loss as an {@link org.nd4j.linalg.lossfunctions.ILossFunction}, following the conventions of ND4J's own losses (score
 * averaged over outputs per example, gradient per example not yet divided by the batch size). ND4J has
 * the {@code huber_loss} and {@code huber_loss_grad} ops but no {@code ILossFunction} wrapping them.
 */
final class HuberLossFunction extends PerExampleLoss {
    private static final long serialVersionUID = 1L;
    private final double delta;

    HuberLossFunction(double delta) {
        this.delta = delta;
    }

    private INDArray predictions(INDArray preOutput, IActivation activationFn) {
        return activationFn.getActivation(preOutput.dup(), true);
    }


    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray elementLosses = Nd4j.exec(new HuberLoss(labels, predictions(preOutput, activationFn), null,
                LossReduce.NONE, delta))[0];
        return elementLosses.sum(true, 1).divi(labels.size(1));
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray output = predictions(preOutput, activationFn);
        INDArray dLdOutput = output.ulike();
        DynamicCustomOp gradient = DynamicCustomOp.builder("huber_loss_grad")
                .addInputs(output, Nd4j.scalar(output.dataType(), 1.0), labels)
                .addOutputs(dLdOutput, Nd4j.scalar(output.dataType(), 0.0), labels.ulike())
                .addIntegerArguments(LossReduce.SUM.ordinal())
                .addFloatingPointArguments(delta)
                .build();
        Nd4j.exec(gradient);
        dLdOutput.divi(labels.size(1));
        return activationFn.backprop(preOutput.dup(), dLdOutput).getFirst();
    }


    @Override
    public String name() {
        return "huber(delta=" + delta + ")";
    }
}
