package dev.descent.bench;

import dev.descent.engine.Engine;
import dev.descent.engine.train.LockstepComparison;
import dev.descent.engine.train.RunSummary;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentReader;
import dev.descent.experiment.PreparedExperiment;
import dev.descent.experiment.TrainingSpec;
import dev.descent.ui.WindowFixture;
import dev.descent.ui.model.TrainingSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Window responsiveness while training: four runs train with the whole window and every chart live
 * for 20 seconds. Prints the JavaFX pulse interval (median, 99th percentile, max; an AnimationTimer runs
 * once per pulse) and the training steps/s with and without the window, and writes
 * {@code target/bench/ui.json}. Measures only. Run with {@code mvn -q -Pbench verify}.
 */
public final class UiBenchmark {
    private static final double SECONDS = 20;
    private static final double WARM_UP = 3;
    private static Path out;
    private static Experiment experiment;
    private static double withoutWindow;

    public static void main(String[] args) throws Exception {
        out = Path.of(args.length > 0 ? args[0] : "target/bench");
        Files.createDirectories(out);
        Experiment base = ExperimentReader.read(Path.of("sample-data/optimizers.json"));
        experiment = base.withRuns(base.runs().subList(0, 4))
                .withTraining(new TrainingSpec(1_000_000, base.training().batchSize(), base.training().evaluateEvery()));
        Engine.initialize();
        withoutWindow = headless();
        Application.launch(Window.class, args);
    }

    /** Summed steps/s of the four runs with no window at all. */
    private static double headless() throws Exception {
        try (LockstepComparison c = PreparedExperiment.prepare(experiment).comparison(0)) {
            c.start();
            Thread.sleep((long) (WARM_UP * 1000));
            long s0 = steps(c);
            long t0 = System.nanoTime();
            Thread.sleep((long) (SECONDS * 1000));
            return (steps(c) - s0) / ((System.nanoTime() - t0) / 1e9);
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
        // diagnostics: -Ddescent.bench.hide=charts,data-view hides panels by id, to see what costs what
        for (String id : System.getProperty("descent.bench.hide", "").split(",")) {
            if (!id.isBlank()) {
                stage.getScene().lookup("#" + id.trim()).setVisible(false);
            }
        }
        List<Long> pulses = Collections.synchronizedList(new ArrayList<>());
        long[] measured = new long[4]; // start time, start steps, end time, end steps
        AnimationTimer recorder = new AnimationTimer() {
            private long last;

            @Override
            public void handle(long now) {
                if (last != 0 && measured[0] != 0 && measured[2] == 0) {
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
                Thread.sleep((long) (WARM_UP * 1000));
                measured[1] = steps(fx.session.comparisonProperty().get());
                measured[0] = System.nanoTime();
                Thread.sleep((long) (SECONDS * 1000));
                measured[3] = steps(fx.session.comparisonProperty().get());
                measured[2] = System.nanoTime();
                report(pulses, (measured[3] - measured[1]) / ((measured[2] - measured[0]) / 1e9));
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                Platform.runLater(() -> {
                    fx.close();
                    Platform.exit();
                });
                try {
                    TimeUnit.SECONDS.sleep(3);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
                System.exit(0);
            }
        }, "ui-benchmark");
        driver.setDaemon(true);
        driver.start();
    }
    }

    private static void report(List<Long> pulses, double withWindow) throws Exception {
        List<Long> sorted;
        synchronized (pulses) {
            sorted = new ArrayList<>(pulses);
        }
        Collections.sort(sorted);
        double p50 = sorted.get(sorted.size() / 2) / 1e6;
        double p99 = sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99))) / 1e6;
        double max = sorted.get(sorted.size() - 1) / 1e6;
        System.out.println();
        System.out.printf(Locale.ROOT, "window responsiveness, 4 runs training, all charts live, %.0f s%n", SECONDS);
        System.out.printf(Locale.ROOT, "  pulses measured       %d%n", sorted.size());
        System.out.printf(Locale.ROOT, "  pulse interval p50    %.1f ms   (goal: smooth)%n", p50);
        System.out.printf(Locale.ROOT, "  pulse interval p99    %.1f ms   (goal <= 25 ms)%n", p99);
        System.out.printf(Locale.ROOT, "  pulse interval max    %.1f ms   (goal <= 100 ms)%n", max);
        System.out.printf(Locale.ROOT, "  steps/s with window   %.0f%n", withWindow);
        System.out.printf(Locale.ROOT, "  steps/s without       %.0f   (with/without = %.0f%%, goal >= 80%%)%n", withoutWindow,
                100 * withWindow / withoutWindow);
        Files.writeString(out.resolve("ui.json"), String.format(Locale.ROOT,
                "{\"pulse_p50_ms\": %.2f, \"pulse_p99_ms\": %.2f, \"pulse_max_ms\": %.2f, "
                        + "\"steps_per_s_with_window\": %.1f, \"steps_per_s_without_window\": %.1f}%n",
                p50, p99, max, withWindow, withoutWindow));
        System.out.println("wrote " + out.resolve("ui.json"));
    }
}
