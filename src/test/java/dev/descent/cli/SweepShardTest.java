package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code descent run} on a swept run, and the same run split into shards and merged back. */
class SweepShardTest {
    @TempDir
    Path dir;

    /**
     * A sine regression (150 training examples, batches of 16: 10 steps an epoch, 4 epochs) swept over
     * SGD's learning rate from 0.01 to 1000 with two seeds: plain SGD on a squared loss blows up once the
     * rate is above 2 over the curvature, so the large rates diverge within a few dozen steps.
     */
    private Path experiment(String name, String seed) throws IOException {
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, """
                { "format": 1, "name": "sweep test", "seed": %s,
                  "dataset": { "generator": "sine", "samples": 200, "validation": 0.25 },
                  "network": { "nodes": [ {"id": "in", "type": "input"}, {"id": "h1", "type": "dense", "units": 8},
                                          {"id": "a1", "type": "activation", "function": "tanh"},
                                          {"id": "out", "type": "dense", "units": 1},
                                          {"id": "loss", "type": "loss", "function": "mse"} ],
                               "edges": [ ["in","h1"], ["h1","a1"], ["a1","out"], ["out","loss"] ] },
                  "training": { "epochs": 4, "batchSize": 16, "evaluateEvery": 5, "seeds": 2 },
                  "runs": [ {"name": "SGD", "optimizer": "sgd",
                             "sweep": {"learningRate": {"log": [0.01, 1000], "count": 6}}} ] }
                """.formatted(seed));
        return file;
    }

    private Path run(Path file, String out, String... more) {
        Path target = dir.resolve(out);
        List<String> args = new ArrayList<>(List.of("run", file.toString(), "--out", target.toString(), "--quiet"));
        args.addAll(List.of(more));
        Descent r = Descent.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return target;
    }

    private static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    @Test
    void largeLearningRatesDivergeAndTheOthersComplete() throws Exception {
        Path out = run(experiment("e", "3"), "out");

        JsonNode runs = json(out.resolve("summary.json")).get("runs");
        assertEquals(6, runs.size());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            JsonNode r = runs.get(i);
            names.add(r.get("name").asText());
            assertEquals(2, r.get("members").asInt());
            double rate = r.get("point").get("learningRate").asDouble();
            assertEquals(Math.pow(10, i - 2), rate, 1e-12 * rate);
            if (rate < 1) {
                assertEquals("COMPLETED", r.get("status").asText(), r.toString());
                assertEquals(0, r.get("diverged_members").asInt());
                assertTrue(r.get("mean").get("final_train_loss").isNumber());
            } else {
                assertEquals("DIVERGED", r.get("status").asText(), r.toString());
                assertEquals(2, r.get("diverged_members").asInt());
                assertTrue(r.get("mean").get("final_train_loss").isNull(), "no member left for the mean");
                assertTrue(r.get("diverged_at_step").asInt() < 40);
            }
        }
        assertEquals(List.of("SGD lr=0.01", "SGD lr=0.1", "SGD lr=1", "SGD lr=10", "SGD lr=100", "SGD lr=1000"), names);
        // metrics.csv names every point as a run, each with members 0 and 1
        Set<String> runMember = new LinkedHashSet<>();
        for (String row : Files.readAllLines(out.resolve("metrics.csv")).subList(1, 2)) {
            runMember.add(row.substring(0, row.indexOf(',', row.indexOf(',') + 1)));
        }
        assertEquals(Set.of("SGD lr=0.01,0"), runMember);
    }

    @Test
    void aBatchSizeSweepTrainsEachPointAtItsOwnBatchSize() throws Exception {
        // given 150 training examples for 2 epochs, swept over batches of 16 (10 a epoch) and 50 (3 an epoch)
        Path file = Descent.experiment(dir, """
                { "name": "SGD", "optimizer": { "type": "sgd", "learningRate": 0.1 }, "sweep": { "batchSize": [16, 50] } }""");
        Path out = dir.resolve("out");
        Descent r = Descent.run("run", file.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());

        // then each point took its own number of steps, and says its batch size
        JsonNode runs = json(out.resolve("summary.json")).get("runs");
        assertEquals("SGD batch=16", runs.get(0).get("name").asText());
        assertEquals(20, runs.get(0).get("steps").asInt());
        assertEquals(16, runs.get(0).get("point").get("batchSize").asInt());
        assertEquals("SGD batch=50", runs.get(1).get("name").asText());
        assertEquals(6, runs.get(1).get("steps").asInt());
        List<String> rows = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(1 + 20 + 6, rows.size());
        assertTrue(rows.get(21).startsWith("SGD batch=50,0,1,1,"), rows.get(21));
    }

    @Test
    void shardsMergedAreTheRunWithoutShards() throws Exception {
        Path file = experiment("e", "3");
        Path whole = run(file, "whole");
        List<String> args = new ArrayList<>(List.of("merge", dir.resolve("merged").toString()));
        for (int i = 0; i < 5; i++) {
            run(file, "shard" + i, "--shard", i + "/5");
            args.add(dir.resolve("shard" + i).toString());
        }
        // shard 1 of 5 holds members 1, 6, 11: the second seed of lr=0.01, the first of lr=1, the second of lr=100
        JsonNode shard1 = json(dir.resolve("shard1/summary.json"));
        List<Integer> indices = new ArrayList<>();
        shard1.get("runs").forEach(r -> r.get("per_member").forEach(m -> indices.add(m.get("index").asInt())));
        assertEquals(List.of(1, 6, 11), indices);

        java.util.Collections.reverse(args.subList(2, args.size())); // in any order
        Descent merged = Descent.run(args.toArray(String[]::new));

        assertEquals(0, merged.code(), merged.err());
        assertArrayEquals(Files.readAllBytes(whole.resolve("metrics.csv")),
                Files.readAllBytes(dir.resolve("merged/metrics.csv")));
        assertEquals(withoutTimes(json(whole.resolve("summary.json"))), withoutTimes(json(dir.resolve("merged/summary.json"))));
    }

    /** A summary without its wall-clock figures, which differ between any two runs. */
    private static JsonNode withoutTimes(JsonNode summary) {
        for (JsonNode run : summary.get("runs")) {
            ((ObjectNode) run).remove(List.of("wall_seconds", "steps_per_second"));
            run.get("per_member").forEach(m -> ((ObjectNode) m).remove(List.of("wall_seconds", "steps_per_second")));
        }
        return summary;
    }

    @Test
    void shardsThatDoNotExistAreOneErrorLineAndNothingIsWritten() throws Exception {
        Path file = experiment("e", "3");
        String hint = "; give I/N with N >= 1 shards and I from 0 to N-1, e.g. --shard 0/4";
        String[][] cases = {{"3/2", "shard 3 of 2 does not exist: shards are numbered 0 to 1" + hint},
                {"0/0", "0/0 has no shards" + hint}, {"1-2", "'1-2' is not I/N" + hint},
                {"12/13", "shard 12/13 has no members: the experiment has 12; use at most 12 shards"}};
        for (String[] c : cases) {
            Path out = dir.resolve("out");
            Descent r = Descent.run("run", file.toString(), "--out", out.toString(), "--shard", c[0], "--quiet");
            assertEquals(2, r.code(), c[0]);
            assertEquals("error: --shard: " + c[1], r.err().strip());
            assertFalse(Files.exists(out), c[0]);
        }
    }

    @Test
    void mergingShardsOfDifferentExperimentsIsRefusedAndWritesNothing() throws Exception {
        Path a = run(experiment("a", "3"), "a", "--shard", "0/2");
        Path b = run(experiment("b", "4"), "b", "--shard", "1/2");

        Descent r = Descent.run("merge", dir.resolve("merged").toString(), a.toString(), b.toString());

        assertEquals(2, r.code());
        assertEquals("error: " + b + ": holds the results of another experiment than " + a + " (a different file, or"
                + " other --steps); merge only the shards of one experiment", r.err().strip());
        assertFalse(Files.exists(dir.resolve("merged")));
    }

    @Test
    void aMissingOrRepeatedShardIsRefused() throws Exception {
        Path file = experiment("e", "3");
        Path s0 = run(file, "s0", "--shard", "0/3");
        Path s1 = run(file, "s1", "--shard", "1/3");

        Descent missing = Descent.run("merge", dir.resolve("m").toString(), s0.toString(), s1.toString());
        Descent twice = Descent.run("merge", dir.resolve("m").toString(), s0.toString(), s1.toString(), s0.toString());

        assertEquals(2, missing.code());
        assertEquals("error: merge: shard 2/3 is missing; give the directory of every shard, 0 to 2", missing.err().strip());
        assertEquals("error: " + s0 + ": is shard 0/3 again (as " + s0 + "); give every shard once", twice.err().strip());
        assertFalse(Files.exists(dir.resolve("m")));
    }
}
