package dev.descent.experiment;

import dev.descent.engine.data.CsvReader;
import dev.descent.engine.data.DataException;
import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.IdxReader;
import dev.descent.engine.graph.Problem;
import dev.descent.engine.graph.Problem.Section;
import dev.descent.engine.vocab.Shown;
import java.nio.file.InvalidPathException;

/** Loads (or generates) an experiment's examples. */
public final class ExperimentData {
    private ExperimentData() {
    }

    /**
     * The examples of {@code experiment}: generated with its seed, or read from the files its dataset
     * names (relative paths against the experiment file's directory).
     *
     * @throws ExperimentException with one line saying which file or setting is wrong and why
     */
    public static Dataset load(Experiment experiment) throws ExperimentException {
        DatasetSpec spec = experiment.dataset();
        try {
            if (spec instanceof DatasetSpec.Generated g) {
                return g.generator().generate(g.samples(), g.noise(), g.classes(), experiment.seed());
            }
            if (spec instanceof DatasetSpec.Csv csv) {
                return CsvReader.read(experiment.resolve(csv.path()), csv.target(), csv.task());
            }
            DatasetSpec.Idx idx = (DatasetSpec.Idx) spec;
            return IdxReader.read(experiment.resolve(idx.images()), experiment.resolve(idx.labels()));
        } catch (DataException e) {
            throw new ExperimentException(Problem.of(Section.DATASET, "dataset", where(spec) + e.getMessage()));
        } catch (InvalidPathException e) {
            throw new ExperimentException(Problem.of(Section.DATASET, "dataset", Shown.quoted(e.getInput())
                    + " is not a valid path (" + e.getReason() + ")"));
        }
    }

    private static String where(DatasetSpec spec) {
        if (spec instanceof DatasetSpec.Csv csv) {
            return Shown.text(csv.path()) + ": ";
        }
        if (spec instanceof DatasetSpec.Generated g) {
            return g.generator().id() + ": ";
        }
        return "";
    }
}
