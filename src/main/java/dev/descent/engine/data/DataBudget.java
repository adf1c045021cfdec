package dev.descent.engine.data;

import java.util.Locale;

/**
 * The Java heap a dataset takes, counted before it is read or generated, so that a file whose header
 * promises absurd sizes is refused with one line instead of exhausting the heap.
 *
 * <p>A dataset of N examples of d features is held as floats: N·d·4 bytes for the features and 4 bytes
 * per label or target, plus its feature names (about 40 bytes and two per character each; pixel names
 * cost nothing, see {@link Dataset#pixelNames}). Training copies it once more into its training and
 * validation splits, so the estimate is twice that. The examples may take at most
 * {@value #HEAP_SHARE_PERCENT}% of the heap ({@code java -Xmx} sets the heap), leaving the rest for the
 * runs, their histories and the window. ND4J's copies live off the heap and are counted with the
 * networks ({@code LockstepComparison.memoryProblem}).
 */
public final class DataBudget {
    /** Share of the Java heap the examples may take, with their split copies, in percent. */
    public static final int HEAP_SHARE_PERCENT = 50;
    /** Heap bytes of one feature name besides its characters: the String, its array and the list slot. */
    static final int BYTES_PER_NAME = 48;

    private DataBudget() {
    }

    /**
     * Heap bytes of {@code examples} examples of {@code features} values and {@code labels} label or target
     * values each, named by {@code names} names of {@code nameChars} characters in all: read once and
     * copied once into the split (which shares the names).
     */
    public static double heapBytes(long examples, long features, long labels, long names, long nameChars) {
        return 2.0 * examples * (features + labels) * Float.BYTES + names * (double) BYTES_PER_NAME + 2.0 * nameChars;
    }

    /**
     * Why {@code what} (e.g. "2 images of 1×100,000,000 pixels") needing {@code bytes} of heap cannot be
     * loaded in this process, or null if it can.
     */
    public static String problem(String what, double bytes) {
        return problem(what, bytes, Runtime.getRuntime().maxMemory());
    }

    /** As {@link #problem(String, double)} with a heap of {@code heapBytes} bytes. */
    static String problem(String what, double bytes, long heapBytes) {
        long limit = Math.round(heapBytes * (HEAP_SHARE_PERCENT / 100.0));
        if (bytes <= limit) {
            return null;
        }
        return String.format(Locale.ROOT, "%s need about %s of Java heap (read, then split into training and"
                        + " validation), more than the %s the examples may take here (%d%% of the %s heap;"
                        + " java -Xmx sets the heap)", what, format(bytes), format(limit), HEAP_SHARE_PERCENT,
                format(heapBytes));
    }

    /** Human-readable size with three significant digits, e.g. "3.20 GB", "66.4 KB", "512 MB". */
    public static String format(double bytes) {
        String[] units = {"bytes", "KB", "MB", "GB", "TB", "PB"};
        int unit = 0;
        while (bytes >= 1024 && unit < units.length - 1) {
            bytes /= 1024;
            unit++;
        }
        String digits = unit == 0 || bytes >= 100 ? "%.0f %s" : bytes >= 10 ? "%.1f %s" : "%.2f %s";
        return String.format(Locale.ROOT, digits, bytes, units[unit]);
    }
}
