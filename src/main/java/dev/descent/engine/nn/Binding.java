package dev.descent.engine.nn;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What a layer needs to bind itself into a pass.
 *
 * @param batchSize  rows of every buffer
 * @param dataType   float or double
 * @param inputs     the passes of the nodes feeding this one
 * @param accumulate per input, whether to add to (rather than write) its gradient
 * @param backward   whether the pass will run backward (training) or only forward (evaluation)
 */
record Binding(int batchSize, DataType dataType, List<LayerPass> inputs, boolean[] accumulate, boolean backward) {

    /** A new zeroed [batch, width] buffer. */
    INDArray buffer(int width) {
        return Nd4j.zeros(dataType, batchSize, width);
    }

    /** A gradient buffer, or {@code null} for forward-only passes. */
    INDArray gradientBuffer(int width) {
        return backward ? buffer(width) : null;
    }
}
