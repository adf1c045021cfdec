package dev.descent.bench;

import static dev.descent.testing.Specs.activation;
import static dev.descent.testing.Specs.chain;
import static dev.descent.testing.Specs.dense;
import static dev.descent.testing.Specs.input;
import static dev.descent.testing.Specs.loss;

import dev.descent.engine.Engine;
import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.train.LockstepComparison;
import dev.descent.engine.train.RunConfig;
import dev.descent.engine.train.RunSummary;
import dev.descent.engine.train.TrainingConfig;
import dev.descent.engine.vocab.Choice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Training steps per second of Descent and of DL4J's MultiLayerNetwork on the same shapes, data type
 * (float), optimizer and random data, plus the sgemm rate ND4J reaches on the MLP's matrix shapes.
 * Measures only; asserts nothing. Run with {@code mvn -q -Pbench verify}; writes
 * {@code target/bench/engine.json}.
 *
 * <p>The headline figures use plain SGD in both engines, so they measure the engines rather than one
 * updater: ND4J's {@code adam_updater} op alone takes 2.5–3.9 ms per step on the MLP's 235,146
 * parameters (16 ns per value), for DL4J and Descent alike. Adam figures are printed beside them and
 * written to {@code target/bench/engine-adam.json}, so {@code engine.json} keeps exactly the agreed shape.
 *
 * <p>Descent is measured with its per-step metrics on (per-layer gradient, weight and update norms,
 * activation statistics, one event per step); DL4J with no listeners. Each engine runs in its own
 * recommended ND4J configuration: DL4J with ND4J's defaults (libnd4j and OpenBLAS on all cores, as DL4J
 * runs out of the box), Descent with {@link Engine}'s (one thread for both). The sgemm rate is measured
 * with OpenBLAS on one thread and on all cores, and the better one is reported: Descent is compared with
 * the best this machine does on the MLP's products.
 */
public final class EngineBenchmark {
    record Case(String name, int[] widths, int batch, double seconds) {
    }

    /** One case's figures. */
    record Result(String name, double descent, double dl4j, double descentGflops, double sgemmGflops,
                  double descentAdam, double dl4jAdam) {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/bench");
        Files.createDirectories(out);
        int cores = Runtime.getRuntime().availableProcessors();
        List<Case> cases = List.of(new Case("tiny", new int[]{2, 16, 16, 2}, 32, 5),
                new Case("mlp", new int[]{784, 256, 128, 10}, 128, 6));
        List<Result> results = new ArrayList<>();
        List<String> sgemmLines = new ArrayList<>();
        for (Case c : cases) {
            double dl4j = dl4j(c, false);
            double descent = descent(c, false);
            double dl4jAdam = dl4j(c, true);
            double descentAdam = descent(c, true);
            double flops = flopsPerStep(c.widths, c.batch);
            double sgemmOne = sgemmRate(c.widths, c.batch, 1);
            double sgemmAll = sgemmRate(c.widths, c.batch, cores);
            sgemmLines.add(String.format(Locale.ROOT, "%-6s sgemm GF/s with OpenBLAS on 1 thread %.1f, on %d threads %.1f",
                    c.name, sgemmOne, cores, sgemmAll));
            results.add(new Result(c.name, descent, dl4j, descent * flops / 1e9, Math.max(sgemmOne, sgemmAll),
                    descentAdam, dl4jAdam));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-6s %-18s %14s %14s %10s %14s %14s%n", "case", "shape", "descent st/s",
                "dl4j st/s", "ratio", "descent GF/s", "sgemm GF/s");
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Result r = results.get(i);
            System.out.printf(Locale.ROOT, "%-6s %-18s %14.0f %14.0f %9.2fx %14.1f %14.1f%n", c.name,
                    shape(c.widths) + "/" + c.batch, r.descent(), r.dl4j(), r.descent() / r.dl4j(), r.descentGflops(),
                    r.sgemmGflops());
        }
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Result r = results.get(i);
            System.out.printf(Locale.ROOT, "%-6s %-18s %14.0f %14.0f %9.2fx   (Adam)%n", c.name,
                    shape(c.widths) + "/" + c.batch, r.descentAdam(), r.dl4jAdam(), r.descentAdam() / r.dl4jAdam());
        }
        sgemmLines.forEach(System.out::println);
        Files.writeString(out.resolve("engine.json"), engineJson(results));
        Files.writeString(out.resolve("engine-adam.json"), adamJson(results));
        System.out.println("wrote " + out.resolve("engine.json") + " and " + out.resolve("engine-adam.json"));
        System.exit(0);
    }

    /**
     * {@code {"cases": [{"name": "tiny", "descent_steps_per_s": …, "dl4j_steps_per_s": …}, {"name": "mlp",
     * "descent_steps_per_s": …, "dl4j_steps_per_s": …, "descent_gflops": …, "sgemm_gflops": …}]}}: the
     * GFLOP/s figures only for the MLP, as agreed.
     */
    static String engineJson(List<Result> results) {
        List<String> cases = new ArrayList<>();
        for (Result r : results) {
            String common = String.format(Locale.ROOT,
                    "{\"name\": \"%s\", \"descent_steps_per_s\": %.1f, \"dl4j_steps_per_s\": %.1f", r.name(),
                    r.descent(), r.dl4j());
            cases.add(r.name().equals("mlp") ? common + String.format(Locale.ROOT,
                    ", \"descent_gflops\": %.2f, \"sgemm_gflops\": %.2f}", r.descentGflops(), r.sgemmGflops())
                    : common + "}");
        }
        return "{\"cases\": [" + String.join(", ", cases) + "]}\n";
    }

    /** The same cases trained with Adam. */
    static String adamJson(List<Result> results) {
        List<String> cases = new ArrayList<>();
        for (Result r : results) {
            cases.add(String.format(Locale.ROOT,
                    "{\"name\": \"%s\", \"optimizer\": \"adam\", \"descent_steps_per_s\": %.1f, \"dl4j_steps_per_s\": %.1f}",
                    r.name(), r.descentAdam(), r.dl4jAdam()));
        }
        return "{\"cases\": [" + String.join(", ", cases) + "]}\n";
    }

    /** One Descent case, for profiling. */
    static double profile(String name, double seconds) throws Exception {
        Case c = name.equals("tiny") ? new Case("tiny", new int[]{2, 16, 16, 2}, 32, seconds)
                : new Case("mlp", new int[]{784, 256, 128, 10}, 128, seconds);
        return descent(c, false);
    }

    private static String shape(int[] widths) {
        StringBuilder b = new StringBuilder();
        for (int w : widths) {
            b.append(b.length() == 0 ? "" : "-").append(w);
        }
        return b.toString();
    }

    /** Random features and one-hot labels, enough for 50 batches. */
    private static Dataset data(Case c) {
        int n = c.batch * 50;
        int in = c.widths[0];
        int k = c.widths[c.widths.length - 1];
        Random r = new Random(1);
        float[] x = new float[n * in];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        int[] y = new int[n];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            names.add("c" + i);
        }
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(k);
        }
        List<String> features = new ArrayList<>();
        for (int j = 0; j < in; j++) {
            features.add("f" + j);
        }
        return Dataset.classification(c.name, in, x, y, features, names);
    }

    private static double descent(Case c, boolean adam) throws Exception {
        return descentMeasured(c, adam)[0];
    }

    /**
     * Descent's steps per second on case {@code c}: {wall-clock, per second of the training thread's CPU
     * time}. The second is what one core gives when the machine is shared; training runs on one thread.
     */
    static double[] descentMeasured(Case c, boolean adam) throws Exception {
        Engine.initialize();
        Dataset data = data(c);
        NetworkSpec spec = chain(input("in"), dense("h1", c.widths[1]), activation("a1", "relu"),
                dense("h2", c.widths[2]), activation("a2", "relu"), dense("out", c.widths[3]),
                loss("loss", "cross_entropy"));
        RunConfig run = new RunConfig("bench", spec, adam ? Choice.of(OptimizerType.ADAM).with("learningRate", 1e-3)
                : Choice.of(OptimizerType.SGD).with("learningRate", 0.01),
                Choice.of(Schedule.CONSTANT), Choice.of(InputNormalizer.NONE));
        Dataset empty = data.subset(new int[0]);
        // warm-up: JIT and ND4J caches
        trainFor(c, data, empty, run, 1.5);
        return trainFor(c, data, empty, run, c.seconds);
    }

    /** {wall steps/s, steps per CPU second of the training thread}. */
    private static double[] trainFor(Case c, Dataset data, Dataset empty, RunConfig run, double seconds) throws Exception {
        TrainingConfig config = new TrainingConfig(1, 1, c.batch, Integer.MAX_VALUE, 50_000_000, DataType.FLOAT);
        try (LockstepComparison comparison = LockstepComparison.create(config, data, empty, List.of(run));
             TrainingCpu cpu = TrainingCpu.start()) {
            comparison.start();
            Thread.sleep((long) (seconds * 1000));
            comparison.stop();
            comparison.await(30, TimeUnit.SECONDS);
            RunSummary summary = comparison.summaries().get(0);
            return new double[]{summary.stepsPerSecond(), summary.steps() / cpu.seconds()};
        }
    }

    /** DL4J's steps per second with ND4J's defaults; Descent's settings are back when it returns. */
    private static double dl4j(Case c, boolean adam) {
        int cores = Runtime.getRuntime().availableProcessors();
        Engine.initialize();
        Nd4j.getEnvironment().setMaxThreads(cores);
        Nd4j.getEnvironment().setMaxMasterThreads(cores);
        Nd4j.factory().blas().setMaxThreads(cores);
        try {
            return trainDl4j(c, adam);
        } finally {
            Engine.reapply();
        }
    }

    private static double trainDl4j(Case c, boolean adam) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                .updater(adam ? new Adam(1e-3) : new Sgd(0.01)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(c.widths[0]).nOut(c.widths[1]).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(c.widths[1]).nOut(c.widths[2]).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(c.widths[2]).nOut(c.widths[3])
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Dataset d = data(c);
        List<DataSet> batches = new ArrayList<>();
        for (int b = 0; b < 50; b++) {
            INDArray x = Nd4j.create(DataType.FLOAT, c.batch, c.widths[0]);
            INDArray y = Nd4j.zeros(DataType.FLOAT, c.batch, c.widths[3]);
            for (int i = 0; i < c.batch; i++) {
                int row = b * c.batch + i;
                for (int j = 0; j < c.widths[0]; j++) {
                    x.putScalar(i, j, d.feature(row, j));
                }
                y.putScalar(i, d.classOf(row), 1);
            }
            batches.add(new DataSet(x, y));
        }
        long warmEnd = System.nanoTime() + 1_500_000_000L;
        int i = 0;
        while (System.nanoTime() < warmEnd) {
            net.fit(batches.get(i++ % 50));
        }
        long start = System.nanoTime();
        long end = start + (long) (c.seconds * 1e9);
        int steps = 0;
        while (System.nanoTime() < end) {
            net.fit(batches.get(steps++ % 50));
        }
        return steps / ((System.nanoTime() - start) / 1e9);
    }

    /** Multiply-adds ×2 of one training step's matrix products: forward, ∂W, and ∂x except at the input. */
    private static double flopsPerStep(int[] widths, int batch) {
        double flops = 0;
        for (int l = 1; l < widths.length; l++) {
            double product = 2.0 * batch * widths[l - 1] * widths[l];
            flops += product * (l == 1 ? 2 : 3);
        }
        return flops;
    }

    /**
     * GFLOP/s of ND4J's sgemm running exactly the products of one training step, back to back, with
     * OpenBLAS on {@code threads} threads; Descent's settings are back when it returns.
     */
    private static double sgemmRate(int[] widths, int batch, int threads) {
        Engine.initialize();
        Nd4j.factory().blas().setMaxThreads(threads);
        try {
            return sgemmRate(widths, batch);
        } finally {
            Engine.reapply();
        }
    }

    private static double sgemmRate(int[] widths, int batch) {
        List<INDArray[]> products = new ArrayList<>();
        for (int l = 1; l < widths.length; l++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, batch, widths[l - 1]);
            INDArray w = Nd4j.rand(DataType.FLOAT, widths[l - 1], widths[l]);
            INDArray y = Nd4j.create(DataType.FLOAT, batch, widths[l]);
            INDArray dw = Nd4j.create(DataType.FLOAT, widths[l - 1], widths[l]);
            INDArray dx = Nd4j.create(DataType.FLOAT, batch, widths[l - 1]);
            products.add(new INDArray[]{x, w, y, dw, dx, Nd4j.scalar(l == 1 ? 0 : 1)});
        }
        Runnable step = () -> {
            for (INDArray[] p : products) {
                Nd4j.gemm(p[0], p[1], p[2], false, false, 1.0, 0.0);
                Nd4j.gemm(p[0], p[2], p[3], true, false, 1.0, 0.0);
                if (p[5].getInt(0) == 1) {
                    Nd4j.gemm(p[2], p[1], p[4], false, true, 1.0, 0.0);
                }
            }
        };
        long warmEnd = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            step.run();
        }
        int reps = 0;
        long start = System.nanoTime();
        while (System.nanoTime() - start < 3_000_000_000L) {
            step.run();
            reps++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return reps * flopsPerStep(widths, batch) / seconds / 1e9;
    }
}
