package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.train.LrRangeTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code descent lr-range}: the CSV, the suggested rate, and one error line for each bad input. */
class LrRangeCommandTest {
    private static final String RUNS = """
            {"name": "SGD", "optimizer": {"type": "sgd", "learningRate": 0.1}},
            {"name": "Adam", "optimizer": {"type": "adam", "learningRate": 0.01}}""";

    @TempDir
    Path dir;

    private static void assertOneErrorLine(Descent r, String expected) {
        assertEquals(2, r.code(), r.err());
        assertEquals(List.of(expected), r.err().lines().toList());
        assertEquals("", r.out());
    }

    @Test
    void theCsvHasEveryStepAndTheSuggestionIsTheSteepestDescentOfItsCurve() throws Exception {
        Path file = Descent.experiment(dir, RUNS);
        byte[] before = Files.readAllBytes(file);
        Path csv = dir.resolve("range.csv");
        Descent r = Descent.run("lr-range", file.toString(), "--run", "SGD", "--from", "1e-4", "--to", "1e4",
                "--steps", "60", "--out", csv.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("step,learning_rate,loss", lines.get(0));
        // rates rise by the same factor each step, from --from on
        List<LrRangeTest.Point> points = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            points.add(new LrRangeTest.Point(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])));
        }
        assertEquals(1, points.get(0).step());
        assertEquals(1e-4, points.get(0).learningRate(), 1e-16);
        double ratio = Math.pow(1e8, 1.0 / 59);
        for (int i = 1; i < points.size(); i++) {
            assertEquals(ratio, points.get(i).learningRate() / points.get(i - 1).learningRate(), 1e-9);
        }
        // SGD at 1e4 diverges: the test stops there; the suggestion is what the CSV's curve says
        assertTrue(points.size() < 60, "stopped at the divergence: " + points.size());
        LrRangeTest.Result read = LrRangeTest.analyse(points);
        List<String> out = r.out().lines().toList();
        assertEquals("suggested learning rate: " + LrRangeTest.format(read.suggested()), out.get(out.size() - 2));
        assertEquals("wrote " + csv + " (" + points.size() + " steps)", out.get(out.size() - 1));
        assertTrue(out.get(1).startsWith("the loss diverged at learning rate " + LrRangeTest.format(read.divergedAt())),
                out.get(1));
        // the experiment is not touched and no results of the run are written
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)));
        try (var listing = Files.list(dir)) {
            assertEquals(List.of("exp.json", "range.csv"), listing.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void withoutOutItOnlyPrints() throws Exception {
        Path file = Descent.experiment(dir, RUNS);
        Descent r = Descent.run("lr-range", file.toString(), "--run", "Adam", "--steps", "20");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("suggested learning rate: ")
                || l.startsWith("no learning rate to suggest")), r.out());
        try (var listing = Files.list(dir)) {
            assertEquals(1, listing.count());
        }
    }

    @Test
    void anUnknownRunIsRefusedWithTheNamesOfTheRuns() throws Exception {
        Path file = Descent.experiment(dir, RUNS);
        assertOneErrorLine(Descent.run("lr-range", file.toString(), "--run", "RMSprop"),
                "error: " + file + ": there is no run named 'RMSprop'; the runs are 'SGD', 'Adam'");
    }

    @Test
    void fromMustBeBelowTo() throws Exception {
        Path file = Descent.experiment(dir, RUNS);
        assertOneErrorLine(Descent.run("lr-range", file.toString(), "--run", "SGD", "--from", "10", "--to", "1"),
                "error: --from: the first learning rate (10.0) must be below the last (1.0)");
        assertOneErrorLine(Descent.run("lr-range", file.toString(), "--run", "SGD", "--from", "1", "--to", "1"),
                "error: --from: the first learning rate (1.0) must be below the last (1.0)");
    }

    @Test
    void ratesMustBePositive() throws Exception {
        Path file = Descent.experiment(dir, RUNS);
        assertOneErrorLine(Descent.run("lr-range", file.toString(), "--run", "SGD", "--from", "0"),
                "error: --from: the first learning rate must be a positive number, got 0.0");
        assertOneErrorLine(Descent.run("lr-range", file.toString(), "--run", "SGD", "--to", "-1"),
                "error: --to: the last learning rate must be a positive number, got -1.0");
    }

    @Test
    void tooFewStepsAreRefused() throws Exception {
        Path file = Descent.experiment(dir, RUNS);
        assertOneErrorLine(Descent.run("lr-range", file.toString(), "--run", "SGD", "--steps", "9"),
                "error: --steps: the number of steps must be between 10 and 100000, got 9");
    }

    @Test
    void aDirectoryAsOutIsRefusedBeforeTraining() throws Exception {
        Path file = Descent.experiment(dir, RUNS);
        assertOneErrorLine(Descent.run("lr-range", file.toString(), "--run", "SGD", "--out", dir.toString()),
                "error: " + dir + ": is a directory; give a file for the CSV");
        Path nowhere = dir.resolve("missing/range.csv");
        assertOneErrorLine(Descent.run("lr-range", file.toString(), "--run", "SGD", "--out", nowhere.toString()),
                "error: " + nowhere + ": its directory does not exist; create it or give another file");
    }

    @Test
    void aMissingRunOptionIsOneLine() throws Exception {
        Path file = Descent.experiment(dir, RUNS);
        Descent r = Descent.run("lr-range", file.toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertTrue(r.err().contains("--run"), r.err());
    }

    @Test
    void aMissingFileIsOneLine() {
        Path file = dir.resolve("nope.json");
        Descent r = Descent.run("lr-range", file.toString(), "--run", "SGD");
        assertEquals(2, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: " + file), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }
}
