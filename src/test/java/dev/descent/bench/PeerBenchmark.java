package dev.descent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.engine.Engine;
import dev.descent.engine.train.LockstepComparison;
import dev.descent.engine.train.RunSummary;
import dev.descent.experiment.ExperimentReader;
import dev.descent.experiment.PreparedExperiment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Descent against PyTorch on the same shapes, float32, optimizer and random data: the engine
 * benchmark's 2-16-16-2 and 784-256-128-10 cases with SGD and Adam, PyTorch on one thread and on all
 * cores, and one epoch of each run of {@code sample-data/fashion-mnist/fashion-mnist.json} (784-128-10, SGD and
 * Adam, batch 64) against the same in PyTorch. Runs only when Debian's {@code /usr/bin/python3} can import torch
 * ({@code apt-get install python3-torch}); PyTorch's side is {@code torch_bench.py} beside this class.
 * Writes {@code target/bench/pytorch.json}. Measures only; asserts nothing.
 *
 * <p>Each figure is given per second of wall time and per second of CPU time (Descent's training
 * thread; PyTorch's process, which on one thread is its one thread): on a shared machine the wall
 * figures of two back-to-back runs can differ by 2× while the CPU figures hold. "One thread" for PyTorch
 * means {@code torch.set_num_threads(1)} and {@code OPENBLAS_NUM_THREADS=1}: Debian's torch does its
 * products in OpenBLAS, whose own threads {@code set_num_threads} does not bound (with them, one
 * "thread" used 6× the CPU time on a loaded machine). Descent is measured with its per-step metrics on;
 * PyTorch has none. The load average at the start is written beside the figures.
 */
public final class PeerBenchmark {
    static final String PYTHON = "/usr/bin/python3";
    private static final Path FASHION = Path.of("sample-data/fashion-mnist/fashion-mnist.json");

    /** One case: Descent's figures and PyTorch's on one thread and on all cores. */
    record Row(String name, String optimizer, double descent, double descentCpu, double torchOne, double torchOneCpu,
               double torchAll) {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/bench");
        Files.createDirectories(out);
        String torch = torchVersion();
        if (torch == null) {
            System.out.println("PyTorch comparison skipped: " + PYTHON + " cannot import torch (apt-get install python3-torch)");
            System.exit(0);
        }
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 4;
        String load = loadAverage();
        int cores = Runtime.getRuntime().availableProcessors();
        Path script = script(out);
        List<Row> rows = new ArrayList<>();
        List<EngineBenchmark.Case> cases = List.of(new EngineBenchmark.Case("tiny", new int[]{2, 16, 16, 2}, 32, seconds),
                new EngineBenchmark.Case("mlp", new int[]{784, 256, 128, 10}, 128, seconds));
        for (EngineBenchmark.Case c : cases) {
            for (String optimizer : List.of("sgd", "adam")) {
                double[] descent = EngineBenchmark.descentMeasured(c, optimizer.equals("adam"));
                String shape = shape(c.widths());
                JsonNode one = python(script, "mlp", shape, String.valueOf(c.batch()), optimizer, "1", String.valueOf(seconds));
                JsonNode all = python(script, "mlp", shape, String.valueOf(c.batch()), optimizer, String.valueOf(cores),
                        String.valueOf(seconds));
                Row row = new Row(c.name(), optimizer, descent[0], descent[1], one.get("steps_per_s").asDouble(),
                        one.get("steps_per_cpu_s").asDouble(), all.get("steps_per_s").asDouble());
                rows.add(row);
                System.out.printf(Locale.ROOT, "%-5s %-5s descent %8.0f st/s (%8.0f per CPU s)   torch 1 thread %8.0f (%8.0f)"
                                + "   torch %d threads %8.0f   ratio %.2fx / %.2fx (CPU %.2fx)%n", c.name(), optimizer,
                        row.descent(), row.descentCpu(), row.torchOne(), row.torchOneCpu(), cores, row.torchAll(),
                        row.descent() / row.torchOne(), row.descent() / row.torchAll(), row.descentCpu() / row.torchOneCpu());
            }
        }
        String fashion = fashion(script, cores);
        Files.writeString(out.resolve("pytorch.json"), json(torch, load, cores, rows, fashion));
        System.out.println("wrote " + out.resolve("pytorch.json") + " (load average at the start: " + load + ")");
        System.exit(0);
    }

    /** The cases as JSON, with both ratios: Descent against PyTorch on one thread and on all cores. */
    static String json(String torch, String load, int cores, List<Row> rows, String fashion) {
        List<String> cases = new ArrayList<>();
        for (Row r : rows) {
            cases.add(String.format(Locale.ROOT, "{\"name\": \"%s\", \"optimizer\": \"%s\", \"descent_steps_per_s\": %.1f,"
                            + " \"descent_steps_per_cpu_s\": %.1f, \"torch_1_thread_steps_per_s\": %.1f,"
                            + " \"torch_1_thread_steps_per_cpu_s\": %.1f, \"torch_all_cores_steps_per_s\": %.1f,"
                            + " \"ratio_vs_torch_1_thread\": %.3f, \"ratio_vs_torch_all_cores\": %.3f,"
                            + " \"cpu_ratio_vs_torch_1_thread\": %.3f}",
                    r.name(), r.optimizer(), r.descent(), r.descentCpu(), r.torchOne(), r.torchOneCpu(), r.torchAll(),
                    r.descent() / r.torchOne(), r.descent() / r.torchAll(), r.descentCpu() / r.torchOneCpu()));
        }
        return String.format(Locale.ROOT, "{\"torch\": \"%s\", \"cores\": %d, \"load_average\": \"%s\", \"cases\": [%s],"
                + " \"fashion_mnist\": %s}%n", torch, cores, load, String.join(", ", cases), fashion);
    }

    /**
     * One epoch of each run of the Fashion-MNIST sample, alone, in Descent and in PyTorch (one thread and
     * all cores), or {@code null} without the files.
     */
    private static String fashion(Path script, int cores) throws Exception {
        if (!Files.isRegularFile(FASHION)) {
            return "null";
        }
        var experiment = ExperimentReader.read(FASHION);
        if (!(experiment.dataset() instanceof dev.descent.experiment.DatasetSpec.Idx idx)
                || !Files.isRegularFile(experiment.resolve(idx.images()))) {
            System.out.println("Fashion-MNIST skipped: apt-get install dataset-fashion-mnist");
            return "null";
        }
        Engine.initialize();
        String images = experiment.resolve(idx.images()).toString();
        String labels = experiment.resolve(idx.labels()).toString();
        List<String> runs = new ArrayList<>();
        // validation only at the epoch's end, as PyTorch's side measures it (the sample evaluates every 200 steps)
        var training = experiment.training();
        var once = experiment.withTraining(new dev.descent.experiment.TrainingSpec(training.epochs(), training.batchSize(),
                1_000_000));
        for (var run : experiment.runs()) {
            PreparedExperiment prepared = PreparedExperiment.prepare(once.withRuns(List.of(run)));
            RunSummary descent;
            double cpuSeconds;
            try (LockstepComparison comparison = prepared.comparison(0); TrainingCpu cpu = TrainingCpu.start()) {
                comparison.start();
                comparison.await(30, TimeUnit.MINUTES);
                cpuSeconds = cpu.seconds();
                descent = comparison.summaries().get(0);
            }
            String optimizer = run.optimizer().term().id();
            JsonNode one = python(script, "fashion", images, labels, optimizer, "1");
            JsonNode all = python(script, "fashion", images, labels, optimizer, String.valueOf(cores));
            System.out.printf(Locale.ROOT, "fashion-mnist 784-128-10 %s b64, 1 epoch: descent %.0f st/s (%.0f per CPU s),"
                            + " val acc %.4f; torch 1 thread %.0f (%.0f), val acc %.4f; torch %d threads %.0f%n", optimizer,
                    descent.stepsPerSecond(), descent.steps() / cpuSeconds, descent.validationAccuracy(),
                    one.get("steps_per_s").asDouble(), one.get("steps_per_cpu_s").asDouble(),
                    one.get("val_accuracy").asDouble(), cores, all.get("steps_per_s").asDouble());
            runs.add(String.format(Locale.ROOT, "{\"optimizer\": \"%s\", \"steps\": %d, \"descent_steps_per_s\": %.1f,"
                            + " \"descent_steps_per_cpu_s\": %.1f, \"descent_val_accuracy\": %.4f,"
                            + " \"torch_1_thread_steps_per_s\": %.1f, \"torch_1_thread_steps_per_cpu_s\": %.1f,"
                            + " \"torch_1_thread_val_accuracy\": %.4f, \"torch_all_cores_steps_per_s\": %.1f,"
                            + " \"ratio_vs_torch_1_thread\": %.3f, \"ratio_vs_torch_all_cores\": %.3f}", optimizer,
                    descent.steps(), descent.stepsPerSecond(), descent.steps() / cpuSeconds, descent.validationAccuracy(),
                    one.get("steps_per_s").asDouble(), one.get("steps_per_cpu_s").asDouble(),
                    one.get("val_accuracy").asDouble(), all.get("steps_per_s").asDouble(),
                    descent.stepsPerSecond() / one.get("steps_per_s").asDouble(),
                    descent.stepsPerSecond() / all.get("steps_per_s").asDouble()));
        }
        return "[" + String.join(", ", runs) + "]";
    }

    /** torch's version, or {@code null} when Debian's python cannot import it. */
    static String torchVersion() {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return null;
        }
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import torch; print(torch.__version__)").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 ? text : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Path script(Path out) throws IOException {
        Path script = out.resolve("torch_bench.py");
        try (InputStream in = PeerBenchmark.class.getResourceAsStream("torch_bench.py")) {
            Files.write(script, in.readAllBytes());
        }
        return script;
    }

    private static JsonNode python(Path script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        String threads = args[4];
        builder.environment().put("OPENBLAS_NUM_THREADS", threads);
        builder.environment().put("OMP_NUM_THREADS", threads);
        Process p = builder.start();
        String text = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("torch_bench.py " + String.join(" ", args) + " failed: " + text);
        }
        return new ObjectMapper().readTree(text);
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String shape(int[] widths) {
        StringBuilder b = new StringBuilder();
        for (int w : widths) {
            b.append(b.length() == 0 ? "" : "-").append(w);
        }
        return b.toString();
    }
}
