package dev.descent.cli;

import dev.descent.engine.data.DataException;
import dev.descent.engine.train.MetricsCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code descent recover DIR}: joins what a killed {@code descent run} left in DIR into one
 * {@code metrics.csv}. Such a run leaves {@code metrics.csv} with the header and run 0's rows, and
 * {@code metrics.csv.part1}, ... with each other run's rows; every file ends with a whole row.
 */
@Command(name = "recover",
        mixinStandardHelpOptions = true, versionProvider = DescentCommand.Version.class,
        description = "Joins the rows a killed 'descent run' left in DIR (metrics.csv and metrics.csv.part1, ...)"
                + " into DIR/metrics.csv.")
final class RecoverCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The output directory of the killed run.")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws BadInputException {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir.toString(), "there is no such directory; give the --out directory of the run");
        }
        Path metrics = dir.resolve("metrics.csv");
        try (OutputLock lock = OutputLock.acquire(dir)) {
            if (!Files.isRegularFile(metrics)) {
                throw new BadInputException(dir.toString(), "there is no metrics.csv here; give the --out directory of"
                        + " the run");
            }
            if (MetricsCsv.partsOf(metrics).isEmpty()) {
                spec.commandLine().getOut().println("nothing to recover: " + metrics + " has no parts to join");
                return 0;
            }
            MetricsCsv.Recovery recovery = MetricsCsv.recover(metrics);
            spec.commandLine().getOut().println(String.format(Locale.ROOT, "joined %d %s into %s: %,d rows"
                            + " (a killed run writes no summary.json)", recovery.parts(),
                    recovery.parts() == 1 ? "part" : "parts", metrics, recovery.rows()));
            return 0;
        } catch (IOException e) {
            throw new BadInputException(metrics.toString(), "cannot recover: " + DataException.reasonOf(e));
        }
    }
}
