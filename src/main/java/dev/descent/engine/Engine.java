package dev.descent.engine;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Process-wide ND4J settings, applied once before the first tensor is made.
 * <ul>
 *   <li>libnd4j runs each op on the calling thread ({@code maxThreads = 1}). Runs already train in
 *       parallel, one thread each; letting every op also fan out would oversubscribe two cores and, worse,
 *       make reductions split differently depending on which threads happen to be free, so the same
 *       experiment would not give byte-identical metrics. Matrix products still use OpenBLAS's threads,
 *       whose results do not depend on the thread count.</li>
 *   <li>OpenMP regions run on the calling thread only (see {@link #configureCurrentThread()}).</li>
 *   <li>JavaCPP's check of the process's physical memory reads {@code /proc} on every allocation; it is
 *       turned off ({@code maxphysicalbytes = 0}). The off-heap limit ({@code maxbytes}) still holds.</li>
 * </ul>
 * See docs/decisions/0003-engine-threading-and-determinism.md.
 */
public final class Engine {
    private static volatile boolean ready;

    private Engine() {
    }

    /** Applies the settings; safe to call from any thread, any number of times. */
    public static void initialize() {
        if (ready) {
            configureCurrentThread();
            return;
        }
        synchronized (Engine.class) {
            if (ready) {
                return;
            }
            if (System.getProperty("org.bytedeco.javacpp.maxphysicalbytes") == null) {
                System.setProperty("org.bytedeco.javacpp.maxphysicalbytes", "0");
            }
            Nd4j.getEnvironment().setMaxThreads(1);
            Nd4j.getEnvironment().setMaxMasterThreads(1);
            ready = true;
        }
        configureCurrentThread();
    }

    /**
     * Limits OpenMP parallel regions started from the calling thread to that thread. OpenMP keeps its
     * thread count per thread, so every thread that runs ND4J ops calls this first; otherwise libnd4j's
     * OpenMP workers spin-wait between ops and take a third of two cores (measured with perf).
     */
    public static void configureCurrentThread() {
        if (Boolean.TRUE.equals(CONFIGURED.get())) {
            return;
        }
        org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
        CONFIGURED.set(Boolean.TRUE);
    }

    private static final ThreadLocal<Boolean> CONFIGURED = new ThreadLocal<>();

    /** A one-line description of the ND4J backend, e.g. for the window's status bar. */
    public static String backendDescription() {
        initialize();
        var info = Nd4j.getExecutioner().getEnvironmentInformation();
        return "ND4J " + Nd4j.getBackend().getClass().getSimpleName().replace("Backend", "")
                + " · " + info.getOrDefault("blas.vendor", "BLAS") + " · " + Runtime.getRuntime().availableProcessors()
                + " cores";
    }
}
