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
    }

    /** A one-line description of the ND4J backend, e.g. for the window's status bar. */
    public static String backendDescription() {
        initialize();
        var info = Nd4j.getExecutioner().getEnvironmentInformation();
        return "ND4J " + Nd4j.getBackend().getClass().getSimpleName().replace("Backend", "")
                + " · " + info.getOrDefault("blas.vendor", "BLAS") + " · " + Runtime.getRuntime().availableProcessors()
                + " cores";
    }
}
