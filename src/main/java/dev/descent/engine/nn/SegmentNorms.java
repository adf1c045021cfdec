package dev.descent.engine.nn;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * ‖v_s‖₂ for every node's segment s of a flat vector (parameters, gradients or updates), computed by
 * ND4J's {@code reduce_norm2}, one prepared op per segment, so measuring every layer every step costs
 * about a microsecond per layer plus the reduction itself.
 */
public final class SegmentNorms {
    private final List<PreparedOp> ops = new ArrayList<>();
    private final INDArray results;

    /** Norms of the segments of {@code flat}, a [1, P] row vector; the segments must lie inside it. */
    public SegmentNorms(INDArray flat, List<ParameterSegment> segments) {
        results = Nd4j.zeros(flat.dataType(), Math.max(1, segments.size()));
        for (int k = 0; k < segments.size(); k++) {
            ParameterSegment s = segments.get(k);
            INDArray view = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(s.offset(), s.offset() + s.length()));
            INDArray out = results.get(NDArrayIndex.point(k));
            ops.add(PreparedOp.of(DynamicCustomOp.builder("reduce_norm2").addInputs(view).addOutputs(out).build()));
        }
    }

    /** Writes the current norm of each segment into {@code out}, in segment order. */
    public void compute(double[] out) {
        for (PreparedOp op : ops) {
            op.run();
        }
        for (int k = 0; k < ops.size(); k++) {
            out[k] = results.getDouble(k);
        }
    }

    /** Number of segments. */
    public int size() {
        return ops.size();
    }
}
