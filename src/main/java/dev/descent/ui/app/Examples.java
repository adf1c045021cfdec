package dev.descent.ui.app;

import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentException;
import dev.descent.experiment.ExperimentReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The sample experiments bundled in the jar (copied from {@code sample-data/} at build time). Opening
 * one copies it and the data files it names to a temporary folder, so relative paths work, and opens it
 * as an untitled project: Save asks where to keep it.
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
            new Example("sine-regression.json", "Regression"));

    private static final String ROOT = "/dev/descent/examples/";
    private static final List<String> DATA_FILES = List.of("moons.csv", "spiral.csv", "circles.csv", "xor.csv",
            "blobs.csv", "checkerboard.csv", "sine.csv", "shapes.csv");

    private Examples() {
    }

    /** Reads a bundled example; its data files sit beside it in a temporary folder. */
    public static Experiment load(String file) {
        try {
            Path dir = Files.createTempDirectory("descent-example");
            dir.toFile().deleteOnExit();
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

    /** The text of a bundled file, for tests. */
    static String text(String name) throws IOException {
        try (InputStream in = Examples.class.getResourceAsStream(ROOT + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
