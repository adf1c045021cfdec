package dev.descent.export;

import dev.descent.engine.Engine;
import dev.descent.engine.data.DataShape;
import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.Task;
import dev.descent.engine.train.RunConfig;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentException;
import dev.descent.experiment.PreparedExperiment;
import dev.descent.experiment.RunSpec;
import dev.descent.experiment.SweepPoints;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Exports runs of an experiment as PyTorch scripts: for each run a {@code train.py} that trains it as
 * Descent does, with the data, the initial weights and the dropout masks beside it (see
 * {@code TrainScript} for what the script contains and README "A bridge to PyTorch" for what it
 * reproduces). Lifecycle: one static call; it loads the data, compiles each run's network once for its
 * initial weights and, with dropout, runs its forward passes for the masks, so call it off the FX thread.
 *
 * <p>Every member trains in a script of its own: a run with seeds exports one script per seed (member k with
 * the experiment's seed + k), a swept run one per sweep point (with the point's values and batch size).
 * Layout: one member goes straight into the directory; several go into one subdirectory each, named after
 * the member ({@code "Adam (β₂ = 0.99)"} becomes {@code adam-0-99}, {@code "Adam lr=0.01 #1"}
 * {@code adam-lr-0-01-1}).
 */
public final class PyTorchExport {
    /** At most this many dropout-mask values are exported per run (16 MB of text); later steps draw their own. */
    static final long MASK_LIMIT = 16_000_000;

    private PyTorchExport() {
    }

    /**
     * What to export.
     *
     * @param run       the name of the one run to export, or {@code null} for every run
     * @param freshInit whether the scripts use PyTorch's own initializers and {@code nn.Dropout} instead of
     *                  Descent's initial weights and masks
     */
    public record Options(String run, boolean freshInit) {
        /** Every run, as replicas. */
        public static Options everyRun() {
            return new Options(null, false);
        }
    }

    /** One exported run: its name and its script. */
    public record Exported(String run, Path script) {
    }

    /**
     * Writes the scripts of {@code experiment}'s runs into {@code directory} (created if missing; files of
     * an earlier export there are replaced).
     *
     * @throws ExportException with one line: the directory cannot be written, the run does not exist (the
     *                         message lists the runs), or the experiment cannot train (its problems)
     */
    public static List<Exported> write(Experiment experiment, Path directory, Options options) throws ExportException {
        List<String> names = experiment.runs().stream().map(RunSpec::name).toList();
        if (options.run() != null && !names.contains(options.run())) {
            throw new ExportException(null, "there is no run named '" + options.run() + "'; the runs are "
                    + names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", ")));
        }
        Path dir = writableDirectory(directory);
        PreparedExperiment prepared;
        try {
            prepared = PreparedExperiment.prepare(experiment);
        } catch (ExperimentException e) {
            throw new ExportException(null, String.join("; ", e.messages()));
        }
        List<RunConfig> runs = prepared.runs().stream().filter(r -> options.run() == null
                || memberGroups(experiment, options.run()).contains(r.group())).toList();
        Engine.initialize();
        List<Exported> exported = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (RunConfig run : runs) {
            Path target = runs.size() == 1 ? dir : writableDirectory(dir.resolve(unique(slug(run.name()), used)));
            RunPlan plan = RunPlan.of(prepared, run, options.freshInit(), MASK_LIMIT);
            try {
                exported.add(new Exported(run.name(), writeRun(prepared, plan, target)));
            } catch (IOException e) {
                throw new ExportException(target.toString(), "cannot write the export: " + e.getMessage());
            }
        }
        return exported;
    }

    /** The groups ({@link RunConfig#group}: its sweep points, or the run itself) of the run named {@code run}. */
    private static Set<String> memberGroups(Experiment experiment, String run) {
        Set<String> groups = new HashSet<>();
        for (RunSpec spec : experiment.runs()) {
            if (spec.name().equals(run)) {
                SweepPoints.of(spec).forEach(p -> groups.add(p.name()));
            }
        }
        return groups;
    }

    private static Path writeRun(PreparedExperiment prepared, RunPlan plan, Path dir) throws IOException {
        TrainScript script = new TrainScript(plan);
        writeSplit(prepared.split().train(), dir.resolve(TrainScript.TRAIN_CSV));
        if (plan.validationSize() > 0) {
            writeSplit(prepared.split().validation(), dir.resolve(TrainScript.VALIDATION_CSV));
        }
        InitialState state = new InitialState(plan, script.network());
        if (!plan.freshInit()) {
            atomically(dir.resolve(TrainScript.WEIGHTS_JSON), out -> state.writeWeights(prepared.data().shape(), out));
        }
        if (script.network().replaysDropout()) {
            writeMasks(plan, script.network(), state, prepared.data().shape(), dir);
        }
        Path file = dir.resolve("train.py");
        atomically(file, out -> out.write(script.render()));
        return file;
    }

    /** The examples of one split as CSV: feature names, then the label (class index) or the targets. */
    private static void writeSplit(Dataset data, Path file) throws IOException {
        atomically(file, out -> {
            List<String> header = new ArrayList<>(data.featureNames().stream().map(PyTorchExport::cell).toList());
            if (data.task() == Task.CLASSIFICATION) {
                header.add("label");
            } else {
                for (int k = 1; k <= data.targetCount(); k++) {
                    header.add(data.targetCount() == 1 ? "y" : "y" + k);
                }
            }
            out.write(String.join(",", header) + "\n");
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < data.size(); i++) {
                line.setLength(0);
                for (int j = 0; j < data.features(); j++) {
                    line.append(Py.float32(data.feature(i, j))).append(',');
                }
                if (data.task() == Task.CLASSIFICATION) {
                    line.append(data.classOf(i));
                } else {
                    for (int k = 0; k < data.targetCount(); k++) {
                        line.append(k == 0 ? "" : ",").append(Py.float32(data.target(i, k)));
                    }
                }
                out.append(line).append('\n');
            }
        });
    }

    /** A header cell, quoted as RFC 4180 asks when it holds a comma, quote or line break. */
    private static String cell(String text) {
        boolean quote = text.isEmpty() || text.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static void writeMasks(RunPlan plan, NetworkCode names, InitialState state, DataShape shape, Path dir)
            throws IOException {
        Files.createDirectories(dir.resolve(TrainScript.MASKS_DIRECTORY));
        List<Path> files = plan.drawingDropouts().stream().map(d -> dir.resolve(names.maskFile(d.id()))).toList();
        List<Path> temps = new ArrayList<>();
        List<Writer> writers = new ArrayList<>();
        try {
            for (Path file : files) {
                Path temp = temporary(file);
                temps.add(temp);
                writers.add(Files.newBufferedWriter(temp, StandardCharsets.US_ASCII));
            }
            StringBuilder line = new StringBuilder();
            state.drawMasks(shape, masks -> {
                for (int k = 0; k < masks.size(); k++) {
                    INDArray mask = masks.get(k);
                    float[] values = mask.dup('c').data().asFloat();
                    line.setLength(0);
                    for (float v : values) {
                        line.append(v > 0 ? '1' : '0');
                    }
                    writers.get(k).append(line).append('\n');
                }
            });
            for (Writer w : writers) {
                w.close();
            }
            for (int k = 0; k < files.size(); k++) {
                move(temps.get(k), files.get(k));
            }
        } finally {
            for (Writer w : writers) {
                w.close();
            }
            for (Path temp : temps) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Something that writes a file's text. */
    private interface Content {
        void write(Writer out) throws IOException;
    }

    /** Writes {@code file} through a temporary file beside it, so an interrupted export leaves no half file. */
    private static void atomically(Path file, Content content) throws IOException {
        Path temp = temporary(file);
        try {
            try (Writer out = new BufferedWriter(Files.newBufferedWriter(temp, StandardCharsets.UTF_8), 1 << 16)) {
                content.write(out);
            }
            move(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Path temporary(Path file) {
        return file.resolveSibling("." + file.getFileName() + ".tmp");
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** {@code directory}, created if missing, checked writable before anything is computed. */
    private static Path writableDirectory(Path directory) throws ExportException {
        String where = directory.toString();
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new ExportException(where, "is a file, not a directory; give a directory for the script and"
                    + " its data (it is created if missing)");
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new ExportException(where, "cannot create the directory (" + reason(e)
                    + "); give a directory that can be written");
        }
        Path probe = directory.resolve(".descent-export-probe");
        try {
            Files.deleteIfExists(probe);
            Files.createFile(probe);
            Files.delete(probe);
        } catch (IOException e) {
            throw new ExportException(where, "cannot write in this directory (" + reason(e)
                    + "); give a directory that can be written");
        }
        return directory;
    }

    private static String reason(IOException e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(Locale.ROOT);
        return message == null ? kind : kind + ": " + message;
    }

    /** A directory name for a run: lower case letters and digits, other characters as single dashes. */
    static String slug(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? "run" : slug;
    }

    private static String unique(String slug, Set<String> used) {
        String name = slug;
        for (int k = 2; !used.add(name); k++) {
            name = slug + "-" + k;
        }
        return name;
    }
}
