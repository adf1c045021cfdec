package dev.descent.engine.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.descent.engine.Engine;
import dev.descent.engine.vocab.Choice;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Binary cross-entropy on large logits against its closed form in plain Java doubles:
 * ℓ = max(z, 0) − z·y + ln(1 + e^(−|z|)) and ∂ℓ/∂z = σ(z) − y. A clipped σ(z) would cap a confidently
 * wrong answer's loss near 11.5 and its gradient near 0; the loss must keep growing like |z| and the
 * gradient stay near ±1.
 */
class BinaryCrossEntropyTest {
    private static final double[] LOGITS = {15, -15, 40, -40, 15, -15, 40, -40};
    private static final double[] LABELS = {0, 1, 0, 1, 1, 0, 1, 0};

    @BeforeAll
    static void engine() {
        Engine.initialize();
    }

    private static double loss(double z, double y) {
        return Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static INDArray column(double[] values, DataType type) {
        return Nd4j.createFromArray(values).reshape(values.length, 1).castTo(type);
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void largeLogitsGiveTheClosedFormLossAndGradient(DataType type) {
        // given a batch of confidently wrong (first four) and confidently right (last four) logits
        ILossFunction bce = LossFunction.create(Choice.of(LossFunction.BINARY_CROSS_ENTROPY));
        INDArray z = column(LOGITS, type);
        INDArray y = column(LABELS, type);
        var sigmoid = LossFunction.BINARY_CROSS_ENTROPY.outputActivation();
        double tolerance = type == DataType.FLOAT ? 1e-6 : 1e-12;
        // when
        double[] perExample = bce.computeScoreArray(y, z, sigmoid, null).toDoubleVector();
        double mean = bce.computeScore(y, z, sigmoid, null, true);
        double[] gradient = bce.computeGradient(y, z, sigmoid, null).toDoubleVector();
        // then every value is the closed form, relative to its size
        double expectedMean = 0;
        for (int i = 0; i < LOGITS.length; i++) {
            double expectedLoss = loss(LOGITS[i], LABELS[i]);
            // σ(z) − y, written so that double rounding does not cancel it for a nearly right answer
            double expectedGradient = (1 - LABELS[i]) * sigmoid(LOGITS[i]) - LABELS[i] * sigmoid(-LOGITS[i]);
            expectedMean += expectedLoss / LOGITS.length;
            assertEquals(expectedLoss, perExample[i], tolerance * Math.abs(expectedLoss), "loss at z = " + LOGITS[i]);
            assertEquals(expectedGradient, gradient[i], tolerance * Math.abs(expectedGradient),
                    "gradient at z = " + LOGITS[i] + ", y = " + LABELS[i]);
        }
        assertEquals(expectedMean, mean, tolerance * expectedMean);
        // a wrong sign costs about |z| (not a cap near 11.5) and pulls with gradient ±1 (not ~0)
        assertEquals(40, perExample[2], 1e-6);
        assertEquals(40, perExample[3], 1e-6);
        assertEquals(1, gradient[2], 1e-6);
        assertEquals(-1, gradient[3], 1e-6);
    }
}
