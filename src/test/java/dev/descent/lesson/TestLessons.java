package dev.descent.lesson;

/** A small lesson for tests, as text: 2-8-2 tanh on moons, runs SGD (lr 0.001) and Adam, 3 epochs. */
final class TestLessons {
    private TestLessons() {
    }

    static final String EXPERIMENT = """
            { "format": 1, "name": "lesson test", "seed": 3,
              "dataset": { "generator": "moons", "samples": 200, "noise": 0.1, "validation": 0.25 },
              "normalizer": "standardize",
              "network": { "nodes": [ {"id": "in", "type": "input"}, {"id": "h1", "type": "dense", "units": 8},
                                      {"id": "a1", "type": "activation", "function": "tanh"},
                                      {"id": "out", "type": "dense", "units": 2},
                                      {"id": "loss", "type": "loss", "function": "cross_entropy"} ],
                           "edges": [ ["in","h1"], ["h1","a1"], ["a1","out"], ["out","loss"] ] },
              "training": { "epochs": 3, "batchSize": 16, "evaluateEvery": 5 },
              "runs": [ {"name": "SGD", "optimizer": {"type": "sgd", "learningRate": 0.001}},
                        {"name": "Adam", "optimizer": {"type": "adam", "learningRate": 0.05}} ] }
            """;

    /** The same experiment with SGD's learning rate 0.5: it then learns the moons. */
    static final String SOLUTION = EXPERIMENT.replace("\"learningRate\": 0.001", "\"learningRate\": 0.5");

    /** A lesson whose challenge is SGD above 80% validation accuracy, changing only SGD's optimizer. */
    static String lesson() {
        return lesson("""
                "goal": { "run": "SGD", "metric": "val_accuracy", "above": 0.8 }""");
    }

    /** The lesson with another goal (the JSON of the "goal" key and its value). */
    static String lesson(String goal) {
        return """
                { "lesson": 1, "title": "Learning rates", "summary": "Too small a step learns nothing.",
                  "experiment": %s,
                  "steps": [ { "title": "Watch", "text": ["Press **Train**.", "", "SGD hardly moves."],
                               "watch": ["chart-loss", "node:h1", "run:SGD", "inside-weights"] },
                             { "text": "Now fix it." } ],
                  "challenge": { "text": "Get SGD above 80%%.", %s,
                                 "editable": ["runs[SGD].optimizer"],
                                 "hint": "Try a larger learning rate.",
                                 "solution": %s } }
                """.formatted(EXPERIMENT, goal, SOLUTION);
    }
}
