package dev.descent.ui.app;

import dev.descent.engine.data.Generator;
import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.NodeType;
import dev.descent.engine.graph.Position;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.vocab.Choice;
import dev.descent.experiment.DatasetSpec;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentException;
import dev.descent.experiment.ExperimentReader;
import dev.descent.experiment.TrainingSpec;
import dev.descent.ui.model.Edits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sample experiments bundled in the jar (copied from {@code sample-data/} at build time), and the
 * blank experiment File &gt; New starts from. Opening an example copies it and the data files it names to
 * a temporary folder, so relative paths work, and opens it as an untitled project: Save asks where to
 * keep it, and {@link #keepDataBeside} copies its data file there, since the temporary folder goes when
 * the application exits.
 */
public final class Examples {
    /** The experiment a new window shows: spiral data, a small MLP, SGD against Adam. */
    public static final String FIRST = "spiral-sgd-vs-adam.json";

    /** File name and title of each bundled example, in menu order. */
    public record Example(String file, String title) {
    }

    public static final List<Example> ALL = List.of(
            new Example(FIRST, "Spiral: SGD vs Adam"),
            new Example("optimizers.json", "Optimizers"),
            new Example("schedules.json", "Learning-rate schedules"),
            new Example("initialization.json", "Initialization"),
            new Example("activations.json", "Activation functions"),
            new Example("input-normalization.json", "Input normalization"),
            new Example("batch-layer-norm.json", "Batch norm and layer norm"),
            new Example("csv-moons.json", "Data from a CSV file"),
            new Example("sine-regression.json", "Regression"),
            new Example("stability.json", "Stability: learning rates, batch sizes and seeds"));

    private static final String ROOT = "/dev/descent/examples/";
    private static final List<String> DATA_FILES = List.of("moons.csv", "spiral.csv", "circles.csv", "xor.csv",
            "blobs.csv", "checkerboard.csv", "sine.csv", "shapes.csv");

    /** Where {@link #blank()} puts its two nodes: apart, with room for layers between them. */
    static final Position BLANK_INPUT_AT = new Position(60, 200);
    static final Position BLANK_LOSS_AT = new Position(700, 200);

    /** The temporary folders examples were copied to in this session. */
    private static final Set<Path> FOLDERS = ConcurrentHashMap.newKeySet();

    private Examples() {
    }

    /**
     * A blank start: the default dataset (the file format's defaults for a spiral), an input node and a
     * loss node placed apart and not connected, one SGD run with its default settings. It cannot train
     * until layers connect the two; the window says why.
     */
    public static Experiment blank() {
        Generator g = Generator.SPIRAL;
        DatasetSpec dataset = new DatasetSpec.Generated(g, g.defaultSamples(), g.defaultNoise(), g.defaultClasses(),
                ExperimentReader.DEFAULT_VALIDATION);
        NetworkSpec empty = new NetworkSpec(List.of(), List.of());
        NodeSpec input = Edits.newNode(NodeType.INPUT, empty, BLANK_INPUT_AT);
        NodeSpec loss = Edits.newNode(NodeType.LOSS, empty, BLANK_LOSS_AT);
        return new Experiment(Experiment.FORMAT, ExperimentReader.DEFAULT_NAME, ExperimentReader.DEFAULT_SEED, dataset,
                Choice.of(InputNormalizer.NONE), new NetworkSpec(List.of(input, loss), List.of()), TrainingSpec.DEFAULT,
                List.of(Edits.runFor(Choice.of(OptimizerType.SGD))), null);
    }

    /** Reads a bundled example; its data files sit beside it in a temporary folder. */
    public static Experiment load(String file) {
        try {
            Path dir = Files.createTempDirectory("descent-example").toAbsolutePath().normalize();
            dir.toFile().deleteOnExit();
            FOLDERS.add(dir);
            for (String name : DATA_FILES) {
                copy(name, dir);
            }
            Path json = copy(file, dir);
            if (json == null) {
                throw new IllegalArgumentException("no bundled example " + file);
            }
            return ExperimentReader.read(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ExperimentException e) {
            throw new IllegalStateException("bundled example " + file + " is invalid: " + e.getMessage(), e);
        }
    }

    private static Path copy(String name, Path dir) throws IOException {
        try (InputStream in = Examples.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                return null;
            }
            Path target = dir.resolve(name);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            target.toFile().deleteOnExit();
            return target;
        }
    }

    /**
     * {@code e} ready to be saved in {@code directory}: each data file that lives in an example's
     * temporary folder is copied beside the experiment (under its own name, or a free variant of it if a
     * different file has that name) and the experiment points at the copy, relative to
     * {@code directory}. An experiment whose data lives elsewhere is returned unchanged.
     */
    public static Experiment keepDataBeside(Experiment e, Path directory) throws IOException {
        Path dir = directory.toAbsolutePath().normalize();
        if (e.dataset() instanceof DatasetSpec.Csv csv && isTemporary(e.resolve(csv.path()))) {
            return e.withDataset(new DatasetSpec.Csv(kept(e, csv.path(), dir), csv.target(), csv.task(),
                    csv.validation())).withBaseDirectory(dir);
        }
        if (e.dataset() instanceof DatasetSpec.Idx idx
                && (isTemporary(e.resolve(idx.images())) || isTemporary(e.resolve(idx.labels())))) {
            return e.withDataset(new DatasetSpec.Idx(kept(e, idx.images(), dir), kept(e, idx.labels(), dir),
                    idx.validation())).withBaseDirectory(dir);
        }
        return e;
    }

    /** Whether {@code path} is in a folder an example was copied to, which goes when the application exits. */
    static boolean isTemporary(Path path) {
        Path p = path.toAbsolutePath().normalize();
        return FOLDERS.stream().anyMatch(p::startsWith);
    }

    /** {@code path} of {@code e} as written in a file saved in {@code dir}: copied there first if temporary. */
    private static String kept(Experiment e, String path, Path dir) throws IOException {
        Path source = e.resolve(path).toAbsolutePath().normalize();
        if (!isTemporary(source)) {
            try {
                return dir.relativize(source).toString().replace('\\', '/');
            } catch (IllegalArgumentException differentRoot) {
                return source.toString();
            }
        }
        String name = source.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        for (int i = 1; ; i++) {
            String candidate = i == 1 ? name : stem + "-" + i + extension;
            Path target = dir.resolve(candidate);
            if (!Files.exists(target)) {
                Files.copy(source, target);
                return candidate;
            }
            if (Files.isRegularFile(target) && Files.mismatch(source, target) == -1) {
                return candidate; // the same data is already there
            }
        }
    }

    /** The text of a bundled file, for tests. */
    static String text(String name) throws IOException {
        try (InputStream in = Examples.class.getResourceAsStream(ROOT + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
