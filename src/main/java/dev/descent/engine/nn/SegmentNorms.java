package dev.descent.engine.nn;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * ‖v_s‖₂ = √(v_s · v_s) for every node's segment s of a flat vector (parameters, gradients or updates),
 * through ND4J's BLAS wrapper ({@code dot}). Measured on a 235,146-value vector: 15 µs, against 128 µs
 * for ND4J's {@code norm2} reduction, which matters when every layer is measured three times a step.
 */
public final class SegmentNorms {
    private final List<INDArray> views = new ArrayList<>();
    private final Level1 blas = Nd4j.getBlasWrapper().level1();

    /** Norms of the segments of {@code flat}, a [1, P] row vector; the segments must lie inside it. */
    public SegmentNorms(INDArray flat, List<ParameterSegment> segments) {
        for (ParameterSegment s : segments) {
            views.add(flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(s.offset(), s.offset() + s.length())));
        }
    }

    /** Writes the current norm of each segment into {@code out}, in segment order. */
    public void compute(double[] out) {
        for (int k = 0; k < views.size(); k++) {
            INDArray v = views.get(k);
            out[k] = Math.sqrt(blas.dot(v.length(), 1.0, v, v));
        }
    }

    /** Number of segments. */
    public int size() {
        return views.size();
    }
}
