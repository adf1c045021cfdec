package dev.descent.cli;

import dev.descent.engine.Engine;
import dev.descent.engine.graph.Problem;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentException;
import dev.descent.experiment.PreparedExperiment;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code descent validate FILE}: "ok" on standard output and exit 0, or every problem as one line
 * {@code error: <file>: <where>: <what>; <what is valid>} on standard error and exit 2, like every other
 * bad input.
 */
@Command(name = "validate",
        mixinStandardHelpOptions = true, versionProvider = DescentCommand.Version.class,
        description = "Checks an experiment file and its data: prints ok, or every problem as one error line on"
                + " standard error (exit 2).")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The experiment file (JSON).")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws BadInputException {
        List<Problem> problems;
        try {
            Experiment experiment = ExperimentInput.read(file);
            Engine.initialize();
            problems = PreparedExperiment.problems(experiment);
        } catch (ExperimentException e) {
            problems = e.problems();
        }
        if (!problems.isEmpty()) {
            throw BadInputException.of(file.toString(), problems);
        }
        spec.commandLine().getOut().println("ok");
        return 0;
    }
}
