package dev.descent.engine.nn;

import static dev.descent.testing.Specs.activation;
import static dev.descent.testing.Specs.chain;
import static dev.descent.testing.Specs.dense;
import static dev.descent.testing.Specs.input;
import static dev.descent.testing.Specs.loss;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.data.DataShape;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The paths that run on ND4J ops bound once to a pass (softmax cross-entropy, ReLU) give what ND4J's own
 * {@code LossMCXENT} and {@code ActivationReLU} give, computed independently on copies.
 */
class BoundOpPathsTest {

    private static Pass trainedPass(DataType type, int batch) {
        return trainedPass(type, batch, 1);
    }

    /** A forward and backward pass with every parameter multiplied by {@code scale}. */
    private static Pass trainedPass(DataType type, int batch, double scale) {
        DataShape data = DataShape.classification(3, 4);
        Network network = Network.create(chain(input("in"), dense("h", 8), activation("a", "relu"), dense("out", 4),
                loss("loss", "cross_entropy")), data, type, 5);
        Pass pass = network.pass(batch, true);
        NetworkGradientTest.fill(pass, data, new Random(batch));
        network.parameters().muli(scale);
        pass.forward(true);
        pass.backward();
        return pass;
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void softmaxCrossEntropyMatchesNd4jsLossMcxent(DataType type) {
        for (int batch : new int[] {1, 7, 32}) {
            Pass pass = trainedPass(type, batch);
            INDArray z = pass.layerOutput("out").dup();
            INDArray y = pass.labels().dup();
            double tolerance = type == DataType.FLOAT ? 1e-5 : 1e-12;
            // loss: the batch mean of −log softmax(z)_y
            double expected = new LossMCXENT().computeScore(y, z.dup(), new ActivationSoftmax(), null, true);
            double ours = pass.forward(true);
            assertEquals(expected, ours, tolerance * Math.max(1, Math.abs(expected)), "batch " + batch);
            // gradient: ND4J's per-example gradient over N
            pass.backward();
            INDArray expectedGradient = new LossMCXENT().computeGradient(y, z.dup(), new ActivationSoftmax(), null)
                    .divi(batch);
            double difference = expectedGradient.sub(pass.layerGradient("out")).amaxNumber().doubleValue();
            assertTrue(difference <= tolerance, "batch " + batch + ": gradient differs by " + difference);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void confidentWrongAnswersCostTheirFullLogLoss(DataType type) {
        // given logits so large that some probabilities are far below LossMCXENT's clip at 1e-10
        assertExactLogLoss(trainedPass(type, 32, 4), type, Math.log(1e-10));
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void logitsInTheThousandsStillGiveAFiniteExactLoss(DataType type) {
        // given logits like raw 0–255 pixels produce: probabilities underflow to 0 even in double
        // (ND4J's log_softmax gives −∞ there, and 0·(−∞) would make the loss NaN)
        assertExactLogLoss(trainedPass(type, 32, 40), type, -800);
    }

    /** The pass's loss is −mean(log softmax(z)_y), computed here in plain double, and some log p is below {@code below}. */
    private static void assertExactLogLoss(Pass pass, DataType type, double below) {
        INDArray z = pass.layerOutput("out");
        INDArray y = pass.labels();
        // then the loss is −mean(log softmax(z)_y), computed here in plain double with the max trick
        double sum = 0;
        double smallest = 0;
        for (int r = 0; r < z.rows(); r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < z.columns(); c++) {
                max = Math.max(max, z.getDouble(r, c));
            }
            double norm = 0;
            for (int c = 0; c < z.columns(); c++) {
                norm += Math.exp(z.getDouble(r, c) - max);
            }
            for (int c = 0; c < z.columns(); c++) {
                double logP = z.getDouble(r, c) - max - Math.log(norm);
                sum -= y.getDouble(r, c) * logP;
                smallest = Math.min(smallest, y.getDouble(r, c) > 0 ? logP : 0);
            }
        }
        assertTrue(smallest < below, "the case is extreme: log p = " + smallest);
        double expected = sum / z.rows();
        assertEquals(expected, pass.forward(true), (type == DataType.FLOAT ? 1e-5 : 1e-12) * expected);
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void reluForwardIsBitIdenticalToActivationRelu(DataType type) {
        Pass pass = trainedPass(type, 16);
        INDArray z = pass.layerOutput("h");
        INDArray expected = new ActivationReLU().getActivation(z.dup(), true);
        assertEquals(0.0, expected.sub(pass.layerOutput("a")).amaxNumber().doubleValue());
        assertTrue(expected.amaxNumber().doubleValue() > 0 && z.minNumber().doubleValue() < 0, "both signs present");
    }

    @org.junit.jupiter.api.Test
    void aNanBeforeTheReluReachesTheLossSoDivergenceIsSeen() {
        Pass pass = trainedPass(DataType.FLOAT, 8);
        pass.features().putScalar(0, 0, Float.NaN);
        assertTrue(Double.isNaN(pass.forward(true)), "ReLU must not turn NaN into 0");
    }
}
