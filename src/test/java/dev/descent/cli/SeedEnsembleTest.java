package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code "training": {"seeds": N}}: every run trains N members, written per member and summarized over them. */
class SeedEnsembleTest {
    @TempDir
    Path dir;

    private static final String RUNS = """
            { "name": "SGD", "optimizer": { "type": "sgd", "learningRate": 0.1 } },
            { "name": "Adam", "optimizer": { "type": "adam", "learningRate": 0.01 } }""";

    /** The shared test experiment with {@code seeds} (null: the key left out). */
    private Path experiment(String name, Integer seeds) throws IOException {
        Path sub = Files.createDirectories(dir.resolve(name));
        Path file = Descent.experiment(sub, RUNS);
        if (seeds != null) {
            Files.writeString(file, Files.readString(file).replace("\"evaluateEvery\": 5 }",
                    "\"evaluateEvery\": 5, \"seeds\": " + seeds + " }"));
        }
        return file;
    }

    private Path run(Path file, String out) {
        Path target = dir.resolve(out);
        Descent r = Descent.run("run", file.toString(), "--out", target.toString(), "--steps", "12", "--quiet");
        assertEquals(0, r.code(), r.err());
        return target;
    }

    @Test
    void memberZeroIsByteForByteTheRunWithOneSeed() throws Exception {
        // given the same experiment with one seed and with three
        Path single = run(experiment("one", null), "single");
        Path three = run(experiment("three", 3), "three");

        // then the one-seed file names member 0 in every row, and member 0 of three seeds has exactly its rows
        List<String> singleRows = Files.readAllLines(single.resolve("metrics.csv"));
        List<String> threeRows = Files.readAllLines(three.resolve("metrics.csv"));
        assertEquals(singleRows.get(0), threeRows.get(0));
        assertEquals(1 + 2 * 12, singleRows.size());
        assertEquals(1 + 2 * 3 * 12, threeRows.size());
        assertTrue(singleRows.stream().skip(1).allMatch(r -> r.split(",")[1].equals("0")));
        List<String> memberZero = threeRows.stream().skip(1).filter(r -> r.split(",")[1].equals("0")).toList();
        assertEquals(singleRows.subList(1, singleRows.size()), memberZero);
        // and the other members start from other weights (their first loss differs)
        Map<String, String> firstLoss = new LinkedHashMap<>();
        for (String row : threeRows.subList(1, threeRows.size())) {
            String[] c = row.split(",");
            if (c[0].equals("SGD") && c[2].equals("1")) {
                firstLoss.put(c[1], c[4]);
            }
        }
        assertEquals(List.of("0", "1", "2"), List.copyOf(firstLoss.keySet()));
        assertEquals(3, firstLoss.values().stream().distinct().count(), firstLoss.toString());
    }

    @Test
    void summaryMeanAndStdAreThoseOfEachMembersLastRowsInMetricsCsv() throws Exception {
        Path out = run(experiment("three", 3), "out");

        // recomputed independently from metrics.csv: each member's last training loss, last validation
        // loss and accuracy, then the mean and the sample standard deviation over the members
        Map<String, Map<String, double[]>> last = new LinkedHashMap<>();
        for (String row : Files.readAllLines(out.resolve("metrics.csv")).subList(1, 1 + 2 * 3 * 12)) {
            String[] c = row.split(",", -1);
            double[] figures = last.computeIfAbsent(c[0], k -> new LinkedHashMap<>())
                    .computeIfAbsent(c[1], k -> new double[3]);
            figures[0] = Double.parseDouble(c[4]);
            if (!c[5].isEmpty()) {
                figures[1] = Double.parseDouble(c[5]);
                figures[2] = Double.parseDouble(c[6]);
            }
        }
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        String[] keys = {"final_train_loss", "final_val_loss", "val_accuracy"};
        for (JsonNode run : summary.get("runs")) {
            List<double[]> members = new ArrayList<>(last.get(run.get("name").asText()).values());
            assertEquals(3, run.get("members").asInt());
            assertEquals(0, run.get("diverged_members").asInt());
            assertEquals(3, run.get("per_member").size());
            for (int k = 0; k < 3; k++) {
                double sum = 0;
                for (double[] m : members) {
                    sum += m[k];
                }
                double mean = sum / 3;
                double squares = 0;
                for (double[] m : members) {
                    squares += (m[k] - mean) * (m[k] - mean);
                }
                double std = Math.sqrt(squares / 2);
                assertEquals(mean, run.get("mean").get(keys[k]).asDouble(), 1e-12 * Math.abs(mean), keys[k]);
                assertEquals(std, run.get("std").get(keys[k]).asDouble(), 1e-9 * Math.max(std, 1e-12), keys[k]);
                assertTrue(std > 0, keys[k] + " differs between seeds");
            }
            // every member names its own seed: the file's 3, then 4 and 5
            for (int m = 0; m < 3; m++) {
                assertEquals(m, run.get("per_member").get(m).get("member").asInt());
                assertEquals(3 + m, run.get("per_member").get(m).get("seed").asLong());
            }
        }
    }

    @Test
    void seedsOutsideOneToSixtyFourAreOneErrorLineAndNothingIsWritten() throws Exception {
        for (int seeds : new int[]{0, 65}) {
            Path file = experiment("bad" + seeds, seeds);
            Path out = dir.resolve("out" + seeds);
            Descent r = Descent.run("run", file.toString(), "--out", out.toString(), "--quiet");
            assertEquals(2, r.code());
            String expected = seeds == 0 ? "seeds must be in [1, 64], got 0" : "seeds must be at most 64, got 65";
            assertEquals("error: " + file.toAbsolutePath() + ": training: " + expected, r.err().strip());
            assertFalse(Files.exists(out));
        }
    }

    @Test
    void aOneSeedSummaryStillNamesItsRunsFiguresAndOneMember() throws Exception {
        Path out = run(experiment("one", null), "out");
        JsonNode run = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("runs").get(0);
        assertEquals("SGD", run.get("name").asText());
        assertEquals(1, run.get("members").asInt());
        assertEquals(run.get("final_train_loss").asDouble(), run.get("mean").get("final_train_loss").asDouble());
        assertEquals(0.0, run.get("std").get("final_train_loss").asDouble());
        assertNotEquals(null, run.get("per_member").get(0).get("index"));
        assertFalse(run.has("point"), "no sweep, no point");
    }
}
