package dev.descent.engine.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.data.DataShape;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.testing.Specs;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Pass.dropoutMask gives the mask dropout applied, which the PyTorch export replays. */
class DropoutMaskTest {
    private static final double RATE = 0.25;

    private static Pass pass() {
        NetworkSpec spec = Specs.chain(Specs.input("in"), new NodeSpec.Dropout("d", RATE, null), Specs.dense("out", 2),
                Specs.loss("loss", "cross_entropy"));
        Network network = Network.create(spec, DataShape.classification(6, 2), DataType.FLOAT, 5);
        Pass pass = network.pass(40, true);
        // features in [1, 2): every input value is non-zero, so each output reveals its mask value
        pass.features().assign(Nd4j.rand(DataType.FLOAT, 40, 6).addi(1));
        pass.labels().getColumn(0).assign(1);
        return pass;
    }

    @Test
    void theMaskIsWhatDropoutMultipliedItsInputBy() {
        Pass pass = pass();
        pass.forward(true);
        INDArray input = pass.layerOutput("in");
        INDArray mask = pass.dropoutMask("d");
        assertEquals(input.mul(mask), pass.layerOutput("d"));
        float kept = (float) (1 / (1 - RATE));
        long zeros = 0;
        for (float v : mask.dup().data().asFloat()) {
            assertTrue(v == 0 || v == kept, "a mask value is 0 or 1/(1 − p), got " + v);
            zeros += v == 0 ? 1 : 0;
        }
        assertTrue(zeros > 20 && zeros < 100, "about a quarter of 240 values dropped, got " + zeros);
    }

    @Test
    void everyTrainingForwardDrawsANewMaskAndEvaluationUsesNone() {
        Pass pass = pass();
        pass.forward(true);
        INDArray first = pass.dropoutMask("d").dup();
        pass.forward(true);
        assertFalse(first.equals(pass.dropoutMask("d")), "the second step drew the same mask");
        pass.forward(false);
        assertEquals(Nd4j.ones(DataType.FLOAT, 40, 6), pass.dropoutMask("d"));
    }

    @Test
    void aNodeThatIsNotDropoutHasNoMask() {
        Pass pass = pass();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pass.dropoutMask("out"));
        assertEquals("'out' is not a dropout node", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> pass.dropoutMask("nowhere"));
    }
}
