package dev.descent.lesson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.descent.engine.data.DataException;
import dev.descent.engine.data.RegularFile;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.Problem;
import dev.descent.engine.graph.Problem.Section;
import dev.descent.engine.landscape.TestFunction;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.vocab.Choice;
import dev.descent.engine.vocab.Shown;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentException;
import dev.descent.experiment.ExperimentReader;
import dev.descent.experiment.RunSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads lesson files ({@code docs/lesson-format.md}). Like {@link ExperimentReader}, it reports every
 * problem it finds in one pass as a {@link Problem} whose where is a path into the file
 * ({@code steps[2].watch[0]}, {@code challenge.goal}); problems of an embedded experiment keep their own
 * path after {@code experiment: } or {@code challenge.solution: }.
 */
public final class LessonReader {
    /** Largest lesson file read (an inline experiment and a solution included). */
    public static final long MAX_FILE_BYTES = ExperimentReader.MAX_FILE_BYTES;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final List<String> TOP_KEYS = List.of("lesson", "title", "summary", "experiment", "steps", "challenge",
            "race", "lossScale");
    private static final List<String> STEP_KEYS = List.of("title", "text", "watch");
    private static final List<String> CHALLENGE_KEYS = List.of("text", "goal", "editable", "hint", "solution");
    private static final List<String> GOAL_KEYS = List.of("run", "metric", "above", "below");
    private static final List<String> OTHER_RUN_KEYS = List.of("run", "by");
    private static final List<String> RACE_KEYS = List.of("function", "start", "optimizers");
    /** Most optimizers a race draws (each has its own colour). */
    public static final int MAX_RACERS = 8;

    private final List<Problem> problems = new ArrayList<>();
    private final Path base;

    private LessonReader(Path base) {
        this.base = base;
    }

    /** Reads the lesson file {@code file}; relative paths in it are relative to its directory. */
    public static Lesson read(Path file) throws ExperimentException {
        Path absolute = file.toAbsolutePath().normalize();
        String text = readText(absolute);
        try {
            Lesson lesson = parse(text, absolute.getParent());
            return new Lesson(lesson.title(), lesson.summary(), lesson.experiment(), lesson.steps(), lesson.challenge(),
                    lesson.race(), lesson.lossScale(), absolute);
        } catch (ExperimentException e) {
            throw new ExperimentException(absolute, e.problems());
        }
    }

    /**
     * Parses the text of a lesson file.
     *
     * @param baseDirectory what relative experiment paths are relative to, or null
     */
    public static Lesson parse(String json, Path baseDirectory) throws ExperimentException {
        if (json.isBlank()) {
            throw new ExperimentException(top("the file is empty"));
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            String what = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
            what = what.replaceAll("\\s+", " ").trim();
            var at = e.getLocation();
            throw new ExperimentException(top(at != null && at.getLineNr() > 0
                    ? "invalid JSON at line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + Shown.text(what, 200)
                    : "invalid JSON: " + Shown.text(what, 200)));
        }
        if (root == null || !root.isObject()) {
            throw new ExperimentException(top("expected a JSON object at the top level, got " + describe(root)));
        }
        LessonReader reader = new LessonReader(baseDirectory);
        Lesson lesson = reader.lesson(root);
        if (!reader.problems.isEmpty()) {
            throw new ExperimentException(reader.problems);
        }
        return lesson;
    }

    private Lesson lesson(JsonNode root) {
        JsonNode format = root.get("lesson");
        if (format == null) {
            problem("", "lesson is missing; a lesson file starts with \"lesson\": " + Lesson.FORMAT);
        } else if (!format.isIntegralNumber() || format.intValue() != Lesson.FORMAT) {
            problem("lesson", "must be " + Lesson.FORMAT + ", got " + describe(format)
                    + (format.isNumber() && format.doubleValue() > Lesson.FORMAT ? " (written by a newer Descent)" : ""));
        }
        checkKeys(root, "", TOP_KEYS);
        String title = text(root, "", "title", true, false);
        String summary = text(root, "", "summary", false, false);
        Experiment experiment = experiment(root.get("experiment"), "experiment");
        List<Lesson.Step> steps = steps(root.get("steps"), experiment);
        Lesson.Challenge challenge = challenge(root.get("challenge"), experiment);
        Lesson.Race race = root.hasNonNull("race") ? race(root.get("race")) : null;
        return new Lesson(title == null ? "" : title, summary == null ? "" : summary, experiment, steps, challenge,
                race, lossScale(root.get("lossScale")), null);
    }

    /** The optional {@code "lossScale"}: "linear" or "log"; absent, null. */
    private Lesson.LossScale lossScale(JsonNode v) {
        if (v == null) {
            return null;
        }
        for (Lesson.LossScale scale : Lesson.LossScale.values()) {
            if (v.isTextual() && v.textValue().equals(scale.key())) {
                return scale;
            }
        }
        problem("lossScale", "must be \"linear\" or \"log\", got " + describe(v));
        return null;
    }

    /** An experiment written inline or as a path relative to the lesson; its problems after {@code where: }. */
    private Experiment experiment(JsonNode v, String where) {
        if (v == null) {
            problem("", where + " is missing; give the experiment inline or the path of an experiment file");
            return null;
        }
        try {
            if (v.isTextual()) {
                Path path = Path.of(v.textValue());
                Path resolved = path.isAbsolute() || base == null ? path : base.resolve(path).normalize();
                return ExperimentReader.read(resolved);
            }
            if (v.isObject()) {
                return ExperimentReader.parse(MAPPER.writeValueAsString(v), base);
            }
            problem(where, "must be an experiment object or the path of an experiment file, got " + describe(v));
        } catch (ExperimentException e) {
            String prefix = v.isTextual() ? where + " (" + Shown.text(v.textValue()) + ")" : where;
            for (Problem p : e.problems()) {
                problems.add(new Problem(p.section(), p.where().isEmpty() ? prefix : prefix + ": " + p.where(), p.run(),
                        p.nodeIds(), p.what()));
            }
        } catch (JsonProcessingException | java.nio.file.InvalidPathException e) {
            problem(where, "cannot be read: " + Shown.text(String.valueOf(e.getMessage()), 200));
        }
        return null;
    }

    private List<Lesson.Step> steps(JsonNode v, Experiment experiment) {
        List<Lesson.Step> steps = new ArrayList<>();
        if (v == null) {
            problem("", "steps is missing; give at least one step, e.g. \"steps\": [{\"text\": \"...\"}]");
            return steps;
        }
        if (!v.isArray() || v.isEmpty()) {
            problem("steps", "must be an array of at least one step, got " + describe(v));
            return steps;
        }
        for (int i = 0; i < v.size(); i++) {
            String where = "steps[" + i + "]";
            JsonNode s = v.get(i);
            if (!s.isObject()) {
                problem(where, "must be an object with a text, got " + describe(s));
                continue;
            }
            checkKeys(s, where, STEP_KEYS);
            String title = text(s, where, "title", false, false);
            String text = text(s, where, "text", true, true);
            List<Pointer> watch = new ArrayList<>();
            JsonNode w = s.get("watch");
            if (w != null) {
                if (!w.isArray()) {
                    problem(where + ".watch", "must be an array of pointers, got " + describe(w));
                } else {
                    for (int j = 0; j < w.size(); j++) {
                        JsonNode p = w.get(j);
                        String at = where + ".watch[" + j + "]";
                        if (!p.isTextual()) {
                            problem(at, "must be a string such as \"chart-loss\" or \"node:h1\", got " + describe(p));
                        } else if (experiment != null) {
                            String problem = Pointer.problem(p.textValue(), experiment);
                            if (problem != null) {
                                problem(at, Shown.text(problem, 400));
                            } else {
                                watch.add(new Pointer(p.textValue()));
                            }
                        }
                    }
                }
            }
            steps.add(new Lesson.Step(title == null ? "Step " + (i + 1) : title, text == null ? "" : text, watch));
        }
        return steps;
    }

    private Lesson.Challenge challenge(JsonNode v, Experiment experiment) {
        if (v == null) {
            problem("", "challenge is missing; give its text, goal, editable parts, hint and solution");
            return null;
        }
        if (!v.isObject()) {
            problem("challenge", "must be an object, got " + describe(v));
            return null;
        }
        String where = "challenge";
        checkKeys(v, where, CHALLENGE_KEYS);
        String text = text(v, where, "text", true, true);
        String hint = text(v, where, "hint", true, true);
        Goal goal = goal(v.get("goal"), experiment);
        Locks locks = locks(v.get("editable"), experiment);
        Experiment solution = v.has("solution") ? experiment(v.get("solution"), "challenge.solution") : null;
        if (!v.has("solution")) {
            problem(where, "solution is missing; give an experiment (inline or a path) that meets the goal");
        }
        if (solution != null && experiment != null && locks != null) {
            for (Problem p : locks.violations(experiment, solution)) {
                problem("challenge.solution", p.where() + ": " + p.what().replace("you", "the student"));
            }
            if (goal != null) {
                for (String run : goal.runs()) {
                    if (solution.runs().stream().noneMatch(r -> r.name().equals(run))) {
                        problem("challenge.solution", "has no run '" + run + "', which the goal measures");
                    }
                }
            }
        }
        return new Lesson.Challenge(text, goal, locks, hint, solution);
    }

    private Goal goal(JsonNode v, Experiment experiment) {
        String where = "challenge.goal";
        if (v == null) {
            problem("challenge", "goal is missing; e.g. \"goal\": {\"run\": \"He\", \"metric\": \"val_accuracy\", \"above\": 0.9}");
            return null;
        }
        if (!v.isObject()) {
            problem(where, "must be an object with run, metric and above or below, got " + describe(v));
            return null;
        }
        checkKeys(v, where, GOAL_KEYS);
        int before = problems.size();
        String run = runName(v, where, "run", experiment);
        String metricName = text(v, where, "metric", true, false);
        Metric metric = metricName == null ? null : Metric.byId(metricName).orElse(null);
        if (metricName != null && metric == null) {
            problem(where, "unknown metric '" + Shown.text(metricName) + "'; valid metrics are " + Metric.ids());
        }
        boolean hasAbove = v.has("above");
        boolean hasBelow = v.has("below");
        if (hasAbove == hasBelow) {
            problem(where, (hasAbove ? "gives both above and below" : "has neither above nor below")
                    + "; give one: a number, or {\"run\": NAME, \"by\": MARGIN} to beat another run");
            return null;
        }
        String side = hasAbove ? "above" : "below";
        JsonNode bar = v.get(side);
        if (bar.isNumber()) {
            double threshold = bar.doubleValue();
            if (!Double.isFinite(threshold)) {
                problem(where, side + " must be a finite number");
            } else if (metric != null && metric.isFraction() && (threshold < 0 || threshold > 1)) {
                problem(where, side + " must be in [0, 1] for " + metric.id() + " (0.9 is 90%), got " + describe(bar));
            }
            return problems.size() == before ? Goal.against(run, metric, hasAbove, threshold) : null;
        }
        if (bar.isObject()) {
            String at = where + "." + side;
            checkKeys(bar, at, OTHER_RUN_KEYS);
            String other = runName(bar, at, "run", experiment);
            double by = 0;
            JsonNode margin = bar.get("by");
            if (margin != null) {
                if (!margin.isNumber() || !Double.isFinite(margin.doubleValue()) || margin.doubleValue() < 0) {
                    problem(at, "by must be a number >= 0, got " + describe(margin));
                } else {
                    by = margin.doubleValue();
                }
            }
            if (other != null && other.equals(run)) {
                problem(at, "names the measured run itself; name another run to beat");
            }
            return problems.size() == before ? Goal.beating(run, metric, hasAbove, other, by) : null;
        }
        problem(where, side + " must be a number or {\"run\": NAME, \"by\": MARGIN}, got " + describe(bar));
        return null;
    }

    private String runName(JsonNode v, String where, String key, Experiment experiment) {
        String name = text(v, where, key, true, false);
        if (name != null && experiment != null && experiment.runs().stream().noneMatch(r -> r.name().equals(name))) {
            problem(where, "no run '" + Shown.text(name) + "' in the lesson's experiment; its runs are "
                    + String.join(", ", experiment.runs().stream().map(RunSpec::name).toList()));
            return null;
        }
        return name;
    }

    private Locks locks(JsonNode v, Experiment experiment) {
        String where = "challenge.editable";
        if (v == null) {
            problem("challenge", "editable is missing; list the parts the student may change, e.g. [\"runs[He].init\"]");
            return null;
        }
        if (!v.isArray() || v.isEmpty()) {
            problem(where, "must be an array of at least one part, got " + describe(v));
            return null;
        }
        Map<String, List<String>> nodeKeys = new LinkedHashMap<>();
        List<String> runs = List.of();
        if (experiment != null) {
            for (NodeSpec n : experiment.network().nodes()) {
                nodeKeys.put(n.id(), n.type().keys());
            }
            runs = experiment.runs().stream().map(RunSpec::name).toList();
        }
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode p = v.get(i);
            String at = where + "[" + i + "]";
            if (!p.isTextual()) {
                problem(at, "must be a string such as \"runs[Adam].optimizer\", got " + describe(p));
                continue;
            }
            String problem = experiment == null ? null : Part.problem(p.textValue(), nodeKeys, runs);
            if (problem != null) {
                problem(at, Shown.text(problem, 400));
            } else {
                Part.parse(p.textValue()).ifPresent(parts::add);
            }
        }
        return new Locks(parts);
    }

    /**
     * The optional race: {@code {"function": "rosenbrock", "start": [-1.5, 2], "optimizers": ["sgd", ...]}};
     * the start defaults to the function's classic one, the optimizers to the race's own five.
     */
    private Lesson.Race race(JsonNode v) {
        String where = "race";
        if (!v.isObject()) {
            problem(where, "must be an object such as {\"function\": \"rosenbrock\", \"start\": [-1.5, 2]}, got "
                    + describe(v));
            return null;
        }
        checkKeys(v, where, RACE_KEYS);
        int before = problems.size();
        TestFunction function = null;
        JsonNode f = v.get("function");
        if (f == null) {
            problem(where, "function is missing; valid functions are " + TestFunction.ids());
        } else if (!f.isTextual()) {
            problem(where + ".function", "must be a function name, one of " + TestFunction.ids() + ", got " + describe(f));
        } else {
            function = TestFunction.byId(f.textValue()).orElse(null);
            if (function == null) {
                problem(where + ".function", "unknown function '" + Shown.text(f.textValue()) + "'; valid functions are "
                        + TestFunction.ids());
            }
        }
        double[] start = function == null ? null : function.start();
        JsonNode s = v.get("start");
        if (s != null && !s.isNull()) {
            if (s.isArray() && s.size() == 2 && s.get(0).isNumber() && s.get(1).isNumber()
                    && Double.isFinite(s.get(0).doubleValue()) && Double.isFinite(s.get(1).doubleValue())) {
                start = new double[]{s.get(0).doubleValue(), s.get(1).doubleValue()};
            } else {
                problem(where + ".start", "must be two finite numbers [x, y] such as [-1.5, 2], got "
                        + (s.isArray() && !s.isEmpty() ? Shown.text(s.toString()) : describe(s)));
            }
        }
        List<Choice<OptimizerType>> optimizers = new ArrayList<>();
        JsonNode o = v.get("optimizers");
        if (o != null && !o.isNull()) {
            if (!o.isArray() || o.isEmpty() || o.size() > MAX_RACERS) {
                problem(where + ".optimizers", "must be an array of 1 to " + MAX_RACERS
                        + " optimizers such as [\"sgd\", {\"type\": \"adam\", \"learningRate\": 0.05}], got " + describe(o));
            } else {
                for (int i = 0; i < o.size(); i++) {
                    String at = where + ".optimizers[" + i + "]";
                    Choice<OptimizerType> c = ExperimentReader.optimizer(o.get(i), at, problems);
                    if (c != null && optimizers.stream().anyMatch(other -> other.term() == c.term())) {
                        problem(at, c.term().id() + " is already in the race; each optimizer races once");
                    } else if (c != null) {
                        optimizers.add(c);
                    }
                }
            }
        }
        return problems.size() == before ? new Lesson.Race(function, start[0], start[1], optimizers) : null;
    }

    // ---- values ----

    /**
     * A text value: a string, or, for Markdown ({@code markdown}), also an array of strings joined by line
     * breaks. Null (with a problem if {@code required}) when absent or wrong.
     */
    private String text(JsonNode o, String where, String key, boolean required, boolean markdown) {
        JsonNode v = o.get(key);
        String at = where.isEmpty() ? key : where + "." + key;
        if (v == null) {
            if (required) {
                problem(where, key + " is missing");
            }
            return null;
        }
        String text = null;
        if (v.isTextual()) {
            text = v.textValue();
        } else if (markdown && v.isArray()) {
            List<String> lines = new ArrayList<>();
            for (JsonNode line : v) {
                if (!line.isTextual()) {
                    problem(at, "must be a string or an array of strings, got an array holding " + describe(line));
                    return null;
                }
                lines.add(line.textValue());
            }
            text = String.join("\n", lines);
        } else {
            problem(at, "must be a string" + (markdown ? " or an array of strings" : "") + ", got " + describe(v));
            return null;
        }
        String control = Shown.firstControl(markdown ? text.replace("\n", "") : text);
        if (control != null) {
            problem(at, "holds the control character " + control + "; " + (markdown ? "only line breaks are allowed"
                    : "write it on one line"));
            return null;
        }
        if (required && text.isBlank()) {
            problem(at, "is empty");
            return null;
        }
        return text;
    }

    private void checkKeys(JsonNode o, String where, List<String> valid) {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!valid.contains(key)) {
                problem(where, "unknown key '" + Shown.text(key) + "'; valid keys are " + String.join(", ", valid));
            } else if (o.get(key).isNull()) {
                problem(where.isEmpty() ? key : where + "." + key, "is null; give a value or leave the key out");
            }
        }
    }

    private void problem(String where, String what) {
        problems.add(Problem.of(Section.FILE, where, what));
    }

    private static Problem top(String what) {
        return Problem.of(Section.FILE, "", what);
    }

    private static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        } else if (v.isNull()) {
            return "null";
        } else if (v.isTextual()) {
            return "the string \"" + Shown.text(v.textValue()) + "\"";
        } else if (v.isNumber() || v.isBoolean()) {
            return v.asText();
        } else if (v.isArray()) {
            return v.isEmpty() ? "an empty array" : "an array of " + v.size() + (v.size() == 1 ? " value" : " values");
        }
        return "an object";
    }

    private static String readText(Path file) throws ExperimentException {
        try {
            if (Files.isDirectory(file)) {
                throw cannotRead(file, file + " is a directory");
            }
            String kind = RegularFile.notRegular(file);
            if (kind != null) {
                throw cannotRead(file, file + " is not a regular file; give a lesson file");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw cannotRead(file, "the file is larger than " + MAX_FILE_BYTES / (1024 * 1024)
                        + " MiB, so this is probably not a lesson");
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            }
            if (bytes.length > MAX_FILE_BYTES) {
                throw cannotRead(file, "the file is larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MiB");
            }
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (NoSuchFileException e) {
            throw cannotRead(file, "there is no file " + file);
        } catch (CharacterCodingException e) {
            throw cannotRead(file, "it is not UTF-8 text; save it as UTF-8");
        } catch (IOException e) {
            throw cannotRead(file, DataException.reasonOf(e));
        }
    }

    private static ExperimentException cannotRead(Path file, String reason) {
        return new ExperimentException(file, List.of(top("cannot read the lesson: " + reason)));
    }
}
