package dev.descent.engine.train;

import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.nn.Network;
import dev.descent.engine.nn.ParameterSegment;
import dev.descent.engine.nn.Pass;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Finds where a failing step started to go wrong, by looking at what the step computed in the order it
 * computed it, and stopping at the first value that is not finite or is absurd (above {@link #ABSURD}):
 * <ol>
 *   <li>the weights the step started from, node by node (their initializer at step 1);</li>
 *   <li>each node's output in the forward pass, in computation order;</li>
 *   <li>the loss;</li>
 *   <li>the gradient of each parameter node, from the output back to the input (backward order);</li>
 *   <li>the weights after the update: the node whose norm is largest.</li>
 * </ol>
 * It runs only when a step fails, so it costs nothing while training goes well.
 */
final class DivergenceLocator {
    /**
     * A magnitude no healthy run reaches: beyond it a float32 square overflows (√(3.4·10³⁸) ≈ 1.8·10¹⁹),
     * so infinities follow within a step. A run whose raw-pixel loss spikes to 10¹¹ and recovers stays
     * far below it.
     */
    static final double ABSURD = 1e20;

    private DivergenceLocator() {
    }

    /** Whether {@code v} is NaN, infinite or absurdly large. */
    static boolean bad(double v) {
        return !Double.isFinite(v) || Math.abs(v) > ABSURD;
    }

    /**
     * Where step {@code step} went wrong.
     *
     * @param weightsBefore norm of each parameter node's weights before the step (segment order)
     * @param gradients     norm of each node's gradient, or null if the step failed before the backward pass
     * @param weightsAfter  norm of each node's weights after the update, or null if it failed before it
     */
    static Divergence locate(int step, Network network, Pass pass, List<ParameterSegment> segments,
                             double[] weightsBefore, double loss, double[] gradients, double[] weightsAfter) {
        for (int i = 0; i < segments.size(); i++) {
            if (bad(weightsBefore[i])) {
                return new Divergence(step, segments.get(i).nodeId(), Divergence.Quantity.WEIGHTS, weightsBefore[i],
                        step == 1);
            }
        }
        String lossNode = network.spec().nodesOf(NodeSpec.Loss.class).get(0).id();
        for (String id : network.order()) {
            NodeSpec node = network.spec().node(id).orElseThrow();
            if (node instanceof NodeSpec.Input || node instanceof NodeSpec.Loss) {
                continue; // the data, and the loss (checked below)
            }
            double worst = worst(pass.layerOutput(id));
            if (bad(worst)) {
                return new Divergence(step, id, Divergence.Quantity.ACTIVATION, worst, false);
            }
        }
        if (bad(loss)) {
            return new Divergence(step, lossNode, Divergence.Quantity.LOSS, loss, false);
        }
        if (gradients != null) {
            for (int i = segments.size() - 1; i >= 0; i--) {
                if (bad(gradients[i])) {
                    return new Divergence(step, segments.get(i).nodeId(), Divergence.Quantity.GRADIENT, gradients[i], false);
                }
            }
        }
        if (weightsAfter != null) {
            int largest = -1;
            for (int i = 0; i < segments.size(); i++) {
                if (bad(weightsAfter[i]) && (largest < 0 || !(Math.abs(weightsAfter[i]) <= Math.abs(weightsAfter[largest])))) {
                    largest = i;
                }
            }
            if (largest >= 0) {
                return new Divergence(step, segments.get(largest).nodeId(), Divergence.Quantity.WEIGHTS,
                        weightsAfter[largest], false);
            }
        }
        return new Divergence(step, lossNode, Divergence.Quantity.LOSS, loss, false);
    }

    /** NaN if {@code output} holds a NaN, else its largest magnitude (infinite if it holds an infinity). */
    private static double worst(INDArray output) {
        if (output == null || output.isEmpty()) {
            return 0;
        }
        double sum = output.sumNumber().doubleValue(); // NaN if any NaN (or +∞ beside −∞)
        if (Double.isNaN(sum)) {
            return Double.NaN;
        }
        return output.amaxNumber().doubleValue();
    }
}
