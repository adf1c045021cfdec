package dev.descent.experiment;

import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.vocab.Choice;
import java.nio.file.Path;
import java.util.List;

/**
 * An experiment file in memory: data, one network, training settings and the runs to compare.
 * It is also the window's project. Immutable; edits make new experiments.
 *
 * @param format     file format version, currently {@value #FORMAT}
 * @param name       shown in the window's title and in summaries
 * @param seed       seeds data generation, the split, initial weights, batch order and dropout
 * @param dataset    where the examples come from
 * @param normalizer the input normalizer (runs may override it)
 * @param network    the network every run trains
 * @param training   epochs, batch size, evaluation interval
 * @param runs       the runs, at least one, names unique
 * @param baseDirectory directory that relative data paths are resolved against (the file's directory),
 *                      or null for an experiment not yet saved
 */
public record Experiment(int format, String name, long seed, DatasetSpec dataset, Choice<InputNormalizer> normalizer,
                         NetworkSpec network, TrainingSpec training, List<RunSpec> runs, Path baseDirectory) {
    /** The version written by this build. */
    public static final int FORMAT = 1;

    public Experiment {
        runs = List.copyOf(runs);
    }

    /** Resolves a path written in the file against {@link #baseDirectory()}. */
    public Path resolve(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() || baseDirectory == null ? p : baseDirectory.resolve(p).normalize();
    }

    /**
     * The same experiment saved in {@code directory}: relative data paths are rewritten so they still
     * point at the same files (made absolute when no relative path exists, e.g. another drive).
     */
    public Experiment relocatedTo(Path directory) {
        Path target = directory.toAbsolutePath().normalize();
        if (baseDirectory == null || baseDirectory.equals(target)) {
            return withBaseDirectory(target);
        }
        DatasetSpec moved = dataset;
        if (dataset instanceof DatasetSpec.Csv csv) {
            moved = new DatasetSpec.Csv(relocate(csv.path(), target), csv.target(), csv.task(), csv.validation());
        } else if (dataset instanceof DatasetSpec.Idx idx) {
            moved = new DatasetSpec.Idx(relocate(idx.images(), target), relocate(idx.labels(), target), idx.validation());
        }
        return withDataset(moved).withBaseDirectory(target);
    }

    private String relocate(String path, Path target) {
        if (Path.of(path).isAbsolute()) {
            return path;
        }
        Path absolute = resolve(path);
        try {
            return target.relativize(absolute).toString().replace('\\', '/');
        } catch (IllegalArgumentException differentRoot) {
            return absolute.toString();
        }
    }

    public Experiment withName(String name) {
        return new Experiment(format, name, seed, dataset, normalizer, network, training, runs, baseDirectory);
    }

    public Experiment withSeed(long seed) {
        return new Experiment(format, name, seed, dataset, normalizer, network, training, runs, baseDirectory);
    }

    public Experiment withDataset(DatasetSpec dataset) {
        return new Experiment(format, name, seed, dataset, normalizer, network, training, runs, baseDirectory);
    }

    public Experiment withNormalizer(Choice<InputNormalizer> normalizer) {
        return new Experiment(format, name, seed, dataset, normalizer, network, training, runs, baseDirectory);
    }

    public Experiment withNetwork(NetworkSpec network) {
        return new Experiment(format, name, seed, dataset, normalizer, network, training, runs, baseDirectory);
    }

    public Experiment withTraining(TrainingSpec training) {
        return new Experiment(format, name, seed, dataset, normalizer, network, training, runs, baseDirectory);
    }

    public Experiment withRuns(List<RunSpec> runs) {
        return new Experiment(format, name, seed, dataset, normalizer, network, training, runs, baseDirectory);
    }

    public Experiment withBaseDirectory(Path baseDirectory) {
        return new Experiment(format, name, seed, dataset, normalizer, network, training, runs, baseDirectory);
    }
}
