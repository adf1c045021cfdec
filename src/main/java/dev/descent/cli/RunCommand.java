package dev.descent.cli;

import dev.descent.engine.Engine;
import dev.descent.engine.data.DataException;
import dev.descent.engine.train.Divergence;
import dev.descent.engine.train.LockstepComparison;
import dev.descent.engine.train.MetricsCsv;
import dev.descent.engine.train.RunConfig;
import dev.descent.engine.train.RunSummary;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentException;
import dev.descent.experiment.ExperimentWriter;
import dev.descent.experiment.PreparedExperiment;
import dev.descent.experiment.SweepPoints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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

    @Option(names = "--shard", paramLabel = "I/N", description = "Train only members I, I+N, I+2N, ... of the"
            + " stable member order (I from 0 to N-1); join the shards' directories with descent merge.")
    String shard;

    @Spec
    CommandSpec spec;

    /** Counted down when the files are written and the directory unlocked; Ctrl-C's hook waits for it. */
    private final CountDownLatch written = new CountDownLatch(1);

    @Override
    public Integer call() throws BadInputException, InterruptedException {
        if (steps != null && (steps < 1 || steps > 100_000_000)) {
            throw new BadInputException("--steps", "must be in [1, 100000000], got " + steps);
        }
        Shards.Spec slice = shard == null ? null : Shards.parse(shard);
        PreparedExperiment prepared;
        try {
            Experiment experiment = ExperimentInput.read(file);
            Engine.initialize();
            prepared = PreparedExperiment.prepare(experiment);
        } catch (ExperimentException e) {
            throw BadInputException.of(file.toString(), e.problems());
        }
        List<Integer> indices = slice == null ? Shards.all(prepared.runs().size()) : slice.members(prepared.runs().size());
        if (indices.isEmpty()) {
            throw new BadInputException("--shard", "shard " + shard + " has no members: the experiment has "
                    + prepared.runs().size() + "; use at most " + prepared.runs().size() + " shards");
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
                comparison = prepared.comparison(steps == null ? 0 : steps,
                        indices.stream().map(prepared.runs()::get).toList());
            } catch (ExperimentException e) {
                throw BadInputException.of(file.toString(), e.problems());
            }
            train(comparison, prepared, dir, indices, slice);
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
    private void train(LockstepComparison comparison, PreparedExperiment prepared, Path dir, List<Integer> indices,
                       Shards.Spec slice) throws BadInputException, InterruptedException {
        Path summary = dir.resolve("summary.json");
        MetricsCsv metrics;
        try {
            // a summary from an earlier run must not stand beside the rows of this one if it is killed
            Files.deleteIfExists(summary);
            // the columns of the whole experiment, so that shards' files have the same header
            metrics = MetricsCsv.forMembers(dir.resolve("metrics.csv"), MetricsCsv.parameterNodes(prepared.runs()),
                    MetricsCsv.activationNodes(prepared.runs()), indices.stream().map(prepared.runs()::get).toList());
        } catch (IOException e) {
            throw new BadInputException(dir.toString(), "cannot write results: " + DataException.reasonOf(e));
        }
        comparison.recordNothingForTheWindow(); // the files are the results
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
                writeSummary(summary, prepared, steps == null ? 0 : steps, indices, slice, comparison.summaries(),
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

    /**
     * Writes summary.json for the members {@code indices} (of the stable order), which ended as
     * {@code summaries}; {@code divergences} says where each diverged (null where it did not).
     */
    static void writeSummary(Path target, PreparedExperiment prepared, int maxSteps, List<Integer> indices,
                             Shards.Spec slice, List<RunSummary> summaries, List<Divergence> divergences)
            throws IOException {
        Map<String, Map<String, Double>> points = new HashMap<>();
        SweepPoints.of(prepared.experiment()).forEach(p -> points.put(p.name(), p.values()));
        List<Summary.Member> members = new ArrayList<>();
        long seed = prepared.experiment().seed();
        for (int i = 0; i < indices.size(); i++) {
            RunConfig config = prepared.runs().get(indices.get(i));
            members.add(new Summary.Member(indices.get(i), config.group(), points.getOrDefault(config.group(), Map.of()),
                    config.member(), seed + config.member(), summaries.get(i),
                    divergences.get(i) == null ? null : divergences.get(i).node(),
                    divergences.get(i) == null ? null : divergences.get(i).quantity().id()));
        }
        Summary.Shard shard = slice == null ? null : new Summary.Shard(slice.index(), slice.count(), prepared.runs().size());
        Summary.write(target, prepared.experiment().name(), fingerprint(prepared.experiment(), maxSteps), shard, members);
    }

    /**
     * What identifies the results of one experiment: a SHA-256 of the experiment as Descent writes it, and
     * of the step count asked for. Shards of one experiment have the same fingerprint, whatever machine ran them.
     */
    static String fingerprint(Experiment experiment, int maxSteps) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ExperimentWriter.toJson(experiment).getBytes(StandardCharsets.UTF_8));
            sha.update(("\nsteps=" + maxSteps).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static String stem(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
