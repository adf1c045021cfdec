package dev.descent.ui.inspector;

import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.Generator;
import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.data.Task;
import dev.descent.engine.graph.Problem;
import dev.descent.engine.vocab.Param;
import dev.descent.experiment.DatasetSpec;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentReader;
import dev.descent.experiment.TrainingSpec;
import dev.descent.ui.model.EditTiming;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javafx.scene.control.Button;
import javafx.stage.FileChooser;

/**
 * The form shown when nothing is selected: the experiment's name and seed, where its examples come
 * from (a generator, a CSV file or IDX files) and how many are held out, the input normalizer, and how
 * long and in what batches every run trains.
 */
final class DataSettings {
    static final String GENERATOR = "generator";
    static final String CSV = "csv";
    static final String IDX = "idx";

    private static final Param VALIDATION = Param.fraction("validation", ExperimentReader.DEFAULT_VALIDATION,
            "Fraction of the examples held out to measure validation loss and accuracy; the rest trains.");
    private static final Param EPOCHS = Param.integer("epochs", TrainingSpec.DEFAULT.epochs(), 1, Integer.MAX_VALUE,
            "Passes over the training examples.");
    private static final Param BATCH_SIZE = Param.integer("batchSize", TrainingSpec.DEFAULT.batchSize(), 1,
            ExperimentReader.MAX_BATCH_SIZE, "Examples per step: smaller batches give noisier, cheaper steps.");
    private static final Param EVALUATE_EVERY = Param.integer("evaluateEvery", TrainingSpec.DEFAULT.evaluateEvery(), 1,
            Integer.MAX_VALUE, "Steps between two validation measurements (also measured at the end of each epoch).");
    private static final Param SEEDS = Param.integer("seeds", 1, 1, TrainingSpec.MAX_SEEDS,
            "Members of every run: member k trains from seed + k (weights, batch order, dropout) on the same data.");

    private DataSettings() {
    }

    /** What decides the form's shape: the source of the data and, for a generator, which one. */
    static String key(Experiment e) {
        return "data:" + source(e.dataset()) + (e.dataset() instanceof DatasetSpec.Generated g
                ? ":" + generator(g).id() : "");
    }

    static String source(DatasetSpec spec) {
        if (spec instanceof DatasetSpec.Csv) {
            return CSV;
        }
        return spec instanceof DatasetSpec.Idx ? IDX : GENERATOR;
    }

    private static Generator generator(DatasetSpec.Generated g) {
        return g.generator() == null ? Generator.SPIRAL : g.generator();
    }

    /**
     * @param remembered the last dataset of each source seen, so switching the source back and forth
     *                   does not lose a CSV path or a generator's settings
     */
    static void build(Form f, Context c, Map<String, DatasetSpec> remembered) {
        f.notice("timing", () -> c.timingNote(EditTiming.Kind.DATA, -1));
        f.heading("Experiment");
        f.text("name", "Name", "Shown in the window's title and in summaries.", () -> c.experiment().name(),
                v -> v.isBlank() ? "name must not be empty" : null,
                v -> c.edit("Rename experiment", e -> e.withName(v.strip())), null);
        f.longNumber("seed", "Seed", "Seeds data generation, the split, initial weights, batch order and dropout: "
                + "the same seed gives the same run.", () -> c.experiment().seed(),
                v -> c.edit("Set seed", e -> e.withSeed(v)));

        f.heading("Dataset");
        f.combo("source", "Source", "Where the examples come from.", List.of(
                        new Form.Item<>(GENERATOR, "Generator", "A built-in synthetic dataset."),
                        new Form.Item<>(CSV, "CSV file", "A table with a header row; one column is the target."),
                        new Form.Item<>(IDX, "IDX files", "MNIST-style image and label files, plain or gzipped.")),
                () -> source(c.experiment().dataset()),
                source -> c.edit("Set data source", e -> e.withDataset(switchTo(source, e.dataset(), remembered))));
        DatasetSpec spec = c.experiment().dataset();
        if (spec instanceof DatasetSpec.Generated g) {
            generated(f, c, generator(g));
        } else if (spec instanceof DatasetSpec.Csv) {
            csv(f, c);
        } else {
            idx(f, c);
        }
        f.number("validation", "Validation", VALIDATION, () -> c.experiment().dataset().validation(), () -> false,
                v -> c.edit("Set validation split", e -> e.withDataset(withValidation(e.dataset(), v))));
        f.info("data", "Loaded", () -> describe(c));
        f.problems("data", () -> c.data().problems().stream().filter(p -> p.section() == Problem.Section.DATASET)
                .map(Problem::message).toList());

        f.heading("Input");
        f.choice("normalizer", "Normalizer", List.of(InputNormalizer.values()), null,
                () -> c.experiment().normalizer(), (what, choice) -> c.edit("Set input normalizer",
                        e -> e.withNormalizer(choice)));

        f.heading("Training");
        f.number("epochs", "Epochs", EPOCHS, () -> c.experiment().training().epochs(), () -> false,
                v -> training(c, "Set epochs", t -> new TrainingSpec((int) v, t.batchSize(), t.evaluateEvery(), t.seeds())));
        f.number("batchSize", "Batch size", BATCH_SIZE, () -> c.experiment().training().batchSize(), () -> false,
                v -> training(c, "Set batch size", t -> new TrainingSpec(t.epochs(), (int) v, t.evaluateEvery(), t.seeds())));
        f.number("evaluateEvery", "Evaluate every", EVALUATE_EVERY, () -> c.experiment().training().evaluateEvery(),
                () -> false, v -> training(c, "Set evaluation interval",
                        t -> new TrainingSpec(t.epochs(), t.batchSize(), (int) v, t.seeds())));
        f.number("seeds", "Seeds", SEEDS, () -> c.experiment().training().seeds(), () -> false,
                v -> training(c, "Set seeds", t -> t.withSeeds((int) v)));
    }

    private static void generated(Form f, Context c, Generator g) {
        f.combo("generator", "Generator", null, Arrays.stream(Generator.values())
                        .map(x -> new Form.Item<>(x, x.title(), x.summary())).toList(),
                () -> c.experiment().dataset() instanceof DatasetSpec.Generated now ? generator(now) : null,
                chosen -> c.edit("Set generator", e -> e.withDataset(new DatasetSpec.Generated(chosen,
                        chosen.defaultSamples(), chosen.defaultNoise(), chosen.defaultClasses(),
                        e.dataset().validation()))));
        f.number("samples", "Samples", Param.integer("samples", g.defaultSamples(), 2, Generator.MAX_SAMPLES,
                        "Number of examples generated."), () -> generated(c).samples(), () -> false,
                v -> generatedEdit(c, "Set samples", s -> new DatasetSpec.Generated(s.generator(), (int) v, s.noise(),
                        s.classes(), s.validation())));
        f.number("noise", "Noise", Param.real("noise", g.defaultNoise(), 0, 10,
                        "How far examples scatter from the clean pattern."), () -> generated(c).noise(), () -> false,
                v -> generatedEdit(c, "Set noise", s -> new DatasetSpec.Generated(s.generator(), s.samples(), v,
                        s.classes(), s.validation())));
        if (g.task() == Task.CLASSIFICATION && g.minClasses() != g.maxClasses()) {
            f.number("classes", "Classes", Param.integer("classes", g.defaultClasses(), g.minClasses(), g.maxClasses(),
                            "Number of classes to generate."), () -> generated(c).classes(), () -> false,
                    v -> generatedEdit(c, "Set classes", s -> new DatasetSpec.Generated(s.generator(), s.samples(),
                            s.noise(), (int) v, s.validation())));
        } else if (g.task() == Task.CLASSIFICATION) {
            f.info("classes", "Classes", () -> g.minClasses() + " (fixed by " + g.id() + ")");
        } else {
            f.info("task", "Task", () -> "regression");
        }
    }

    private static void csv(Form f, Context c) {
        f.text("csvPath", "File", "The CSV file, relative to the experiment file once saved.",
                () -> c.experiment().dataset() instanceof DatasetSpec.Csv s ? s.path() : "",
                v -> v.isBlank() ? "give the path of the CSV file" : null,
                v -> csvEdit(c, "Set CSV file", s -> new DatasetSpec.Csv(v.strip(), s.target(), s.task(), s.validation())),
                browse(c, "Choose a CSV file", new FileChooser.ExtensionFilter("CSV files", "*.csv", "*.CSV"),
                        path -> csvEdit(c, "Set CSV file", s -> new DatasetSpec.Csv(path, s.target(), s.task(),
                                s.validation()))));
        f.text("target", "Target column", "The column the network learns to predict.",
                () -> c.experiment().dataset() instanceof DatasetSpec.Csv s ? s.target() : "",
                v -> v.isBlank() ? "name the column to predict" : null,
                v -> csvEdit(c, "Set target column", s -> new DatasetSpec.Csv(s.path(), v.strip(), s.task(),
                        s.validation())), null);
        f.combo("task", "Task", "Classification: the target holds labels. Regression: it holds numbers.",
                Arrays.stream(Task.values()).map(t -> new Form.Item<>(t, t.id(), null)).toList(),
                () -> c.experiment().dataset() instanceof DatasetSpec.Csv s ? s.task() : null,
                task -> csvEdit(c, "Set task", s -> new DatasetSpec.Csv(s.path(), s.target(), task, s.validation())));
    }

    private static void idx(Form f, Context c) {
        FileChooser.ExtensionFilter idxFiles = new FileChooser.ExtensionFilter("IDX files", "*ubyte*", "*.idx*", "*.gz");
        f.text("idxImages", "Images", "The images file (idx3-ubyte), plain or gzipped.",
                () -> c.experiment().dataset() instanceof DatasetSpec.Idx s ? s.images() : "",
                v -> v.isBlank() ? "give the path of the images file" : null,
                v -> idxEdit(c, "Set images file", s -> new DatasetSpec.Idx(v.strip(), s.labels(), s.validation())),
                browse(c, "Choose the images file", idxFiles,
                        path -> idxEdit(c, "Set images file", s -> new DatasetSpec.Idx(path, s.labels(), s.validation()))));
        f.text("idxLabels", "Labels", "The labels file (idx1-ubyte), plain or gzipped.",
                () -> c.experiment().dataset() instanceof DatasetSpec.Idx s ? s.labels() : "",
                v -> v.isBlank() ? "give the path of the labels file" : null,
                v -> idxEdit(c, "Set labels file", s -> new DatasetSpec.Idx(s.images(), v.strip(), s.validation())),
                browse(c, "Choose the labels file", idxFiles,
                        path -> idxEdit(c, "Set labels file", s -> new DatasetSpec.Idx(s.images(), path, s.validation()))));
    }

    private static Button browse(Context c, String title, FileChooser.ExtensionFilter filter,
                                 java.util.function.Consumer<String> apply) {
        Button button = new Button("Browse…");
        button.getStyleClass().add("browse");
        button.setMinWidth(Button.USE_PREF_SIZE);
        button.setOnAction(event -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(title);
            chooser.getExtensionFilters().addAll(filter, new FileChooser.ExtensionFilter("All files", "*.*"));
            Path base = c.experiment().baseDirectory();
            if (base != null && base.toFile().isDirectory()) {
                chooser.setInitialDirectory(base.toFile());
            }
            File chosen = chooser.showOpenDialog(c.window().get());
            if (chosen != null) {
                apply.accept(relative(base, chosen.toPath()));
            }
        });
        return button;
    }

    /** {@code file} relative to the experiment's folder when it is inside it, else absolute. */
    static String relative(Path base, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (base != null && absolute.startsWith(base.toAbsolutePath().normalize())) {
            return base.toAbsolutePath().normalize().relativize(absolute).toString().replace('\\', '/');
        }
        return absolute.toString();
    }

    private static DatasetSpec.Generated generated(Context c) {
        return (DatasetSpec.Generated) c.experiment().dataset();
    }

    private static void generatedEdit(Context c, String what, UnaryOperator<DatasetSpec.Generated> change) {
        c.edit(what, e -> e.dataset() instanceof DatasetSpec.Generated g ? e.withDataset(change.apply(g)) : e);
    }

    private static void csvEdit(Context c, String what, UnaryOperator<DatasetSpec.Csv> change) {
        c.edit(what, e -> e.dataset() instanceof DatasetSpec.Csv s ? e.withDataset(change.apply(s)) : e);
    }

    private static void idxEdit(Context c, String what, UnaryOperator<DatasetSpec.Idx> change) {
        c.edit(what, e -> e.dataset() instanceof DatasetSpec.Idx s ? e.withDataset(change.apply(s)) : e);
    }

    private static void training(Context c, String what, Function<TrainingSpec, TrainingSpec> change) {
        c.edit(what, e -> e.withTraining(change.apply(e.training())));
    }

    private static DatasetSpec switchTo(String source, DatasetSpec current, Map<String, DatasetSpec> remembered) {
        DatasetSpec last = remembered.get(source);
        if (last != null) {
            return withValidation(last, current.validation());
        }
        return switch (source) {
            case CSV -> new DatasetSpec.Csv("", "", Task.CLASSIFICATION, current.validation());
            case IDX -> new DatasetSpec.Idx("", "", ExperimentReader.DEFAULT_IDX_VALIDATION);
            default -> new DatasetSpec.Generated(Generator.SPIRAL, Generator.SPIRAL.defaultSamples(),
                    Generator.SPIRAL.defaultNoise(), Generator.SPIRAL.defaultClasses(), current.validation());
        };
    }

    static DatasetSpec withValidation(DatasetSpec spec, double validation) {
        if (spec instanceof DatasetSpec.Generated g) {
            return new DatasetSpec.Generated(g.generator(), g.samples(), g.noise(), g.classes(), validation);
        }
        if (spec instanceof DatasetSpec.Csv s) {
            return new DatasetSpec.Csv(s.path(), s.target(), s.task(), validation);
        }
        DatasetSpec.Idx i = (DatasetSpec.Idx) spec;
        return new DatasetSpec.Idx(i.images(), i.labels(), validation);
    }

    private static String describe(Context c) {
        if (c.data().loadingProperty().get()) {
            return "loading…";
        }
        Dataset d = c.data().dataset();
        if (d == null) {
            return "no data";
        }
        return String.format(Locale.ROOT, "%,d examples, %s", d.size(), d.shape().describe());
    }
}
