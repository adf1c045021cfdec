package dev.descent.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.train.LockstepComparison;
import dev.descent.engine.train.RunConfig;
import dev.descent.engine.train.RunStatus;
import dev.descent.experiment.ExperimentReader;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A hyperparameter edited while a run with seeds or a sweep trains reaches every one of its members. */
class RetuneMembersTest {
    private static final Executor NOW = Runnable::run;
    private ProjectModel project;
    private TrainingSession session;

    /**
     * Two seeds of SGD and of Adam swept over two batch sizes: members SGD #0, SGD #1, then Adam batch=16 #0,
     * #1 and Adam batch=32 #0, #1 (the file's run 1 is the engine's members 2 to 5).
     */
    @BeforeEach
    void build() throws Exception {
        project = new ProjectModel(ExperimentReader.parse("""
                { "format": 1, "name": "members", "seed": 5,
                  "dataset": { "generator": "spiral", "samples": 200, "validation": 0.2 },
                  "network": { "nodes": [ {"id": "in", "type": "input"}, {"id": "h1", "type": "dense", "units": 8},
                                          {"id": "a1", "type": "activation", "function": "tanh"},
                                          {"id": "out", "type": "dense", "units": 2},
                                          {"id": "loss", "type": "loss", "function": "cross_entropy"} ],
                               "edges": [ ["in","h1"], ["h1","a1"], ["a1","out"], ["out","loss"] ] },
                  "training": { "epochs": 500, "batchSize": 16, "seeds": 2 },
                  "runs": [ {"name": "SGD", "optimizer": {"type": "sgd", "learningRate": 0.05}},
                            {"name": "Adam", "optimizer": {"type": "adam", "learningRate": 0.01},
                             "sweep": {"batchSize": [16, 32]}} ] }
                """, null));
        DataModel data = new DataModel(project, NOW, NOW);
        EngineStatus engine = new EngineStatus();
        engine.start(NOW, NOW);
        session = new TrainingSession(project, data, engine, NOW, NOW);
    }

    @AfterEach
    void close() {
        session.reset();
    }

    private LockstepComparison engine() {
        return session.comparisonProperty().get();
    }

    private void await(String what, java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000; // a guard against a hang on a loaded machine
        while (!done.getAsBoolean()) {
            assertTrue(System.currentTimeMillis() < deadline, "timed out: " + what);
            Thread.sleep(5);
        }
    }

    @Test
    void aLearningRateEditReachesEverySeedOfEverySweepPoint() throws Exception {
        // given the members training, then paused
        session.train();
        await("first steps", () -> engine() != null && engine().summaries().stream().allMatch(s -> s.steps() >= 3));
        session.pause();
        await("paused", () -> java.util.stream.IntStream.range(0, 6).allMatch(m -> engine().status(m) == RunStatus.PAUSED));
        int[] before = java.util.stream.IntStream.range(0, 6).map(m -> engine().summaries().get(m).steps()).toArray();

        // when the file's second run (Adam) gets learning rate 0.002
        project.edit("Set η", e -> dev.descent.ui.model.Edits.replaceRun(e, 1, e.runs().get(1).withOptimizer(
                e.runs().get(1).optimizer().with("learningRate", 0.002))));
        session.tick(System.nanoTime(), true);
        session.step();
        await("one more step", () -> java.util.stream.IntStream.range(0, 6)
                .allMatch(m -> session.history(m).learningRate().totalPoints() > before[m]));

        // then each of Adam's four members trains with it from its next step, and SGD's two keep theirs
        for (int m = 0; m < 6; m++) {
            double expected = m < 2 ? 0.05 : 0.002;
            assertEquals(expected, session.history(m).learningRate().latest(), 0.0, engine().run(m).name());
            assertEquals(m < 2 ? 0 : 1, session.history(m).retunes().size(), engine().run(m).name());
        }
        // and every member is still the member it was: its point, its seed, its batch size
        List<String> groups = List.of("SGD", "SGD", "Adam batch=16", "Adam batch=16", "Adam batch=32", "Adam batch=32");
        for (int m = 0; m < 6; m++) {
            RunConfig run = engine().run(m);
            assertEquals(groups.get(m), run.group());
            assertEquals(m % 2, run.member());
            assertEquals(m < 2 ? 0 : m < 4 ? 16 : 32, run.batchSize());
        }
        assertEquals(0.002, session.trainedExperiment().runs().get(1).optimizer().value("learningRate"));
    }
}
