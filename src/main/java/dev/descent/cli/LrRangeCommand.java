package dev.descent.cli;

import dev.descent.engine.train.LrRangeTest;
import dev.descent.engine.train.RunConfig;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentException;
import dev.descent.experiment.PreparedExperiment;
import dev.descent.experiment.RunSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code descent lr-range FILE --run NAME}: the learning-rate range test ({@link LrRangeTest}) on a copy of
 * one run; writes {@code step,learning_rate,loss} and prints the suggested rate.
 */
@Command(name = "lr-range",
        mixinStandardHelpOptions = true, versionProvider = DescentCommand.Version.class,
        description = {"Learning-rate range test (Smith 2017): trains a copy of run NAME for N steps while its learning"
                + " rate rises exponentially from X to Y, and prints the rate of steepest descent and where the loss"
                + " diverged. The run's own results are not touched.",
                "--out writes step,learning_rate,loss (step 1 is the loss of the first batch, before any update)."})
final class LrRangeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The experiment file (JSON).")
    Path file;

    @Option(names = "--run", paramLabel = "NAME", required = true, description = "The run to test (its network,"
            + " optimizer, normalizer, seed and batches; its schedule is replaced by the rising rate).")
    String run;

    @Option(names = "--from", paramLabel = "X", defaultValue = "1e-6",
            description = "First learning rate (default: ${DEFAULT-VALUE}).")
    double from;

    @Option(names = "--to", paramLabel = "Y", defaultValue = "10",
            description = "Last learning rate (default: ${DEFAULT-VALUE}).")
    double to;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "200",
            description = "Steps, at least " + LrRangeTest.MIN_STEPS + " (default: ${DEFAULT-VALUE}); the test ends"
                    + " early where the loss diverges.")
    int steps;

    @Option(names = "--out", paramLabel = "FILE", description = "Write step,learning_rate,loss to FILE (CSV).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws BadInputException {
        LrRangeTest.Range range = range();
        if (out != null && Files.isDirectory(out)) {
            throw new BadInputException(out.toString(), "is a directory; give a file for the CSV");
        }
        if (out != null && !Files.isDirectory(out.toAbsolutePath().getParent())) {
            throw new BadInputException(out.toString(), "its directory does not exist; create it or give another file");
        }
        Experiment experiment;
        try {
            experiment = ExperimentInput.read(file);
        } catch (ExperimentException e) {
            throw BadInputException.of(file.toString(), e.problems());
        }
        List<String> names = experiment.runs().stream().map(RunSpec::name).toList();
        if (!names.contains(run)) {
            throw new BadInputException(file.toString(), "there is no run named '" + run + "'; the runs are "
                    + names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", ")));
        }
        PreparedExperiment prepared;
        try {
            prepared = PreparedExperiment.prepare(experiment);
        } catch (ExperimentException e) {
            throw BadInputException.of(file.toString(), e.problems());
        }
        RunConfig config = prepared.runs().stream().filter(r -> r.name().equals(run)).findFirst().orElseThrow();
        LrRangeTest.Result result = LrRangeTest.run(prepared.training(0), prepared.split().train(),
                prepared.split().validation(), config, range, p -> { }, () -> false);
        if (out != null) {
            write(result, out);
        }
        PrintWriter o = spec.commandLine().getOut();
        for (String line : summary(result, range)) {
            o.println(line);
        }
        if (out != null) {
            o.println("wrote " + out + " (" + result.points().size() + " steps)");
        }
        return 0;
    }

    private LrRangeTest.Range range() throws BadInputException {
        String problem = LrRangeTest.Range.problem(from, to, steps);
        if (problem == null) {
            return new LrRangeTest.Range(from, to, steps);
        }
        String where = !(from > 0) || !Double.isFinite(from) || from >= to && to > 0 && Double.isFinite(to) ? "--from"
                : !(to > 0) || !Double.isFinite(to) ? "--to" : "--steps";
        throw new BadInputException(where, problem);
    }

    /** What the test found, the suggested rate last: {@code suggested learning rate: 0.00316}. */
    static List<String> summary(LrRangeTest.Result r, LrRangeTest.Range range) {
        String diverged = r.divergence() < 0
                ? "the loss did not diverge up to " + LrRangeTest.format(range.to())
                : "the loss diverged at learning rate " + LrRangeTest.format(r.divergedAt()) + " (step "
                + r.points().get(r.divergence()).step() + ")";
        if (r.steepest() < 0) {
            return List.of(diverged, "no learning rate to suggest: the loss did not fall between "
                    + LrRangeTest.format(range.from()) + " and " + LrRangeTest.format(r.points().get(r.points().size() - 1)
                    .learningRate()) + "; try a wider range (--from, --to)");
        }
        LrRangeTest.Point steep = r.points().get(r.steepest());
        return List.of(String.format(Locale.ROOT, "steepest descent at learning rate %s (step %d, loss %.4g)",
                LrRangeTest.format(steep.learningRate()), steep.step(), r.smoothed()[r.steepest()]), diverged,
                "suggested learning rate: " + LrRangeTest.format(r.suggested()));
    }

    private static void write(LrRangeTest.Result result, Path target) throws BadInputException {
        StringBuilder csv = new StringBuilder("step,learning_rate,loss\n");
        for (LrRangeTest.Point p : result.points()) {
            csv.append(p.step()).append(',').append(p.learningRate()).append(',').append(p.loss()).append('\n');
        }
        Path absolute = target.toAbsolutePath();
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + ".tmp");
        try {
            Files.writeString(temporary, csv, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // nothing more to clean
            }
            throw new BadInputException(target.toString(), "cannot write the CSV (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }
}
