package dev.descent.bench;

import dev.descent.engine.Engine;
import dev.descent.engine.train.LockstepComparison;
import dev.descent.engine.train.MetricsCsv;
import dev.descent.engine.train.RunConfig;
import dev.descent.engine.train.RunSummary;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentReader;
import dev.descent.experiment.PreparedExperiment;
import dev.descent.experiment.TrainingSpec;
import dev.descent.ui.WindowFixture;
import dev.descent.ui.model.TrainingSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Window responsiveness while training: four runs train with the whole window and every chart live
 * for 20 seconds. Prints the JavaFX pulse interval (median, 99th percentile, max; an AnimationTimer runs
 * once per pulse) and the training steps/s with and without the window, and writes
 * {@code target/bench/ui.json}. Measures only. Run with {@code mvn -q -Pbench verify}.
 *
 * <p>"Without the window" is the same four runs trained headless, as {@code descent run} does (metrics
 * recorded to a file), for 10 s
 * before the window opens and 10 s after it closes; the mean of the two cancels warm-up and drift.
 * The JVM runs with the window's own options ({@link dev.descent.ui.app.Launcher#WINDOW_JVM_OPTIONS},
 * set by the bench profile), so both phases see the same garbage collector. Where the CPU went during
 * the window phase is printed per thread group (from /proc), to show what the window costs.
 *
 * <p>Then the diagnostics phase: the same window with its Inside tab in front of the charts (every
 * activation strip and histogram, the gradient heatmaps, the update-ratio and optimizer-state charts and
 * the weights, all live), measured the same way after {@link #DIAGNOSTICS_WARM_UP} s; {@code ui.json}
 * gains {@code "diagnostics"} with its pulse p99, max and training share of the headless speed.
 *
 * <p>Diagnostics: {@code -Ddescent.bench.hide=charts,data-view} hides panels by id.
 *
 * <p>{@code -Ddescent.bench.presenter=true} measures the same in presenter mode (full screen, everything
 * 1.6 times as large; with {@code -Dheadless.geometry=1920x1080-32} Monocle's screen is a projector's)
 * and writes {@code target/bench/ui-presenter.json}; the bench profile runs both.
 */
public final class UiBenchmark {
    private static final double SECONDS = 20;
    private static final double HEADLESS_SECONDS = 10;
    /**
     * Long enough for the JIT to finish most compiling in either phase: with 3 s it still took a third of
     * a core during the measurement and the first headless phase ran up to 40% slower than the second.
     */
    private static final double WARM_UP = 10;
    /**
     * The window's warm-up (-Ddescent.bench.warmup=S to change it). With four runs on two cores the JIT
     * compiles JavaFX, JFreeChart and the rasterizer for over a minute after the window opens
     * (PrintCompilation: 8,700 methods in the first 10 s, 1,300 in the fifth, 130 in the seventh),
     * taking 0.2 cores 20 s in and 0.14 cores 45 s in. The default measures after it, the window's
     * steady state; the first minute of a session costs training more.
     */
    private static final double WINDOW_WARM_UP = Double.parseDouble(System.getProperty("descent.bench.warmup", "60"));
    /** Warm-up after the Inside tab comes to the front (-Ddescent.bench.diagnostics-warmup=S). */
    private static final double DIAGNOSTICS_WARM_UP =
            Double.parseDouble(System.getProperty("descent.bench.diagnostics-warmup", "20"));
    private static volatile Result diagnosticsResult;
    private static Path out;
    private static Experiment experiment;
    private static final CountDownLatch windowClosed = new CountDownLatch(1);
    private static volatile Result windowResult;
    private static final String TRAINING = "training threads";
    /** Cores the training threads used in each headless phase. */
    private static final List<Double> headlessTrainingCores = Collections.synchronizedList(new ArrayList<>());
    /** Whether the window phase runs in presenter mode. */
    private static final boolean PRESENTER = Boolean.getBoolean("descent.bench.presenter");

    /** What the window phase measured. */
    private record Result(List<Long> pulses, double stepsPerSecond, Map<String, Double> cpu) {
    }

    public static void main(String[] args) throws Exception {
        out = Path.of(args.length > 0 ? args[0] : "target/bench");
        Files.createDirectories(out);
        Experiment base = ExperimentReader.read(Path.of("sample-data/optimizers.json"));
        experiment = base.withRuns(base.runs().subList(0, 4))
                .withTraining(new TrainingSpec(1_000_000, base.training().batchSize(), base.training().evaluateEvery()));
        Engine.initialize();
        double before = headless();
        Thread fx = new Thread(() -> Application.launch(Window.class, args), "fx-launcher");
        fx.setDaemon(true);
        fx.start();
        windowClosed.await();
        double after = headless();
        report(windowResult, diagnosticsResult, before, after);
        System.exit(0);
    }

    /**
     * Summed steps/s of the four runs with no window, after a warm-up, recording metrics.csv as
     * {@code descent run} does (the window records them too).
     */
    private static double headless() throws Exception {
        PreparedExperiment prepared = PreparedExperiment.prepare(experiment);
        Path dir = Files.createTempDirectory("descent-bench");
        MetricsCsv csv = new MetricsCsv(dir.resolve("metrics.csv"), MetricsCsv.parameterNodes(prepared.runs()),
                MetricsCsv.activationNodes(prepared.runs()),
                prepared.runs().stream().map(RunConfig::name).toList());
        try (LockstepComparison c = prepared.comparison(0)) {
            for (int i = 0; i < c.runCount(); i++) {
                c.addListener(i, csv.listener(i));
            }
            c.start();
            Thread.sleep((long) (WARM_UP * 1000));
            Map<String, Long> cpu0 = cpuTicks();
            long s0 = steps(c);
            long t0 = System.nanoTime();
            Thread.sleep((long) (HEADLESS_SECONDS * 1000));
            double seconds = (System.nanoTime() - t0) / 1e9;
            double rate = (steps(c) - s0) / seconds;
            Map<String, Long> cpu1 = cpuTicks();
            headlessTrainingCores.add((cpu1.getOrDefault(TRAINING, 0L) - cpu0.getOrDefault(TRAINING, 0L)) / 100.0 / seconds);
            c.stop();
            c.await(30, TimeUnit.SECONDS);
            return rate;
        } finally {
            csv.discard();
            Files.deleteIfExists(dir);
        }
    }

    private static long steps(LockstepComparison c) {
        return c.summaries().stream().mapToLong(RunSummary::steps).sum();
    }

    /** The window under measurement (the main class itself must not be an Application on the class path). */
    public static final class Window extends Application {
        @Override
        public void start(Stage stage) {
            WindowFixture fx = new WindowFixture(stage);
            fx.project.replace(experiment, null);
            if (PRESENTER) {
                Platform.runLater(fx.window.presenter()::enter); // once the window shows
            }
            for (String id : System.getProperty("descent.bench.hide", "").split(",")) {
                if (!id.isBlank()) {
                    stage.getScene().lookup("#" + id.trim()).setVisible(false);
                }
            }
            List<Long> pulses = Collections.synchronizedList(new ArrayList<>());
            boolean[] recording = new boolean[1]; // FX thread only
            AnimationTimer recorder = new AnimationTimer() {
                private long last;

                @Override
                public void handle(long now) {
                    if (last != 0 && recording[0]) {
                        pulses.add(now - last);
                    }
                    last = now;
                }
            };
            recorder.start();
            Thread driver = new Thread(() -> {
                try {
                    while (!(fx.engine.isReady() && fx.data.dataset() != null)) {
                        Thread.sleep(50);
                    }
                    Platform.runLater(fx.session::train);
                    while (fx.session.state() != TrainingSession.State.RUNNING) {
                        Thread.sleep(50);
                    }
                    Thread.sleep((long) (WINDOW_WARM_UP * 1000));
                    windowResult = measure(fx, pulses, recording);
                    // the diagnostics phase: the Inside tab in front, every figure of it live
                    CountDownLatch shown = new CountDownLatch(1);
                    Platform.runLater(() -> {
                        javafx.scene.control.TabPane tabs = (javafx.scene.control.TabPane) stage.getScene().lookup("#chart-tabs");
                        tabs.getTabs().stream().filter(t -> t.getText().equals("Inside")).findFirst()
                                .ifPresent(t -> tabs.getSelectionModel().select(t));
                        shown.countDown();
                    });
                    shown.await();
                    Thread.sleep((long) (DIAGNOSTICS_WARM_UP * 1000));
                    diagnosticsResult = measure(fx, pulses, recording);
                } catch (Exception e) {
                    e.printStackTrace();
                } finally {
                    Platform.runLater(() -> {
                        fx.close();
                        stage.close();
                    });
                    windowClosed.countDown();
                }
            }, "ui-benchmark");
            driver.setDaemon(true);
            driver.start();
        }
    }

    /** Records pulses and training steps for {@link #SECONDS} s on the window as it is. */
    private static Result measure(WindowFixture fx, List<Long> pulses, boolean[] recording)
            throws Exception {
        Platform.runLater(() -> {
            pulses.clear();
            recording[0] = true;
        });
        Map<String, Long> cpu0 = cpuTicks();
        long s0 = steps(fx.session.comparisonProperty().get());
        long t0 = System.nanoTime();
        Thread.sleep((long) (SECONDS * 1000));
        long s1 = steps(fx.session.comparisonProperty().get());
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Long> cpu1 = cpuTicks();
        CountDownLatch stopped = new CountDownLatch(1);
        List<Long> measured = new ArrayList<>();
        Platform.runLater(() -> {
            recording[0] = false;
            measured.addAll(pulses);
            stopped.countDown();
        });
        stopped.await();
        Map<String, Double> share = new TreeMap<>();
        cpu1.forEach((group, ticks) -> share.put(group, (ticks - cpu0.getOrDefault(group, 0L)) / 100.0 / seconds));
        return new Result(List.copyOf(measured), (s1 - s0) / seconds, share);
    }

    /** CPU clock ticks (1/100 s) used so far by this process's threads, summed per group of threads. */
    private static Map<String, Long> cpuTicks() throws IOException {
        Map<String, Long> ticks = new TreeMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return ticks;
        }
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path t : threads.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long used = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                    ticks.merge(group(name), used, Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while we looked
                }
            }
        }
        return ticks;
    }

    private static String group(String thread) {
        if (thread.startsWith(dev.descent.engine.train.LockstepComparison.WORKER_THREAD_PREFIX)) {
            return TRAINING;
        }
        if (thread.startsWith("JavaFX Applicat") || thread.equals("Event Thread")) {
            return "FX thread";
        }
        if (thread.startsWith("QuantumRenderer")) {
            return "renderer";
        }
        if (thread.startsWith("GC Thread") || thread.startsWith("G1") || thread.startsWith("Z") || thread.startsWith("VM Thread")) {
            return "garbage collector";
        }
        if (thread.startsWith("C1 ") || thread.startsWith("C2 ")) {
            return "JIT compiler";
        }
        return System.getProperty("descent.bench.threads") != null ? "other: " + thread : "other";
    }

    private static void report(Result window, Result diagnostics, double before, double after) throws Exception {
        double withoutWindow = (before + after) / 2;
        System.out.println();
        System.out.printf(Locale.ROOT, "window responsiveness%s, 4 runs training, all charts live, %.0f s (%s)%n",
                PRESENTER ? " in presenter mode" : "", SECONDS,
                String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(a -> a.startsWith("-XX")).toList()));
        double[] charts = print(window, withoutWindow);
        System.out.printf(Locale.ROOT, "  steps/s without       %.0f   (%.0f before, %.0f after)%n", withoutWindow, before, after);
        System.out.printf(Locale.ROOT, "  training threads used %.2f cores with the window, %.2f without%n",
                window.cpu().getOrDefault(TRAINING, 0.0),
                headlessTrainingCores.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
        System.out.println("  CPU during the window phase, in cores:");
        window.cpu().forEach((group, cores) -> System.out.printf(Locale.ROOT, "    %-20s %.2f%n", group, cores));
        String inside = "";
        if (diagnostics != null) {
            System.out.printf(Locale.ROOT, "diagnostics: the Inside tab in front, every figure live, %.0f s%n", SECONDS);
            double[] d = print(diagnostics, withoutWindow);
            System.out.println("  CPU during the diagnostics phase, in cores:");
            diagnostics.cpu().forEach((group, cores) -> System.out.printf(Locale.ROOT, "    %-20s %.2f%n", group, cores));
            inside = String.format(Locale.ROOT, ", \"diagnostics\": {\"pulse_p99_ms\": %.2f, \"pulse_max_ms\": %.2f, "
                    + "\"training_share\": %.3f, \"steps_per_s\": %.1f}", d[1], d[2], d[3], diagnostics.stepsPerSecond());
        }
        Path json = out.resolve(PRESENTER ? "ui-presenter.json" : "ui.json");
        Files.writeString(json, String.format(Locale.ROOT,
                "{\"pulse_p50_ms\": %.2f, \"pulse_p99_ms\": %.2f, \"pulse_max_ms\": %.2f, "
                        + "\"steps_per_s_with_window\": %.1f, \"steps_per_s_without_window\": %.1f%s}%n",
                charts[0], charts[1], charts[2], window.stepsPerSecond(), withoutWindow, inside));
        System.out.println("wrote " + json);
    }

    /** Prints one phase's pulses and speed; returns p50, p99, max (ms) and the share of the headless speed. */
    private static double[] print(Result phase, double withoutWindow) {
        List<Long> sorted = new ArrayList<>(phase.pulses());
        Collections.sort(sorted);
        double p50 = sorted.get(sorted.size() / 2) / 1e6;
        double p99 = sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99))) / 1e6;
        double max = sorted.get(sorted.size() - 1) / 1e6;
        double share = phase.stepsPerSecond() / withoutWindow;
        System.out.printf(Locale.ROOT, "  pulses measured       %d%n", sorted.size());
        System.out.printf(Locale.ROOT, "  pulse interval p50    %.1f ms   (goal: smooth)%n", p50);
        System.out.printf(Locale.ROOT, "  pulse interval p99    %.1f ms   (goal <= 25 ms)%n", p99);
        System.out.printf(Locale.ROOT, "  pulse interval max    %.1f ms   (goal <= 100 ms)%n", max);
        System.out.printf(Locale.ROOT, "  steps/s with window   %.0f   (with/without = %.0f%%, goal >= 80%%)%n",
                phase.stepsPerSecond(), 100 * share);
        return new double[] {p50, p99, max, share};
    }
}
