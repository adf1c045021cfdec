package dev.descent.ui.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.graph.NodeSpec;
import dev.descent.experiment.ExperimentReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's training logic without a window: every executor runs inline. */
class TrainingSessionTest {
    private static final Executor NOW = Runnable::run;
    private ProjectModel project;
    private DataModel data;
    private TrainingSession session;

    @TempDir
    Path dir;

    @BeforeEach
    void build() throws Exception {
        project = new ProjectModel(ExperimentReader.read(Path.of("sample-data/spiral-sgd-vs-adam.json")));
        data = new DataModel(project, NOW, NOW);
        EngineStatus engine = new EngineStatus();
        engine.start(NOW, NOW);
        session = new TrainingSession(project, data, engine, NOW, NOW);
    }

    private void waitForSteps(int steps) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000; // a guard against a hang, generous for a loaded machine
        while (session.comparisonProperty().get().summaries().stream().anyMatch(s -> s.steps() < steps
                && !s.status().isFinal())) {
            assertTrue(System.currentTimeMillis() < deadline, "timed out");
            Thread.sleep(10);
        }
    }

    private int[] steps() {
        return session.comparisonProperty().get().summaries().stream().mapToInt(s -> s.steps()).toArray();
    }

    @Test
    void rowsDescribeTheRunsBeforeTraining() {
        assertEquals(2, session.rows().size());
        assertEquals("SGD", session.rows().get(0).nameProperty().get());
        assertEquals("ready", session.rows().get(1).statusProperty().get());
        assertEquals("0.01", session.rows().get(1).learningRateProperty().get());
    }

    @Test
    void trainPauseStepAndResetMoveThroughTheStates() throws Exception {
        // when training starts
        session.train();
        assertEquals(TrainingSession.State.RUNNING, session.state());
        waitForSteps(20);
        session.tick(System.nanoTime(), true);
        assertEquals("training", session.rows().get(0).statusProperty().get());
        assertTrue(session.rows().get(0).progressProperty().get() > 0);
        // and is paused
        session.pause();
        assertEquals(TrainingSession.State.PAUSED, session.state());
        Thread.sleep(200);
        int[] held = steps();
        Thread.sleep(200);
        assertArrayEquals(held, steps(), "no steps while paused");
        // then a step advances every run by one (runs train on their own threads, so each from where it paused)
        session.step();
        long deadline = System.currentTimeMillis() + 120_000; // a guard against a hang, generous for a loaded machine
        while (!java.util.Arrays.equals(steps(), java.util.Arrays.stream(held).map(n -> n + 1).toArray())) {
            assertTrue(System.currentTimeMillis() < deadline, "timed out at " + java.util.Arrays.toString(steps()));
            Thread.sleep(10);
        }
        Thread.sleep(100);
        assertArrayEquals(java.util.Arrays.stream(held).map(n -> n + 1).toArray(), steps());
        // and reset clears it
        session.reset();
        assertNull(session.comparisonProperty().get());
        assertEquals("ready", session.rows().get(0).statusProperty().get());
        assertEquals(TrainingSession.State.IDLE, session.state());
    }

    @Test
    void stepFromIdleStartsPausedAfterOneStep() throws Exception {
        session.step();
        assertEquals(TrainingSession.State.PAUSED, session.state());
        waitForSteps(1);
        Thread.sleep(150);
        assertEquals(1, session.comparisonProperty().get().summaries().get(0).steps());
        session.reset();
    }

    @Test
    void anInvalidNetworkBlocksTrainingWithItsReason() {
        project.edit("Set units", e -> Edits.replaceNode(e,
                ((NodeSpec.Dense) e.network().node("h1").orElseThrow()).withUnits(0)));
        assertEquals("node 'h1': units must be >= 1, got 0", session.blockedReason());
        session.train();
        assertEquals(TrainingSession.State.IDLE, session.state());
        assertEquals("Cannot train: node 'h1': units must be >= 1, got 0", session.messageProperty().get());
    }

    @Test
    void metricsCanBeExportedWhileTraining() throws Exception {
        session.train();
        waitForSteps(30);
        Path csv = dir.resolve("m.csv");
        String[] failure = {"not called"};
        session.exportMetrics(csv, f -> failure[0] = f);
        assertNull(failure[0]);
        var lines = Files.readAllLines(csv);
        assertTrue(lines.get(0).startsWith("run,member,step,epoch,train_loss"));
        assertTrue(lines.size() > 20, "rows so far: " + lines.size());
        session.reset();
    }

    @Test
    void rowsFollowRunsAddedWhileIdle() {
        project.edit("Add run", e -> Edits.addRun(e, Edits.runFor(dev.descent.engine.vocab.Choice.of(
                dev.descent.engine.optim.OptimizerType.RMSPROP))));
        assertEquals(3, session.rows().size());
        assertEquals("RMSprop", session.rows().get(2).nameProperty().get());
    }

    @Test
    void aFinishedComparisonReportsItsAverageSpeedNotZero() throws Exception {
        // given the example trained to the end
        session.train();
        waitForSteps(Integer.MAX_VALUE);
        session.tick(System.nanoTime(), true);
        assertEquals(TrainingSession.State.FINISHED, session.state());
        // then the status line gives the time taken and the summed average speed of the runs
        double expected = session.comparisonProperty().get().summaries().stream()
                .mapToDouble(dev.descent.engine.train.RunSummary::stepsPerSecond).sum();
        String line = session.statusLineProperty().get();
        assertTrue(line.startsWith("step 1,500 of 1,500 · trained in "), line);
        assertTrue(line.endsWith(String.format(java.util.Locale.ROOT, " · %,.0f steps/s on average", expected)), line);
        assertTrue(expected > 0);
    }

    @Test
    void aRunAddedAfterTrainingShowsReadyBesideTheFinishedOnes() throws Exception {
        // given the example trained to the end
        session.train();
        waitForSteps(Integer.MAX_VALUE);
        session.tick(System.nanoTime(), true);
        // when a run is added
        project.edit("Add run", e -> Edits.addRun(e, Edits.runFor(dev.descent.engine.vocab.Choice.of(
                dev.descent.engine.optim.OptimizerType.RMSPROP))));
        session.tick(System.nanoTime(), true);
        // then it has its row, ready to train, and the trained runs keep their results
        assertEquals(3, session.rows().size());
        assertEquals("ready", session.rows().get(2).statusProperty().get());
        assertEquals("completed", session.rows().get(0).statusProperty().get());
        assertEquals("completed", session.rows().get(1).statusProperty().get());
    }

    private void pauseAndWaitForRun(int i) throws InterruptedException {
        session.pause();
        long deadline = System.currentTimeMillis() + 120_000; // a guard against a hang, generous for a loaded machine
        while (session.comparisonProperty().get().status(i) != dev.descent.engine.train.RunStatus.PAUSED) {
            assertTrue(System.currentTimeMillis() < deadline, "run " + i + " did not pause");
            Thread.sleep(5);
        }
    }

    @Test
    void aLearningRateEditedWhileTheRunsArePausedAppliesAtTheRunsNextStep() throws Exception {
        // given training under way (for long: a warm JIT could finish the short example before the pause), paused
        project.edit("Train for long", e -> e.withTraining(new dev.descent.experiment.TrainingSpec(
                e.training().epochs() * 200, e.training().batchSize(), e.training().evaluateEvery(), e.training().seeds())));
        session.train();
        waitForSteps(5);
        pauseAndWaitForRun(1);
        int before = session.comparisonProperty().get().summaries().get(1).steps();
        // when the second run's learning rate changes
        project.edit("Set η", e -> Edits.replaceRun(e, 1, e.runs().get(1).withOptimizer(
                e.runs().get(1).optimizer().with("learningRate", 0.5))));
        session.tick(System.nanoTime(), true);
        // then its row shows the rate it trains with now, still paused where it was, with nothing pending
        assertEquals("paused", session.rows().get(1).statusProperty().get());
        assertEquals("0.5", session.rows().get(1).learningRateProperty().get());
        assertTrue(session.rows().get(1).progressProperty().get() > 0);
        assertEquals("", session.pendingEditsProperty().get());
        assertEquals(0.5, session.trainedExperiment().runs().get(1).optimizer().value("learningRate"));
        // and its next step uses it, while the other run keeps its own
        session.step();
        long deadline = System.currentTimeMillis() + 120_000;
        while (session.history(1).learningRate().totalPoints() < before + 1) {
            assertTrue(System.currentTimeMillis() < deadline, "run 1 did not step");
            Thread.sleep(5);
        }
        assertEquals(0.5, session.history(1).learningRate().latest(), 0.0);
        assertEquals(0.05, session.history(0).learningRate().latest(), 0.0);
        assertEquals(before + 1, session.history(1).retunes().get(0).fromStep());
        // and training goes on when resumed
        session.train();
        waitForSteps(before + 10);
        session.tick(System.nanoTime(), true);
        String status = session.rows().get(1).statusProperty().get();
        assertTrue(status.equals("training") || status.equals("completed"), status);
    }

    @Test
    void runsAreKeptTogetherInTimeUnlessSwitchedOff() throws Exception {
        // given the default: on, before anything trains
        assertTrue(session.lockstepInTimeProperty().get());
        // when training starts, then the engine keeps its runs together
        session.train();
        waitForSteps(2);
        assertTrue(session.comparisonProperty().get().isLockstepInTime());
        // when the user switches it off while they train, then the runs go at their own pace from now on
        session.lockstepInTimeProperty().set(false);
        assertTrue(!session.comparisonProperty().get().isLockstepInTime());
        // and the next comparison starts as the switch says
        session.reset();
        session.train();
        waitForSteps(1);
        assertTrue(!session.comparisonProperty().get().isLockstepInTime());
    }

    @Test
    void anotherOptimizerChosenWhileTrainingGoesOnAsItStartedUntilReset() throws Exception {
        // given training under way, paused
        session.train();
        waitForSteps(5);
        pauseAndWaitForRun(1);
        // when the second run's optimizer changes (its state cannot carry over)
        project.edit("Set optimizer", e -> Edits.replaceRun(e, 1, e.runs().get(1).withOptimizer(
                dev.descent.engine.vocab.Choice.of(dev.descent.engine.optim.OptimizerType.MOMENTUM))));
        session.tick(System.nanoTime(), true);
        // then its row still shows the run that trains, as it trains, and says the edit waits for Reset
        assertEquals("paused", session.rows().get(1).statusProperty().get());
        assertEquals("Adam", session.rows().get(1).optimizerProperty().get());
        assertTrue(session.rows().get(1).progressProperty().get() > 0);
        assertEquals("Edits apply after Reset", session.pendingEditsProperty().get());
        assertEquals(TrainingSession.State.PAUSED, session.state());
        // and training goes on from where it was when resumed
        int before = session.comparisonProperty().get().summaries().get(1).steps();
        session.train();
        waitForSteps(before + 5);
        session.tick(System.nanoTime(), true);
        assertEquals("training", session.rows().get(1).statusProperty().get());
        // and after Reset the row shows the edited run, ready
        session.reset();
        assertEquals("Momentum", session.rows().get(1).optimizerProperty().get());
        assertEquals("ready", session.rows().get(1).statusProperty().get());
        assertEquals("", session.pendingEditsProperty().get());
    }

    @Test
    void editsTakeEffectAtTheNextTrainWhenNothingTrainsAndAfterResetWhileRunsTrain() throws Exception {
        EditTiming timing = session.editTiming();
        // when idle, an edit is what the next Train trains, and there is nothing to say
        assertEquals(new EditTiming.Decision(EditTiming.When.NEXT_TRAIN, null),
                timing.decide(EditTiming.Kind.HYPERPARAMETER, 1));
        // while the runs train, a run's optimizer and schedule values apply at its next step, and it says so
        session.train();
        waitForSteps(2);
        EditTiming.Decision values = timing.decide(EditTiming.Kind.HYPERPARAMETER, 1);
        assertEquals(EditTiming.When.LIVE, values.when());
        assertEquals("The runs are training: this run's optimizer and schedule values apply at its next step. Another"
                + " optimizer, schedule kind or override applies after Reset.", values.because());
        // every other kind of edit waits for Reset, and says so
        EditTiming.Decision run = timing.decide(EditTiming.Kind.RUN, 1);
        assertEquals(EditTiming.When.AFTER_RESET, run.when());
        assertEquals("The runs are training: changes to this run apply after Reset. Until then it goes on as it started.",
                run.because());
        assertEquals(EditTiming.When.AFTER_RESET, timing.decide(EditTiming.Kind.NETWORK, -1).when());
        assertTrue(timing.decide(EditTiming.Kind.DATA, -1).because().contains("data and training settings"));
        // a run the comparison does not train (added since) is told it trains after Reset and Train
        assertTrue(timing.decide(EditTiming.Kind.RUN, 2).because().contains("without this one"));
        session.reset();
        assertEquals(EditTiming.When.NEXT_TRAIN, timing.decide(EditTiming.Kind.NETWORK, -1).when());
    }

    @Test
    void aNetworkEditWhileTrainingLeavesEveryRowLive() throws Exception {
        session.train();
        waitForSteps(3);
        project.edit("Set units", e -> Edits.replaceNode(e,
                ((NodeSpec.Dense) e.network().node("h1").orElseThrow()).withUnits(8)));
        session.tick(System.nanoTime(), true);
        for (int i = 0; i < 2; i++) {
            String status = session.rows().get(i).statusProperty().get();
            assertTrue(status.equals("training") || status.equals("completed"), "row " + i + ": " + status);
        }
        assertEquals("Edits apply after Reset", session.pendingEditsProperty().get());
        session.reset();
    }

    @Test
    void resetRemovesTheRecordedMetrics() throws Exception {
        session.train();
        waitForSteps(5);
        Path recording = session.recordingDirectory();
        assertTrue(Files.list(recording).findAny().isPresent(), "metrics are recorded while training");
        session.reset();
        try (var files = Files.list(recording)) {
            assertEquals(0, files.count(), "a reset comparison leaves no part files");
        }
    }

    @Test
    void anEngineThatFailedToStartBlocksTrainingWithItsReason() {
        // given ND4J refused to start (here, a nonsensical -Ddescent.blasThreads)
        System.setProperty(dev.descent.engine.Engine.BLAS_THREADS_PROPERTY, "zero");
        EngineStatus failed = new EngineStatus();
        try {
            failed.start(NOW, NOW);
        } finally {
            System.clearProperty(dev.descent.engine.Engine.BLAS_THREADS_PROPERTY);
        }
        TrainingSession blocked = new TrainingSession(project, data, failed, NOW, NOW);
        // then Train says why, instead of waiting for an engine that will never start
        String reason = "ND4J failed to start: -Ddescent.blasThreads must be a positive number of threads such as 2, got 'zero'";
        assertEquals(reason, blocked.blockedReason());
        assertEquals(reason, failed.descriptionProperty().get());
    }
}
