package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import java.time.Duration;
import dev.descent.testing.Fifo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The descent command as a script would use it: exit codes, files written, messages. */
class CliTest {
    @TempDir
    Path dir;

    private static Descent descent(String... args) {
        return Descent.run(args);
    }

    private Path experiment(String runs) throws IOException {
        return Descent.experiment(dir, runs);
    }

    private static final String TWO_RUNS = """
            { "name": "SGD", "optimizer": { "type": "sgd", "learningRate": 0.1 } },
            { "name": "Adam", "optimizer": { "type": "adam", "learningRate": 0.01 } }""";

    @Test
    void runWritesOneRowPerRunPerStepAndASummary() throws Exception {
        Path out = dir.resolve("out");
        Descent r = descent("run", experiment(TWO_RUNS).toString(), "--out", out.toString(), "--steps", "12", "--quiet");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals("run,member,step,epoch,train_loss,val_loss,val_accuracy,learning_rate,grad_norm:h1,grad_norm:out,"
                + "weight_norm:h1,weight_norm:out,update_ratio:h1,update_ratio:out,act_mean:a1,act_std:a1,saturated:a1",
                lines.get(0));
        assertEquals(1 + 2 * 12, lines.size());
        assertTrue(lines.get(1).startsWith("SGD,0,1,1,"));
        String[] fifth = lines.get(5).split(",", -1);
        assertEquals("5", fifth[2]);
        assertFalse(fifth[5].isEmpty(), "validation loss at an evaluated step");
        assertTrue(lines.get(1).split(",", -1)[5].isEmpty(), "no validation loss at step 1");
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
        Descent r = descent("run", experiment("""
                { "name": "wild", "optimizer": { "type": "sgd", "learningRate": 1e30 } },
                { "name": "calm", "optimizer": { "type": "sgd", "learningRate": 0.1 } }""").toString(),
                "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        JsonNode runs = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("runs");
        assertEquals("DIVERGED", runs.get(0).get("status").asText());
        assertTrue(runs.get(0).get("diverged_at_step").asInt() >= 1);
        assertEquals("weights", runs.get(0).get("diverged_quantity").asText()); // an update of 10³⁰·g
        assertTrue(runs.get(0).get("diverged_node").isTextual());
        assertEquals("COMPLETED", runs.get(1).get("status").asText());
        assertTrue(runs.get(1).get("diverged_node").isNull());
        assertTrue(runs.get(1).get("diverged_quantity").isNull());
    }

    @Test
    void aBrokenFileExitsTwoWithOneLineNamingTheFile() throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{ \"format\": 1, \"dataset\": ");
        Descent r = descent("run", file.toString(), "--quiet");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: " + file + ": invalid JSON at line 1"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void aMissingFileExitsTwo() {
        Descent r = descent("run", dir.resolve("absent.json").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: " + dir.resolve("absent.json") + ": cannot read the file"), r.err());
    }

    @Test
    void badStepsAreRefused() throws Exception {
        Descent r = descent("run", experiment(TWO_RUNS).toString(), "--steps", "0");
        assertEquals(2, r.code());
        assertEquals("error: --steps: must be in [1, 100000000], got 0", r.err().strip());
    }

    @Test
    void validateSaysOkForAGoodFile() throws Exception {
        Descent r = descent("validate", experiment(TWO_RUNS).toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("ok", r.out().strip());
    }

    @Test
    void validatePrintsEveryProblemAsAnErrorLineOnStandardError() throws Exception {
        Path file = experiment("""
                { "name": "a", "optimizer": { "type": "sgd", "learningRate": -1 } },
                { "name": "b", "optimizer": "adamx" }""");
        Descent r = descent("validate", file.toString());
        assertEquals(2, r.code());
        assertEquals("", r.out(), "nothing on standard output when the file is not valid");
        List<String> lines = r.err().strip().lines().toList();
        assertEquals(2, lines.size(), r.err());
        assertEquals("error: " + file + ": runs[0].optimizer: learningRate must be > 0, got -1", lines.get(0));
        assertTrue(lines.get(1).startsWith("error: " + file + ": runs[1].optimizer: unknown optimizer 'adamx';"
                + " valid optimizers are sgd,"), lines.get(1));
    }

    @Test
    void validateReportsNetworkProblemsAgainstTheData() throws Exception {
        String text = Files.readString(experiment(TWO_RUNS)).replace("\"units\": 2}", "\"units\": 3}");
        Path file = dir.resolve("wide.json");
        Files.writeString(file, text);
        Descent r = descent("validate", file.toString());
        assertEquals(2, r.code());
        assertEquals("error: " + file + ": node 'loss': cross_entropy needs 2 outputs, one per class but receives 3",
                r.err().strip());
    }

    @Test
    void aHugeNodeIdIsCutInEveryMessageSayingHowLongItWas() throws Exception {
        // given a node id of 3 million characters on a dense node with a bad units value
        String id = "h".repeat(3_000_000);
        Path file = experiment(TWO_RUNS.replace("SGD", "sgd-run"));
        Files.writeString(file, Files.readString(file).replace("\"h1\"", "\"" + id + "\"")
                .replace("\"units\": 8", "\"units\": -5"));
        // when it is validated
        Descent r = descent("validate", file.toString());
        // then every line names the node by its start and its length, and stays short
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("'" + "h".repeat(60) + "… (3,000,000 characters)'"), r.err());
        for (String line : r.err().lines().toList()) {
            assertTrue(line.length() < 600, "a line of " + line.length() + " characters");
        }
    }

    @Test
    void controlCharactersInAnArgumentAreEscapedNeverPrintedRaw() {
        Descent r = descent("validate", "exp\u0000\u001b[31m.json");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: FILE: the path 'exp\\u0000\\u001B[31m.json' holds the control character"
                + " \\u0000; give a path without control characters"), r.err());
        assertTrue(r.err().chars().noneMatch(c -> c < 0x20 && c != '\n'), r.err());
    }

    @Test
    void aNulInADataPathIsBadInputNamedWithoutTheRawByte() throws Exception {
        Path file = dir.resolve("nul.json");
        Files.writeString(file, Files.readString(experiment(TWO_RUNS)).replace(
                "\"generator\": \"moons\", \"samples\": 200, \"noise\": 0.1,", "\"csv\": \"a\\u0000b.csv\", \"target\": \"y\","));
        for (String[] args : List.of(new String[]{"run", file.toString(), "--quiet"}, new String[]{"validate", file.toString()})) {
            Descent r = descent(args);
            assertEquals(2, r.code(), r.err());
            assertEquals("error: " + file + ": dataset: csv 'a\\u0000b.csv' holds the control character \\u0000;"
                    + " text in an experiment file holds no control characters", r.err().strip());
        }
    }

    @Test
    void aFifoAsTheCsvFileIsRefusedAtOnce() throws Exception {
        Fifo.make(dir.resolve("pipe.csv"));
        Path file = dir.resolve("fifo.json");
        Files.writeString(file, Files.readString(experiment(TWO_RUNS)).replace(
                "\"generator\": \"moons\", \"samples\": 200, \"noise\": 0.1,", "\"csv\": \"pipe.csv\", \"target\": \"y\","));

        Descent r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> descent("run", file.toString(), "--quiet"));

        assertEquals(2, r.code(), r.err());
        assertEquals("error: " + file + ": dataset: pipe.csv: this is a FIFO (named pipe), not a file that can be read to"
                + " its end; give a regular CSV file", r.err().strip());
    }

    @Test
    void epochsBeyondTheStepCountOfACsvAreRefusedByValidateAndRun() throws Exception {
        // given a CSV of 200 examples (150 train: 10 steps of 16) and 500 million epochs
        descent("generate", "moons", "--samples", "200", "--out", dir.resolve("moons.csv").toString());
        Path file = dir.resolve("long.json");
        Files.writeString(file, Files.readString(experiment(TWO_RUNS))
                .replace("\"generator\": \"moons\", \"samples\": 200, \"noise\": 0.1,", "\"csv\": \"moons.csv\", \"target\": \"label\",")
                .replace("\"epochs\": 2", "\"epochs\": 500000000"));
        for (String[] args : List.of(new String[]{"validate", file.toString()}, new String[]{"run", file.toString(), "--quiet"})) {
            Descent r = descent(args);
            assertEquals(2, r.code(), r.err());
            assertEquals("error: " + file + ": training: epochs must be at most 214,748,364 here: 500,000,000 epochs of"
                    + " 10 steps are 5,000,000,000 steps, and a run takes at most 2,147,483,647 steps", r.err().strip());
        }
    }

    @Test
    void threeThousandRunsAreRefusedWithTheLimitBeforeAnythingStarts() throws Exception {
        StringBuilder runs = new StringBuilder();
        for (int i = 0; i < 3_000; i++) {
            runs.append(i == 0 ? "" : ",").append("{ \"name\": \"r").append(i).append("\", \"optimizer\": \"sgd\" }");
        }
        Path file = experiment(runs.toString());
        for (String[] args : List.of(new String[]{"validate", file.toString()}, new String[]{"run", file.toString(), "--quiet"})) {
            Descent r = descent(args);
            assertEquals(2, r.code(), r.err());
            assertEquals("error: " + file + ": runs: 3,000 runs are more than the 1,000 that train side by side; split them"
                    + " into several experiments", r.err().strip());
        }
    }

    @Test
    void validateReportsEveryIndependentProblemInOnePass() throws Exception {
        // given a bad batch size, learning rate and optimizer, and a dense node of -5 units
        Path file = dir.resolve("many.json");
        Files.writeString(file, Files.readString(experiment("""
                { "name": "a", "optimizer": { "type": "sgd", "learningRate": -1 } },
                { "name": "b", "optimizer": "adamx" }""")).replace("\"batchSize\": 16", "\"batchSize\": 0")
                .replace("\"units\": 8", "\"units\": -5"));

        Descent r = descent("validate", file.toString());

        // then all four are reported at once
        assertEquals(2, r.code());
        List<String> lines = r.err().strip().lines().toList();
        assertEquals(List.of(
                "error: " + file + ": training: batchSize must be in [1, 1000000], got 0",
                "error: " + file + ": runs[0].optimizer: learningRate must be > 0, got -1",
                "error: " + file + ": runs[1].optimizer: unknown optimizer 'adamx'; valid optimizers are sgd, momentum,"
                        + " nesterov, rmsprop, adagrad, adadelta, adam, adamw, adamax, nadam, amsgrad",
                "error: " + file + ": node 'h1': units must be >= 1, got -5"), lines);
    }

    @Test
    void aDatasetThatCannotBeReadStillLetsTheNetworksOwnProblemsBeReported() throws Exception {
        Path file = dir.resolve("nodata.json");
        Files.writeString(file, Files.readString(experiment(TWO_RUNS))
                .replace("\"generator\": \"moons\", \"samples\": 200, \"noise\": 0.1,", "\"csv\": \"absent.csv\", \"target\": \"y\",")
                .replace("\"units\": 8", "\"units\": -5"));

        Descent r = descent("validate", file.toString());

        assertEquals(2, r.code());
        assertEquals(List.of("error: " + file + ": dataset: absent.csv: the file does not exist",
                "error: " + file + ": node 'h1': units must be >= 1, got -5"), r.err().strip().lines().toList());
    }

    @Test
    void generateWritesACsvWithAHeader() throws Exception {
        Path csv = dir.resolve("sub/moons.csv");
        Descent r = descent("generate", "moons", "--samples", "10", "--seed", "1", "--out", csv.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("x1,x2,label", lines.get(0));
        assertEquals(11, lines.size());
    }

    @Test
    void generateRefusesAnUnknownNameListingTheValidOnes() {
        Descent r = descent("generate", "spirals", "--out", dir.resolve("x.csv").toString());
        assertEquals(2, r.code());
        assertEquals("error: generate: unknown dataset 'spirals'; valid names are spiral, moons, circles, xor, blobs,"
                + " checkerboard, sine, shapes", r.err().strip());
    }

    @Test
    void generateRefusesAbsurdSizesBeforeAllocating() {
        Descent r = descent("generate", "shapes", "--samples", "2000000000", "--out", dir.resolve("x.csv").toString());
        assertEquals(2, r.code());
        assertEquals("error: shapes: samples must be at most 1,000,000, got 2,000,000,000", r.err().strip());
    }

    @Test
    void trajectoryStartsAtStepZeroAndTakesTheAskedSteps() {
        Descent r = descent("trajectory", "--function", "quadratic", "--optimizer", "sgd", "--lr", "0.1", "--steps", "3",
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
        Descent r = descent("trajectory", "--function", "saddle", "--optimizer", "adam", "--rho", "0.9");
        assertEquals(2, r.code());
        assertEquals("error: --rho: adam has no rho; its settings are learningRate, beta1, beta2, eps, weightDecay, clipNorm",
                r.err().strip());
    }

    @Test
    void trajectoryRefusesAnOutOfRangeSetting() {
        Descent r = descent("trajectory", "--function", "saddle", "--optimizer", "momentum", "--momentum", "1.5");
        assertEquals(2, r.code());
        assertEquals("error: --momentum: momentum must be in [0, 1), got 1.5", r.err().strip());
    }

    @Test
    void anUnknownCommandExitsTwoListingTheValidOnes() {
        Descent r = descent("frobnicate");
        assertEquals(2, r.code());
        assertEquals("error: descent: unknown command 'frobnicate'; valid commands are run, trajectory, generate, validate,"
                + " recover, export, merge, lesson, lr-range, help", r.err().strip());
    }

    @Test
    void anUnknownOptionNamesTheCommandAndWhereTheValidOnesAre() {
        Descent r = descent("run", "exp.json", "--fast");
        assertEquals(2, r.code());
        assertEquals("error: run: unknown option '--fast'; see 'descent run --help' for the valid ones", r.err().strip());
    }

    @Test
    void aValueOfTheWrongTypeNamesTheOption() {
        Descent r = descent("run", "exp.json", "--steps", "many");
        assertEquals(2, r.code());
        assertEquals("error: --steps: 'many' is not an int; see 'descent run --help'", r.err().strip());
    }

    @Test
    void aMissingRequiredOptionNamesTheCommand() {
        Descent r = descent("generate", "moons");
        assertEquals(2, r.code());
        assertEquals("error: generate: missing required option: '--out=FILE.csv'; see 'descent generate --help'", r.err().strip());
    }

    @Test
    void aMissingFileArgumentNamesTheCommand() {
        Descent r = descent("validate");
        assertEquals(2, r.code());
        assertEquals("error: validate: missing required parameter: 'FILE'; see 'descent validate --help'", r.err().strip());
    }

    @Test
    void anExtraArgumentNamesTheCommand() {
        Descent r = descent("generate", "moons", "extra", "--out", dir.resolve("x.csv").toString());
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
            Descent r = descent(args);
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
                Descent r = descent("validate", file.toString());
                assertEquals(0, r.code(), file + ": " + r.out() + r.err());
            }
        }
    }

    @Test
    void aNonsensicalBlasThreadSettingIsBadInputWithOneLine() throws Exception {
        Path file = experiment("{ \"name\": \"SGD\", \"optimizer\": \"sgd\" }");
        System.setProperty(dev.descent.engine.Engine.BLAS_THREADS_PROPERTY, "zero");
        try {
            Descent r = descent("validate", file.toString());
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
        Descent r = descent("run", "sample-data/input-normalization.json", "--quiet", "--out", out.toString());
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
            Descent r = descent(command, "--help");
            assertEquals(0, r.code(), command + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: descent " + command), r.out());
        }
    }
}
