package dev.descent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.descent.engine.Engine;
import dev.descent.engine.train.LockstepComparison;
import dev.descent.engine.train.MetricsCsv;
import dev.descent.engine.train.RunConfig;
import dev.descent.engine.train.RunSummary;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentException;
import dev.descent.experiment.ExperimentReader;
import dev.descent.experiment.PreparedExperiment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code descent run FILE}: trains every run of an experiment side by side and writes
 * {@code metrics.csv} and {@code summary.json}. Ctrl-C stops the runs and still writes both files (the
 * runs are then STOPPED).
 */
@Command(name = "run",
        mixinStandardHelpOptions = true, versionProvider = DescentCommand.Version.class,
        description = "Trains every run of an experiment and writes DIR/metrics.csv and DIR/summary.json.")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The experiment file (JSON).")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: results/<file name>).")
    Path out;

    @Option(names = "--steps", paramLabel = "N", description = "Train exactly N steps per run instead of the file's epochs.")
    Integer steps;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws BadInputException, IOException, InterruptedException {
        if (steps != null && (steps < 1 || steps > 100_000_000)) {
            throw new BadInputException("--steps", "must be in [1, 100000000], got " + steps);
        }
        PreparedExperiment prepared;
        try {
            Experiment experiment = ExperimentReader.read(file);
            Engine.initialize();
            prepared = PreparedExperiment.prepare(experiment);
        } catch (ExperimentException e) {
            throw new BadInputException(file.toString(), e.problems());
        }
        Path dir = out != null ? out : Path.of("results", stem(file));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BadInputException(dir.toString(), "cannot create the output directory: " + dev.descent.engine.data.DataException.reasonOf(e));
        }
        LockstepComparison comparison;
        try {
            comparison = prepared.comparison(steps == null ? 0 : steps);
        } catch (ExperimentException e) {
            throw new BadInputException(file.toString(), e.problems());
        }
        MetricsCsv metrics = new MetricsCsv(dir.resolve("metrics.csv"), MetricsCsv.parameterNodes(prepared.runs()),
                prepared.runs().stream().map(RunConfig::name).toList());
        for (int i = 0; i < comparison.runCount(); i++) {
            comparison.addListener(i, metrics.listener(i));
        }
        var err = spec.commandLine().getErr();
        ProgressBar progress = quiet ? null : new ProgressBar(comparison, err, System.console() != null);
        CountDownLatch written = new CountDownLatch(1);
        Thread onInterrupt = new Thread(() -> {
            comparison.stop();
            try {
                written.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "descent-stop-on-interrupt");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            comparison.start();
            if (progress != null) {
                Thread bar = new Thread(progress, "descent-progress");
                bar.setDaemon(true);
                bar.start();
            }
            while (!comparison.await(1, TimeUnit.SECONDS)) {
                // waiting; Ctrl-C stops the runs through the shutdown hook
            }
            if (progress != null) {
                progress.finish();
            }
            metrics.finish();
            writeSummary(dir.resolve("summary.json"), prepared.experiment(), comparison.summaries());
        } catch (IOException e) {
            metrics.discard();
            throw new BadInputException(dir.toString(), "cannot write results: " + dev.descent.engine.data.DataException.reasonOf(e));
        } finally {
            comparison.close();
            written.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is already running and waits for the files written above
            }
        }
        if (!quiet) {
            for (RunSummary s : comparison.summaries()) {
                err.println(s.name() + ": " + s.status().id() + (s.divergedAtStep() > 0 ? " at step " + s.divergedAtStep() : "")
                        + ", " + s.steps() + " steps" + (Double.isNaN(s.finalValidationLoss()) ? ""
                        : String.format(java.util.Locale.ROOT, ", validation loss %.4g", s.finalValidationLoss()))
                        + (Double.isNaN(s.validationAccuracy()) ? ""
                        : String.format(java.util.Locale.ROOT, ", accuracy %.1f%%", 100 * s.validationAccuracy())));
            }
            err.println("wrote " + dir.resolve("metrics.csv") + " and " + dir.resolve("summary.json"));
        }
        boolean failed = comparison.summaries().stream().anyMatch(s -> s.status() == dev.descent.engine.train.RunStatus.FAILED);
        return failed ? 1 : 0;
    }

    static void writeSummary(Path target, Experiment experiment, List<RunSummary> summaries) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("experiment", experiment.name());
        ArrayNode runs = root.putArray("runs");
        for (RunSummary s : summaries) {
            ObjectNode r = runs.addObject();
            r.put("name", s.name());
            r.put("status", s.status().name());
            r.put("steps", s.steps());
            if (s.divergedAtStep() > 0) {
                r.put("diverged_at_step", s.divergedAtStep());
            } else {
                r.putNull("diverged_at_step");
            }
            number(r, "final_train_loss", s.finalTrainLoss());
            number(r, "final_val_loss", s.finalValidationLoss());
            number(r, "best_val_loss", s.bestValidationLoss());
            number(r, "val_accuracy", s.validationAccuracy());
            number(r, "wall_seconds", s.wallSeconds());
            number(r, "steps_per_second", s.stepsPerSecond());
            if (!s.message().isEmpty()) {
                r.put("message", s.message());
            }
        }
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, mapper.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void number(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }

    private static String stem(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
