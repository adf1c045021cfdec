package dev.descent.engine;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Process-wide ND4J settings, applied once before the first tensor is made.
 * <ul>
 *   <li>libnd4j runs each op on the calling thread ({@code maxMasterThreads = 1}, the thread count its
 *       parallel loops use; {@code setMaxThreads} is a no-op in 1.0.0-M2.1, so {@code maxThreads()} still
 *       reports every core). Runs already train in parallel, one thread each; letting every op also fan
 *       out would oversubscribe two cores and, worse, make reductions split differently depending on which
 *       threads happen to be free, so the same experiment would not give byte-identical metrics.</li>
 *   <li>OpenMP regions run on the calling thread only (see {@link #configureCurrentThread()}).</li>
 *   <li>OpenBLAS runs each matrix product on the calling thread too ({@code blas().setMaxThreads(1)}).
 *       Measured with perf on the 2-vCPU project machine, 784-256-128-10 MLP, batch 128: with OpenBLAS's
 *       default of 2 threads about 23% of all CPU samples are in the kernel's {@code __schedule} and
 *       {@code sched_yield} (OpenBLAS workers yielding while they wait for work) and Descent trains at
 *       204–266 steps/s; with one thread, 333 steps/s. Runs already take a core each. The system property
 *       {@value #BLAS_THREADS_PROPERTY} (a positive integer) overrides this, e.g. for one large run on a
 *       machine with many cores.</li>
 *   <li>JavaCPP's check of the process's physical memory reads {@code /proc} on every allocation; it is
 *       turned off ({@code maxphysicalbytes = 0}). The off-heap limit ({@code maxbytes}) still holds.</li>
 * </ul>
 * See docs/decisions/0003-engine-threading-and-determinism.md.
 */
public final class Engine {
    /** System property overriding the number of OpenBLAS threads (default 1). */
    public static final String BLAS_THREADS_PROPERTY = "descent.blasThreads";

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
            apply();
            ready = true;
        }
        configureCurrentThread();
    }

    /**
     * Applies the settings again, for code that changed them on purpose: the benchmark measures DL4J with
     * ND4J's defaults, then gives Descent back its own.
     */
    public static void reapply() {
        initialize();
        apply();
    }

    private static void apply() {
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        Nd4j.factory().blas().setMaxThreads(blasThreads(System.getProperty(BLAS_THREADS_PROPERTY)));
    }

    /**
     * OpenBLAS threads for the value of {@value #BLAS_THREADS_PROPERTY}: 1 when unset.
     *
     * @throws IllegalArgumentException if set to anything but a positive integer
     */
    static int blasThreads(String property) {
        if (property == null || property.isBlank()) {
            return 1;
        }
        try {
            int threads = Integer.parseInt(property.strip());
            if (threads >= 1) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidSettingException(BLAS_THREADS_PROPERTY,
                "must be a positive number of threads such as 2, got " + dev.descent.engine.vocab.Shown.quoted(property));
    }

    /**
     * Checks Descent's {@code -D} settings without starting ND4J, so a command can refuse them as bad
     * input before doing anything.
     *
     * @throws InvalidSettingException naming the setting and what is valid
     */
    public static void checkSettings() {
        blasThreads(System.getProperty(BLAS_THREADS_PROPERTY));
    }

    /** A {@code -D} setting of Descent's that makes no sense: bad input, not an internal error. */
    public static final class InvalidSettingException extends IllegalArgumentException {
        private final String property;
        private final String problem;

        InvalidSettingException(String property, String problem) {
            super("-D" + property + " " + problem);
            this.property = property;
            this.problem = problem;
        }

        /** The one line the command line prints: {@code error: -D<property>: <problem>}. */
        public String line() {
            return "error: -D" + property + ": " + problem;
        }
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
