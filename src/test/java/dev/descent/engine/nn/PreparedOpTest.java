package dev.descent.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/** A bound op computes what ND4J's executioner computes, every time, and a failing op says why. */
class PreparedOpTest {

    @Test
    void aBoundOpRecomputesFromItsArraysEachRun() {
        INDArray a = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}});
        INDArray b = Nd4j.createFromArray(new float[][] {{5, 6}, {7, 8}});
        INDArray out = Nd4j.create(DataType.FLOAT, 2, 2);
        PreparedOp product = PreparedOp.of(new MulOp(a, b, out));
        product.run();
        assertArrayEquals(new float[] {5, 12, 21, 32}, out.data().asFloat());
        // refilling a bound input changes the next result
        a.assign(2);
        product.run();
        assertArrayEquals(new float[] {10, 12, 14, 16}, out.data().asFloat());
    }

    @Test
    void aFailingOpThrowsWithLibnd4jsMessage() {
        INDArray a = Nd4j.create(DataType.FLOAT, 2, 3);
        INDArray b = Nd4j.create(DataType.FLOAT, 2, 3);
        INDArray out = Nd4j.create(DataType.FLOAT, 2, 3);
        PreparedOp wrong = PreparedOp.of(new Mmul(a, b, out, 1.0, 0.0,
                org.nd4j.linalg.api.blas.params.MMulTranspose.allFalse()));
        IllegalStateException e = assertThrows(IllegalStateException.class, wrong::run);
        assertTrue(e.getMessage().startsWith("ND4J op matmul failed"), e.getMessage());
    }
}
