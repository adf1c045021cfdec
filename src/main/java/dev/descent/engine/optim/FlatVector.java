package dev.descent.engine.optim;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Direct access to the native memory of a contiguous ND4J vector, for update rules that make one fused
 * pass over the parameters instead of one ND4J op per term (see {@link BlockedRule}). Index 0 is the array's
 * first element; the buffers are views, so writes land in the array.
 */
final class FlatVector {
    /**
     * Values per block of a {@link BlockedRule}'s pass (8 KB per float vector, so a block of every vector
     * stays in the L1/L2 cache). Computing on heap copies of the blocks compiles to a tighter loop than
     * element access to the native buffers: about 1 against 2 ns per value for Adam (CPU time).
     */
    static final int BLOCK = 2048;

    private FlatVector() {
    }

    /** Whether {@code a} is one dense run of float or double values in c order (element stride 1). */
    static boolean supports(INDArray a) {
        return (a.dataType() == DataType.FLOAT || a.dataType() == DataType.DOUBLE)
                && a.length() <= Integer.MAX_VALUE
                && (a.length() <= 1 || (a.elementWiseStride() == 1 && a.ordering() == 'c'));
    }

    /** The values of a float vector. */
    static FloatBuffer floats(INDArray a) {
        check(a, DataType.FLOAT);
        FloatBuffer all = a.data().asNioFloat();
        return all.position((int) a.offset()).limit((int) (a.offset() + a.length())).slice();
    }

    /** The values of a double vector. */
    static DoubleBuffer doubles(INDArray a) {
        check(a, DataType.DOUBLE);
        DoubleBuffer all = a.data().asNioDouble();
        return all.position((int) a.offset()).limit((int) (a.offset() + a.length())).slice();
    }

    private static void check(INDArray a, DataType type) {
        if (a.dataType() != type || !supports(a)) {
            throw new IllegalArgumentException("expected a dense " + type + " vector, got " + a.shapeInfoToString());
        }
    }
}
