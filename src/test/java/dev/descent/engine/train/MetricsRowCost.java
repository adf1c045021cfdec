package dev.descent.engine.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures what a metrics.csv row costs the training thread with only its seven fixed columns and with
 * every per-node column (grad_norm, weight_norm, update_ratio, act_mean, act_std, saturated). Measures only; not part of the suite:
 * {@code java -cp target/classes:target/test-classes:<deps> dev.descent.engine.train.MetricsRowCost}.
 */
public final class MetricsRowCost {
    private MetricsRowCost() {
    }

    public static void main(String[] args) throws Exception {
        for (int[] shape : new int[][] {{3, 2}, {9, 8}}) {
            measure(shape[0], shape[1]);
        }
    }

    private static void measure(int parameterNodes, int activationNodes) throws Exception {
        List<String> p = new ArrayList<>();
        List<String> a = new ArrayList<>();
        for (int i = 0; i < parameterNodes; i++) {
            p.add("dense" + i);
        }
        for (int i = 0; i < activationNodes; i++) {
            a.add("act" + i);
        }
        MetricLayout layout = new MetricLayout(p, a);
        Path dir = Files.createTempDirectory("row-cost");
        double before = nanosPerRow(dir.resolve("grad.csv"), layout, List.of(), List.of());
        double after = nanosPerRow(dir.resolve("all.csv"), layout, p, a);
        long bytesBefore = Files.size(dir.resolve("grad.csv")) / ROWS;
        long bytesAfter = Files.size(dir.resolve("all.csv")) / ROWS;
        System.out.printf(Locale.ROOT, "%d parameter, %d activation nodes: %.2f µs/row (%d B) with the seven fixed columns only,"
                + " %.2f µs/row (%d B) with every column%n", parameterNodes, activationNodes, before / 1e3,
                bytesBefore, after / 1e3, bytesAfter);
    }

    private static final int ROWS = 200_000;

    private static double nanosPerRow(Path file, MetricLayout layout, List<String> p, List<String> a)
            throws Exception {
        MetricsCsv csv = new MetricsCsv(file, p, a, List.of("run"));
        TrainingListener listener = csv.listener(0);
        java.util.Random random = new java.util.Random(1);
        int n = p.size();
        int m = layout.activationNodes().size();
        long best = Long.MAX_VALUE;
        int step = 0;
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < ROWS / 3; i++) {
                step++;
                listener.onStep(new StepEvent(0, "run", step, 1, random.nextDouble(), 0.01, layout, values(random, n),
                        values(random, n), values(random, n), values(random, m), values(random, m), values(random, m)));
            }
            best = Math.min(best, System.nanoTime() - start);
        }
        csv.finish();
        return best / (double) (ROWS / 3);
    }

    private static double[] values(java.util.Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextDouble() * Math.pow(10, -random.nextInt(6));
        }
        return v;
    }
}
