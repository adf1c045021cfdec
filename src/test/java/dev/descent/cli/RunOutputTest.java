package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What descent run leaves in its output directory when things go wrong: a second writer, a kill -9, a
 * full disk. Uses real processes and, where the machine allows it, a real full file system.
 */
class RunOutputTest {
    private static final String HEADER = "run,member,step,epoch,train_loss,val_loss,val_accuracy,learning_rate,grad_norm:h1,"
            + "grad_norm:out,weight_norm:h1,weight_norm:out,update_ratio:h1,update_ratio:out,act_mean:a1,act_std:a1,"
            + "saturated:a1";

    @TempDir
    Path dir;

    private static Descent descent(String... args) {
        return Descent.run(args);
    }

    private Path experiment() throws IOException {
        return Descent.experiment(dir, """
                { "name": "SGD", "optimizer": { "type": "sgd", "learningRate": 0.1 } },
                { "name": "Adam", "optimizer": { "type": "adam", "learningRate": 0.01 } },
                { "name": "RMSprop", "optimizer": "rmsprop" }""");
    }

    /** {@code descent ARGS} in a JVM of its own, as a user starts it. */
    private static Process child(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "dev.descent.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static long lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file).lines().count() : 0;
    }

    private static void assertWholeRowsWithHeader(Path file) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.startsWith(HEADER + "\n"), file + " starts with " + text.substring(0, Math.min(80, text.length())));
        assertTrue(text.endsWith("\n"), file + " ends inside a row");
        for (String row : text.lines().skip(1).toList()) {
            assertEquals(17, row.split(",", -1).length, file + ": " + row);
        }
    }

    @Test
    void aKilledRunLeavesWholeRowsThatRecoverJoinsAndItsLockBlocksNobody() throws Exception {
        // given descent run training three runs in a process of its own
        Path file = experiment();
        Path out = dir.resolve("out");
        Path metrics = out.resolve("metrics.csv");
        Process run = child("run", file.toString(), "--out", out.toString(), "--steps", "50000000", "--quiet");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            // every run's file flushes on its own clock, so wait until each holds rows
            while ((lines(metrics) < 300 || lines(out.resolve("metrics.csv.part1")) < 300
                    || lines(out.resolve("metrics.csv.part2")) < 300)
                    && System.nanoTime() < deadline && run.isAlive()) {
                Thread.sleep(100);
            }
            assertTrue(run.isAlive(), () -> "descent run ended early with " + run.exitValue());

            // when a second descent run is pointed at the same directory
            Descent second = descent("run", file.toString(), "--out", out.toString(), "--steps", "10", "--quiet");

            // then it is refused with one line naming the process that writes there
            assertEquals(2, second.code(), second.err());
            assertEquals("error: " + out + ": another descent run (process " + run.pid() + ") is writing its results"
                    + " here; wait for it to finish, or give another --out", second.err().strip());
        } finally {
            // when the first is killed with SIGKILL
            run.destroyForcibly();
            assertTrue(run.waitFor(30, TimeUnit.SECONDS));
        }

        // then metrics.csv and each part hold the header and whole rows only
        assertTrue(Files.exists(out.resolve(OutputLock.FILE_NAME)), "the killed process's lock file is left");
        for (Path f : List.of(metrics, out.resolve("metrics.csv.part1"), out.resolve("metrics.csv.part2"))) {
            assertWholeRowsWithHeader(f);
        }
        // and a new run into the directory says how to keep them instead of overwriting them
        Descent again = descent("run", file.toString(), "--out", out.toString(), "--steps", "10", "--quiet");
        assertEquals(2, again.code(), again.err());
        assertEquals("error: " + out + ": holds the rows of a run that was killed before it could join them (metrics.csv"
                + " and 2 parts); run 'descent recover " + out + "' to join them into metrics.csv, or delete"
                + " metrics.csv.part1 and the other parts to start afresh", again.err().strip());

        // when they are recovered
        Descent recovered = descent("recover", out.toString());

        // then metrics.csv holds every run's rows in run order, each run's steps from 1 without a gap
        assertEquals(0, recovered.code(), recovered.err());
        assertTrue(recovered.out().startsWith("joined 2 parts into " + metrics + ": "), recovered.out());
        assertWholeRowsWithHeader(metrics);
        Map<String, Integer> lastStep = new LinkedHashMap<>();
        for (String row : Files.readString(metrics).lines().skip(1).toList()) {
            String[] cells = row.split(",", -1);
            int previous = lastStep.getOrDefault(cells[0], 0);
            assertEquals(previous + 1, Integer.parseInt(cells[2]), row);
            lastStep.put(cells[0], previous + 1);
        }
        assertEquals(List.of("SGD", "Adam", "RMSprop"), List.copyOf(lastStep.keySet()));
        assertFalse(Files.exists(out.resolve("metrics.csv.part1")));

        // and the lock file the killed process left does not block the next run
        Descent next = descent("run", file.toString(), "--out", out.toString(), "--steps", "10", "--quiet");
        assertEquals(0, next.code(), next.err());
        assertEquals(1 + 3 * 10, lines(metrics));
        assertEquals(List.of(OutputLock.FILE_NAME, "metrics.csv", "summary.json"), listing(out).stream().map(p -> p.getFileName().toString()).sorted().toList());
    }

    @Test
    void aFullDiskGivesOneLineExitTwoAndLeavesNothing() throws Exception {
        // given an output directory on a real 64 KiB file system (needs root and a mount)
        Path full = Files.createDirectory(dir.resolve("full"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", full.toString())
                .redirectErrorStream(true).start();
        boolean mounted = mount.waitFor(20, TimeUnit.SECONDS) && mount.exitValue() == 0;
        Assumptions.assumeTrue(mounted, "cannot mount a small tmpfs here (needs root): the full-disk run is not"
                + " tested; MetricsCsvTest tests a failing store instead");
        try {
            // when three runs write far more rows than fit
            Descent r = descent("run", experiment().toString(), "--out", full.toString(), "--steps", "20000", "--quiet");

            // then one line says so, exit 2, and nothing is left behind (no parts, no temporary files), only
            // the emptied lock file
            assertEquals(2, r.code(), r.err());
            assertEquals("error: " + full + ": cannot write results: No space left on device; nothing was kept",
                    r.err().strip());
            assertEquals(List.of(full.resolve(OutputLock.FILE_NAME)), listing(full));
            assertEquals(0, Files.size(full.resolve(OutputLock.FILE_NAME)));
        } finally {
            new ProcessBuilder("umount", full.toString()).inheritIO().start().waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** The files in {@code directory}, with the directory closed again (an open listing keeps a mount busy). */
    private static List<Path> listing(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.toList();
        }
    }
}
