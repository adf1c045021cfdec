package dev.descent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.descent.engine.Engine;
import dev.descent.engine.data.DataException;
import dev.descent.engine.train.Divergence;
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
import java.util.stream.IntStream;
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

    /** Counted down when the files are written and the directory unlocked; Ctrl-C's hook waits for it. */
    private final CountDownLatch written = new CountDownLatch(1);

    @Override
    public Integer call() throws BadInputException, InterruptedException {
        if (steps != null && (steps < 1 || steps > 100_000_000)) {
            throw new BadInputException("--steps", "must be in [1, 100000000], got " + steps);
        }
        PreparedExperiment prepared;
        try {
            Experiment experiment = ExperimentReader.read(file);
            Engine.initialize();
            prepared = PreparedExperiment.prepare(experiment);
        } catch (ExperimentException e) {
            throw BadInputException.of(file.toString(), e.problems());
        }
        Path dir = out != null ? out : Path.of("results", stem(file));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BadInputException(dir.toString(), "cannot create the output directory: " + DataException.reasonOf(e));
        }
        LockstepComparison comparison;
        try (OutputLock lock = OutputLock.acquire(dir)) {
            // Ctrl-C's shutdown hook waits for the files and for the lock file to go (the finally below)
            Path metricsFile = dir.resolve("metrics.csv");
            List<Path> leftover = MetricsCsv.partsOf(metricsFile);
            if (!leftover.isEmpty()) {
                throw new BadInputException(dir.toString(), "holds the rows of a run that was killed before it could"
                        + " join them (metrics.csv and " + leftover.size() + (leftover.size() == 1 ? " part" : " parts")
                        + "); run 'descent recover " + dir + "' to join them into metrics.csv, or delete "
                        + leftover.get(0).getFileName() + (leftover.size() > 1 ? " and the other parts" : "")
                        + " to start afresh");
            }
            try {
                comparison = prepared.comparison(steps == null ? 0 : steps);
            } catch (ExperimentException e) {
                throw BadInputException.of(file.toString(), e.problems());
            }
            train(comparison, prepared, dir);
        } catch (IOException e) {
            throw new BadInputException(dir.toString(), "cannot read the output directory: " + DataException.reasonOf(e));
        } finally {
            written.countDown();
        }
        var err = spec.commandLine().getErr();
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

    /**
     * Trains and writes both files. A run killed before it ends leaves metrics.csv (run 0's rows) and
     * one part per other run, each ending with a whole row; a failed write stops the runs and leaves
     * nothing behind.
     */
    private void train(LockstepComparison comparison, PreparedExperiment prepared, Path dir)
            throws BadInputException, InterruptedException {
        Path summary = dir.resolve("summary.json");
        MetricsCsv metrics;
        try {
            // a summary from an earlier run must not stand beside the rows of this one if it is killed
            Files.deleteIfExists(summary);
            metrics = new MetricsCsv(dir.resolve("metrics.csv"), MetricsCsv.parameterNodes(prepared.runs()),
                    prepared.runs().stream().map(RunConfig::name).toList());
        } catch (IOException e) {
            throw new BadInputException(dir.toString(), "cannot write results: " + DataException.reasonOf(e));
        }
        for (int i = 0; i < comparison.runCount(); i++) {
            comparison.addListener(i, metrics.listener(i));
        }
        var err = spec.commandLine().getErr();
        ProgressBar progress = quiet ? null : new ProgressBar(comparison, err, System.console() != null);
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
            while (!comparison.await(200, TimeUnit.MILLISECONDS)) {
                if (metrics.failure() != null) {
                    comparison.stop(); // the results cannot be written: training on is wasted time
                }
                // Ctrl-C stops the runs through the shutdown hook
            }
            if (progress != null) {
                progress.finish();
            }
            try {
                metrics.finish();
            } catch (IOException e) {
                metrics.discard();
                throw new BadInputException(dir.toString(), "cannot write results: " + DataException.reasonOf(e)
                        + "; nothing was kept");
            }
            try {
                writeSummary(summary, prepared.experiment(), comparison.summaries(),
                        IntStream.range(0, comparison.runCount()).mapToObj(comparison::divergence).toList());
            } catch (IOException e) {
                throw new BadInputException(dir.toString(), "cannot write summary.json: " + DataException.reasonOf(e)
                        + "; metrics.csv is complete");
            }
        } finally {
            comparison.close();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is already running and waits for the files written above
            }
        }
    }

    static void writeSummary(Path target, Experiment experiment, List<RunSummary> summaries) throws IOException {
        writeSummary(target, experiment, summaries, java.util.Collections.nCopies(summaries.size(), null));
    }

    /** As above; {@code divergences} says where each run diverged (null where it did not). */
    static void writeSummary(Path target, Experiment experiment, List<RunSummary> summaries,
                             List<Divergence> divergences) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("experiment", experiment.name());
        ArrayNode runs = root.putArray("runs");
        for (int i = 0; i < summaries.size(); i++) {
            RunSummary s = summaries.get(i);
            Divergence where = divergences.get(i);
            ObjectNode r = runs.addObject();
            r.put("name", s.name());
            r.put("status", s.status().name());
            r.put("steps", s.steps());
            if (s.divergedAtStep() > 0) {
                r.put("diverged_at_step", s.divergedAtStep());
            } else {
                r.putNull("diverged_at_step");
            }
            if (where != null) {
                r.put("diverged_node", where.node());
                r.put("diverged_quantity", where.quantity().id());
            } else {
                r.putNull("diverged_node");
                r.putNull("diverged_quantity");
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
        try {
            Files.writeString(tmp, mapper.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
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
