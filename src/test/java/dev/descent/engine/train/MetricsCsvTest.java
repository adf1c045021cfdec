package dev.descent.engine.train;

import static dev.descent.testing.Specs.mlp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.Generator;
import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.data.Split;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Choice;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** metrics.csv as real runs write it: joined in run order, whole rows, failures kept off the training threads. */
class MetricsCsvTest {
    private static final String HEADER = "run,member,step,epoch,train_loss,val_loss,val_accuracy,learning_rate,grad_norm:h1,"
            + "grad_norm:out,weight_norm:h1,weight_norm:out,update_ratio:h1,update_ratio:out,act_mean:a1,act_std:a1,"
            + "saturated:a1";

    @TempDir
    Path dir;

    private static List<RunConfig> runs(String... names) {
        return java.util.Arrays.stream(names).map(name -> new RunConfig(name, mlp(8, "tanh", 2, "cross_entropy"),
                Choice.of(OptimizerType.SGD).with("learningRate", 0.1), Choice.of(Schedule.CONSTANT),
                Choice.of(InputNormalizer.STANDARDIZE))).toList();
    }

    /** Trains {@code runs} for {@code steps} steps with {@code metrics} recording them. */
    private static Recorder train(List<RunConfig> runs, int steps, MetricsCsv metrics) throws Exception {
        Dataset data = Generator.MOONS.generate(200, 0.1, 2, 5);
        Split split = Split.of(data, 0.2, 5);
        Recorder recorder = new Recorder();
        try (LockstepComparison comparison = LockstepComparison.create(new TrainingConfig(5, 1, 16, 10, steps,
                DataType.FLOAT), split.train(), split.validation(), runs)) {
            for (int i = 0; i < runs.size(); i++) {
                comparison.addListener(i, metrics.listener(i));
            }
            comparison.addListener(recorder);
            comparison.start();
            assertTrue(comparison.await(60, TimeUnit.SECONDS), "training did not finish");
        }
        return recorder;
    }

    @Test
    void numbersAreTheShortestDecimalsThatReadBackExactly() {
        // Java 17's Double.toString writes 1.41559048078636544E18 (a digit more than needed) for this value
        double value = Double.parseDouble("1.41559048078636544E18");
        assertEquals("1.4155904807863654E18", MetricsCsv.number(value));
        assertEquals(value, Double.parseDouble("1.4155904807863654E18"));
        // and over many values of every size: exact, never longer than Java's, same notation as Java's
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 100_000; i++) {
            double v = Math.exp(random.nextGaussian() * 20) * (random.nextBoolean() ? 1 : -1);
            String shortest = MetricsCsv.number(v);
            String java = Double.toString(v);
            assertEquals(v, Double.parseDouble(shortest), shortest);
            assertTrue(shortest.length() <= java.length(), shortest + " against " + java);
            assertEquals(java.contains("E"), shortest.contains("E"), shortest + " against " + java);
        }
        assertEquals("0.001", MetricsCsv.number(0.001));
        assertEquals("", MetricsCsv.number(Double.NaN));
        assertEquals("", MetricsCsv.number(Double.POSITIVE_INFINITY));
    }

    @Test
    void aCompleteRunIsOneFileInRunOrderWithNoPartsLeft() throws Exception {
        Path target = dir.resolve("metrics.csv");
        MetricsCsv metrics = new MetricsCsv(target, List.of("h1", "out"), List.of("a1"), List.of("a", "b", "c"));

        train(runs("a", "b", "c"), 40, metrics);
        metrics.finish();

        List<String> lines = Files.readAllLines(target);
        assertEquals(HEADER, lines.get(0));
        assertEquals(1 + 3 * 40, lines.size());
        for (int i = 0; i < 3 * 40; i++) {
            String run = List.of("a", "b", "c").get(i / 40);
            assertTrue(lines.get(1 + i).startsWith(run + ",0," + (i % 40 + 1) + ","), lines.get(1 + i));
        }
        assertEquals(List.of(target), listing(dir));
    }

    @Test
    void whileRunsTrainEachFileHoldsItsHeaderAndWholeRows() throws Exception {
        // given three runs that are still training (paused after 1,500 steps)
        Path target = dir.resolve("metrics.csv");
        MetricsCsv metrics = new MetricsCsv(target, List.of("h1", "out"), List.of("a1"), List.of("a", "b", "c"));
        Dataset data = Generator.MOONS.generate(200, 0.1, 2, 5);
        Split split = Split.of(data, 0.2, 5);
        try (LockstepComparison comparison = LockstepComparison.create(new TrainingConfig(5, 1, 16, 10, 1_000_000,
                DataType.FLOAT), split.train(), split.validation(), runs("a", "b", "c"))) {
            for (int i = 0; i < 3; i++) {
                comparison.addListener(i, metrics.listener(i));
            }
            comparison.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (comparison.summaries().stream().mapToInt(RunSummary::steps).min().orElse(0) < 1_500
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            comparison.pause();
            Thread.sleep(200);
            int written = comparison.summaries().stream().mapToInt(RunSummary::steps).min().orElseThrow();
            Thread.sleep(MetricsCsv.FLUSH_NANOS / 1_000_000 + 100);

            // then metrics.csv (run 0) and one part per other run each start with the header and end with a
            // whole row, and most rows are already on disk
            for (Path file : List.of(target, MetricsCsv.partFile(target, 1), MetricsCsv.partFile(target, 2))) {
                String text = Files.readString(file);
                assertTrue(text.startsWith(HEADER + "\n"), file.toString());
                assertTrue(text.endsWith("\n"), file + " ends mid-row");
                long rows = text.lines().count() - 1;
                assertTrue(rows > written / 2, file + ": " + rows + " rows of " + written);
                for (String row : text.lines().skip(1).toList()) {
                    assertEquals(17, row.split(",", -1).length, row);
                }
            }
            comparison.stop();
        }
        metrics.discard();
    }

    /** A store that fails once {@code limit} bytes are written, as a full disk does. */
    private static final class FullAfter implements MetricsCsv.Store {
        private final long limit;
        private long written;

        FullAfter(long limit) {
            this.limit = limit;
        }

        @Override
        public WritableByteChannel open(Path file) throws IOException {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            return new WritableByteChannel() {
                @Override
                public int write(ByteBuffer src) throws IOException {
                    synchronized (FullAfter.this) {
                        if (written + src.remaining() > limit) {
                            throw new IOException("No space left on device");
                        }
                        written += src.remaining();
                    }
                    return channel.write(src);
                }

                @Override
                public boolean isOpen() {
                    return channel.isOpen();
                }

                @Override
                public void close() throws IOException {
                    channel.close();
                }
            };
        }
    }

    @Test
    void aFullDiskIsKeptOffTheTrainingThreadsAndReportedOnceByFinish() throws Exception {
        // given a store with room for the headers and a few rows only
        Path target = dir.resolve("metrics.csv");
        MetricsCsv metrics = new MetricsCsv(target, List.of("h1", "out"), List.of("a1"), List.of("a", "b"), new FullAfter(40_000));
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Recorder recorder;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            // when two runs write 3,000 rows each
            recorder = train(runs("a", "b"), 3_000, metrics);
        } finally {
            System.setErr(stderr);
        }

        // then the runs completed without a word about a failed listener, the failure is kept,
        // finish throws it, and discard leaves nothing behind
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
        assertTrue(recorder.statuses.stream().filter(s -> s.status().isFinal()).allMatch(s -> s.status() == RunStatus.COMPLETED));
        assertEquals("No space left on device", metrics.failure().getMessage());
        IOException thrown = assertThrows(IOException.class, metrics::finish);
        assertEquals("No space left on device", thrown.getMessage());
        metrics.discard();
        assertEquals(List.of(), listing(dir));
    }

    @Test
    void recoverJoinsTheWholeRowsAKilledRunLeft() throws Exception {
        // given what a killed run leaves: metrics.csv with run 0's rows, parts with the others', and one
        // file cut inside a row
        Path target = dir.resolve("metrics.csv");
        Files.writeString(target, HEADER + "\na,1,1,0.5,,,0.1,1.0,2.0\na,2,1,0.4,,,0.1,1.0,2.0\n");
        Files.writeString(MetricsCsv.partFile(target, 1), HEADER + "\nb,1,1,0.6,,,0.1,1.0,2.0\nb,2,1,0.5,,,0.1,1.");
        Files.writeString(MetricsCsv.partFile(target, 2), HEADER + "\n");
        Files.writeString(MetricsCsv.partFile(target, 10), HEADER + "\nk,1,1,0.7,,,0.1,1.0,2.0\n");

        MetricsCsv.Recovery recovery = MetricsCsv.recover(target);

        assertEquals(new MetricsCsv.Recovery(3, 4), recovery);
        assertEquals(HEADER + "\na,1,1,0.5,,,0.1,1.0,2.0\na,2,1,0.4,,,0.1,1.0,2.0\nb,1,1,0.6,,,0.1,1.0,2.0\n"
                + "k,1,1,0.7,,,0.1,1.0,2.0\n", Files.readString(target));
        assertEquals(List.of(target), listing(dir));
    }

    @Test
    void recoverRefusesAPartWithOtherColumns() throws Exception {
        Path target = dir.resolve("metrics.csv");
        Files.writeString(target, HEADER + "\n");
        Files.writeString(MetricsCsv.partFile(target, 1), "run,step\nb,1\n");

        IOException e = assertThrows(IOException.class, () -> MetricsCsv.recover(target));

        assertEquals("metrics.csv.part1 has other columns than metrics.csv; it is not a part of the same run",
                e.getMessage());
    }

    /** The files in {@code directory}, with the directory closed again (an open listing keeps a mount busy). */
    private static List<Path> listing(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.toList();
        }
    }
}
