package dev.descent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** The descent command run in this JVM, as a test calls it: its exit code and what it printed. */
record Descent(int code, String out, String err) {

    /**
     * Writes {@code dir/exp.json}: 200 moons examples (150 train, 10 steps of 16 an epoch), a 2-8-2 tanh
     * network, 2 epochs, and the given runs (JSON objects).
     */
    static Path experiment(Path dir, String runs) throws IOException {
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

    /** Runs {@code descent ARGS}. */
    static Descent run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = DescentCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Descent(code, out.toString(), err.toString());
    }
}
