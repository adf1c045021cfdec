package dev.descent.cli;

import dev.descent.export.ExportException;
import dev.descent.export.PyTorchExport;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code descent export FILE --pytorch DIR}: writes the runs of an experiment as PyTorch scripts (see
 * {@link PyTorchExport}).
 */
@Command(name = "export",
        mixinStandardHelpOptions = true, versionProvider = DescentCommand.Version.class,
        description = {"Writes runs of an experiment as PyTorch scripts that train them as Descent does: DIR/train.py"
                + " with the data, the initial weights and the dropout masks beside it (one subdirectory per run when"
                + " there are several).",
                "python3 DIR/train.py [--steps N] [--out FILE.csv] then writes step,train_loss as in metrics.csv."})
final class ExportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The experiment file (JSON).")
    Path file;

    @Option(names = "--pytorch", paramLabel = "DIR", required = true,
            description = "Write PyTorch scripts into DIR (created if missing).")
    Path directory;

    @Option(names = "--run", paramLabel = "NAME", description = "Export only the run called NAME (default: every run).")
    String run;

    @Option(names = "--fresh-init",
            description = "Leave the weights to PyTorch's own initializers and dropout to nn.Dropout: idiomatic code"
                    + " rather than a replica.")
    boolean freshInit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws BadInputException {
        List<PyTorchExport.Exported> written;
        try {
            Experiment experiment = ExperimentInput.read(file);
            written = PyTorchExport.write(experiment, directory, new PyTorchExport.Options(run, freshInit));
        } catch (ExperimentException e) {
            throw BadInputException.of(file.toString(), e.problems());
        } catch (ExportException e) {
            throw new BadInputException(e.where() == null ? file.toString() : e.where(), e.getMessage());
        }
        var out = spec.commandLine().getOut();
        for (PyTorchExport.Exported e : written) {
            out.println("wrote " + e.script() + " (run '" + e.run() + "')");
        }
        out.println("train with: python3 " + written.get(0).script() + " [--steps N] [--out FILE.csv]");
        return 0;
    }
}
