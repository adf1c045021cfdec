package dev.descent.engine.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.descent.engine.Engine;
import dev.descent.engine.vocab.Choice;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ELU against its closed form in plain Java doubles, f(z) = α(eᶻ − 1) for z ≤ 0 and z above, and
 * f′(z) = α·eᶻ for z ≤ 0 and 1 above, for α = 1 and for α ≠ 1 (where ND4J's own backward ignored α).
 */
class EluActivationTest {
    private static final double[] Z = {-3, -1, -0.25, 0.5, 2};
    private static final double[] UPSTREAM = {0.5, -2, 1, 3, -0.75};

    @BeforeAll
    static void engine() {
        Engine.initialize();
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.0, 0.7, 2.5})
    void eluAndItsGradientMatchTheClosedForm(double alpha) {
        IActivation elu = ActivationFunction.create(Choice.of(ActivationFunction.ELU).with("alpha", alpha));
        INDArray out = elu.getActivation(Nd4j.createFromArray(Z).castTo(DataType.DOUBLE), true);
        INDArray dLdz = elu.backprop(Nd4j.createFromArray(Z).castTo(DataType.DOUBLE),
                Nd4j.createFromArray(UPSTREAM).castTo(DataType.DOUBLE)).getFirst();
        for (int i = 0; i < Z.length; i++) {
            double z = Z[i];
            assertEquals(z > 0 ? z : alpha * (Math.exp(z) - 1), out.getDouble(i), 1e-12, "f(" + z + ")");
            assertEquals(UPSTREAM[i] * (z > 0 ? 1 : alpha * Math.exp(z)), dLdz.getDouble(i), 1e-12, "f'(" + z + ")");
        }
    }
}
