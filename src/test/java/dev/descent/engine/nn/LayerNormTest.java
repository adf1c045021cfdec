package dev.descent.engine.nn;

import static dev.descent.testing.Specs.activation;
import static dev.descent.testing.Specs.chain;
import static dev.descent.testing.Specs.dense;
import static dev.descent.testing.Specs.input;
import static dev.descent.testing.Specs.loss;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.data.DataShape;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Layer norm computes torch's y = γ·(x − μ)/√(σ² + ε) + β with ε = 10⁻⁵, so a row that is constant,
 * or nearly so, is not amplified by 1/σ.
 */
class LayerNormTest {
    private static final double EPS = 1e-5;

    /** in(4) → x (identity, so ∂L/∂x is kept) → ln → out(2) → mse, in double. */
    private static Pass pass(double[][] rows, Network[] keep) {
        NetworkSpec spec = chain(input("in"), activation("x", "identity"), new NodeSpec.LayerNorm("ln", null), dense("out", 2), loss("loss", "mse"));
        Network network = Network.create(spec, DataShape.regression(4, 2), DataType.DOUBLE, 7);
        keep[0] = network;
        Pass pass = network.pass(rows.length, true);
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < 4; c++) {
                pass.features().putScalar(r, c, rows[r][c]);
            }
            pass.labels().putScalar(r, 0, 1.0);
            pass.labels().putScalar(r, 1, -1.0);
        }
        return pass;
    }

    private static void assertFiniteAndBounded(INDArray values, double bound, String what) {
        for (double v : values.reshape(-1).toDoubleVector()) {
            assertTrue(Double.isFinite(v) && Math.abs(v) <= bound, what + " has " + v + ": " + values);
        }
    }

    @Test
    void aConstantOrNearlyConstantRowGivesFiniteBoundedOutputAndGradients() {
        // given a constant row and a row whose spread (σ ≈ 7·10⁻⁷) is far below √ε ≈ 3·10⁻³
        Network[] network = new Network[1];
        Pass pass = pass(new double[][]{{3, 3, 3, 3}, {1, 1 + 1e-6, 1, 1 - 1e-6}}, network);
        // when
        double loss = pass.forward(true);
        pass.backward();
        // then nothing is amplified: the normalized values stay near 0 (|x − μ|/√ε ≤ 3.2·10⁻⁴) ...
        assertTrue(Double.isFinite(loss));
        assertFiniteAndBounded(pass.layerOutput("ln"), 1e-3, "layer norm output");
        // ... and the gradients stay finite: ∂L/∂x = (ĝ − mean(ĝ) − x̂·mean(ĝ·x̂))/√(σ² + ε) is at most about
        // 2·max|ĝ|/√ε (ĝ = γ·∂L/∂y, γ = 1), where 1/σ ≈ 1.4·10⁶ would have multiplied it by 1/σ instead
        double outputGradient = pass.layerGradient("ln").amaxNumber().doubleValue();
        assertFiniteAndBounded(pass.layerGradient("x"), 2.01 * outputGradient / Math.sqrt(EPS),
                "gradient of the layer norm's input");
        assertFiniteAndBounded(network[0].gradients(), 10, "parameter gradients");
    }

    @Test
    void outputIsTorchsFormulaWithEpsilon() {
        // given one ordinary row, γ = 1 and β = 0 as initialized
        double[] x = {1, 2, 4, 7};
        Network[] network = new Network[1];
        Pass pass = pass(new double[][]{x}, network);
        // when
        pass.forward(true);
        // then y = (x − μ)/√(σ² + ε), biased σ², computed here by hand: μ = 3.5, σ² = 5.25
        double mean = 3.5;
        double variance = ((2.5 * 2.5) + (1.5 * 1.5) + (0.5 * 0.5) + (3.5 * 3.5)) / 4;
        double[] expected = new double[4];
        for (int i = 0; i < 4; i++) {
            expected[i] = (x[i] - mean) / Math.sqrt(variance + EPS);
        }
        assertArrayEquals(expected, pass.layerOutput("ln").toDoubleVector(), 1e-12);
    }
}
