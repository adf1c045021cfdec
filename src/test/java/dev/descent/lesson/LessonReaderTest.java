package dev.descent.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.landscape.TestFunction;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.experiment.ExperimentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LessonReaderTest {

    private static List<String> problems(String json) {
        return assertThrows(ExperimentException.class, () -> LessonReader.parse(json, null)).messages();
    }

    private static String onlyProblem(String json) {
        List<String> all = problems(json);
        assertEquals(1, all.size(), all.toString());
        return all.get(0);
    }

    @Test
    void aValidLessonReadsItsStepsPointersGoalAndLocks() throws ExperimentException {
        Lesson lesson = LessonReader.parse(TestLessons.lesson(), null);

        assertEquals("Learning rates", lesson.title());
        assertEquals("Too small a step learns nothing.", lesson.summary());
        assertEquals(2, lesson.steps().size());
        assertEquals("Press **Train**.\n\nSGD hardly moves.", lesson.steps().get(0).text());
        assertEquals("Step 2", lesson.steps().get(1).title());
        assertEquals(List.of(new Pointer("chart-loss"), new Pointer("node:h1"), new Pointer("run:SGD"),
                new Pointer("inside-weights")), lesson.steps().get(0).watch());
        assertEquals(Goal.against("SGD", Metric.VAL_ACCURACY, true, 0.8), lesson.challenge().goal());
        assertTrue(lesson.challenge().locks().allowsRun("SGD", "optimizer"));
        assertFalse(lesson.challenge().locks().allowsRun("Adam", "optimizer"));
        assertEquals(0.5, lesson.challenge().solution().runs().get(0).optimizer().value("learningRate"));
    }

    @Test
    void aGoalAgainstAnotherRunReadsItsMargin() throws ExperimentException {
        Lesson lesson = LessonReader.parse(TestLessons.lesson("""
                "goal": { "run": "SGD", "metric": "val_loss", "below": { "run": "Adam", "by": 0.05 } }"""), null);
        assertEquals(Goal.beating("SGD", Metric.VAL_LOSS, false, "Adam", 0.05), lesson.challenge().goal());
    }

    @Test
    void theExperimentMayBeAPathRelativeToTheLesson(@TempDir Path dir) throws IOException, ExperimentException {
        Files.writeString(dir.resolve("exp.json"), TestLessons.EXPERIMENT);
        Path file = dir.resolve("x.lesson.json");
        Files.writeString(file, TestLessons.lesson().replaceFirst("\"experiment\": \\{", "\"experiment\": \"exp.json\", \"x\": {")
                .replace("\"x\": {", "\"unused\": {"));
        // the inline copy became an unknown key: the reader names it, and reads the path
        ExperimentException e = assertThrows(ExperimentException.class, () -> LessonReader.read(file));
        assertEquals(List.of("unknown key 'unused'; valid keys are lesson, title, summary, experiment, steps, challenge, race, lossScale"),
                e.messages());
    }

    @Test
    void aPathToAMissingExperimentSaysWhich(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("x.lesson.json");
        Files.writeString(file, TestLessons.lesson().replaceFirst("\"experiment\": \\{[\\s\\S]*?\"runs\": \\[[^\\]]*\\] \\}\\s*,",
                "\"experiment\": \"nope.json\","));
        ExperimentException e = assertThrows(ExperimentException.class, () -> LessonReader.read(file));
        assertEquals("experiment (nope.json): cannot read the file: there is no file " + dir.resolve("nope.json"),
                e.messages().get(0));
    }

    @Test
    void aMissingFormatIsNamed() {
        assertEquals("lesson is missing; a lesson file starts with \"lesson\": 1",
                onlyProblem(TestLessons.lesson().replace("\"lesson\": 1,", "")));
    }

    @Test
    void aNewerFormatIsRefused() {
        assertEquals("lesson: must be 1, got 2 (written by a newer Descent)",
                onlyProblem(TestLessons.lesson().replace("\"lesson\": 1,", "\"lesson\": 2,")));
    }

    @Test
    void anUnknownKeyIsNamedWithTheValidOnes() {
        assertEquals("unknown key 'titel'; valid keys are lesson, title, summary, experiment, steps, challenge, race, lossScale",
                onlyProblem(TestLessons.lesson().replace("\"title\": \"Learning rates\"", "\"titel\": \"x\", \"title\": \"y\"")));
    }

    @Test
    void theLossScaleReadsLogOrLinearAndIsNullWhenAbsent() throws ExperimentException {
        assertNull(LessonReader.parse(TestLessons.lesson(), null).lossScale());
        assertEquals(Lesson.LossScale.LOG, LessonReader.parse(TestLessons.lesson()
                .replace("\"lesson\": 1,", "\"lesson\": 1, \"lossScale\": \"log\","), null).lossScale());
        assertEquals(Lesson.LossScale.LINEAR, LessonReader.parse(TestLessons.lesson()
                .replace("\"lesson\": 1,", "\"lesson\": 1, \"lossScale\": \"linear\","), null).lossScale());
    }

    @Test
    void aLossScaleOtherThanLogOrLinearIsRefusedWithTheTwoWords() {
        assertEquals("lossScale: must be \"linear\" or \"log\", got the string \"LOG\"",
                onlyProblem(TestLessons.lesson().replace("\"lesson\": 1,", "\"lesson\": 1, \"lossScale\": \"LOG\",")));
        assertEquals("lossScale: must be \"linear\" or \"log\", got 10",
                onlyProblem(TestLessons.lesson().replace("\"lesson\": 1,", "\"lesson\": 1, \"lossScale\": 10,")));
    }

    @Test
    void aMissingTitleIsNamed() {
        assertEquals("title is missing", onlyProblem(TestLessons.lesson().replace("\"title\": \"Learning rates\",", "")));
    }

    @Test
    void aTitleWithALineBreakIsRefused() {
        assertEquals("title: holds the control character \\n; write it on one line",
                onlyProblem(TestLessons.lesson().replace("\"Learning rates\"", "\"Learning\\nrates\"")));
    }

    @Test
    void invalidJsonGivesItsLineAndColumn() {
        String message = onlyProblem("{ \"lesson\": 1,, }");
        assertTrue(message.startsWith("invalid JSON at line 1, column 15: "), message);
    }

    @Test
    void aStepNeedsText() {
        assertEquals("steps[1]: text is missing",
                onlyProblem(TestLessons.lesson().replace("{ \"text\": \"Now fix it.\" }", "{ \"title\": \"Fix\" }")));
    }

    @Test
    void emptyStepsAreRefused() {
        String json = TestLessons.lesson().replaceFirst("\"steps\": \\[[\\s\\S]*?\\} \\],\\s*\"challenge\"",
                "\"steps\": [], \"challenge\"");
        assertEquals("steps: must be an array of at least one step, got an empty array", onlyProblem(json));
    }

    @Test
    void anUnknownPointerListsTheVocabulary() {
        assertEquals("steps[0].watch[0]: unknown pointer 'chart-los'; valid pointers are canvas, palette, inspector, runs,"
                        + " chart-loss, chart-gradient, chart-accuracy, chart-lr, data-view, node:<id>, run:<name>,"
                        + " inside-<view> and compare-<view>",
                onlyProblem(TestLessons.lesson().replace("\"chart-loss\", \"node:h1\"", "\"chart-los\", \"node:h1\"")));
    }

    @Test
    void aPointerToAMissingNodeListsTheNodes() {
        assertEquals("steps[0].watch[1]: no node 'h9' in the lesson's network; its nodes are in, h1, a1, out, loss",
                onlyProblem(TestLessons.lesson().replace("\"node:h1\"", "\"node:h9\"")));
    }

    @Test
    void aPointerToAMissingRunListsTheRuns() {
        assertEquals("steps[0].watch[2]: no run 'Adagrad' in the lesson's experiment; its runs are SGD, Adam",
                onlyProblem(TestLessons.lesson().replace("\"run:SGD\"", "\"run:Adagrad\"")));
    }

    @Test
    void anUnknownMetricListsTheMetrics() {
        assertEquals("challenge.goal: unknown metric 'accuracy'; valid metrics are val_accuracy, best_val_accuracy,"
                        + " val_loss, best_val_loss",
                onlyProblem(TestLessons.lesson().replace("\"metric\": \"val_accuracy\"", "\"metric\": \"accuracy\"")));
    }

    @Test
    void aGoalWithBothSidesIsRefused() {
        assertEquals("challenge.goal: gives both above and below; give one: a number, or {\"run\": NAME, \"by\": MARGIN}"
                        + " to beat another run",
                onlyProblem(TestLessons.lesson().replace("\"above\": 0.8", "\"above\": 0.8, \"below\": 0.9")));
    }

    @Test
    void anAccuracyAboveOneIsRefused() {
        assertEquals("challenge.goal: above must be in [0, 1] for val_accuracy (0.9 is 90%), got 90",
                onlyProblem(TestLessons.lesson().replace("\"above\": 0.8", "\"above\": 90")));
    }

    @Test
    void aGoalOnAMissingRunListsTheRuns() {
        assertEquals("challenge.goal: no run 'Nesterov' in the lesson's experiment; its runs are SGD, Adam",
                onlyProblem(TestLessons.lesson().replace("\"run\": \"SGD\", \"metric\"", "\"run\": \"Nesterov\", \"metric\"")));
    }

    @Test
    void aRunCannotBeatItself() {
        assertEquals("challenge.goal.below: names the measured run itself; name another run to beat",
                onlyProblem(TestLessons.lesson("\"goal\": { \"run\": \"SGD\", \"metric\": \"val_loss\", \"below\": {\"run\": \"SGD\"} }")));
    }

    @Test
    void aNegativeMarginIsRefused() {
        assertEquals("challenge.goal.above: by must be a number >= 0, got -0.1",
                onlyProblem(TestLessons.lesson("\"goal\": { \"run\": \"SGD\", \"metric\": \"val_accuracy\", \"above\": {\"run\": \"Adam\", \"by\": -0.1} }")));
    }

    @Test
    void anUnknownEditablePartShowsTheSyntax() {
        assertEquals("challenge.editable[0]: unknown part 'optimizer'; write seed, dataset, normalizer, training[.KEY],"
                        + " network[, [ID] or [ID].KEY] or runs[, [NAME] or [NAME].FIELD], with * for every node or run",
                onlyProblem(TestLessons.lesson().replace("\"editable\": [\"runs[SGD].optimizer\"]", "\"editable\": [\"optimizer\"]")
                        .replace("\"learningRate\": 0.5", "\"learningRate\": 0.001")));
    }

    @Test
    void anEditableSettingANodeLacksIsNamed() {
        assertEquals("challenge.editable[1]: node 'a1' has no setting 'init'; its settings are function",
                onlyProblem(TestLessons.lesson().replace("\"editable\": [\"runs[SGD].optimizer\"]",
                        "\"editable\": [\"runs[SGD].optimizer\", \"network[a1].init\"]")));
    }

    @Test
    void anEditableFieldARunLacksIsNamed() {
        assertEquals("challenge.editable[0]: a run has no field 'lr'; its fields are optimizer, schedule, init,"
                        + " activation, normalizer, normalization",
                onlyProblem(TestLessons.lesson().replace("\"editable\": [\"runs[SGD].optimizer\"]",
                        "\"editable\": [\"runs[SGD].lr\"]").replace("\"learningRate\": 0.5", "\"learningRate\": 0.001")));
    }

    @Test
    void aSolutionThatChangesALockedPartIsRefusedNamingIt() {
        String json = TestLessons.lesson().replace("\"editable\": [\"runs[SGD].optimizer\"]", "\"editable\": [\"runs[Adam]\"]");
        assertEquals("challenge.solution: runs[SGD].optimizer: changed, but the lesson locks it; it lets the student"
                + " change runs[Adam]", onlyProblem(json));
    }

    @Test
    void anExperimentsOwnProblemsKeepTheirPathAfterExperiment() {
        List<String> all = problems(TestLessons.lesson().replaceFirst("\"type\": \"adam\"", "\"type\": \"adamx\""));
        assertEquals("experiment: runs[1].optimizer: unknown optimizer 'adamx'; valid optimizers are sgd, momentum,"
                + " nesterov, rmsprop, adagrad, adadelta, adam, adamw, adamax, nadam, amsgrad", all.get(0));
    }

    @Test
    void everyProblemIsFoundInOnePass() {
        String json = TestLessons.lesson().replace("\"title\": \"Learning rates\",", "")
                .replace("\"node:h1\"", "\"node:h9\"").replace("\"hint\": \"Try a larger learning rate.\",", "");
        assertEquals(List.of("title is missing",
                "steps[0].watch[1]: no node 'h9' in the lesson's network; its nodes are in, h1, a1, out, loss",
                "challenge: hint is missing"), problems(json));
    }

    // ---- the race ----

    /** The test lesson with {@code "race": RACE} as its last key. */
    private static String withRace(String race) {
        String json = TestLessons.lesson().strip();
        return json.substring(0, json.length() - 1) + ", \"race\": " + race + " }";
    }

    @Test
    void aRaceReadsItsFunctionStartAndOptimizers() throws ExperimentException {
        Lesson lesson = LessonReader.parse(withRace("""
                { "function": "beale", "start": [1, 1.5],
                  "optimizers": ["sgd", { "type": "adam", "learningRate": 0.02, "beta1": 0.8 }] }"""), null);

        Lesson.Race race = lesson.race();
        assertEquals(TestFunction.BEALE, race.function());
        assertArrayEquals(new double[]{1, 1.5}, race.start());
        assertEquals(List.of(OptimizerType.SGD, OptimizerType.ADAM), race.optimizers().stream().map(c -> c.term()).toList());
        assertEquals(0.02, race.optimizers().get(1).value("learningRate"));
        assertEquals(0.8, race.optimizers().get(1).value("beta1"));
    }

    @Test
    void aRaceWithOnlyAFunctionStartsAtItsClassicStartWithTheRacesOwnOptimizers() throws ExperimentException {
        Lesson.Race race = LessonReader.parse(withRace("{ \"function\": \"himmelblau\" }"), null).race();

        assertArrayEquals(TestFunction.HIMMELBLAU.start(), race.start());
        assertTrue(race.optimizers().isEmpty());
    }

    @Test
    void aLessonWithoutARaceHasNone() throws ExperimentException {
        assertNull(LessonReader.parse(TestLessons.lesson(), null).race());
    }

    @Test
    void anUnknownRaceFunctionListsTheValidOnes() {
        assertEquals("race.function: unknown function 'banana'; valid functions are quadratic, rosenbrock, beale,"
                + " himmelblau, saddle, rastrigin", onlyProblem(withRace("{ \"function\": \"banana\" }")));
    }

    @Test
    void aRaceWithoutAFunctionIsRefused() {
        assertEquals("race: function is missing; valid functions are quadratic, rosenbrock, beale, himmelblau,"
                + " saddle, rastrigin", onlyProblem(withRace("{ \"start\": [0, 0] }")));
    }

    @Test
    void aRaceThatIsNotAnObjectIsRefused() {
        assertEquals("race: must be an object such as {\"function\": \"rosenbrock\", \"start\": [-1.5, 2]}, got the"
                + " string \"rosenbrock\"", onlyProblem(withRace("\"rosenbrock\"")));
    }

    @Test
    void anUnknownRaceKeyListsTheValidOnes() {
        assertEquals("race: unknown key 'steps'; valid keys are function, start, optimizers",
                onlyProblem(withRace("{ \"function\": \"saddle\", \"steps\": 100 }")));
    }

    @Test
    void aStartOfOneNumberIsRefusedShowingIt() {
        assertEquals("race.start: must be two finite numbers [x, y] such as [-1.5, 2], got [1]",
                onlyProblem(withRace("{ \"function\": \"saddle\", \"start\": [1] }")));
    }

    @Test
    void aStartHoldingTextIsRefusedShowingIt() {
        assertEquals("race.start: must be two finite numbers [x, y] such as [-1.5, 2], got [1,\"y\"]",
                onlyProblem(withRace("{ \"function\": \"saddle\", \"start\": [1, \"y\"] }")));
    }

    @Test
    void aStartThatIsNotAnArrayIsRefused() {
        assertEquals("race.start: must be two finite numbers [x, y] such as [-1.5, 2], got the string \"origin\"",
                onlyProblem(withRace("{ \"function\": \"saddle\", \"start\": \"origin\" }")));
    }

    @Test
    void anUnknownRaceOptimizerGetsTheExperimentFormatsMessage() {
        assertEquals("race.optimizers[1]: unknown optimizer 'adamx'; valid optimizers are sgd, momentum,"
                + " nesterov, rmsprop, adagrad, adadelta, adam, adamw, adamax, nadam, amsgrad",
                onlyProblem(withRace("{ \"function\": \"saddle\", \"optimizers\": [\"sgd\", \"adamx\"] }")));
    }

    @Test
    void aRaceOptimizerWithABadLearningRateIsRefusedAsInAnExperiment() {
        assertEquals("race.optimizers[0]: learningRate must be > 0, got -1", onlyProblem(withRace(
                "{ \"function\": \"saddle\", \"optimizers\": [{ \"type\": \"sgd\", \"learningRate\": -1 }] }")));
    }

    @Test
    void anOptimizerRacesOnce() {
        assertEquals("race.optimizers[1]: sgd is already in the race; each optimizer races once",
                onlyProblem(withRace("{ \"function\": \"saddle\", \"optimizers\": [\"sgd\","
                        + " { \"type\": \"sgd\", \"learningRate\": 0.1 }] }")));
    }

    @Test
    void anEmptyOptimizerListIsRefused() {
        assertEquals("race.optimizers: must be an array of 1 to 8 optimizers such as [\"sgd\", {\"type\": \"adam\","
                + " \"learningRate\": 0.05}], got an empty array",
                onlyProblem(withRace("{ \"function\": \"saddle\", \"optimizers\": [] }")));
    }

    @Test
    void moreOptimizersThanColoursAreRefused() {
        assertEquals("race.optimizers: must be an array of 1 to 8 optimizers such as [\"sgd\", {\"type\": \"adam\","
                + " \"learningRate\": 0.05}], got an array of 9 values",
                onlyProblem(withRace("{ \"function\": \"saddle\", \"optimizers\": [\"sgd\", \"momentum\", \"nesterov\","
                        + " \"rmsprop\", \"adagrad\", \"adadelta\", \"adam\", \"adamw\", \"adamax\"] }")));
    }
}
