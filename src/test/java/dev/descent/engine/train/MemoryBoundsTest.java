package dev.descent.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A long run keeps bounded memory: every per-step allocation is released, and the metric history stays
 * within its bucket capacity.
 *
 * <p>Measured in a child JVM whose heap is fixed and touched up front ({@code -Xms = -Xmx},
 * {@code AlwaysPreTouch}), so the resident size can only grow through native memory (ND4J, OpenBLAS,
 * libc). In the test JVM itself G1 commits heap as it likes, which hides or fakes growth. The bound
 * catches the leak this test was written for: rebinding a prepared op's input leaked about 200 bytes
 * per step (10 MB here). The bound is 8 MB: a full suite on a loaded machine measured 4.4 MB and, on
 * 2026-12-04, 6.5 MB of growth without any leak (code the JIT compiles late, libc's arenas; the same child
 * alone on a quiet machine shrank by 4–7 MB), so 4 and 6 MB bounds failed now and then.
 */
class MemoryBoundsTest {

    @Test
    void fiftyThousandStepsAddNoNativeMemoryAndKeepTheHistoryBounded() throws Exception {
        int warm = 12_000;
        int total = 62_000;
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(List.of(java.toString(), "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch",
                "-cp", System.getProperty("java.class.path"), LongRunMemory.class.getName(),
                Integer.toString(warm), Integer.toString(total))).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), output);
        String status = output.lines().filter(l -> l.startsWith("status ")).findFirst().orElseThrow(() ->
                new AssertionError(output));
        String[] parts = status.split(" ");
        assertEquals("COMPLETED", parts[1]);
        assertEquals(total, Long.parseLong(parts[5]), "every step reached the history");
        int buckets = Integer.parseInt(parts[3]);
        assertTrue(buckets <= RunHistory.DEFAULT_CAPACITY && buckets > RunHistory.DEFAULT_CAPACITY / 2,
                "62,000 steps kept in " + buckets + " buckets");
        String[] rss = output.lines().filter(l -> l.startsWith("rss ")).findFirst().orElseThrow().split(" ");
        long growth = Long.parseLong(rss[2]) - Long.parseLong(rss[1]);
        assertTrue(growth < 8L << 20, "resident memory grew by " + growth / 1024 + " KB over " + (total - warm) + " steps");
    }
}
