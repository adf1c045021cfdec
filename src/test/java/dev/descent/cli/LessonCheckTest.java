package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code descent lesson check}: exit 0 met, 3 not met, 2 bad input, and the line it prints. */
class LessonCheckTest {
    @TempDir
    Path dir;
    private Path lesson;

    private static final String EXPERIMENT = """
            { "format": 1, "name": "lesson test", "seed": 3,
              "dataset": { "generator": "moons", "samples": 200, "noise": 0.1, "validation": 0.25 },
              "normalizer": "standardize",
              "network": { "nodes": [ {"id": "in", "type": "input"}, {"id": "h1", "type": "dense", "units": 8},
                                      {"id": "a1", "type": "activation", "function": "tanh"},
                                      {"id": "out", "type": "dense", "units": 2},
                                      {"id": "loss", "type": "loss", "function": "cross_entropy"} ],
                           "edges": [ ["in","h1"], ["h1","a1"], ["a1","out"], ["out","loss"] ] },
              "training": { "epochs": 4, "batchSize": 16, "evaluateEvery": 5 },
              "runs": [ {"name": "SGD", "optimizer": {"type": "sgd", "learningRate": 0.0001}},
                        {"name": "Adam", "optimizer": {"type": "adam", "learningRate": 0.05}} ] }
            """;
    private static final String SOLUTION = EXPERIMENT.replace("\"learningRate\": 0.0001", "\"learningRate\": 0.5");

    @BeforeEach
    void writeLesson() throws IOException {
        Files.writeString(dir.resolve("preset.json"), EXPERIMENT);
        Files.writeString(dir.resolve("solution.json"), SOLUTION);
        lesson = dir.resolve("lr.lesson.json");
        Files.writeString(lesson, """
                { "lesson": 1, "title": "Learning rates", "experiment": "preset.json",
                  "steps": [ { "text": "SGD hardly moves.", "watch": ["chart-loss"] } ],
                  "challenge": { "text": "Get SGD above 80%.",
                                 "goal": { "run": "SGD", "metric": "val_accuracy", "above": 0.8 },
                                 "editable": ["runs[SGD].optimizer"], "hint": "Larger.",
                                 "solution": "solution.json" } }
                """);
    }

    private static final Pattern NOT_MET = Pattern.compile(
            "not met: validation accuracy of 'SGD' is \\d+\\.\\d% \\(goal: above 80\\.0%\\)");
    private static final Pattern MET = Pattern.compile(
            "met: validation accuracy of 'SGD' is \\d+\\.\\d% \\(goal: above 80\\.0%\\)");

    @Test
    void thePresetDoesNotMeetTheChallengeAndExitsThree() {
        Descent r = Descent.run("lesson", "check", lesson.toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(NOT_MET.matcher(r.out().strip()).matches(), r.out());
    }

    @Test
    void theShippedSolutionMeetsItAndExitsZero() {
        Descent r = Descent.run("lesson", "check", lesson.toString(), "--solution");
        assertEquals(0, r.code(), r.err());
        assertTrue(MET.matcher(r.out().strip()).matches(), r.out());
    }

    @Test
    void anAttemptFileIsTrained() {
        Descent r = Descent.run("lesson", "check", lesson.toString(), "--attempt", dir.resolve("solution.json").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(MET.matcher(r.out().strip()).matches(), r.out());
    }

    @Test
    void anAttemptThatChangesALockedPartIsRefusedNamingIt() throws IOException {
        Path attempt = Files.writeString(dir.resolve("attempt.json"),
                SOLUTION.replace("\"learningRate\": 0.05", "\"learningRate\": 0.01"));
        Descent r = Descent.run("lesson", "check", lesson.toString(), "--attempt", attempt.toString());
        assertEquals(2, r.code());
        assertEquals("error: " + attempt + ": runs[Adam].optimizer: changed, but the lesson locks it; it lets you change"
                + " runs[SGD].optimizer", r.err().strip());
    }

    @Test
    void anAttemptWithoutTheMeasuredRunIsRefused() throws IOException {
        Path attempt = Files.writeString(dir.resolve("attempt.json"), EXPERIMENT.replace("\"name\": \"SGD\"", "\"name\": \"Mine\""));
        Descent r = Descent.run("lesson", "check", lesson.toString(), "--attempt", attempt.toString());
        assertEquals(2, r.code());
        assertEquals("error: " + attempt + ": runs[SGD]: the run was removed, but the lesson locks it; it lets you change"
                + " runs[SGD].optimizer", r.err().strip());
    }

    @Test
    void aBrokenLessonIsBadInput() throws IOException {
        Files.writeString(lesson, Files.readString(lesson).replace("\"val_accuracy\"", "\"accuracy\""));
        Descent r = Descent.run("lesson", "check", lesson.toString());
        assertEquals(2, r.code());
        assertEquals("error: " + lesson + ": challenge.goal: unknown metric 'accuracy'; valid metrics are val_accuracy,"
                + " best_val_accuracy, val_loss, best_val_loss", r.err().strip());
    }

    @Test
    void attemptAndSolutionTogetherAreRefused() {
        Descent r = Descent.run("lesson", "check", lesson.toString(), "--solution", "--attempt", "x.json");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertEquals("error: check: --attempt=EXPERIMENT, --solution are mutually exclusive (specify only one);"
                + " see 'descent lesson check --help'", r.err().strip());
    }
}
