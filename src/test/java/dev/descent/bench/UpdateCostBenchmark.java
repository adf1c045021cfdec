package dev.descent.bench;

import dev.descent.engine.Engine;
import dev.descent.engine.optim.Optimizer;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.vocab.Choice;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What each optimizer's update costs per parameter: {@link Optimizer#computeUpdate} on the MLP's
 * 235,146 float parameters, in nanoseconds of this thread's CPU time per value, beside one pass over
 * the parameters (a copy of the gradient, which every measurement includes since the update overwrites
 * it). CPU time, not wall time, so the figures hold on a shared machine. Writes
 * {@code target/bench/optimizers.json}. Measures only; asserts nothing.
 */
public final class UpdateCostBenchmark {
    static final int PARAMETERS = 784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/bench");
        Files.createDirectories(out);
        Engine.initialize();
        String load = PeerBenchmark.loadAverage();
        INDArray theta = Nd4j.rand(DataType.FLOAT, 1, PARAMETERS).subi(0.5);
        INDArray gradient = Nd4j.rand(DataType.FLOAT, 1, PARAMETERS).subi(0.5).muli(0.01);
        INDArray work = gradient.dup();
        double pass = nanosPerValue(() -> work.assign(gradient));
        List<String> rows = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%-10s %8.2f ns/value (one pass: copy of the gradient)%n", "pass", pass);
        for (OptimizerType type : OptimizerType.values()) {
            Optimizer optimizer = Optimizer.create(Choice.of(type), theta);
            int[] step = {0};
            double total = nanosPerValue(() -> {
                work.assign(gradient);
                optimizer.computeUpdate(work, theta, 1.0, step[0]++ % 1000, 1e-3);
            });
            double update = total - pass;
            System.out.printf(Locale.ROOT, "%-10s %8.2f ns/value (%.1f passes)%n", type.id(), update, update / pass);
            rows.add(String.format(Locale.ROOT, "{\"optimizer\": \"%s\", \"update_ns_per_value\": %.3f, \"passes\": %.2f}",
                    type.id(), update, update / pass));
        }
        Files.writeString(out.resolve("optimizers.json"), String.format(Locale.ROOT,
                "{\"parameters\": %d, \"load_average\": \"%s\", \"pass_ns_per_value\": %.3f, \"optimizers\": [%s]}%n",
                PARAMETERS, load, pass, String.join(", ", rows)));
        System.out.println("wrote " + out.resolve("optimizers.json") + " (load average at the start: " + load + ")");
        System.exit(0);
    }

    /** CPU nanoseconds of this thread per parameter value for one call, after a warm-up. */
    private static double nanosPerValue(Runnable r) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 100; i++) {
            r.run();
        }
        int reps = 0;
        long wall = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        while (System.nanoTime() - wall < 700_000_000L) {
            r.run();
            reps++;
        }
        return (threads.getCurrentThreadCpuTime() - cpu) / (double) reps / PARAMETERS;
    }
}
