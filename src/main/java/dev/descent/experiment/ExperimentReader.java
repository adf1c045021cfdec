package dev.descent.experiment;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.descent.engine.data.DataException;
import dev.descent.engine.data.Generator;
import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.data.RegularFile;
import dev.descent.engine.data.Split;
import dev.descent.engine.data.Task;
import dev.descent.engine.graph.ActivationFunction;
import dev.descent.engine.graph.Edge;
import dev.descent.engine.graph.GraphValidator;
import dev.descent.engine.graph.Initializer;
import dev.descent.engine.graph.LossFunction;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.NodeType;
import dev.descent.engine.graph.Position;
import dev.descent.engine.graph.Problem;
import dev.descent.engine.graph.Problem.Section;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.train.LockstepComparison;
import dev.descent.engine.train.TrainingConfig;
import dev.descent.engine.vocab.Choice;
import dev.descent.engine.vocab.Param;
import dev.descent.engine.vocab.Shown;
import dev.descent.engine.vocab.Term;
import dev.descent.engine.vocab.Terms;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads experiment files (see {@code docs/experiment-format.md}).
 *
 * <p>The reader checks everything a file can get wrong on its own: syntax, keys, JSON types, names of
 * vocabulary entries, parameter ranges, dataset settings, run names. It reports every problem it finds in
 * one pass, each as one line {@code <location>: <what is wrong>; <what is valid>}, where the location is a
 * path such as {@code runs[1].optimizer} or {@code network.nodes[2] (h1)}. What needs the whole graph
 * (cycles, shapes, duplicate node ids, edges to unknown nodes, losses that do not fit the data, dropout
 * rates and other node ranges) is left to {@link dev.descent.engine.graph.GraphValidator}.
 */
public final class ExperimentReader {
    /** Largest file read: far above any real experiment, small enough to refuse a wrong file at once. */
    public static final long MAX_FILE_BYTES = 10L * 1024 * 1024;
    /** Seed when the file gives none. */
    public static final long DEFAULT_SEED = 42;
    /** Name when the file gives none. */
    public static final String DEFAULT_NAME = "Untitled";
    /** Held-out fraction of generated and CSV data when the file gives none. */
    public static final double DEFAULT_VALIDATION = 0.2;
    /** Held-out fraction of IDX data (large sets need less) when the file gives none. */
    public static final double DEFAULT_IDX_VALIDATION = 0.1;
    /** Largest batch size accepted. */
    public static final int MAX_BATCH_SIZE = 1_000_000;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Param VALIDATION = Param.fraction("validation", DEFAULT_VALIDATION,
            "Fraction of examples held out for validation.");
    private static final List<String> TOP_KEYS =
            List.of("format", "name", "seed", "dataset", "normalizer", "network", "training", "runs");
    private static final List<String> DATA_SOURCES = List.of("generator", "csv", "idx");
    private static final List<String> GENERATOR_KEYS = List.of("generator", "samples", "noise", "classes", "validation");
    private static final List<String> CSV_KEYS = List.of("csv", "target", "task", "validation");
    private static final List<String> IDX_KEYS = List.of("idx", "validation");
    private static final List<String> IDX_FILE_KEYS = List.of("images", "labels");
    private static final List<String> NETWORK_KEYS = List.of("nodes", "edges");
    private static final List<String> TRAINING_KEYS = List.of("epochs", "batchSize", "evaluateEvery", "seeds");
    private static final List<String> RUN_KEYS =
            List.of("name", "optimizer", "schedule", "init", "activation", "normalizer", "normalization", "sweep");
    private static final String RUN_EXAMPLE = "{\"name\": \"SGD\", \"optimizer\": \"sgd\"}";

    private final List<Problem> problems = new ArrayList<>();
    /** The nodes read without a problem. */
    private final List<NodeSpec> cleanNodes = new ArrayList<>();

    private ExperimentReader() {
    }

    /**
     * Reads the experiment file {@code file} (UTF-8). Relative data paths in it are relative to the
     * file's directory, which becomes the experiment's {@link Experiment#baseDirectory()}.
     *
     * @throws ExperimentException with every problem found, or the one reason the file cannot be read
     */
    public static Experiment read(Path file) throws ExperimentException {
        Path absolute = file.toAbsolutePath().normalize();
        String text = readText(absolute);
        try {
            return parse(text, absolute.getParent());
        } catch (ExperimentException e) {
            throw e.in(absolute);
        }
    }

    /**
     * Parses the text of an experiment file.
     *
     * @param baseDirectory what relative data paths are relative to, or null for text not from a file
     * @throws ExperimentException with every problem found
     */
    public static Experiment parse(String json, Path baseDirectory) throws ExperimentException {
        if (json.isBlank()) {
            throw new ExperimentException(file("the file is empty"));
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ExperimentException(file(invalidJson(e)));
        }
        if (root == null || root.isMissingNode()) {
            throw new ExperimentException(file("the file is empty"));
        }
        if (!root.isObject()) {
            throw new ExperimentException(file("expected a JSON object at the top level, got " + describe(root)));
        }
        ExperimentReader reader = new ExperimentReader();
        Experiment experiment = reader.experiment((ObjectNode) root, baseDirectory);
        if (!reader.problems.isEmpty()) {
            reader.addNetworkProblems(experiment.network());
            throw new ExperimentException(reader.problems);
        }
        return experiment;
    }

    /**
     * A file refused anyway also gets the problems of its network that do not depend on what was wrong,
     * so that one pass reports them all: the whole graph's (connections, cycles, settings) when every
     * node and edge was read, otherwise the settings of each node read without a problem. Shapes, which
     * need the data, wait until the file reads. A network with no nodes has nothing to add.
     */
    private void addNetworkProblems(NetworkSpec network) {
        if (network.nodes().isEmpty()) {
            return; // not drawn yet: that it lacks an input and a loss tells nothing new
        }
        if (problems.stream().noneMatch(p -> p.section() == Section.NETWORK)) {
            problems.addAll(GraphValidator.validateStructure(network).problems());
        } else {
            cleanNodes.forEach(node -> problems.addAll(GraphValidator.settingsProblems(node)));
        }
    }

    /**
     * Reads one optimizer written as a run writes it ({@code "adam"} or {@code {"type": "adam",
     * "learningRate": 0.05}}), with the same checks and messages, for other files that name optimizers
     * (a lesson's race). Its problems are added to {@code problems}, located at {@code where}.
     *
     * @return the optimizer, or null if it has a problem
     */
    public static Choice<OptimizerType> optimizer(JsonNode v, String where, List<Problem> problems) {
        ExperimentReader reader = new ExperimentReader();
        Choice<OptimizerType> choice = reader.choice(v, where, OptimizerType.class);
        problems.addAll(reader.problems);
        return reader.problems.isEmpty() ? choice : null;
    }

    // ---- the file ----

    private static String readText(Path file) throws ExperimentException {
        try {
            if (Files.isDirectory(file)) {
                throw cannotRead(file, file + " is a directory");
            }
            String kind = RegularFile.notRegular(file);
            if (kind != null) {
                throw cannotRead(file, file + " is " + (kind.startsWith("not") ? "" : kind + ", ")
                        + "not a file that can be read to its end; give a regular experiment file");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw tooLarge(file, String.format(Locale.ROOT, "%.1f MiB", size / (1024.0 * 1024.0)));
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                // bounded even if the size lied (a device, a file still growing)
                bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            }
            if (bytes.length > MAX_FILE_BYTES) {
                throw tooLarge(file, "larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MiB");
            }
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (NoSuchFileException e) {
            throw cannotRead(file, "there is no file " + file);
        } catch (AccessDeniedException e) {
            throw cannotRead(file, "permission denied for " + file);
        } catch (CharacterCodingException e) {
            throw cannotRead(file, "it is not UTF-8 text; save it as UTF-8");
        } catch (IOException e) {
            throw cannotRead(file, DataException.reasonOf(e));
        }
    }

    private static ExperimentException cannotRead(Path file, String reason) {
        return new ExperimentException(file, List.of(file("cannot read the file: " + reason)));
    }

    private static ExperimentException tooLarge(Path file, String size) {
        return new ExperimentException(file, List.of(file("the file is " + size + "; experiment files are at most "
                + MAX_FILE_BYTES / (1024 * 1024) + " MiB, so this is probably not one")));
    }

    private static String invalidJson(JsonProcessingException e) {
        String what = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        if (what.startsWith("Duplicate field '")) {
            String key = what.substring("Duplicate field '".length(), what.lastIndexOf('\''));
            what = "the key '" + shown(key) + "' appears twice in one object; keep one";
        } else if (what.startsWith("Trailing token")) {
            what = "more text after the end of the top-level object; a file holds exactly one object";
        }
        what = Shown.escaped(what.replaceAll("\\s+", " ").trim()); // Jackson echoes the character it met, a U+202E too
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            return "invalid JSON at line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + what;
        }
        return "invalid JSON: " + what;
    }

    // ---- the structure of an experiment ----

    private Experiment experiment(ObjectNode root, Path baseDirectory) throws ExperimentException {
        int format = format(root);
        checkKeys(root, "", TOP_KEYS);
        String name = optionalText(root, "", "name", DEFAULT_NAME);
        long seed = seed(root);
        DatasetSpec dataset = dataset(root.get("dataset"));
        Choice<InputNormalizer> normalizer = optionalChoice(root, "", "normalizer", InputNormalizer.class,
                Choice.of(InputNormalizer.NONE));
        NetworkSpec network = network(root.get("network"));
        TrainingSpec training = training(root.get("training"));
        checkStepCount(dataset, training);
        List<RunSpec> runs = runs(root.get("runs"));
        checkMembers(runs, training, network);
        return new Experiment(format, name, seed, dataset, normalizer, network, training, runs, baseDirectory);
    }

    /** The format version; a newer one stops reading at once, since the rest may mean something else. */
    private int format(ObjectNode root) throws ExperimentException {
        JsonNode v = root.get("format");
        if (v == null) {
            problems.add(file("format is missing; this build reads format " + Experiment.FORMAT));
            return Experiment.FORMAT;
        }
        Double number = wholeValue(v, "", "format");
        if (number == null) {
            return Experiment.FORMAT;
        }
        if (number > Experiment.FORMAT) {
            throw new ExperimentException(file("written by a newer Descent (format " + format(number)
                    + "); this build reads format " + Experiment.FORMAT));
        }
        if (number < Experiment.FORMAT) {
            problems.add(file("format must be " + Experiment.FORMAT + ", got " + format(number)));
        }
        return Experiment.FORMAT;
    }

    private long seed(ObjectNode root) {
        JsonNode v = root.get("seed");
        if (v == null) {
            return DEFAULT_SEED;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        double d = v.isNumber() ? v.doubleValue() : Double.NaN;
        if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
            return (long) d;
        }
        problems.add(file("seed must be a whole number, got " + describe(v)));
        return DEFAULT_SEED;
    }

    private DatasetSpec dataset(JsonNode v) {
        if (v == null) {
            problems.add(Problem.of(Section.DATASET, "", "dataset is missing; give a generator, a CSV file or IDX files, e.g. "
                    + "\"dataset\": {\"generator\": \"spiral\"}"));
            return null;
        }
        if (!v.isObject()) {
            problems.add(Problem.of(Section.DATASET, "", "dataset must be an object, got " + describe(v)));
            return null;
        }
        ObjectNode o = (ObjectNode) v;
        String where = "dataset";
        List<String> sources = DATA_SOURCES.stream().filter(o::has).toList();
        if (sources.isEmpty()) {
            problem(where, "no source of examples; give one of generator, csv or idx");
            return null;
        }
        if (sources.size() > 1) {
            problem(where, "gives both " + sources.get(0) + " and " + sources.get(1)
                    + "; give only one of generator, csv or idx");
            return null;
        }
        return switch (sources.get(0)) {
            case "generator" -> generated(o, where);
            case "csv" -> csv(o, where);
            default -> idx(o, where);
        };
    }

    private DatasetSpec generated(ObjectNode o, String where) {
        checkKeys(o, where, GENERATOR_KEYS);
        int before = problems.size();
        String name = requiredText(o, where, "generator", null);
        Generator generator = null;
        if (name != null) {
            generator = Generator.byId(name).orElse(null);
            if (generator == null) {
                problem(where, "unknown generator '" + shown(name) + "'; valid generators are " + Generator.ids());
            }
        }
        Generator g = generator != null ? generator : Generator.SPIRAL;
        double samples = wholeNumber(o, where, "samples", g.defaultSamples());
        double noise = number(o, where, "noise", g.defaultNoise());
        int classes = integer(o, where, "classes", g.defaultClasses(), Integer.MIN_VALUE, Integer.MAX_VALUE);
        double validation = fraction(o, where, VALIDATION, DEFAULT_VALIDATION);
        if (problems.size() == before) {
            String problem = samples > Integer.MAX_VALUE || samples < Integer.MIN_VALUE
                    // Generator checks ints; say what it would say about a count beyond them
                    ? String.format(Locale.ROOT, samples > 0 ? "samples must be at most %,d, got %,.0f"
                    : "samples must be at least 2, got %2$,.0f", Generator.MAX_SAMPLES, samples)
                    : generator.problemWith((int) samples, noise, classes);
            if (problem != null) {
                problem(where, problem);
            }
        }
        return new DatasetSpec.Generated(generator, (int) samples, noise, classes, validation);
    }

    private DatasetSpec csv(ObjectNode o, String where) {
        checkKeys(o, where, CSV_KEYS);
        String path = requiredText(o, where, "csv", null);
        if (path != null && path.isBlank()) {
            problem(where, "csv is empty; give the path of the CSV file, relative to the experiment file");
        }
        String target = requiredText(o, where, "target", "name the CSV column the network learns to predict");
        String taskName = optionalText(o, where, "task", Task.CLASSIFICATION.id());
        Task task = Arrays.stream(Task.values()).filter(t -> t.id().equals(taskName)).findFirst().orElse(null);
        if (task == null && taskName != null) {
            problem(where, "unknown task '" + shown(taskName) + "'; valid tasks are "
                    + Arrays.stream(Task.values()).map(Task::id).collect(Collectors.joining(", ")));
        }
        double validation = fraction(o, where, VALIDATION, DEFAULT_VALIDATION);
        return new DatasetSpec.Csv(path, target, task, validation);
    }

    private DatasetSpec idx(ObjectNode o, String where) {
        checkKeys(o, where, IDX_KEYS);
        ObjectNode files = object(o, where, "idx");
        String images = null;
        String labels = null;
        if (files != null) {
            String filesWhere = where + ".idx";
            checkKeys(files, filesWhere, IDX_FILE_KEYS);
            images = requiredText(files, filesWhere, "images", "give the path of the images file, e.g. "
                    + "\"train-images-idx3-ubyte.gz\"");
            labels = requiredText(files, filesWhere, "labels", "give the path of the labels file, e.g. "
                    + "\"train-labels-idx1-ubyte.gz\"");
        }
        double validation = fraction(o, where, VALIDATION, DEFAULT_IDX_VALIDATION);
        return new DatasetSpec.Idx(images, labels, validation);
    }

    private NetworkSpec network(JsonNode v) {
        List<NodeSpec> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        if (v == null) {
            return new NetworkSpec(nodes, edges);
        }
        if (!v.isObject()) {
            problems.add(Problem.of(Section.NETWORK, "", "network must be an object with nodes and edges, got " + describe(v)));
            return new NetworkSpec(nodes, edges);
        }
        ObjectNode o = (ObjectNode) v;
        String where = "network";
        checkKeys(o, where, NETWORK_KEYS);
        List<JsonNode> nodeValues = array(o, where, "nodes");
        for (int i = 0; i < nodeValues.size(); i++) {
            int before = problems.size();
            NodeSpec node = node(nodeValues.get(i), i);
            if (node != null) {
                nodes.add(node);
                if (problems.size() == before) {
                    cleanNodes.add(node);
                }
            }
        }
        List<JsonNode> edgeValues = array(o, where, "edges");
        for (int i = 0; i < edgeValues.size(); i++) {
            JsonNode e = edgeValues.get(i);
            if (e.isArray() && e.size() == 2 && e.get(0).isTextual() && e.get(1).isTextual()) {
                edges.add(new Edge(e.get(0).textValue(), e.get(1).textValue()));
            } else {
                problem(where, "edges[" + i + "] must be a pair of node ids like [\"in\", \"h1\"], got " + describe(e));
            }
        }
        return new NetworkSpec(nodes, edges);
    }

    private NodeSpec node(JsonNode v, int index) {
        String where = "network.nodes[" + index + "]";
        if (!v.isObject()) {
            problem("network", "nodes[" + index + "] must be an object, got " + describe(v));
            return null;
        }
        ObjectNode o = (ObjectNode) v;
        String id = requiredText(o, where, "id", "every node needs an id, unique in the network");
        if (id != null) {
            if (id.isBlank()) {
                problem(where, "id is empty; every node needs an id, unique in the network");
            }
            where += " (" + shown(id) + ")";
        }
        String typeName = requiredText(o, where, "type", "one of " + NodeType.ids());
        if (typeName == null) {
            return null;
        }
        NodeType type = NodeType.byId(typeName).orElse(null);
        if (type == null) {
            problem(where, "unknown node type '" + shown(typeName) + "'; valid node types are " + NodeType.ids());
            return null;
        }
        checkKeys(o, where, type.fileKeys());
        NodeSpec node = type.newNode(id == null ? "" : id, null);
        for (Param param : type.params()) {
            node = node.with(param, setting(o, where, type, param));
        }
        if (type.choiceKey() != null) {
            node = node.withChoice(nodeChoice(o, where, type, node.choice()));
        }
        return node.withPosition(position(o, where));
    }

    /** A node's choice as the file gives it; {@code fallback} (a new node's) is the default, or the example. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Choice<?> nodeChoice(ObjectNode o, String where, NodeType type, Choice<?> fallback) {
        String key = type.choiceKey();
        Class kind = type.choiceKind();
        return type.requires(key)
                ? requiredChoice(o, where, key, kind, "e.g. \"" + key + "\": \"" + fallback.term().id() + "\"")
                : optionalChoice(o, where, key, kind, (Choice) fallback);
    }

    /**
     * A node's number or switch setting as the file gives it, or its default. Its range is the validator's
     * to check, so that the window can open a file whose network is unfinished.
     */
    private double setting(ObjectNode o, String where, NodeType type, Param param) {
        String key = param.key();
        return switch (param.type()) {
            case BOOLEAN -> bool(o, where, key, param.defaultValue() != 0) ? 1 : 0;
            case INTEGER -> type.requires(key)
                    ? requiredInteger(o, where, key, "a " + type.id() + " node needs its number of outputs, e.g. \""
                    + key + "\": " + param.format(param.defaultValue()))
                    : integer(o, where, key, (int) param.defaultValue(), Integer.MIN_VALUE, Integer.MAX_VALUE);
            case REAL -> number(o, where, key, param.defaultValue());
        };
    }

    private Position position(ObjectNode o, String where) {
        boolean hasX = o.has("x");
        boolean hasY = o.has("y");
        if (hasX != hasY) {
            problem(where, (hasX ? "x is given without y" : "y is given without x")
                    + "; give both x and y, or neither");
            return null;
        }
        if (!hasX) {
            return null;
        }
        return new Position(number(o, where, "x", 0), number(o, where, "y", 0));
    }

    private TrainingSpec training(JsonNode v) {
        TrainingSpec d = TrainingSpec.DEFAULT;
        if (v == null) {
            return d;
        }
        if (!v.isObject()) {
            problems.add(Problem.of(Section.TRAINING, "", "training must be an object, got " + describe(v)));
            return d;
        }
        ObjectNode o = (ObjectNode) v;
        String where = "training";
        checkKeys(o, where, TRAINING_KEYS);
        return new TrainingSpec(
                integer(o, where, "epochs", d.epochs(), 1, Integer.MAX_VALUE),
                integer(o, where, "batchSize", d.batchSize(), 1, MAX_BATCH_SIZE),
                integer(o, where, "evaluateEvery", d.evaluateEvery(), 1, Integer.MAX_VALUE),
                integer(o, where, "seeds", d.seeds(), 1, TrainingSpec.MAX_SEEDS));
    }

    /**
     * The members of every run together (sweep points times seeds) must fit in one comparison, and every
     * sweep point's name must be free: the points of a sweep become runs in files and charts.
     */
    private void checkMembers(List<RunSpec> runs, TrainingSpec training, NetworkSpec network) {
        long members = 0;
        Map<String, String> owner = new HashMap<>();
        runs.forEach(r -> owner.put(r.name(), r.name()));
        boolean batchNorm = !network.nodesOf(NodeSpec.BatchNorm.class).isEmpty();
        for (int i = 0; i < runs.size(); i++) {
            RunSpec run = runs.get(i);
            members += (run.sweep() == null ? 1 : run.sweep().points()) * (long) training.seeds();
            if (run.sweep() == null || run.name() == null || run.optimizer() == null || run.schedule() == null) {
                continue;
            }
            for (SweepPoints.Point point : SweepPoints.of(run)) {
                String other = owner.putIfAbsent(point.name(), run.name());
                if (other != null && !point.name().equals(run.name())) {
                    problem("runs[" + i + "].sweep", "the point '" + shown(point.name()) + "' has the name of "
                            + (other.equals(point.name()) ? "another run" : "a point of run '" + shown(other) + "'")
                            + "; rename one of the runs");
                }
                if (batchNorm && point.batchSize() == 1) {
                    problem("runs[" + i + "].sweep", "batchSize 1 cannot train the batch_norm nodes (a variance needs"
                            + " 2 examples); sweep batch sizes of 2 or more");
                    break;
                }
            }
        }
        if (members > LockstepComparison.MAX_MEMBERS) {
            problem("runs", LockstepComparison.tooManyMembers((int) Math.min(Integer.MAX_VALUE, members)));
        }
    }

    /**
     * Generated data has a known size, so a training too long to count in steps is refused here; for
     * files the check waits until their size is known ({@link PreparedExperiment#problems}).
     */
    private void checkStepCount(DatasetSpec dataset, TrainingSpec training) {
        if (dataset instanceof DatasetSpec.Generated g && g.generator() != null && g.samples() >= 2
                && g.samples() <= Generator.MAX_SAMPLES) {
            int trainSize = g.samples() - Split.validationCount(g.samples(), g.validation());
            String tooMany = TrainingConfig.stepsProblem(training.epochs(), training.batchSize(), trainSize);
            if (tooMany != null) {
                problem("training", tooMany);
            }
        }
    }

    private List<RunSpec> runs(JsonNode v) {
        List<RunSpec> runs = new ArrayList<>();
        if (v == null) {
            problems.add(Problem.of(Section.RUNS, "", "runs is missing; add at least one run, e.g. \"runs\": [" + RUN_EXAMPLE + "]"));
            return runs;
        }
        if (!v.isArray()) {
            problems.add(Problem.of(Section.RUNS, "", "runs must be an array of runs, got " + describe(v)));
            return runs;
        }
        if (v.isEmpty()) {
            problems.add(Problem.of(Section.RUNS, "", "runs is empty; add at least one run, e.g. " + RUN_EXAMPLE));
            return runs;
        }
        if (v.size() > LockstepComparison.MAX_RUNS) {
            problem("runs", LockstepComparison.tooManyRuns(v.size()));
        }
        Map<String, Integer> firstWithName = new HashMap<>();
        for (int i = 0; i < v.size(); i++) {
            RunSpec run = run(v.get(i), i);
            if (run == null) {
                continue;
            }
            if (run.name() != null) {
                Integer first = firstWithName.putIfAbsent(run.name(), i);
                if (first != null) {
                    problem("runs[" + i + "]", "name '" + shown(run.name()) + "' is already used by runs[" + first
                            + "]; run names must be unique");
                }
            }
            runs.add(run);
        }
        return runs;
    }

    private RunSpec run(JsonNode v, int index) {
        if (!v.isObject()) {
            problems.add(Problem.of(Section.RUNS, "", "runs[" + index + "] must be an object like " + RUN_EXAMPLE + ", got " + describe(v)));
            return null;
        }
        ObjectNode o = (ObjectNode) v;
        String where = "runs[" + index + "]";
        checkKeys(o, where, RUN_KEYS);
        String name = requiredText(o, where, "name", "every run needs a name, unique in the experiment");
        if (name != null && name.isBlank()) {
            problem(where, "name is empty; every run needs a name, unique in the experiment");
        }
        Choice<OptimizerType> optimizer =
                requiredChoice(o, where, "optimizer", OptimizerType.class, "e.g. \"optimizer\": \"adam\"");
        Choice<Schedule> schedule = optionalChoice(o, where, "schedule", Schedule.class, Choice.of(Schedule.CONSTANT));
        Choice<Initializer> init = optionalChoice(o, where, "init", Initializer.class, null);
        Choice<ActivationFunction> activation = optionalChoice(o, where, "activation", ActivationFunction.class, null);
        Choice<InputNormalizer> normalizer = optionalChoice(o, where, "normalizer", InputNormalizer.class, null);
        NormalizationOverride normalization = null;
        String normalizationName = optionalText(o, where, "normalization", null);
        if (normalizationName != null) {
            normalization = NormalizationOverride.byId(normalizationName).orElse(null);
            if (normalization == null) {
                problem(where, "unknown normalization '" + shown(normalizationName) + "'; valid values are "
                        + Arrays.stream(NormalizationOverride.values()).map(NormalizationOverride::id)
                        .collect(Collectors.joining(", ")));
            }
        }
        Sweep sweep = o.has("sweep") && optimizer != null && schedule != null
                ? sweep(o.get("sweep"), where + ".sweep", optimizer, schedule) : null;
        return new RunSpec(name, optimizer, schedule, init, activation, normalizer, normalization, sweep);
    }

    // ---- sweeps ----

    /** The parameters a run with this optimizer and schedule can sweep, in the order messages list them. */
    static List<String> sweepable(Choice<OptimizerType> optimizer, Choice<Schedule> schedule) {
        List<String> keys = new ArrayList<>();
        for (Param p : optimizer.term().params()) {
            if (p.type() != Param.Type.BOOLEAN) {
                keys.add(p.key());
            }
        }
        for (Param p : schedule.term().params()) {
            if (p.type() != Param.Type.BOOLEAN && !keys.contains(p.key())) {
                keys.add(p.key());
            }
        }
        keys.add(Sweep.BATCH_SIZE);
        return keys;
    }

    /** The parameter swept under {@code key}: the optimizer's, the schedule's, or the batch size. */
    static Param sweptParam(String key, Choice<OptimizerType> optimizer, Choice<Schedule> schedule) {
        if (key.equals(Sweep.BATCH_SIZE)) {
            return Param.integer(Sweep.BATCH_SIZE, TrainingSpec.DEFAULT.batchSize(), 1, MAX_BATCH_SIZE, "Examples per step.");
        }
        return optimizer.term().param(key).or(() -> schedule.term().param(key)).orElse(null);
    }

    private Sweep sweep(JsonNode v, String where, Choice<OptimizerType> optimizer, Choice<Schedule> schedule) {
        String example = "e.g. \"sweep\": {\"learningRate\": {\"log\": [0.001, 1], \"count\": 7}}";
        if (!v.isObject() || v.isEmpty()) {
            problem(where, "must be an object of one or two parameters with their values, got " + describe(v) + "; " + example);
            return null;
        }
        if (v.size() > Sweep.MAX_AXES) {
            problem(where, "sweeps " + v.size() + " parameters; a sweep has one or two axes");
            return null;
        }
        List<String> valid = sweepable(optimizer, schedule);
        List<Sweep.Axis> axes = new ArrayList<>();
        boolean ok = true;
        for (Map.Entry<String, JsonNode> field : v.properties()) {
            String key = field.getKey();
            Param param = valid.contains(key) ? sweptParam(key, optimizer, schedule) : null;
            if (param == null) {
                problem(where, "unknown parameter '" + shown(key) + "'; valid parameters for " + optimizer.term().id()
                        + " with schedule " + schedule.term().id() + " are " + String.join(", ", valid));
                ok = false;
                continue;
            }
            Sweep.Values values = axisValues(field.getValue(), where + "." + key, param);
            if (values == null) {
                ok = false;
            } else {
                axes.add(new Sweep.Axis(key, values));
            }
        }
        return ok ? new Sweep(axes) : null;
    }

    /** An axis's values: a list, or a log or linear range; each checked against the parameter's range. */
    private Sweep.Values axisValues(JsonNode v, String where, Param param) {
        Sweep.Values values;
        if (v.isArray()) {
            if (v.isEmpty()) {
                problem(where, "has no values; give at least one, e.g. [0.01, 0.1]");
                return null;
            }
            List<Double> listed = new ArrayList<>();
            for (JsonNode value : v) {
                if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
                    problem(where, "values must be numbers, got " + describe(value));
                    return null;
                }
                listed.add(value.doubleValue());
            }
            values = new Sweep.Listed(listed);
        } else if (v.isObject()) {
            values = range((ObjectNode) v, where);
            if (values == null) {
                return null;
            }
        } else {
            problem(where, "must be a list of values or a range like {\"log\": [0.001, 1], \"count\": 7}, got "
                    + describe(v));
            return null;
        }
        List<Double> seen = new ArrayList<>();
        for (double value : values.expand()) {
            double actual = param.type() == Param.Type.INTEGER && !(values instanceof Sweep.Listed)
                    ? Math.rint(value) : value;
            String problem = param.problemWith(actual);
            if (problem != null) {
                problem(where, problem);
                return null;
            }
            if (seen.contains(actual)) {
                problem(where, "gives the value " + format(actual) + " twice" + (values instanceof Sweep.Listed ? ""
                        : " (" + param.key() + " is a whole number)") + "; give distinct values");
                return null;
            }
            seen.add(actual);
        }
        return values;
    }

    private Sweep.Values range(ObjectNode o, String where) {
        boolean log = o.has("log");
        boolean linear = o.has("linear");
        if (log == linear) {
            problem(where, (log ? "gives both log and linear" : "a range needs log or linear")
                    + "; write {\"log\": [from, to], \"count\": n} or {\"linear\": [from, to], \"count\": n}");
            return null;
        }
        String kind = log ? "log" : "linear";
        checkKeys(o, where, List.of(kind, "count"));
        JsonNode ends = o.get(kind);
        if (!ends.isArray() || ends.size() != 2 || !ends.get(0).isNumber() || !ends.get(1).isNumber()
                || !Double.isFinite(ends.get(0).doubleValue()) || !Double.isFinite(ends.get(1).doubleValue())) {
            problem(where, kind + " must be two numbers [from, to], got " + describe(ends));
            return null;
        }
        if (!o.has("count")) {
            missing(where, "count", "give the number of values, e.g. \"count\": 5");
            return null;
        }
        int before = problems.size();
        int count = integer(o, where, "count", 1, 1, LockstepComparison.MAX_MEMBERS);
        if (problems.size() > before) {
            return null;
        }
        double from = ends.get(0).doubleValue();
        double to = ends.get(1).doubleValue();
        if (from == to) {
            problem(where, "the " + kind + " range [" + format(from) + ", " + format(to) + "] is empty; give two"
                    + " different ends, or list the one value as [" + format(from) + "]");
            return null;
        }
        if (log && (from <= 0 || to <= 0)) {
            problem(where, "a log range needs ends above 0, got [" + format(from) + ", " + format(to) + "]");
            return null;
        }
        return log ? new Sweep.Log(from, to, count) : new Sweep.Linear(from, to, count);
    }

    // ---- choices ----

    private <T extends Enum<T> & Term> Choice<T> requiredChoice(ObjectNode o, String where, String key,
                                                                 Class<T> kind, String hint) {
        JsonNode v = o.get(key);
        if (v == null) {
            missing(where, key, hint);
            return null;
        }
        return choice(v, path(where, key), kind);
    }

    private <T extends Enum<T> & Term> Choice<T> optionalChoice(ObjectNode o, String where, String key,
                                                                 Class<T> kind, Choice<T> fallback) {
        JsonNode v = o.get(key);
        return v == null ? fallback : choice(v, path(where, key), kind);
    }

    /** A vocabulary entry written as its name or as {@code {"type": name, param: value, ...}}; null if wrong. */
    private <T extends Enum<T> & Term> Choice<T> choice(JsonNode v, String where, Class<T> kind) {
        String noun = noun(kind);
        if (v.isTextual()) {
            T term = term(v.textValue(), where, kind);
            return term == null ? null : Choice.of(term);
        }
        if (!v.isObject()) {
            problem(where, "expected " + article(noun) + " name like \"" + kind.getEnumConstants()[0].id()
                    + "\" or an object with \"type\", got " + describe(v));
            return null;
        }
        ObjectNode o = (ObjectNode) v;
        String id = requiredText(o, where, "type", "name the " + noun + ", one of " + Terms.ids(kind));
        if (id == null) {
            return null;
        }
        T term = term(id, where, kind);
        if (term == null) {
            return null;
        }
        List<String> keys = new ArrayList<>(List.of("type"));
        term.params().forEach(p -> keys.add(p.key()));
        checkKeys(o, where, keys);
        Map<String, Double> values = new LinkedHashMap<>();
        boolean valid = true;
        for (Map.Entry<String, JsonNode> field : o.properties()) {
            Optional<Param> param = term.param(field.getKey());
            if (param.isEmpty()) {
                valid &= field.getKey().equals("type");
                continue;
            }
            Double value = paramValue(param.get(), field.getValue(), where);
            if (value == null) {
                valid = false;
            } else {
                values.put(field.getKey(), value);
            }
        }
        return valid ? new Choice<>(term, values) : null;
    }

    private <T extends Enum<T> & Term> T term(String id, String where, Class<T> kind) {
        T term = Terms.byId(kind, id).orElse(null);
        if (term == null) {
            problem(where, "unknown " + noun(kind) + " '" + shown(id) + "'; valid " + noun(kind) + "s are "
                    + Terms.ids(kind));
        }
        return term;
    }

    private Double paramValue(Param param, JsonNode v, String where) {
        double value;
        if (param.type() == Param.Type.BOOLEAN) {
            if (!v.isBoolean()) {
                problem(where, param.key() + " must be true or false, got " + describe(v));
                return null;
            }
            value = v.booleanValue() ? 1 : 0;
        } else {
            if (!v.isNumber()) {
                problem(where, param.key() + " must be " + (param.type() == Param.Type.INTEGER ? "a whole number"
                        : "a number") + ", got " + describe(v));
                return null;
            }
            value = v.doubleValue();
        }
        String problem = param.problemWith(value);
        if (problem != null) {
            problem(where, problem);
            return null;
        }
        return value;
    }

    /** How messages name a kind of vocabulary entry. */
    private static String noun(Class<?> kind) {
        if (kind == OptimizerType.class) {
            return "optimizer";
        } else if (kind == Schedule.class) {
            return "schedule";
        } else if (kind == Initializer.class) {
            return "initializer";
        } else if (kind == ActivationFunction.class) {
            return "activation function";
        } else if (kind == LossFunction.class) {
            return "loss function";
        } else if (kind == InputNormalizer.class) {
            return "normalizer";
        }
        return kind.getSimpleName();
    }

    private static String article(String noun) {
        return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }

    // ---- plain values: each records a problem and returns a harmless fallback when wrong ----

    private void checkKeys(ObjectNode o, String where, List<String> valid) {
        for (Map.Entry<String, JsonNode> field : o.properties()) {
            String key = field.getKey();
            if (!valid.contains(key)) {
                String message = "unknown key '" + shown(key) + "'; valid keys are " + String.join(", ", valid);
                if (where.isEmpty()) {
                    problems.add(file("unknown top-level key" + message.substring("unknown key".length())));
                } else {
                    problem(where, message);
                }
            }
        }
    }

    private String requiredText(ObjectNode o, String where, String key, String hint) {
        JsonNode v = o.get(key);
        if (v == null) {
            missing(where, key, hint);
            return null;
        }
        return text(v, where, key);
    }

    private String optionalText(ObjectNode o, String where, String key, String fallback) {
        JsonNode v = o.get(key);
        return v == null ? fallback : text(v, where, key);
    }

    private String text(JsonNode v, String where, String key) {
        if (!v.isTextual()) {
            problem(where, key + " must be a string, got " + describe(v));
            return null;
        }
        String control = Shown.firstControl(v.textValue());
        if (control != null) {
            problem(where, key + " " + Shown.quoted(v.textValue()) + " holds the control character " + control
                    + "; text in an experiment file holds no control characters");
            return null;
        }
        return v.textValue();
    }

    private ObjectNode object(ObjectNode o, String where, String key) {
        JsonNode v = o.get(key);
        if (v == null || !v.isObject()) {
            problem(where, key + " must be an object, got " + describe(v));
            return null;
        }
        return (ObjectNode) v;
    }

    /** The elements of an optional array; empty when absent or wrong. */
    private List<JsonNode> array(ObjectNode o, String where, String key) {
        JsonNode v = o.get(key);
        List<JsonNode> elements = new ArrayList<>();
        if (v == null) {
            return elements;
        }
        if (!v.isArray()) {
            problem(where, key + " must be an array, got " + describe(v));
            return elements;
        }
        v.forEach(elements::add);
        return elements;
    }

    private boolean bool(ObjectNode o, String where, String key, boolean fallback) {
        JsonNode v = o.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isBoolean()) {
            problem(where, key + " must be true or false, got " + describe(v));
            return fallback;
        }
        return v.booleanValue();
    }

    private double number(ObjectNode o, String where, String key, double fallback) {
        JsonNode v = o.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isNumber()) {
            problem(where, key + " must be a number, got " + describe(v));
            return fallback;
        }
        if (!Double.isFinite(v.doubleValue())) {
            problem(where, key + " must be a finite number, got " + v.asText());
            return fallback;
        }
        return v.doubleValue();
    }

    private double fraction(ObjectNode o, String where, Param param, double fallback) {
        double value = number(o, where, param.key(), fallback);
        String problem = param.problemWith(value);
        if (problem != null) {
            problem(where, problem);
            return fallback;
        }
        return value;
    }

    /** A whole number of any size, as a double so that absurd sizes can still be named in messages. */
    private double wholeNumber(ObjectNode o, String where, String key, double fallback) {
        JsonNode v = o.get(key);
        if (v == null) {
            return fallback;
        }
        Double value = wholeValue(v, where, key);
        return value == null ? fallback : value;
    }

    private Double wholeValue(JsonNode v, String where, String key) {
        double d = v.isNumber() ? v.doubleValue() : Double.NaN;
        if (d != Math.rint(d)) {
            problem(where, key + " must be a whole number, got " + describe(v));
            return null;
        }
        return d;
    }

    private int integer(ObjectNode o, String where, String key, int fallback, int min, int max) {
        JsonNode v = o.get(key);
        if (v == null) {
            return fallback;
        }
        Double value = wholeValue(v, where, key);
        if (value == null) {
            return fallback;
        }
        if (value < min) {
            problem(where, key + " must be " + (max == Integer.MAX_VALUE ? ">= " + min : "in [" + min + ", " + max + "]")
                    + ", got " + format(value));
            return fallback;
        }
        if (value > max) {
            problem(where, key + " must be at most " + max + ", got " + format(value));
            return fallback;
        }
        return value.intValue();
    }

    private int requiredInteger(ObjectNode o, String where, String key, String hint) {
        if (!o.has(key)) {
            missing(where, key, hint);
            return 0;
        }
        return integer(o, where, key, 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    private void missing(String where, String key, String hint) {
        problem(where, key + " is missing" + (hint == null ? "" : "; " + hint));
    }

    /** A problem at {@code where}, a path in this reader's own terms, whose first step names the section. */
    private void problem(String where, String message) {
        problems.add(Problem.of(section(where), where, message));
    }

    private static Section section(String where) {
        String top = where.split("[.\\[ ]", 2)[0];
        return switch (top) {
            case "dataset" -> Section.DATASET;
            case "network" -> Section.NETWORK;
            case "training" -> Section.TRAINING;
            case "runs" -> Section.RUNS;
            default -> Section.FILE;
        };
    }

    /** A problem of the file as a whole. */
    private static Problem file(String message) {
        return Problem.of(Section.FILE, "", message);
    }

    private static String path(String where, String key) {
        return where.isEmpty() ? key : where + "." + key;
    }

    /** A JSON value in words, for "got ..." in messages. */
    private static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        } else if (v.isNull()) {
            return "null";
        } else if (v.isTextual()) {
            return "the string \"" + shown(v.textValue()) + "\"";
        } else if (v.isIntegralNumber()) {
            return v.asText();
        } else if (v.isNumber()) {
            return format(v.doubleValue());
        } else if (v.isBoolean()) {
            return v.asText();
        } else if (v.isArray()) {
            return v.isEmpty() ? "an empty array" : "an array of " + v.size() + (v.size() == 1 ? " value" : " values");
        } else if (v.isObject()) {
            return "an object";
        }
        return v.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    private static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /** Text from the file made safe for a one-line message: control characters escaped, long text cut. */
    private static String shown(String text) {
        return Shown.text(text);
    }
}
