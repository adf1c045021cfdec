package dev.descent.engine.graph;

import java.util.Locale;

/**
 * Bytes a network needs to train, estimated before anything is allocated, so an absurd size is refused
 * with a message instead of exhausting the machine.
 *
 * <p>Per parameter: the value, its gradient, up to three optimizer state slots and one scratch copy.
 * Per activation value: the output, its gradient and one scratch copy, times the batch size.
 */
public final class MemoryEstimate {
    /** Parameter-sized buffers per trainable value. */
    static final int BUFFERS_PER_PARAMETER = 6;
    /** Activation-sized buffers per node output value. */
    static final int BUFFERS_PER_ACTIVATION = 3;

    private MemoryEstimate() {
    }

    /** Bytes for {@code parameters} trainable values and {@code activationValues} output values per example. */
    public static double trainingBytes(double parameters, double activationValues, int batchSize, int bytesPerValue) {
        return (parameters * BUFFERS_PER_PARAMETER + activationValues * BUFFERS_PER_ACTIVATION * batchSize) * bytesPerValue;
    }

    /** The off-heap memory ND4J may use in this process. */
    public static long limitBytes() {
        return org.bytedeco.javacpp.Pointer.maxBytes();
    }

    /** Human-readable size, e.g. "3.2 GB". */
    public static String format(double bytes) {
        String[] units = {"bytes", "KB", "MB", "GB", "TB", "PB"};
        int unit = 0;
        while (bytes >= 1024 && unit < units.length - 1) {
            bytes /= 1024;
            unit++;
        }
        return unit == 0 ? String.format(Locale.ROOT, "%.0f %s", bytes, units[0])
                : String.format(Locale.ROOT, "%.1f %s", bytes, units[unit]);
    }
}
