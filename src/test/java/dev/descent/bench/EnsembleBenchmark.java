package dev.descent.bench;

import static dev.descent.testing.Specs.activation;
import static dev.descent.testing.Specs.chain;
import static dev.descent.testing.Specs.dense;
import static dev.descent.testing.Specs.input;
import static dev.descent.testing.Specs.loss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.engine.Engine;
import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.train.LockstepComparison;
import dev.descent.engine.train.RunConfig;
import dev.descent.engine.train.StepEvent;
import dev.descent.engine.train.TrainingConfig;
import dev.descent.engine.train.TrainingListener;
import dev.descent.engine.vocab.Choice;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Seed ensembles of the tiny net (2-16-16-2, ReLU, softmax cross-entropy, batch 32, plain SGD η = 0.01,
 * random float32 data, per-step metrics on as always): 64 members of one run (seeds 0–63: member 0 on
 * the single-network path, members 1–63 stacked) on one worker thread, against one member trained alone
 * in the same process. Steps are counted from 1.5 s after the first step, as PyTorch's side counts after
 * its warm-up; the time to the first step (building 64 networks, their histories) is reported apart;
 * CPU figures are the worker thread's. When Debian's {@code /usr/bin/python3} can import torch, PyTorch trains the same 64
 * members stacked ({@code torch.baddbmm}, one thread, {@code torch_ensemble_bench.py} beside this class)
 * between Descent's rounds: the figures of a shared machine swing from one second to the next, so the
 * rounds interleave and every figure is reported as its best and its range, with the load average.
 * Writes {@code target/bench/ensemble.json}. Measures only; asserts nothing.
 */
public final class EnsembleBenchmark {
    private static final int MEMBERS = 64;
    private static final int BATCH = 32;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/bench");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Files.createDirectories(out);
        Engine.initialize();
        String loadBefore = PeerBenchmark.loadAverage();
        String torch = PeerBenchmark.torchVersion();
        Path script = torch == null ? null : script(out);
        Dataset data = data();
        // warm-up: JIT, ND4J caches
        measure(data, 1, 1.0);
        measure(data, MEMBERS, 1.5);
        List<double[]> single = new ArrayList<>();
        List<double[]> ensemble = new ArrayList<>();
        List<double[]> torchEnsemble = new ArrayList<>();
        List<double[]> torchSingle = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            single.add(measure(data, 1, seconds));
            ensemble.add(measure(data, MEMBERS, seconds));
            if (script != null) {
                torchEnsemble.add(python(script, MEMBERS, seconds));
                torchSingle.add(python(script, 1, seconds));
            }
            System.out.printf(Locale.ROOT, "round %d: descent 1 member %.0f st/s, %d members %.0f member-st/s (%.1fx; first step after %.0f ms)%s%n",
                    r + 1, single.get(r)[0], MEMBERS, ensemble.get(r)[0], ensemble.get(r)[0] / single.get(r)[0], ensemble.get(r)[2],
                    script == null ? "" : String.format(Locale.ROOT, "; torch baddbmm %d members %.0f member-st/s, 1 member %.0f",
                            MEMBERS, torchEnsemble.get(r)[0], torchSingle.get(r)[0]));
        }
        String loadAfter = PeerBenchmark.loadAverage();
        String json = String.format(Locale.ROOT, "{\"members\": %d, \"member_steps_per_s\": %.1f, \"single_steps_per_s\": %.1f,"
                        + " \"speedup\": %.2f, \"member_steps_per_s_range\": %s, \"single_steps_per_s_range\": %s,"
                        + " \"member_steps_per_cpu_s\": %.1f, \"single_steps_per_cpu_s\": %.1f, \"members_first_step_ms\": %.0f,"
                        + " \"torch\": %s, \"torch_member_steps_per_s\": %s, \"torch_member_steps_per_s_range\": %s,"
                        + " \"torch_single_steps_per_s\": %s, \"network\": \"2-16-16-2 relu, cross_entropy\", \"batch\": %d,"
                        + " \"optimizer\": \"sgd 0.01\", \"threads\": 1, \"seconds_per_round\": %.1f, \"rounds\": %d,"
                        + " \"load_average_before\": \"%s\", \"load_average_after\": \"%s\"}%n",
                MEMBERS, best(ensemble, 0), best(single, 0), best(ensemble, 0) / best(single, 0), range(ensemble),
                range(single), best(ensemble, 1), best(single, 1), lowest(ensemble, 2), torch == null ? "null" : "\"" + torch + "\"",
                torchEnsemble.isEmpty() ? "null" : String.format(Locale.ROOT, "%.1f", best(torchEnsemble, 0)),
                torchEnsemble.isEmpty() ? "null" : range(torchEnsemble),
                torchSingle.isEmpty() ? "null" : String.format(Locale.ROOT, "%.1f", best(torchSingle, 0)),
                BATCH, seconds, rounds, loadBefore, loadAfter);
        Files.writeString(out.resolve("ensemble.json"), json);
        System.out.print(json);
        System.out.println("wrote " + out.resolve("ensemble.json"));
        System.exit(0);
    }

    /**
     * {member-steps per wall second, per CPU second of the worker thread, ms from start to the first step}
     * of {@code members} members on one worker, counted as PyTorch's side counts: after the first step and
     * a warm-up of {@value #WARM_UP_MS} ms, so that building the networks and the JIT's first compilations
     * are reported apart (the third figure) rather than mixed into the rate.
     */
    static double[] measure(Dataset data, int members, double seconds) throws Exception {
        NetworkSpec spec = chain(input("in"), dense("h1", 16), activation("a1", "relu"), dense("h2", 16),
                activation("a2", "relu"), dense("out", 2), loss("loss", "cross_entropy"));
        List<RunConfig> runs = new ArrayList<>();
        for (int k = 0; k < members; k++) {
            runs.add(new RunConfig("bench #" + k, spec, Choice.of(OptimizerType.SGD).with("learningRate", 0.01),
                    Choice.of(Schedule.CONSTANT), Choice.of(InputNormalizer.NONE), "bench", k, 0));
        }
        TrainingConfig config = new TrainingConfig(1, 1, BATCH, Integer.MAX_VALUE, 50_000_000, DataType.FLOAT);
        Dataset empty = data.subset(new int[0]);
        AtomicLong steps = new AtomicLong();
        try (LockstepComparison comparison = LockstepComparison.create(config, data, empty, runs);
             TrainingCpu cpu = TrainingCpu.start()) {
            comparison.addListener(new TrainingListener() {
                @Override
                public void onStep(StepEvent e) {
                    steps.incrementAndGet();
                }
            });
            long start = System.nanoTime();
            comparison.start(LockstepComparison.Priority.NORMAL, 1);
            while (steps.get() == 0) {
                Thread.sleep(1);
            }
            double open = (System.nanoTime() - start) / 1e6;
            Thread.sleep(WARM_UP_MS);
            long fromSteps = steps.get();
            double fromCpu = cpu.seconds();
            long from = System.nanoTime();
            Thread.sleep((long) (seconds * 1000));
            long counted = steps.get() - fromSteps;
            double wall = (System.nanoTime() - from) / 1e9;
            double cpuSeconds = cpu.seconds() - fromCpu;
            comparison.stop();
            comparison.await(30, TimeUnit.SECONDS);
            return new double[] {counted / wall, counted / cpuSeconds, open};
        }
    }

    /** Training after the first step and before counting, as PyTorch's side warms up before it counts. */
    static final long WARM_UP_MS = 1500;

    /** Random features and labels for 50 batches, as the engine benchmark's. */
    static Dataset data() {
        int n = BATCH * 50;
        Random r = new Random(1);
        float[] x = new float[n * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(2);
        }
        return Dataset.classification("tiny", 2, x, y, List.of("f0", "f1"), List.of("c0", "c1"));
    }

    private static double best(List<double[]> figures, int column) {
        return figures.stream().mapToDouble(f -> f[column]).max().orElse(Double.NaN);
    }

    private static double lowest(List<double[]> figures, int column) {
        return figures.stream().mapToDouble(f -> f[column]).min().orElse(Double.NaN);
    }

    private static String range(List<double[]> figures) {
        double low = figures.stream().mapToDouble(f -> f[0]).min().orElse(Double.NaN);
        double high = figures.stream().mapToDouble(f -> f[0]).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, "[%.1f, %.1f]", low, high);
    }

    private static Path script(Path out) throws IOException {
        Path script = out.resolve("torch_ensemble_bench.py");
        try (InputStream in = EnsembleBenchmark.class.getResourceAsStream("torch_ensemble_bench.py")) {
            Files.write(script, in.readAllBytes());
        }
        return script;
    }

    /** {member-steps per wall second, per CPU second} of PyTorch on one thread. */
    private static double[] python(Path script, int members, double seconds) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(PeerBenchmark.PYTHON, script.toString(), String.valueOf(members),
                String.valueOf(seconds)).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("OPENBLAS_NUM_THREADS", "1");
        builder.environment().put("OMP_NUM_THREADS", "1");
        Process p = builder.start();
        String text = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("torch_ensemble_bench.py failed: " + text);
        }
        JsonNode json = new ObjectMapper().readTree(text);
        return new double[] {json.get("member_steps_per_s").asDouble(), json.get("member_steps_per_cpu_s").asDouble()};
    }
}
