package dev.descent.engine.nn;

import static dev.descent.testing.Specs.activation;
import static dev.descent.testing.Specs.chain;
import static dev.descent.testing.Specs.dense;
import static dev.descent.testing.Specs.input;
import static dev.descent.testing.Specs.loss;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.descent.engine.data.DataShape;
import dev.descent.engine.graph.ActivationFunction;
import dev.descent.engine.graph.Saturation;
import dev.descent.engine.vocab.Choice;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Activation statistics against a plain loop over the same numbers. */
class ActivationStatsTest {

    @ParameterizedTest
    @EnumSource(ActivationFunction.class)
    void statisticsMatchAPlainCount(ActivationFunction function) {
        // given a layer whose pre-activations spread widely, so every rule has units on both sides
        String lossName = function == ActivationFunction.SOFTMAX ? "mse" : "cross_entropy";
        Network network = Network.create(chain(input("in"), dense("h1", 40, "normal"), activation("a1", function.id()),
                dense("out", 3), loss("loss", lossName)), DataShape.classification(4, 3), DataType.FLOAT, 5);
        network.parameters().muli(0).addi(1);
        Pass pass = network.pass(16, true);
        NetworkGradientTest.fill(pass, DataShape.classification(4, 3), new Random(2));
        pass.features().muli(3);
        // when
        pass.forward(true);
        ActivationStats stats = pass.activationStats().get(0);
        // then
        INDArray z = pass.layerOutput("h1");
        INDArray a = pass.layerOutput("a1");
        Saturation rule = ActivationFunction.saturation(Choice.of(function));
        double sum = 0;
        double squares = 0;
        int saturated = 0;
        long n = a.length();
        for (long i = 0; i < n; i++) {
            double v = a.getDouble(i);
            double pre = z.getDouble(i);
            sum += v;
            squares += v * v;
            boolean hit = switch (rule.kind()) {
                case NEVER -> false;
                case BELOW, AT_OR_BELOW -> pre <= rule.low();
                case ABS_ABOVE -> Math.abs(pre) > rule.low();
                case OUTPUT_OUTSIDE -> v <= rule.low() || v > rule.high();
            };
            saturated += hit ? 1 : 0;
        }
        double mean = sum / n;
        assertEquals(mean, stats.mean(), 1e-4 * Math.max(1, Math.abs(mean)));
        assertEquals(Math.sqrt(squares / n - mean * mean), stats.std(), 1e-3 * Math.max(1, stats.std()));
        assertEquals(saturated / (double) n, stats.saturatedFraction(), 1e-9, function + " saturated fraction");
    }
}
