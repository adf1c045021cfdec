package dev.descent.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.descent.engine.data.DataException;
import dev.descent.engine.data.IdxReader;
import dev.descent.engine.data.Task;
import dev.descent.engine.graph.Problem;
import dev.descent.engine.vocab.Shown;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentException;
import dev.descent.experiment.ExperimentReader;
import dev.descent.experiment.PreparedExperiment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of mutated experiment files, CSV files and IDX files fed to the readers, from seeds that are
 * the sample files and the headers of the real Fashion-MNIST files (or the same headers written here when
 * the dataset is not installed). Every case must be accepted, or refused with the project's own
 * bad-input exception ({@link ExperimentException}, {@link DataException}) and a message that is one
 * short line without control characters, never ending in "null"; no other exception, no case longer
 * than {@value #CASE_SECONDS} s, and no case allocating more than {@value #MAX_CASE_MB} MB (the files
 * are small: a reader that trusts a size it read would allocate far more).
 *
 * <p>The mutations are seeded: a failure names its seed and case, and
 * {@code -Ddescent.fuzz.seed=S -Ddescent.fuzz.cases=N} replays or widens the search.
 */
class ReaderFuzzTest {
    static final int CASE_SECONDS = 10;
    static final int MAX_CASE_MB = 96;
    private static final long SEED = Long.getLong("descent.fuzz.seed", 20261202L);
    /** Cases per kind of file (IDX cases, compressed and slower, are 3/4 of it). */
    private static final int CASES = Integer.getInteger("descent.fuzz.cases", 2000);
    private static final int MAX_MESSAGE_CHARS = 2000;
    private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    static Path dir;
    private static ExecutorService worker;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @BeforeAll
    static void start() {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-case");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stop() {
        worker.shutdownNow();
    }

    // ---- experiment files ----

    @Test
    void mutatedExperimentFilesAreReadOrRefusedWithTheirProblems() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        try (var files = Files.list(Path.of("sample-data"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                seeds.add(Files.readAllBytes(f));
            }
        }
        Mutator mutator = new Mutator(new SplittableRandom(SEED), Mutator.JSON_TOKENS);
        Path file = dir.resolve("fuzz.json");
        Files.copy(Path.of("sample-data/moons.csv"), dir.resolve("moons.csv"));
        run("experiment", CASES, i -> {
            byte[] bytes = mutator.mutate(seeds.get(i % seeds.size()));
            Files.write(file, bytes);
            return bytes;
        }, () -> {
            try {
                Experiment e = ExperimentReader.read(file);
                // an accepted file must also be checkable without its data
                for (Problem p : PreparedExperiment.problemsWithoutData(e)) {
                    checkMessage(p.message());
                }
            } catch (ExperimentException e) {
                assertTrue(!e.problems().isEmpty(), "an ExperimentException without a problem");
                for (Problem p : e.problems()) {
                    checkMessage(p.message());
                }
            }
            return null;
        });
    }

    // ---- CSV files ----

    @Test
    void mutatedCsvFilesAreReadOrRefusedWithOneLine() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        try (var files = Files.list(Path.of("sample-data"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".csv")).sorted().toList()) {
                List<String> lines = Files.readAllLines(f);
                seeds.add((String.join("\n", lines.subList(0, Math.min(lines.size(), 30))) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                String[] header = lines.get(0).split(",");
                targets.add(header[header.length - 1]);
            }
        }
        Mutator mutator = new Mutator(new SplittableRandom(SEED + 1), Mutator.CSV_TOKENS);
        Path file = dir.resolve("fuzz.csv");
        Task[] tasks = Task.values();
        int[] which = new int[1];
        run("CSV", CASES, i -> {
            which[0] = i;
            byte[] bytes = mutator.mutate(seeds.get(i % seeds.size()));
            Files.write(file, bytes);
            return bytes;
        }, () -> {
            int i = which[0];
            try {
                dev.descent.engine.data.CsvReader.read(file, i % 7 == 0 ? "nope" : targets.get(i % targets.size()),
                        tasks[(i / seeds.size()) % tasks.length]);
            } catch (DataException e) {
                checkMessage(e.getMessage());
            }
            return null;
        });
    }

    // ---- IDX files ----

    /** The first bytes of a real IDX file (header and a few records), or the same header written here. */
    private static byte[] idxSeed(String name, int magic, int[] dims, int records, int recordBytes) throws IOException {
        Path real = FASHION.resolve(name);
        if (Files.isRegularFile(real)) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(real))) {
                return in.readNBytes(4 + 4 * dims.length + records * recordBytes);
            }
        }
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + records * recordBytes);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        for (int i = 0; b.hasRemaining(); i++) {
            b.put((byte) (recordBytes == 1 ? i % 10 : i * 37));
        }
        return b.array();
    }

    /** {@code idx} with its record count rewritten, so the header matches the records it holds. */
    private static byte[] withCount(byte[] idx, int count) {
        byte[] copy = idx.clone();
        ByteBuffer.wrap(copy).putInt(4, count);
        return copy;
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void mutatedIdxFilesAreReadOrRefusedWithOneLine() throws Exception {
        // seeds: the real headers (60,000 and 10,000 images of 28×28) over 20 images, as promised (count
        // rewritten to 20) and as in the real file, plain and compressed
        byte[] train = idxSeed("train-images-idx3-ubyte.gz", 0x803, new int[]{60_000, 28, 28}, 20, 784);
        byte[] test = idxSeed("t10k-images-idx3-ubyte.gz", 0x803, new int[]{10_000, 28, 28}, 20, 784);
        byte[] trainLabels = idxSeed("train-labels-idx1-ubyte.gz", 0x801, new int[]{60_000}, 20, 1);
        byte[] testLabels = idxSeed("t10k-labels-idx1-ubyte.gz", 0x801, new int[]{10_000}, 20, 1);
        List<byte[][]> pairs = new ArrayList<>();
        for (byte[][] pair : List.of(new byte[][]{withCount(train, 20), withCount(trainLabels, 20)},
                new byte[][]{withCount(test, 20), withCount(testLabels, 20)}, new byte[][]{train, trainLabels},
                new byte[][]{test, testLabels})) {
            pairs.add(pair);
            pairs.add(new byte[][]{gzip(pair[0]), gzip(pair[1])});
        }
        Mutator mutator = new Mutator(new SplittableRandom(SEED + 2), List.of());
        SplittableRandom pick = new SplittableRandom(SEED + 3);
        Path images = dir.resolve("images.idx");
        Path labels = dir.resolve("labels.idx");
        run("IDX", CASES * 3 / 4, i -> {
            byte[][] pair = pairs.get(i % pairs.size());
            byte[] imageBytes = pair[0];
            byte[] labelBytes = pair[1];
            int what = pick.nextInt(4);
            if (what != 1) {
                imageBytes = mutateIdx(mutator, pick, imageBytes);
            }
            if (what != 0) {
                labelBytes = mutateIdx(mutator, pick, labelBytes);
            }
            Files.write(images, imageBytes);
            Files.write(labels, labelBytes);
            return imageBytes;
        }, () -> {
            try {
                IdxReader.read(images, labels);
            } catch (DataException e) {
                checkMessage(e.getMessage());
            }
            return null;
        });
    }

    /** A mutation of an IDX file: its bytes, or one of its header fields set to an edge value. */
    private static byte[] mutateIdx(Mutator mutator, SplittableRandom pick, byte[] bytes) throws IOException {
        boolean compressed = bytes.length > 2 && (bytes[0] & 0xFF) == 0x1f && (bytes[1] & 0xFF) == 0x8b;
        byte[] plain = compressed ? new GZIPInputStream(new java.io.ByteArrayInputStream(bytes)).readAllBytes() : bytes;
        byte[] mutated;
        if (pick.nextBoolean() && plain.length >= 16) {
            mutated = plain.clone();
            int[] edge = {0, 1, 2, 255, 256, 28, 784, 60_000, 65_536, 1 << 24, 100_000_000, 200_000_001,
                    Integer.MAX_VALUE, -1, Integer.MIN_VALUE, 0x803, 0x801, 0x80D, 0x0803_0000};
            int field = pick.nextInt(Math.min(4, plain.length / 4));
            ByteBuffer.wrap(mutated).putInt(4 * field, pick.nextInt(3) == 0 ? pick.nextInt() : edge[pick.nextInt(edge.length)]);
        } else {
            mutated = mutator.mutate(plain);
        }
        if (compressed && pick.nextInt(5) == 0) {
            return mutator.mutate(gzip(mutated)); // damage the compressed stream itself
        }
        return compressed ? gzip(mutated) : mutated;
    }

    // ---- the harness ----

    private interface Maker {
        byte[] make(int i) throws Exception;
    }

    /**
     * Runs {@code cases} cases, each made by {@code maker} and checked by {@code check} on the worker
     * thread within {@link #CASE_SECONDS}; counts and the largest allocation go to the test's output.
     */
    private static void run(String kind, int cases, Maker maker, Callable<Void> check) throws Exception {
        long largest = 0;
        long started = System.nanoTime();
        long[] cpu = new long[1];
        for (int i = 0; i < cases; i++) {
            byte[] input = maker.make(i);
            long[] allocated = new long[1];
            Future<Void> future = worker.submit(() -> {
                long before = THREADS.getCurrentThreadAllocatedBytes();
                long cpuBefore = THREADS.getCurrentThreadCpuTime();
                try {
                    return check.call();
                } finally {
                    allocated[0] = THREADS.getCurrentThreadAllocatedBytes() - before;
                    cpu[0] += THREADS.getCurrentThreadCpuTime() - cpuBefore;
                }
            });
            try {
                future.get(CASE_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                fail(kind + " case " + i + " (seed " + SEED + ") took more than " + CASE_SECONDS + " s: " + preview(input));
            } catch (java.util.concurrent.ExecutionException e) {
                throw new AssertionError(kind + " case " + i + " (seed " + SEED + ") threw " + e.getCause() + " for "
                        + preview(input), e.getCause());
            }
            largest = Math.max(largest, allocated[0]);
            assertTrue(allocated[0] <= (long) MAX_CASE_MB << 20, kind + " case " + i + " (seed " + SEED + ") allocated "
                    + allocated[0] / (1 << 20) + " MB for " + input.length + " bytes: " + preview(input));
        }
        System.out.printf(Locale.ROOT, "fuzz: %,d %s cases in %.1f s (%.1f s of CPU reading), at most %.1f MB allocated"
                + " by one%n", cases, kind, (System.nanoTime() - started) / 1e9, cpu[0] / 1e9, largest / 1048576.0);
    }

    /** A bad-input message: one line, not blank, short, with no control characters, not ending in null. */
    private static void checkMessage(String message) {
        assertTrue(message != null && !message.isBlank(), "an empty message");
        assertTrue(!Shown.hasControl(message), () -> "a control character in: " + Shown.escaped(message));
        assertTrue(message.length() <= MAX_MESSAGE_CHARS, () -> "a message of " + message.length() + " characters: "
                + message.substring(0, 200));
        assertTrue(!message.endsWith("null") && !message.contains(": null"), () -> "a message ending in null: " + message);
    }

    private static String preview(byte[] input) {
        String text = new String(input, 0, Math.min(input.length, 300), StandardCharsets.ISO_8859_1);
        return Shown.escaped(text) + (input.length > 300 ? "…" : "");
    }
}
