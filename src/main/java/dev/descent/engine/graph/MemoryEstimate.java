package dev.descent.engine.graph;

import dev.descent.engine.data.DataBudget;
import java.util.Locale;

/**
 * Bytes a network needs to train, estimated before anything is allocated, so an absurd size is refused
 * with a message instead of exhausting the machine.
 *
 * <p>Per parameter: the value, its gradient, up to three optimizer state slots and one scratch copy.
 * Per activation value: the output, its gradient and one scratch copy, times the batch size; and the
 * output alone, times the validation size, for the evaluation pass. A comparison needs that for every
 * run, plus its data tensors: features and labels of every example, once per input normalizer used.
 */
public final class MemoryEstimate {
    /** Parameter-sized buffers per trainable value. */
    static final int BUFFERS_PER_PARAMETER = 6;
    /** Activation-sized buffers per node output value. */
    static final int BUFFERS_PER_ACTIVATION = 3;
    /** Activation-sized buffers per node output value in an evaluation pass (no gradients). */
    static final int BUFFERS_PER_EVALUATION = 1;

    private MemoryEstimate() {
    }

    /** Bytes for {@code parameters} trainable values and {@code activationValues} output values per example. */
    public static double trainingBytes(double parameters, double activationValues, int batchSize, int bytesPerValue) {
        return (parameters * BUFFERS_PER_PARAMETER + activationValues * BUFFERS_PER_ACTIVATION * batchSize) * bytesPerValue;
    }

    /**
     * Bytes one run of a comparison needs: its network trained in batches of {@code batchSize} and
     * evaluated on {@code validationSize} examples in one pass.
     */
    public static double runBytes(Validation network, int batchSize, int validationSize, int bytesPerValue) {
        return trainingBytes(network.parameterCount(), network.activationValues(), batchSize, bytesPerValue)
                + network.activationValues() * BUFFERS_PER_EVALUATION * (double) validationSize * bytesPerValue;
    }

    /** Bytes of the data tensors: {@code examples} rows of features and labels, once per input normalizer. */
    public static double dataBytes(long examples, int features, int labelWidth, int normalizers, int bytesPerValue) {
        return (double) examples * (features + labelWidth) * normalizers * bytesPerValue;
    }

    /**
     * Why a comparison of {@code runs} runs needing {@code networkBytes} together, plus {@code dataBytes}
     * for its data, cannot fit in {@code limit}; {@code null} if it can.
     */
    public static String comparisonProblem(int runs, double networkBytes, double dataBytes, long limit) {
        double total = networkBytes + dataBytes;
        if (total <= limit) {
            return null;
        }
        return String.format(Locale.ROOT, "the comparison is too large to fit in memory: %d %s about %s for the networks"
                        + " and %s for the data, %s in all, more than the %s available; train fewer runs at once,"
                        + " or use smaller networks or fewer examples",
                runs, runs == 1 ? "run needs" : "runs need", format(networkBytes), format(dataBytes), format(total),
                format(limit));
    }

    /** Share of the Java heap a comparison may take, in percent; the rest is the JVM's and the window's. */
    public static final int HEAP_SHARE_PERCENT = 85;

    /**
     * Why {@code runs} runs needing {@code runsHeap} bytes of Java heap together (histories, trainers,
     * recorders), beside {@code dataHeap} for their examples, cannot fit in a heap of {@code heapBytes};
     * {@code null} if they can. Says how many such runs would fit.
     */
    public static String heapProblem(int runs, double runsHeap, double dataHeap, long heapBytes) {
        double limit = heapBytes * (HEAP_SHARE_PERCENT / 100.0);
        if (runsHeap + dataHeap <= limit) {
            return null;
        }
        long fit = (long) Math.max(0, Math.floor((limit - dataHeap) / (runsHeap / runs)));
        return String.format(Locale.ROOT, "the comparison is too large for the Java heap: %,d %s about %s for their"
                        + " histories and recorders and %s for the data, more than the %s it may take here (%d%% of the"
                        + " %s heap; java -Xmx sets the heap); %s", runs, runs == 1 ? "run needs" : "runs need",
                format(runsHeap), format(dataHeap), format(limit), HEAP_SHARE_PERCENT, format(heapBytes),
                fit == 0 ? "use fewer examples" : String.format(Locale.ROOT, "train at most %,d of these runs at once", fit));
    }

    /** The Java heap this process may use. */
    public static long heapBytes() {
        return Runtime.getRuntime().maxMemory();
    }

    /** The off-heap memory ND4J may use in this process. */
    public static long limitBytes() {
        return org.bytedeco.javacpp.Pointer.maxBytes();
    }

    /** Human-readable size, e.g. "3.20 GB" ({@link DataBudget#format}). */
    public static String format(double bytes) {
        return DataBudget.format(bytes);
    }
}
