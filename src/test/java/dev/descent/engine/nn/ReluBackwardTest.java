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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The ReLU fast path gives exactly what ND4J's own ActivationReLU.backprop gives, and the layer below gets it. */
class ReluBackwardTest {

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void fastReluBackwardIsBitIdenticalToNd4js(DataType type) {
        Network network = Network.create(chain(input("in"), dense("h1", 64), activation("a1", "relu"), dense("out", 3),
                loss("loss", "cross_entropy")), DataShape.classification(4, 3), type, 9);
        Pass pass = network.pass(32, true);
        NetworkGradientTest.fill(pass, DataShape.classification(4, 3), new Random(4));
        pass.forward(true);
        pass.backward();
        INDArray ours = network.gradients().dup();
        // recompute ∂L/∂z of a1 with ND4J's backprop and push it through h1 by hand
        INDArray z = pass.layerOutput("h1");
        INDArray delta = pass.layerGradient("a1");
        INDArray nd4j = new ActivationReLU().backprop(z.dup(), delta.dup()).getFirst();
        INDArray x = pass.layerOutput("in");
        INDArray expectedWeightGradient = x.transpose().mmul(nd4j);
        INDArray actualWeightGradient = ours.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4 * 64)).reshape(4, 64);
        // exact: INDArray.equals would tolerate differences up to 1e-5
        assertEquals(0.0, nd4j.sub(pass.layerGradient("h1")).amaxNumber().doubleValue());
        // the weight gradient goes through two different GEMM calls (xᵀ·δ with transposeA against an
        // explicit transpose), whose summation order OpenBLAS picks per CPU: equal to rounding only
        double scale = expectedWeightGradient.amaxNumber().doubleValue();
        double roundoff = (type == DataType.FLOAT ? 1e-6 : 1e-14) * scale;
        assertTrue(expectedWeightGradient.sub(actualWeightGradient).amaxNumber().doubleValue() <= roundoff);
    }
}
