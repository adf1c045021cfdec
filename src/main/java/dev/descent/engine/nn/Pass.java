package dev.descent.engine.nn;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network's buffers and prepared work for one batch size: fill {@link #features()} and
 * {@link #labels()}, then run {@link #forward} (and {@link #backward} for training passes).
 * Belongs to one thread at a time.
 */
public final class Pass {
    private final int batchSize;
    private final boolean backward;
    private final List<LayerPass> layers;
    private final LayerPass input;
    private final LossLayer.LossPass loss;
    private final LossLayer lossLayer;
    private final java.util.Map<String, Integer> positions;

    Pass(int batchSize, boolean backward, List<LayerPass> layers, LossLayer lossLayer,
         java.util.Map<String, Integer> positions) {
        this.positions = positions;
        this.batchSize = batchSize;
        this.backward = backward;
        this.layers = List.copyOf(layers);
        this.input = layers.get(0);
        this.loss = (LossLayer.LossPass) layers.get(layers.size() - 1);
        this.lossLayer = lossLayer;
    }

    /** Rows per batch. */
    public int batchSize() {
        return batchSize;
    }

    /** Whether this pass can run backward. */
    public boolean canTrain() {
        return backward;
    }

    /** The input buffer [batch, features], to be filled before {@link #forward}. */
    public INDArray features() {
        return input.output;
    }

    /** The target buffer [batch, outputs], to be filled before {@link #forward}. */
    public INDArray labels() {
        return loss.labels;
    }

    /**
     * Runs every node forward and returns the batch's mean loss.
     *
     * @param training true for training behaviour (batch statistics, dropout), false for evaluation
     */
    public double forward(boolean training) {
        for (LayerPass layer : layers) {
            layer.forward(training);
        }
        return loss.value;
    }

    /** Runs every node backward, writing the network's flat gradient. Requires a training pass. */
    public void backward() {
        if (!backward) {
            throw new IllegalStateException("this pass was built for evaluation only");
        }
        for (int i = layers.size() - 1; i > 0; i--) {
            layers.get(i).backward();
        }
    }

    /** The network's raw output z [batch, outputs] from the last forward. */
    public INDArray rawOutput() {
        return loss.input().output;
    }

    /** Predictions from the last forward: class probabilities for the cross-entropies, z otherwise. A copy. */
    public INDArray predictions() {
        return lossLayer.outputActivation().getActivation(rawOutput().dup(), false);
    }

    /** The output buffer of node {@code id} from the last forward (a live view, for inspection). */
    public INDArray layerOutput(String id) {
        return layers.get(positions.get(id)).output;
    }

    /** ∂L/∂output of node {@code id} from the last backward (a live view, for inspection). */
    public INDArray layerGradient(String id) {
        return layers.get(positions.get(id)).gradient;
    }

    /**
     * The mask dropout node {@code id} applied in the last forward (a live view, [batch, width]): 0 where a
     * value was dropped, 1/(1 − p) where it was kept; all ones after an evaluation forward. Read by the
     * PyTorch export, which replays Descent's masks.
     *
     * @throws IllegalArgumentException if {@code id} is not a dropout node
     */
    public INDArray dropoutMask(String id) {
        Integer at = positions.get(id);
        if (at == null || !(layers.get(at) instanceof DropoutLayer.DropoutPass dropout)) {
            throw new IllegalArgumentException("'" + id + "' is not a dropout node");
        }
        return dropout.mask;
    }

    /** Output statistics of every activation node, from the last forward. */
    public List<ActivationStats> activationStats() {
        List<ActivationStats> stats = new ArrayList<>();
        for (LayerPass layer : layers) {
            if (layer instanceof ActivationLayer.ActivationPass activation) {
                stats.add(activation.stats());
            }
        }
        return stats;
    }
}
