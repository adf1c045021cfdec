package dev.descent.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The process-wide ND4J settings take effect. */
class EngineTest {

    @Test
    void openBlasRunsOnOneThreadAfterInitialize() {
        // given the test JVM, started without -Ddescent.blasThreads
        Engine.initialize();
        // then OpenBLAS reports one thread, and libnd4j's parallel loops use one
        // (its maxThreads() cannot be lowered in 1.0.0-M2.1: setMaxThreads is a no-op there)
        assertEquals(1, Nd4j.factory().blas().getMaxThreads());
        assertEquals(1, Nd4j.getEnvironment().maxMasterThreads());
    }

    @Test
    void thePropertyOverridesTheBlasThreadsAndReapplyRestoresThem() {
        Engine.initialize();
        try {
            // when the property asks for two threads
            System.setProperty(Engine.BLAS_THREADS_PROPERTY, "2");
            Engine.reapply();
            // then OpenBLAS uses two
            assertEquals(2, Nd4j.factory().blas().getMaxThreads());
        } finally {
            System.clearProperty(Engine.BLAS_THREADS_PROPERTY);
            Engine.reapply();
        }
        assertEquals(1, Nd4j.factory().blas().getMaxThreads());
    }

    @Test
    void aBlasThreadCountThatIsNotAPositiveNumberIsRefused() {
        assertEquals(1, Engine.blasThreads(null));
        assertEquals(4, Engine.blasThreads(" 4 "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Engine.blasThreads("0"));
        assertEquals("-Ddescent.blasThreads must be a positive number of threads such as 2, got '0'", e.getMessage());
    }
}
