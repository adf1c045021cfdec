package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The descent command as a script would use it: exit codes, files written, messages. */
class CliTest {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private static Result descent(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = DescentCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    private Path experiment(String runs) throws IOException {
        Path file = dir.resolve("exp.json");
        Files.writeString(file, """
                { "format": 1, "name": "cli test", "seed": 3,
                  "dataset": { "generator": "moons", "samples": 200, "noise": 0.1, "validation": 0.25 },
                  "normalizer": "standardize",
                  "network": { "nodes": [ {"id": "in", "type": "input"}, {"id": "h1", "type": "dense", "units": 8},
                                          {"id": "a1", "type": "activation", "function": "tanh"},
                                          {"id": "out", "type": "dense", "units": 2},
                                          {"id": "loss", "type": "loss", "function": "cross_entropy"} ],
                               "edges": [ ["in","h1"], ["h1","a1"], ["a1","out"], ["out","loss"] ] },
                  "training": { "epochs": 2, "batchSize": 16, "evaluateEvery": 5 },
                  "runs": [ %s ] }
                """.formatted(runs));
        return file;
    }

    private static final String TWO_RUNS = """
            { "name": "SGD", "optimizer": { "type": "sgd", "learningRate": 0.1 } },
            { "name": "Adam", "optimizer": { "type": "adam", "learningRate": 0.01 } }""";

    @Test
    void runWritesOneRowPerRunPerStepAndASummary() throws Exception {
        Path out = dir.resolve("out");
        Result r = descent("run", experiment(TWO_RUNS).toString(), "--out", out.toString(), "--steps", "12", "--quiet");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals("run,step,epoch,train_loss,val_loss,val_accuracy,learning_rate,grad_norm:h1,grad_norm:out", lines.get(0));
        assertEquals(1 + 2 * 12, lines.size());
        assertTrue(lines.get(1).startsWith("SGD,1,1,"));
        String[] fifth = lines.get(5).split(",", -1);
        assertEquals("5", fifth[1]);
        assertFalse(fifth[4].isEmpty(), "validation loss at an evaluated step");
        assertTrue(lines.get(1).split(",", -1)[4].isEmpty(), "no validation loss at step 1");
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("COMPLETED", summary.get("runs").get(0).get("status").asText());
        assertEquals(12, summary.get("runs").get(1).get("steps").asInt());
        assertTrue(summary.get("runs").get(0).get("diverged_at_step").isNull());
        for (String key : List.of("final_train_loss", "final_val_loss", "best_val_loss", "val_accuracy", "wall_seconds",
                "steps_per_second")) {
            assertTrue(summary.get("runs").get(0).get(key).isNumber(), key);
        }
    }

    @Test
    void theSameFileGivesByteIdenticalMetrics() throws Exception {
        Path file = experiment(TWO_RUNS);
        descent("run", file.toString(), "--out", dir.resolve("a").toString(), "--quiet");
        descent("run", file.toString(), "--out", dir.resolve("b").toString(), "--quiet");
        assertEquals(Files.readString(dir.resolve("a/metrics.csv")), Files.readString(dir.resolve("b/metrics.csv")));
    }

    @Test
    void aDivergingRunIsAResultNotAnError() throws Exception {
        Path out = dir.resolve("out");
        Result r = descent("run", experiment("""
                { "name": "wild", "optimizer": { "type": "sgd", "learningRate": 1e30 } },
                { "name": "calm", "optimizer": { "type": "sgd", "learningRate": 0.1 } }""").toString(),
                "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        JsonNode runs = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("runs");
        assertEquals("DIVERGED", runs.get(0).get("status").asText());
        assertTrue(runs.get(0).get("diverged_at_step").asInt() >= 1);
        assertEquals("COMPLETED", runs.get(1).get("status").asText());
    }

    @Test
    void aBrokenFileExitsTwoWithOneLineNamingTheFile() throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{ \"format\": 1, \"dataset\": ");
        Result r = descent("run", file.toString(), "--quiet");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: " + file + ": invalid JSON at line 1"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void aMissingFileExitsTwo() {
        Result r = descent("run", dir.resolve("absent.json").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: " + dir.resolve("absent.json") + ": cannot read the file"), r.err());
    }

    @Test
    void badStepsAreRefused() throws Exception {
        Result r = descent("run", experiment(TWO_RUNS).toString(), "--steps", "0");
        assertEquals(2, r.code());
        assertEquals("error: --steps: must be in [1, 100000000], got 0", r.err().strip());
    }

    @Test
    void validateSaysOkForAGoodFile() throws Exception {
        Result r = descent("validate", experiment(TWO_RUNS).toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("ok", r.out().strip());
    }

    @Test
    void validateListsEveryProblemOnePerLine() throws Exception {
        Path file = experiment("""
                { "name": "a", "optimizer": { "type": "sgd", "learningRate": -1 } },
                { "name": "b", "optimizer": "adamx" }""");
        Result r = descent("validate", file.toString());
        assertEquals(2, r.code());
        List<String> lines = r.out().strip().lines().toList();
        assertEquals(2, lines.size(), r.out());
        assertEquals(file + ": runs[0].optimizer: learningRate must be > 0, got -1", lines.get(0));
        assertTrue(lines.get(1).startsWith(file + ": runs[1].optimizer: unknown optimizer 'adamx'; valid optimizers are sgd,"));
    }

    @Test
    void validateReportsNetworkProblemsAgainstTheData() throws Exception {
        String text = Files.readString(experiment(TWO_RUNS)).replace("\"units\": 2}", "\"units\": 3}");
        Path file = dir.resolve("wide.json");
        Files.writeString(file, text);
        Result r = descent("validate", file.toString());
        assertEquals(2, r.code());
        assertEquals(file + ": node 'loss': cross_entropy needs 2 outputs, one per class but receives 3", r.out().strip());
    }

    @Test
    void generateWritesACsvWithAHeader() throws Exception {
        Path csv = dir.resolve("sub/moons.csv");
        Result r = descent("generate", "moons", "--samples", "10", "--seed", "1", "--out", csv.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("x1,x2,label", lines.get(0));
        assertEquals(11, lines.size());
    }

    @Test
    void generateRefusesAnUnknownNameListingTheValidOnes() {
        Result r = descent("generate", "spirals", "--out", dir.resolve("x.csv").toString());
        assertEquals(2, r.code());
        assertEquals("error: generate: unknown dataset 'spirals'; valid names are spiral, moons, circles, xor, blobs,"
                + " checkerboard, sine, shapes", r.err().strip());
    }

    @Test
    void generateRefusesAbsurdSizesBeforeAllocating() {
        Result r = descent("generate", "shapes", "--samples", "2000000000", "--out", dir.resolve("x.csv").toString());
        assertEquals(2, r.code());
        assertEquals("error: shapes: samples must be at most 1,000,000, got 2,000,000,000", r.err().strip());
    }

    @Test
    void trajectoryStartsAtStepZeroAndTakesTheAskedSteps() {
        Result r = descent("trajectory", "--function", "quadratic", "--optimizer", "sgd", "--lr", "0.1", "--steps", "3",
                "--start", "1,1");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().strip().lines().toList();
        assertEquals(List.of("step,x,y,loss", "0,1.0,1.0,5.5"), lines.subList(0, 2));
        assertEquals(5, lines.size());
        // x₁ = 1 − 0.1·1 = 0.9, y₁ = 1 − 0.1·10 = 0
        assertTrue(lines.get(2).startsWith("1,0.9,0.0,"), lines.get(2));
    }

    @Test
    void trajectoryRefusesASettingTheOptimizerDoesNotHave() {
        Result r = descent("trajectory", "--function", "saddle", "--optimizer", "adam", "--rho", "0.9");
        assertEquals(2, r.code());
        assertEquals("error: --rho: adam has no rho; its settings are learningRate, beta1, beta2, eps, weightDecay, clipNorm",
                r.err().strip());
    }

    @Test
    void trajectoryRefusesAnOutOfRangeSetting() {
        Result r = descent("trajectory", "--function", "saddle", "--optimizer", "momentum", "--momentum", "1.5");
        assertEquals(2, r.code());
        assertEquals("error: --momentum: momentum must be in [0, 1), got 1.5", r.err().strip());
    }

    @Test
    void anUnknownCommandExitsTwoListingTheValidOnes() {
        Result r = descent("frobnicate");
        assertEquals(2, r.code());
        assertEquals("error: descent: unknown command 'frobnicate'; valid commands are run, trajectory, generate, validate,"
                + " export, help", r.err().strip());
    }

    @Test
    void anUnknownOptionNamesTheCommandAndWhereTheValidOnesAre() {
        Result r = descent("run", "exp.json", "--fast");
        assertEquals(2, r.code());
        assertEquals("error: run: unknown option '--fast'; see 'descent run --help' for the valid ones", r.err().strip());
    }

    @Test
    void aValueOfTheWrongTypeNamesTheOption() {
        Result r = descent("run", "exp.json", "--steps", "many");
        assertEquals(2, r.code());
        assertEquals("error: --steps: 'many' is not an int; see 'descent run --help'", r.err().strip());
    }

    @Test
    void aMissingRequiredOptionNamesTheCommand() {
        Result r = descent("generate", "moons");
        assertEquals(2, r.code());
        assertEquals("error: generate: missing required option: '--out=FILE.csv'; see 'descent generate --help'", r.err().strip());
    }

    @Test
    void aMissingFileArgumentNamesTheCommand() {
        Result r = descent("validate");
        assertEquals(2, r.code());
        assertEquals("error: validate: missing required parameter: 'FILE'; see 'descent validate --help'", r.err().strip());
    }

    @Test
    void anExtraArgumentNamesTheCommand() {
        Result r = descent("generate", "moons", "extra", "--out", dir.resolve("x.csv").toString());
        assertEquals(2, r.code());
        assertEquals("error: generate: unexpected argument 'extra'; see 'descent generate --help'", r.err().strip());
    }

    @Test
    void everyBadInputLineHasTheErrorWherePrefixAndNoStackTrace() {
        List<String[]> cases = List.of(new String[]{"frobnicate"}, new String[]{"run"},
                new String[]{"trajectory", "--function", "nope", "--optimizer", "sgd"},
                new String[]{"trajectory", "--function", "saddle", "--optimizer", "sgd", "--start", "1;2"},
                new String[]{"generate", "spirals", "--out", "x.csv"}, new String[]{"run", "absent.json", "--steps", "0"});
        for (String[] args : cases) {
            Result r = descent(args);
            String what = String.join(" ", args) + " → " + r.err();
            assertEquals(2, r.code(), what);
            assertTrue(r.err().matches("error: [^ :]+: \\S.*\\R"), what);
            assertEquals(1, r.err().lines().count(), what);
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), what);
        }
    }

    @Test
    void everySampleExperimentValidates() throws Exception {
        try (var files = Files.list(Path.of("sample-data"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                Result r = descent("validate", file.toString());
                assertEquals(0, r.code(), file + ": " + r.out() + r.err());
            }
        }
    }

    @Test
    void aNonsensicalBlasThreadSettingIsBadInputWithOneLine() throws Exception {
        Path file = experiment("{ \"name\": \"SGD\", \"optimizer\": \"sgd\" }");
        System.setProperty(dev.descent.engine.Engine.BLAS_THREADS_PROPERTY, "zero");
        try {
            Result r = descent("validate", file.toString());
            assertEquals(2, r.code());
            assertEquals("error: -Ddescent.blasThreads: must be a positive number of threads such as 2, got 'zero'",
                    r.err().strip());
        } finally {
            System.clearProperty(dev.descent.engine.Engine.BLAS_THREADS_PROPERTY);
        }
    }

    @Test
    void theInputNormalizationLessonShowsRawPixelsFailingAndScaledPixelsLearning() throws Exception {
        // given the sample that teaches input normalization, trained to the end
        Path out = dir.resolve("lesson");
        Result r = descent("run", "sample-data/input-normalization.json", "--quiet", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode runs = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("runs");
        // then raw 0–255 pixels train (no divergence from a loss that cannot be computed) but stay near
        // chance among 4 classes, while every normalized run learns
        JsonNode raw = runs.get(0);
        assertEquals("Raw 0–255", raw.get("name").asText());
        assertEquals("COMPLETED", raw.get("status").asText());
        assertTrue(raw.get("val_accuracy").asDouble() < 0.4, raw.toString());
        for (int i = 1; i < runs.size(); i++) {
            assertTrue(runs.get(i).get("val_accuracy").asDouble() > 0.6, runs.get(i).toString());
        }
    }

    @Test
    void everyCommandAnswersHelpAsItsErrorsSay() {
        for (String command : new String[] {"run", "trajectory", "generate", "validate"}) {
            Result r = descent(command, "--help");
            assertEquals(0, r.code(), command + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: descent " + command), r.out());
        }
    }
}
