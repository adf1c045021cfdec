package dev.descent.experiment;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import java.time.Duration;
import dev.descent.testing.Fifo;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.data.DataShape;
import dev.descent.engine.data.Generator;
import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.data.Task;
import dev.descent.engine.graph.ActivationFunction;
import dev.descent.engine.graph.Edge;
import dev.descent.engine.graph.GraphValidator;
import dev.descent.engine.graph.Initializer;
import dev.descent.engine.graph.LossFunction;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.NodeType;
import dev.descent.engine.graph.Position;
import dev.descent.engine.graph.Validation;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Choice;
import dev.descent.engine.vocab.Terms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentReaderTest {

    /** The example of the format's documentation. */
    static final String EXAMPLE = """
            { "format": 1, "name": "Spiral: SGD vs Adam", "seed": 42,
              "dataset": { "generator": "spiral", "samples": 600, "noise": 0.1, "classes": 2, "validation": 0.2 },
              "normalizer": "standardize",
              "network": { "nodes": [ { "id": "in", "type": "input", "x": 40, "y": 120 },
                                      { "id": "h1", "type": "dense", "units": 16, "init": "he_normal", "bias": true },
                                      { "id": "a1", "type": "activation", "function": "relu" },
                                      { "id": "bn", "type": "batch_norm", "momentum": 0.1, "eps": 1e-5 },
                                      { "id": "ln", "type": "layer_norm" },
                                      { "id": "d1", "type": "dropout", "rate": 0.2 },
                                      { "id": "res", "type": "add" },
                                      { "id": "out", "type": "dense", "units": 2, "init": {"type": "normal", "std": 0.01} },
                                      { "id": "loss", "type": "loss", "function": "cross_entropy" } ],
                           "edges": [ ["in","h1"], ["h1","a1"], ["a1","out"], ["out","loss"] ] },
              "training": { "epochs": 20, "batchSize": 32, "evaluateEvery": 50 },
              "runs": [ { "name": "SGD",  "optimizer": { "type": "sgd",  "learningRate": 0.1 } },
                        { "name": "Adam", "optimizer": { "type": "adam", "learningRate": 0.01 },
                          "schedule": { "type": "cosine", "steps": 1000, "warmup": 50 },
                          "init": "he_normal", "activation": "tanh", "normalizer": "none", "normalization": "layer_norm" } ] }
            """;

    /** Writes a small file with single quotes for double quotes, so tests stay readable. */
    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    /** The smallest valid file, with {@code extra} (JSON members, single-quoted) added at the top level. */
    private static String minimal(String extra) {
        return json("{'format': 1, 'dataset': {'generator': 'moons'}, 'runs': [{'name': 'A', 'optimizer': 'sgd'}]"
                + (extra.isEmpty() ? "" : ", " + extra) + "}");
    }

    /** A valid file whose network holds {@code node} (one JSON object, single-quoted). */
    private static String withNode(String node) {
        return minimal("'network': {'nodes': [" + node + "]}");
    }

    /** A valid file with the given runs array (single-quoted). */
    private static String withRuns(String runs) {
        return json("{'format': 1, 'dataset': {'generator': 'moons'}, 'runs': " + runs + "}");
    }

    /** A valid file with the given dataset object (single-quoted). */
    private static String withDataset(String dataset) {
        return json("{'format': 1, 'dataset': " + dataset + ", 'runs': [{'name': 'A', 'optimizer': 'sgd'}]}");
    }

    private static List<String> problems(String text) {
        return assertThrows(ExperimentException.class, () -> ExperimentReader.parse(text, null)).messages();
    }

    /** Asserts that reading {@code text} fails with exactly one problem, and returns it. */
    private static String problem(String text) {
        List<String> problems = problems(text);
        assertEquals(1, problems.size(), () -> "expected one problem, got " + problems);
        return problems.get(0);
    }

    private static Experiment parse(String text) throws ExperimentException {
        return ExperimentReader.parse(text, null);
    }

    // ---- valid files ----

    @Test
    void exampleReadsIntoTheExpectedRecords() throws ExperimentException {
        Experiment e = ExperimentReader.parse(EXAMPLE, Path.of("/data/experiments"));

        assertAll(
                () -> assertEquals(1, e.format()),
                () -> assertEquals("Spiral: SGD vs Adam", e.name()),
                () -> assertEquals(42, e.seed()),
                () -> assertEquals(new DatasetSpec.Generated(Generator.SPIRAL, 600, 0.1, 2, 0.2), e.dataset()),
                () -> assertEquals(Choice.of(InputNormalizer.STANDARDIZE), e.normalizer()),
                () -> assertEquals(new TrainingSpec(20, 32, 50), e.training()),
                () -> assertEquals(Path.of("/data/experiments"), e.baseDirectory()),
                () -> assertEquals(9, e.network().nodes().size()),
                () -> assertEquals(List.of(new Edge("in", "h1"), new Edge("h1", "a1"), new Edge("a1", "out"),
                        new Edge("out", "loss")), e.network().edges()));
    }

    @Test
    void exampleNodesCarryTheirSettingsAndPositions() throws ExperimentException {
        List<NodeSpec> nodes = parse(EXAMPLE).network().nodes();

        assertAll(
                () -> assertEquals(new NodeSpec.Input("in", new Position(40, 120)), nodes.get(0)),
                () -> assertEquals(new NodeSpec.Dense("h1", 16, Choice.of(Initializer.HE_NORMAL), true, null), nodes.get(1)),
                () -> assertEquals(new NodeSpec.Activation("a1", Choice.of(ActivationFunction.RELU), null), nodes.get(2)),
                () -> assertEquals(new NodeSpec.BatchNorm("bn", 0.1, 1e-5, null), nodes.get(3)),
                () -> assertEquals(new NodeSpec.LayerNorm("ln", null), nodes.get(4)),
                () -> assertEquals(new NodeSpec.Dropout("d1", 0.2, null), nodes.get(5)),
                () -> assertEquals(new NodeSpec.Add("res", null), nodes.get(6)),
                () -> assertEquals(new NodeSpec.Dense("out", 2,
                        new Choice<>(Initializer.NORMAL, Map.of("std", 0.01)), true, null), nodes.get(7)),
                () -> assertEquals(new NodeSpec.Loss("loss", Choice.of(LossFunction.CROSS_ENTROPY), null), nodes.get(8)));
    }

    @Test
    void exampleRunsCarryOptimizersSchedulesAndOverrides() throws ExperimentException {
        List<RunSpec> runs = parse(EXAMPLE).runs();

        RunSpec sgd = runs.get(0);
        assertEquals(RunSpec.of("SGD", new Choice<>(OptimizerType.SGD, Map.of("learningRate", 0.1))), sgd);
        RunSpec adam = runs.get(1);
        assertAll(
                () -> assertEquals("Adam", adam.name()),
                () -> assertEquals(Map.of("learningRate", 0.01), adam.optimizer().values()),
                () -> assertEquals(0.999, adam.optimizer().value("beta2")),
                () -> assertEquals(Schedule.COSINE, adam.schedule().term()),
                () -> assertEquals(1000, adam.schedule().intValue("steps")),
                () -> assertEquals(50, adam.schedule().intValue(Schedule.WARMUP_STEPS)),
                () -> assertEquals(Choice.of(Initializer.HE_NORMAL), adam.init()),
                () -> assertEquals(Choice.of(ActivationFunction.TANH), adam.activation()),
                () -> assertEquals(Choice.of(InputNormalizer.NONE), adam.normalizer()),
                () -> assertEquals(NormalizationOverride.LAYER_NORM, adam.normalization()));
    }

    @Test
    void absentKeysTakeTheirDefaults() throws ExperimentException {
        Experiment e = parse(withNode("{'id': 'h', 'type': 'dense', 'units': 4}"));

        assertAll(
                () -> assertEquals("Untitled", e.name()),
                () -> assertEquals(42, e.seed()),
                () -> assertEquals(new DatasetSpec.Generated(Generator.MOONS, Generator.MOONS.defaultSamples(),
                        Generator.MOONS.defaultNoise(), Generator.MOONS.defaultClasses(), 0.2), e.dataset()),
                () -> assertEquals(Choice.of(InputNormalizer.NONE), e.normalizer()),
                () -> assertEquals(TrainingSpec.DEFAULT, e.training()),
                () -> assertEquals(new NodeSpec.Dense("h", 4, Choice.of(Initializer.XAVIER_UNIFORM), true, null),
                        e.network().nodes().get(0)),
                () -> assertEquals(RunSpec.of("A", Choice.of(OptimizerType.SGD)), e.runs().get(0)),
                () -> assertNull(e.runs().get(0).init()),
                () -> assertNull(e.runs().get(0).normalization()));
    }

    @Test
    void nodeSettingsTakeTheirDefaults() throws ExperimentException {
        Experiment e = parse(minimal("'network': {'nodes': [{'id': 'bn', 'type': 'batch_norm'}, "
                + "{'id': 'd', 'type': 'dropout'}]}"));

        assertEquals(List.of(new NodeSpec.BatchNorm("bn", NodeType.MOMENTUM.defaultValue(),
                NodeType.EPS.defaultValue(), null), new NodeSpec.Dropout("d", 0.5, null)), e.network().nodes());
    }

    @Test
    void absentNetworkIsEmpty() throws ExperimentException {
        Experiment e = parse(minimal(""));

        assertTrue(e.network().nodes().isEmpty());
        assertTrue(e.network().edges().isEmpty());
    }

    @Test
    void nameOnlyChoiceHasNoExplicitValues() throws ExperimentException {
        Choice<OptimizerType> optimizer = parse(withRuns("[{'name': 'A', 'optimizer': 'adam'}]")).runs().get(0).optimizer();

        assertEquals(OptimizerType.ADAM, optimizer.term());
        assertTrue(optimizer.values().isEmpty());
        assertEquals(0.001, optimizer.value("learningRate"));
    }

    @Test
    void objectChoiceKeepsOnlyTheValuesWritten() throws ExperimentException {
        Choice<OptimizerType> optimizer = parse(withRuns(
                "[{'name': 'A', 'optimizer': {'type': 'adam', 'beta1': 0.8, 'weightDecay': 0.001}}]")).runs().get(0).optimizer();

        assertEquals(Map.of("beta1", 0.8, "weightDecay", 0.001), optimizer.values());
    }

    @Test
    void objectChoiceWithOnlyATypeEqualsTheNameOnlyChoice() throws ExperimentException {
        Choice<OptimizerType> optimizer = parse(withRuns("[{'name': 'A', 'optimizer': {'type': 'adam'}}]")).runs().get(0).optimizer();

        assertEquals(Choice.of(OptimizerType.ADAM), optimizer);
    }

    @Test
    void booleanParameterIsStoredAsOneOrZero() throws ExperimentException {
        Choice<Schedule> schedule = parse(withRuns(
                "[{'name': 'A', 'optimizer': 'sgd', 'schedule': {'type': 'cosine', 'restarts': true}}]")).runs().get(0).schedule();

        assertEquals(Map.of("restarts", 1.0), schedule.values());
        assertTrue(schedule.flag("restarts"));
    }

    @Test
    void csvDatasetReadsPathTargetAndTask() throws ExperimentException {
        DatasetSpec dataset = parse(withDataset("{'csv': 'data/house.csv', 'target': 'price', 'task': 'regression'}")).dataset();

        assertEquals(new DatasetSpec.Csv("data/house.csv", "price", Task.REGRESSION, 0.2), dataset);
    }

    @Test
    void csvTaskDefaultsToClassification() throws ExperimentException {
        DatasetSpec dataset = parse(withDataset("{'csv': 'iris.csv', 'target': 'label'}")).dataset();

        assertEquals(new DatasetSpec.Csv("iris.csv", "label", Task.CLASSIFICATION, 0.2), dataset);
    }

    @Test
    void idxDatasetReadsBothFilesAndHoldsOutATenthByDefault() throws ExperimentException {
        DatasetSpec dataset = parse(withDataset("{'idx': {'images': 'train-images-idx3-ubyte.gz', "
                + "'labels': 'train-labels-idx1-ubyte.gz'}}")).dataset();

        assertEquals(new DatasetSpec.Idx("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", 0.1), dataset);
    }

    @Test
    void regressionGeneratorDefaultsToNoClasses() throws ExperimentException {
        DatasetSpec dataset = parse(withDataset("{'generator': 'sine'}")).dataset();

        assertEquals(new DatasetSpec.Generated(Generator.SINE, 300, 0.1, 0, 0.2), dataset);
    }

    @Test
    void wholeNumberWrittenWithADecimalPointIsAccepted() throws ExperimentException {
        Experiment e = parse(minimal("'training': {'epochs': 5.0}, 'seed': 7.0"));

        assertEquals(5, e.training().epochs());
        assertEquals(7, e.seed());
    }

    @Test
    void largeSeedIsReadExactly() throws ExperimentException {
        assertEquals(Long.MAX_VALUE, parse(minimal("'seed': 9223372036854775807")).seed());
    }

    @Test
    void byteOrderMarkIsIgnored(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bom.json");
        Files.writeString(file, "\uFEFF" + minimal(""));

        assertEquals("Untitled", ExperimentReader.read(file).name());
    }

    @Test
    void readSetsTheBaseDirectoryToTheFilesDirectory(@TempDir Path dir) throws Exception {
        Path sub = Files.createDirectories(dir.resolve("exp"));
        Files.writeString(sub.resolve("a.json"), withDataset("{'csv': 'data/iris.csv', 'target': 'label'}"));

        Experiment e = ExperimentReader.read(dir.resolve("exp/../exp/a.json"));

        assertEquals(sub.toAbsolutePath().normalize(), e.baseDirectory());
        assertEquals(sub.resolve("data/iris.csv").toAbsolutePath().normalize(), e.resolve("data/iris.csv"));
    }

    @Test
    void documentedExampleReadsAndItsNetworkCanTrain() throws Exception {
        String doc = Files.readString(Path.of("docs/experiment-format.md"));
        int start = doc.indexOf("```json", doc.indexOf("## A complete example")) + "```json".length();
        String example = doc.substring(start, doc.indexOf("```", start));

        Experiment e = parse(example);

        Validation validation = GraphValidator.validate(e.network(), DataShape.classification(2, 2),
                e.training().batchSize());
        assertTrue(validation.isValid(), validation.problems()::toString);
        assertEquals(2, e.runs().size());
    }

    // ---- bad input: one class each ----

    @Test
    void unknownTopLevelKeyIsNamedWithTheValidKeys() {
        assertEquals("unknown top-level key 'epochs'; valid keys are format, name, seed, dataset, normalizer, "
                + "network, training, runs", problem(minimal("'epochs': 3")));
    }

    @Test
    void unknownNodeKeyIsNamedWithTheNodesValidKeys() {
        assertEquals("network.nodes[0] (h1): unknown key 'unit'; valid keys are id, type, units, init, bias, x, y",
                problem(withNode("{'id': 'h1', 'type': 'dense', 'units': 3, 'unit': 3}")));
    }

    @Test
    void unknownNodeTypeListsTheValidTypes() {
        assertEquals("network.nodes[0] (c1): unknown node type 'conv'; valid node types are input, dense, "
                + "activation, batch_norm, layer_norm, dropout, add, loss",
                problem(withNode("{'id': 'c1', 'type': 'conv'}")));
    }

    @Test
    void unknownOptimizerListsTheValidOptimizers() {
        assertEquals("runs[1].optimizer: unknown optimizer 'adamx'; valid optimizers are "
                + Terms.ids(OptimizerType.class),
                problem(withRuns("[{'name': 'A', 'optimizer': 'sgd'}, {'name': 'B', 'optimizer': 'adamx'}]")));
    }

    @Test
    void unknownOptimizerInAnObjectListsTheValidOptimizers() {
        assertEquals("runs[0].optimizer: unknown optimizer 'adamx'; valid optimizers are "
                + Terms.ids(OptimizerType.class),
                problem(withRuns("[{'name': 'A', 'optimizer': {'type': 'adamx', 'learningRate': 0.1}}]")));
    }

    @Test
    void unknownScheduleListsTheValidSchedules() {
        assertEquals("runs[0].schedule: unknown schedule 'cosine_annealing'; valid schedules are "
                + "constant, step, exponential, inverse_time, polynomial, cosine, one_cycle, plateau, warmup",
                problem(withRuns("[{'name': 'A', 'optimizer': 'sgd', 'schedule': 'cosine_annealing'}]")));
    }

    @Test
    void unknownActivationListsTheValidActivations() {
        assertEquals("network.nodes[0] (a).function: unknown activation function 'rectifier'; valid activation "
                + "functions are " + Terms.ids(ActivationFunction.class),
                problem(withNode("{'id': 'a', 'type': 'activation', 'function': 'rectifier'}")));
    }

    @Test
    void unknownInitializerListsTheValidInitializers() {
        assertEquals("network.nodes[0] (h).init: unknown initializer 'kaiming'; valid initializers are "
                + Terms.ids(Initializer.class),
                problem(withNode("{'id': 'h', 'type': 'dense', 'units': 2, 'init': 'kaiming'}")));
    }

    @Test
    void unknownLossListsTheValidLosses() {
        assertEquals("network.nodes[0] (loss).function: unknown loss function 'nll'; valid loss functions are "
                + "mse, mae, huber, binary_cross_entropy, cross_entropy",
                problem(withNode("{'id': 'loss', 'type': 'loss', 'function': 'nll'}")));
    }

    @Test
    void unknownNormalizerListsTheValidNormalizers() {
        assertEquals("normalizer: unknown normalizer 'zscore'; valid normalizers are none, min_max, standardize, pixel",
                problem(minimal("'normalizer': 'zscore'")));
    }

    @Test
    void unknownRunNormalizationListsTheValidValues() {
        assertEquals("runs[0]: unknown normalization 'group_norm'; valid values are batch_norm, layer_norm, none",
                problem(withRuns("[{'name': 'A', 'optimizer': 'sgd', 'normalization': 'group_norm'}]")));
    }

    @Test
    void unknownParameterOfAChoiceListsItsParameters() {
        assertEquals("runs[0].optimizer: unknown key 'lr'; valid keys are type, learningRate, momentum, "
                + "weightDecay, clipNorm",
                problem(withRuns("[{'name': 'A', 'optimizer': {'type': 'momentum', 'lr': 0.1}}]")));
    }

    @Test
    void parameterOutOfRangeIsRefusedWithItsRange() {
        assertEquals("runs[0].optimizer: learningRate must be > 0, got -1",
                problem(withRuns("[{'name': 'A', 'optimizer': {'type': 'sgd', 'learningRate': -1}}]")));
    }

    @Test
    void nonWholeIntegerParameterIsRefused() {
        assertEquals("runs[0].schedule: stepSize must be a whole number, got 2.5",
                problem(withRuns("[{'name': 'A', 'optimizer': 'sgd', 'schedule': {'type': 'step', 'stepSize': 2.5}}]")));
    }

    @Test
    void numberForABooleanParameterIsRefused() {
        assertEquals("runs[0].schedule: restarts must be true or false, got 1",
                problem(withRuns("[{'name': 'A', 'optimizer': 'sgd', 'schedule': {'type': 'cosine', 'restarts': 1}}]")));
    }

    @Test
    void choiceObjectWithoutTypeIsRefused() {
        assertEquals("runs[0].optimizer: type is missing; name the optimizer, one of " + Terms.ids(OptimizerType.class),
                problem(withRuns("[{'name': 'A', 'optimizer': {'learningRate': 0.1}}]")));
    }

    @Test
    void choiceOfTheWrongJsonTypeSaysWhatIsExpected() {
        assertEquals("runs[0].optimizer: expected an optimizer name like \"sgd\" or an object with \"type\", got 3",
                problem(withRuns("[{'name': 'A', 'optimizer': 3}]")));
    }

    @Test
    void dropoutRateMustBeANumber() {
        assertEquals("network.nodes[0] (d): rate must be a number, got the string \"0.2\"",
                problem(withNode("{'id': 'd', 'type': 'dropout', 'rate': '0.2'}")));
    }

    @Test
    void dropoutRateRangeIsLeftToTheGraphValidator() throws ExperimentException {
        NodeSpec node = parse(withNode("{'id': 'd', 'type': 'dropout', 'rate': 1.5}")).network().nodes().get(0);

        assertEquals(new NodeSpec.Dropout("d", 1.5, null), node);
    }

    @Test
    void nonIntegerUnitsAreRefused() {
        assertEquals("network.nodes[0] (h): units must be a whole number, got 16.5",
                problem(withNode("{'id': 'h', 'type': 'dense', 'units': 16.5}")));
    }

    @Test
    void booleanWhereANumberIsExpectedIsRefused() {
        assertEquals("training: epochs must be a whole number, got true", problem(minimal("'training': {'epochs': true}")));
    }

    @Test
    void stringWhereABooleanIsExpectedIsRefused() {
        assertEquals("network.nodes[0] (h): bias must be true or false, got the string \"yes\"",
                problem(withNode("{'id': 'h', 'type': 'dense', 'units': 2, 'bias': 'yes'}")));
    }

    @Test
    void trainingValuesOutOfRangeAreRefused() {
        assertEquals(List.of("training: epochs must be >= 1, got 0",
                        "training: batchSize must be at most 1000000, got 2000000",
                        "training: evaluateEvery must be >= 1, got -5"),
                problems(minimal("'training': {'epochs': 0, 'batchSize': 2000000, 'evaluateEvery': -5}")));
    }

    @Test
    void missingDatasetIsRefused() {
        assertEquals("dataset is missing; give a generator, a CSV file or IDX files, e.g. "
                        + "\"dataset\": {\"generator\": \"spiral\"}",
                problem(json("{'format': 1, 'runs': [{'name': 'A', 'optimizer': 'sgd'}]}")));
    }

    @Test
    void missingRunsIsRefused() {
        assertEquals("runs is missing; add at least one run, e.g. \"runs\": [{\"name\": \"SGD\", \"optimizer\": \"sgd\"}]",
                problem(json("{'format': 1, 'dataset': {'generator': 'moons'}}")));
    }

    @Test
    void missingRunNameIsRefused() {
        assertEquals("runs[0]: name is missing; every run needs a name, unique in the experiment",
                problem(withRuns("[{'optimizer': 'sgd'}]")));
    }

    @Test
    void missingOptimizerIsRefused() {
        assertEquals("runs[0]: optimizer is missing; e.g. \"optimizer\": \"adam\"", problem(withRuns("[{'name': 'A'}]")));
    }

    @Test
    void missingNodeIdAndTypeAreRefused() {
        assertEquals(List.of("network.nodes[0]: id is missing; every node needs an id, unique in the network",
                        "network.nodes[0]: type is missing; one of input, dense, activation, batch_norm, layer_norm, "
                                + "dropout, add, loss"),
                problems(withNode("{'units': 3}")));
    }

    @Test
    void missingDenseUnitsIsRefused() {
        assertEquals("network.nodes[0] (h): units is missing; a dense node needs its number of outputs, e.g. \"units\": 16",
                problem(withNode("{'id': 'h', 'type': 'dense'}")));
    }

    @Test
    void missingActivationFunctionIsRefused() {
        assertEquals("network.nodes[0] (a): function is missing; e.g. \"function\": \"relu\"",
                problem(withNode("{'id': 'a', 'type': 'activation'}")));
    }

    @Test
    void missingCsvTargetIsRefused() {
        assertEquals("dataset: target is missing; name the CSV column the network learns to predict",
                problem(withDataset("{'csv': 'iris.csv'}")));
    }

    @Test
    void missingIdxLabelsIsRefused() {
        assertEquals("dataset.idx: labels is missing; give the path of the labels file, e.g. "
                + "\"train-labels-idx1-ubyte.gz\"", problem(withDataset("{'idx': {'images': 'i.gz'}}")));
    }

    @Test
    void datasetWithoutASourceIsRefused() {
        assertEquals("dataset: no source of examples; give one of generator, csv or idx",
                problem(withDataset("{'validation': 0.2}")));
    }

    @Test
    void datasetWithTwoSourcesIsRefused() {
        assertEquals("dataset: gives both generator and csv; give only one of generator, csv or idx",
                problem(withDataset("{'generator': 'moons', 'csv': 'a.csv', 'target': 'y'}")));
    }

    @Test
    void unknownGeneratorListsTheValidGenerators() {
        assertEquals("dataset: unknown generator 'spirals'; valid generators are " + Generator.ids(),
                problem(withDataset("{'generator': 'spirals'}")));
    }

    @Test
    void unknownCsvTaskListsTheValidTasks() {
        assertEquals("dataset: unknown task 'ranking'; valid tasks are classification, regression",
                problem(withDataset("{'csv': 'a.csv', 'target': 'y', 'task': 'ranking'}")));
    }

    @Test
    void emptyRunsIsRefused() {
        assertEquals("runs is empty; add at least one run, e.g. {\"name\": \"SGD\", \"optimizer\": \"sgd\"}",
                problem(withRuns("[]")));
    }

    @Test
    void duplicateRunNamesAreRefused() {
        assertEquals("runs[2]: name 'A' is already used by runs[0]; run names must be unique",
                problem(withRuns("[{'name': 'A', 'optimizer': 'sgd'}, {'name': 'B', 'optimizer': 'sgd'}, "
                        + "{'name': 'A', 'optimizer': 'adam'}]")));
    }

    @Test
    void missingFormatIsRefused() {
        assertEquals("format is missing; this build reads format 1",
                problem(json("{'dataset': {'generator': 'moons'}, 'runs': [{'name': 'A', 'optimizer': 'sgd'}]}")));
    }

    @Test
    void newerFormatIsRefusedAloneSinceTheRestMayMeanSomethingElse() {
        assertEquals("written by a newer Descent (format 2); this build reads format 1",
                problem(json("{'format': 2, 'dataset': {'shards': 8}, 'runs': 'all'}")));
    }

    @Test
    void olderFormatNumberIsRefused() {
        assertEquals("format must be 1, got 0", problem(json("{'format': 0, 'dataset': {'generator': 'moons'}, "
                + "'runs': [{'name': 'A', 'optimizer': 'sgd'}]}")));
    }

    @Test
    void malformedJsonGivesLineAndColumn() {
        String text = "{\n  \"format\": 1,\n  \"name\": \"x\" \"seed\": 3\n}";

        String problem = problem(text);

        assertTrue(problem.startsWith("invalid JSON at line 3, column 15: "), problem);
        assertTrue(!problem.contains("\n") && !problem.contains("\tat "), problem);
    }

    @Test
    void unterminatedJsonGivesLineAndColumn() {
        String problem = problem("{\"format\": 1,\n\"name\": ");

        assertTrue(problem.startsWith("invalid JSON at line 2, column "), problem);
    }

    @Test
    void trailingTextAfterTheObjectIsRefused() {
        String problem = problem(minimal("") + " {}");

        assertTrue(problem.startsWith("invalid JSON at line 1, column "), problem);
        assertTrue(problem.endsWith("more text after the end of the top-level object; a file holds exactly one object"),
                problem);
    }

    @Test
    void emptyFileIsRefused() {
        assertEquals("the file is empty", problem(""));
        assertEquals("the file is empty", problem("  \n\t "));
    }

    @Test
    void topLevelArrayIsRefused() {
        assertEquals("expected a JSON object at the top level, got an array of 1 value", problem("[" + minimal("") + "]"));
    }

    @Test
    void duplicateJsonKeysAreRefused() {
        String problem = problem("{\"format\": 1,\n \"name\": \"a\",\n \"name\": \"b\"}");

        assertTrue(problem.startsWith("invalid JSON at line 3, column "), problem);
        assertTrue(problem.endsWith("the key 'name' appears twice in one object; keep one"), problem);
    }

    @Test
    void positionNeedsBothCoordinates() {
        assertEquals("network.nodes[0] (in): x is given without y; give both x and y, or neither",
                problem(withNode("{'id': 'in', 'type': 'input', 'x': 10}")));
    }

    @Test
    void generatorSizeTooLargeIsRefusedWithTheGeneratorsMessage() {
        assertEquals("dataset: samples must be at most 1,000,000, got 1,000,000,000,000",
                problem(withDataset("{'generator': 'spiral', 'samples': 1e12}")));
    }

    @Test
    void generatorClassesOutOfItsRangeIsRefusedWithTheGeneratorsMessage() {
        assertEquals("dataset: " + Generator.MOONS.problemWith(400, 0.1, 3),
                problem(withDataset("{'generator': 'moons', 'classes': 3}")));
    }

    @Test
    void validationOfOneIsRefused() {
        assertEquals("dataset: validation must be in [0, 1), got 1",
                problem(withDataset("{'generator': 'moons', 'validation': 1.0}")));
    }

    @Test
    void malformedEdgeIsRefused() {
        assertEquals("network: edges[1] must be a pair of node ids like [\"in\", \"h1\"], got an array of 3 values",
                problem(minimal("'network': {'edges': [['a', 'b'], ['a', 'b', 'c']]}")));
    }

    @Test
    void nullIsNotAValue() {
        assertEquals("name must be a string, got null", problem(minimal("'name': null")));
    }

    @Test
    void controlCharactersInNamesFromTheFileDoNotBreakTheLine() {
        String problem = problem(minimal("'nor\\nmalizer': 1"));

        assertTrue(problem.startsWith("unknown top-level key 'nor\\nmalizer';"), problem);
    }

    @Test
    void aControlCharacterInAPathIsAProblemNamingItEscaped() {
        String problem = problem(withDataset("{'csv': 'data\\u0000.csv', 'target': 'y'}"));

        assertEquals("dataset: csv 'data\\u0000.csv' holds the control character \\u0000; text in an experiment file"
                + " holds no control characters", problem);
    }

    @Test
    void aLineBreakInANodeIdIsAProblem() {
        String problem = problem(withNode("{'id': 'h\\n1', 'type': 'dense', 'units': 3}"));

        assertTrue(problem.startsWith("network.nodes[0]: id 'h\\n1' holds the control character \\n;"), problem);
    }

    @Test
    void epochsBeyondTheStepCountAreRefusedWithTheLimit() {
        // given 400 generated examples, 80 held out: 10 steps of 32 an epoch
        String problem = problem(minimal("'training': {'epochs': 2000000000, 'batchSize': 32}"));

        assertEquals("training: epochs must be at most 214,748,364 here: 2,000,000,000 epochs of 10 steps are"
                + " 20,000,000,000 steps, and a run takes at most 2,147,483,647 steps", problem);
    }

    @Test
    void aRefusedFileAlsoGetsTheGraphProblemsThatNeedNoData() {
        // given a bad batch size and a network without a loss node whose dense node has 0 units
        List<String> problems = problems(minimal("'training': {'batchSize': 0}, 'network': {'nodes': ["
                + "{'id': 'in', 'type': 'input'}, {'id': 'h', 'type': 'dense', 'units': 0}], 'edges': [['in', 'h']]}"));

        assertEquals(List.of("training: batchSize must be in [1, 1000000], got 0",
                "the network has no loss node; add one fed by the network's output", "node 'h': units must be >= 1, got 0"),
                problems);
    }

    @Test
    void withANodeThatCannotBeReadOnlyTheOtherNodesOwnSettingsAreAdded() {
        // given one node with an unknown key (so edges to it cannot be judged) and another with 0 units
        List<String> problems = problems(minimal("'network': {'nodes': [{'id': 'a', 'type': 'dense', 'unit': 3},"
                + " {'id': 'b', 'type': 'dense', 'units': 0}], 'edges': [['a', 'b']]}"));

        assertEquals(List.of("network.nodes[0] (a): unknown key 'unit'; valid keys are id, type, units, init, bias, x, y",
                "network.nodes[0] (a): units is missing; a dense node needs its number of outputs, e.g. \"units\": 16",
                "node 'b': units must be >= 1, got 0"), problems);
    }

    @Test
    void severalProblemsAreReportedTogether() {
        List<String> problems = problems(json("""
                {'format': 1, 'seed': 'x',
                 'dataset': {'generator': 'moons', 'validation': 2},
                 'network': {'nodes': [{'id': 'h', 'type': 'dense', 'unit': 3}]},
                 'training': {'epochs': 0},
                 'runs': [{'name': 'A', 'optimizer': 'adamx'}, {'name': 'A', 'optimizer': 'sgd'}]}
                """));

        assertEquals(List.of(
                "seed must be a whole number, got the string \"x\"",
                "dataset: validation must be in [0, 1), got 2",
                "network.nodes[0] (h): unknown key 'unit'; valid keys are id, type, units, init, bias, x, y",
                "network.nodes[0] (h): units is missing; a dense node needs its number of outputs, e.g. \"units\": 16",
                "training: epochs must be >= 1, got 0",
                "runs[0].optimizer: unknown optimizer 'adamx'; valid optimizers are " + Terms.ids(OptimizerType.class),
                "runs[1]: name 'A' is already used by runs[0]; run names must be unique"), problems);
    }

    @Test
    void exceptionMessageJoinsTheProblems() {
        ExperimentException e = assertThrows(ExperimentException.class,
                () -> ExperimentReader.parse(json("{'format': 1}"), null));

        assertEquals(String.join("; ", e.messages()), e.getMessage());
        assertNull(e.file());
    }

    // ---- files ----

    @Test
    void missingFileCannotBeRead(@TempDir Path dir) {
        Path file = dir.resolve("nope.json");

        ExperimentException e = assertThrows(ExperimentException.class, () -> ExperimentReader.read(file));

        assertEquals(List.of("cannot read the file: there is no file " + file.toAbsolutePath()), e.messages());
        assertEquals(file.toAbsolutePath(), e.file());
    }

    @Test
    void problemsInAFileNameTheFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("a.json"), "[]");

        ExperimentException e = assertThrows(ExperimentException.class, () -> ExperimentReader.read(file));

        assertEquals(file.toAbsolutePath(), e.file());
    }

    @Test
    void fileThatIsNotUtf8CannotBeRead(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("latin1.json"), new byte[]{'{', '"', (byte) 0xE9, '"', '}'});

        assertEquals(List.of("cannot read the file: it is not UTF-8 text; save it as UTF-8"),
                assertThrows(ExperimentException.class, () -> ExperimentReader.read(file)).messages());
    }

    @Test
    void fileLargerThanTheLimitIsRefusedBeforeReading(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("huge.json");
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            // a sparse file: large on paper, nothing written
            channel.write(java.nio.ByteBuffer.wrap(new byte[]{' '}), ExperimentReader.MAX_FILE_BYTES * 2);
        }

        ExperimentException e = assertThrows(ExperimentException.class, () -> ExperimentReader.read(file));

        assertEquals(List.of("the file is 20.0 MiB; experiment files are at most 10 MiB, so this is probably not one"),
                e.messages());
    }

    @Test
    void aFifoIsRefusedWithoutBlocking(@TempDir Path dir) throws Exception {
        Path fifo = Fifo.make(dir.resolve("exp.json"));

        ExperimentException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(ExperimentException.class, () -> ExperimentReader.read(fifo)));

        assertEquals(List.of("cannot read the file: " + fifo.toAbsolutePath() + " is a FIFO (named pipe), not a file"
                + " that can be read to its end; give a regular experiment file"), e.messages());
    }

    @Test
    void directoryCannotBeRead(@TempDir Path dir) {
        ExperimentException e = assertThrows(ExperimentException.class, () -> ExperimentReader.read(dir));

        assertEquals(List.of("cannot read the file: " + dir.toAbsolutePath() + " is a directory"), e.messages());
    }
}
