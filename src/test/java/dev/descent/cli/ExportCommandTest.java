package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** descent export as a user runs it: the files it writes, and one error line with exit 2 for bad input. */
class ExportCommandTest {
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

    private Path experiment(String network) throws IOException {
        Path file = dir.resolve("exp.json");
        Files.writeString(file, """
                { "format": 1, "name": "export test", "seed": 3,
                  "dataset": { "generator": "moons", "samples": 100, "noise": 0.1, "validation": 0.2 },
                  "normalizer": "standardize",
                  "network": %s,
                  "training": { "epochs": 2, "batchSize": 16, "evaluateEvery": 5 },
                  "runs": [ { "name": "SGD", "optimizer": { "type": "sgd", "learningRate": 0.1 } },
                            { "name": "Adam (fast)", "optimizer": { "type": "adam", "learningRate": 0.01 } } ] }
                """.formatted(network));
        return file;
    }

    private static final String NETWORK = """
            { "nodes": [ {"id": "in", "type": "input"}, {"id": "h1", "type": "dense", "units": 8},
                         {"id": "a1", "type": "activation", "function": "tanh"},
                         {"id": "d1", "type": "dropout", "rate": 0.5},
                         {"id": "out", "type": "dense", "units": 2},
                         {"id": "loss", "type": "loss", "function": "cross_entropy"} ],
              "edges": [ ["in","h1"], ["h1","a1"], ["a1","d1"], ["d1","out"], ["out","loss"] ] }""";

    private static void assertOneErrorLine(Result r, String start, String contains) {
        assertEquals(2, r.code(), r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith(start), lines.get(0));
        assertTrue(lines.get(0).contains(contains), lines.get(0));
    }

    @Test
    void oneRunGoesStraightIntoTheDirectoryWithItsDataWeightsAndMasks() throws Exception {
        Path out = dir.resolve("py");
        Result r = descent("export", experiment(NETWORK).toString(), "--pytorch", out.toString(), "--run", "SGD");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("wrote " + out.resolve("train.py") + " (run 'SGD')"), r.out());
        String script = Files.readString(out.resolve("train.py"));
        assertTrue(script.contains("torch.optim.SGD(parameters, lr=0.1)"), script);
        // 100 examples, 20 held out: a header and 80 rows; masks for 10 steps (2 epochs of 5 batches of 16)
        assertEquals(81, Files.readAllLines(out.resolve("train.csv")).size());
        assertEquals(21, Files.readAllLines(out.resolve("validation.csv")).size());
        assertTrue(Files.readString(out.resolve("initial_weights.json")).contains("\"h1.weight\""));
        List<String> masks = Files.readAllLines(out.resolve("dropout_masks/d1.txt"));
        assertEquals(10, masks.size());
        assertTrue(masks.stream().allMatch(m -> m.length() == 16 * 8 && m.matches("[01]+")), masks.get(0));
    }

    @Test
    void everyRunGoesIntoADirectoryNamedAfterIt() throws Exception {
        Path out = dir.resolve("py");
        Result r = descent("export", experiment(NETWORK).toString(), "--pytorch", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(out.resolve("sgd/train.py")));
        assertTrue(Files.exists(out.resolve("adam-fast/train.py")));
        assertTrue(Files.readString(out.resolve("adam-fast/train.py")).contains("Nd4jAdam(parameters, lr=0.01"));
    }

    @Test
    void freshInitLeavesWeightsAndDropoutToTorch() throws Exception {
        Path out = dir.resolve("py");
        Result r = descent("export", experiment(NETWORK).toString(), "--pytorch", out.toString(), "--run", "SGD",
                "--fresh-init");
        assertEquals(0, r.code(), r.err());
        String script = Files.readString(out.resolve("train.py"));
        assertTrue(script.contains("nn.init.xavier_uniform_(model.h1.weight)"), script);
        assertTrue(script.contains("self.d1 = nn.Dropout(0.5)"), script);
        assertFalse(Files.exists(out.resolve("initial_weights.json")));
        assertFalse(Files.exists(out.resolve("dropout_masks")));
    }

    @Test
    void anUnknownRunIsRefusedWithTheNamesOfTheRuns() throws Exception {
        Path file = experiment(NETWORK);
        Path out = dir.resolve("py");
        Result r = descent("export", file.toString(), "--pytorch", out.toString(), "--run", "Adam");
        assertOneErrorLine(r, "error: " + file + ": ", "there is no run named 'Adam'; the runs are 'SGD', 'Adam (fast)'");
        assertFalse(Files.exists(out), "nothing is written for a run that does not exist");
    }

    @Test
    void aDirectoryThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        Result r = descent("export", experiment(NETWORK).toString(), "--pytorch", file.toString());
        assertOneErrorLine(r, "error: " + file + ": ", "is a file, not a directory");
        assertEquals("x", Files.readString(file));
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsRefused() throws Exception {
        Path below = Files.writeString(dir.resolve("taken"), "x").resolve("py");
        Result r = descent("export", experiment(NETWORK).toString(), "--pytorch", below.toString());
        assertOneErrorLine(r, "error: " + below + ": ", "cannot create the directory");
    }

    @Test
    void aDirectoryThatCannotBeWrittenIsRefused() throws Exception {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(locked), "this user (root?) can write into a read-only directory");
            Result r = descent("export", experiment(NETWORK).toString(), "--pytorch", locked.toString());
            assertOneErrorLine(r, "error: " + locked + ": ", "cannot write in this directory");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aNetworkThatCannotTrainIsRefusedWithItsProblems() throws Exception {
        Path file = experiment("""
                { "nodes": [ {"id": "in", "type": "input"}, {"id": "out", "type": "dense", "units": 3},
                             {"id": "loss", "type": "loss", "function": "cross_entropy"} ],
                  "edges": [ ["in","out"], ["out","loss"] ] }""");
        Path out = dir.resolve("py");
        Result r = descent("export", file.toString(), "--pytorch", out.toString());
        assertOneErrorLine(r, "error: " + file + ": ", "cross_entropy needs 2 outputs, one per class but receives 3");
        assertFalse(Files.exists(out.resolve("train.py")));
    }

    @Test
    void withoutAFormatTheCommandSaysWhichOptionIsMissing() throws Exception {
        Result r = descent("export", experiment(NETWORK).toString());
        assertOneErrorLine(r, "error: export: ", "--pytorch");
    }
}
