package dev.descent.engine.nn;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * All trainable values of a network, and their gradients, as two flat row vectors [1, P]. Each layer
 * works on views of its segment, so one optimizer call updates everything and one norm covers
 * everything.
 */
final class Parameters {
    final INDArray values;
    final INDArray gradients;
    final List<ParameterSegment> segments;

    Parameters(DataType dataType, List<ParameterSegment> segments) {
        long total = segments.isEmpty() ? 0 : segments.get(segments.size() - 1).offset()
                + segments.get(segments.size() - 1).length();
        this.values = Nd4j.zeros(dataType, 1, Math.max(1, total));
        this.gradients = Nd4j.zeros(dataType, 1, Math.max(1, total));
        this.segments = List.copyOf(segments);
    }

    /** A view of {@code values} starting at {@code offset}, shaped {@code shape} (c order). */
    INDArray valuesView(long offset, long... shape) {
        return view(values, offset, shape);
    }

    /** A view of {@code gradients} starting at {@code offset}, shaped {@code shape} (c order). */
    INDArray gradientsView(long offset, long... shape) {
        return view(gradients, offset, shape);
    }

    private static INDArray view(INDArray flat, long offset, long... shape) {
        long length = 1;
        for (long s : shape) {
            length *= s;
        }
        INDArray segment = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + length));
        INDArray view = segment.reshape('c', shape);
        double before = flat.getDouble(0, offset);
        view.putScalar(0, before + 1);
        boolean shared = flat.getDouble(0, offset) == before + 1;
        flat.putScalar(0, offset, before);
        if (!shared) {
            throw new IllegalStateException("parameter view is a copy; updates would be lost");
        }
        return view;
    }
}
