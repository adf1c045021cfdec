package dev.descent.engine.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Background priority for training threads, so that an interactive window keeps its CPU share while
 * runs use the rest. Java's {@link Thread#setPriority} is honoured on Windows but ignored by the JVM
 * on Linux (its default {@code ThreadPriorityPolicy}), so on Linux the calling thread's nice value is
 * also raised with {@code renice(1)}: the scheduler then gives a nice-0 thread (the window's) about
 * ten times the CPU weight of a nice-10 trainer (CFS weights 1024 against 110).
 *
 * <p>Measured on the 2-core project machine with four busy threads: 5 ms of periodic work (a frame)
 * took p50 17.9 ms, p99 122 ms beside nice-0 threads, and p50 5.0 ms, p99 13 ms beside nice-10 ones.
 * See docs/decisions/0007-window-threads-and-priorities.md.
 */
final class ThreadPriority {
    /** The nice value background threads get on Linux (0 is normal, 19 the lowest). */
    static final int BACKGROUND_NICE = 10;

    private ThreadPriority() {
    }

    /**
     * Lowers the calling thread's priority. Best effort: false where the nice value could not be set
     * (not Linux, no {@code renice}); training is then correct, only less polite.
     */
    static boolean lowerCurrentThread() {
        Thread.currentThread().setPriority(Thread.MIN_PRIORITY);
        Path self = Path.of("/proc/thread-self");
        if (!Files.exists(self)) {
            return false;
        }
        try {
            String tid = Files.readSymbolicLink(self).getFileName().toString();
            Process renice = new ProcessBuilder("renice", "-n", Integer.toString(BACKGROUND_NICE), "-p", tid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return renice.waitFor(5, TimeUnit.SECONDS) && renice.exitValue() == 0 && niceOf(tid) >= BACKGROUND_NICE;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The nice value of thread {@code tid} of this process, from /proc (field 19 of stat). */
    static int niceOf(String tid) throws IOException {
        String stat = Files.readString(Path.of("/proc/self/task", tid, "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]); // fields after the name start at field 3
    }

    /** The calling thread's nice value, or 0 where it cannot be read. */
    static int currentNice() {
        try {
            Path self = Path.of("/proc/thread-self");
            return Files.exists(self) ? niceOf(Files.readSymbolicLink(self).getFileName().toString()) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
