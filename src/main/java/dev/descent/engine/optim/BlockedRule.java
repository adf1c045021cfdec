package dev.descent.engine.optim;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An update rule computed in one pass over the parameters: the gradient and every state vector are
 * walked together in blocks of {@link FlatVector#BLOCK} values, each block bulk-copied to heap arrays,
 * updated by {@link #floatKernel} (or {@link #doubleKernel}) and copied back. Lifecycle per step:
 * <ol>
 *   <li>{@link #begin} receives the iteration and learning rate and computes the step's scalars;</li>
 *   <li>the kernel runs on each block: {@code blocks[0]} is the gradient, overwritten with Δθ, and
 *       {@code blocks[1..]} the state vectors in the order given to the constructor.</li>
 * </ol>
 * One pass reads and writes each vector once, where a rule made of ND4J array operations reads them once
 * per term. The state vectors stay ND4J arrays (off the Java heap, inspectable through {@link #state}).
 */
abstract class BlockedRule implements UpdateRule {
    private final INDArray[] state;
    private final Map<String, INDArray> named;
    private final List<StateVector> described = new ArrayList<>();
    private float[][] floatBlocks;
    private double[][] doubleBlocks;

    /** {@code state} holds the state vectors by name in kernel order (a {@link java.util.LinkedHashMap} or {@code Map.of} of one). */
    BlockedRule(Map<String, INDArray> state, String... order) {
        this.named = Map.copyOf(state);
        this.state = new INDArray[order.length];
        for (int i = 0; i < order.length; i++) {
            this.state[i] = state.get(order[i]);
        }
    }

    /** Describes state vector {@code key} for {@link #stateVectors()} (constructors call it once per vector, in formula order). */
    final void describe(String key, String symbol, String meaning) {
        INDArray values = named.get(key);
        if (values == null) {
            throw new IllegalArgumentException("no state vector " + key);
        }
        described.add(new StateVector(symbol, meaning, values));
    }

    /** Computes the scalars of this step. */
    abstract void begin(int iteration, double learningRate);

    /** Updates {@code len} values of each block in float arithmetic. */
    abstract void floatKernel(float[][] blocks, int len);

    /** Updates {@code len} values of each block in double arithmetic. */
    abstract void doubleKernel(double[][] blocks, int len);

    @Override
    public final void apply(INDArray gradient, int iteration, double learningRate) {
        begin(iteration, learningRate);
        if (gradient.dataType() == DataType.FLOAT) {
            applyFloat(gradient);
        } else {
            applyDouble(gradient);
        }
    }

    private void applyFloat(INDArray gradient) {
        FloatBuffer[] vectors = new FloatBuffer[state.length + 1];
        vectors[0] = FlatVector.floats(gradient);
        for (int i = 0; i < state.length; i++) {
            vectors[i + 1] = FlatVector.floats(state[i]);
        }
        if (floatBlocks == null) {
            floatBlocks = new float[vectors.length][FlatVector.BLOCK];
        }
        int n = vectors[0].limit();
        for (int from = 0; from < n; from += FlatVector.BLOCK) {
            int len = Math.min(FlatVector.BLOCK, n - from);
            for (int v = 0; v < vectors.length; v++) {
                vectors[v].get(from, floatBlocks[v], 0, len);
            }
            floatKernel(floatBlocks, len);
            for (int v = 0; v < vectors.length; v++) {
                vectors[v].put(from, floatBlocks[v], 0, len);
            }
        }
    }

    private void applyDouble(INDArray gradient) {
        DoubleBuffer[] vectors = new DoubleBuffer[state.length + 1];
        vectors[0] = FlatVector.doubles(gradient);
        for (int i = 0; i < state.length; i++) {
            vectors[i + 1] = FlatVector.doubles(state[i]);
        }
        if (doubleBlocks == null) {
            doubleBlocks = new double[vectors.length][FlatVector.BLOCK];
        }
        int n = vectors[0].limit();
        for (int from = 0; from < n; from += FlatVector.BLOCK) {
            int len = Math.min(FlatVector.BLOCK, n - from);
            for (int v = 0; v < vectors.length; v++) {
                vectors[v].get(from, doubleBlocks[v], 0, len);
            }
            doubleKernel(doubleBlocks, len);
            for (int v = 0; v < vectors.length; v++) {
                vectors[v].put(from, doubleBlocks[v], 0, len);
            }
        }
    }

    @Override
    public Map<String, INDArray> state() {
        return named;
    }

    @Override
    public List<StateVector> stateVectors() {
        return List.copyOf(described);
    }
}
