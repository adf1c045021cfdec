package dev.descent.engine.train;

import static dev.descent.testing.Specs.mlp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.Generator;
import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Choice;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class LockstepComparisonTest {
    private static Dataset train;
    private static Dataset validation;

    @BeforeAll
    static void data() throws Exception {
        Dataset all = Generator.SPIRAL.generate(400, 0.1, 2, 3);
        int[] first = new int[320];
        int[] rest = new int[80];
        for (int i = 0; i < 400; i++) {
            if (i < 320) {
                first[i] = i;
            } else {
                rest[i - 320] = i;
            }
        }
        train = all.subset(first);
        validation = all.subset(rest);
    }

    private static RunConfig run(String name, OptimizerType type, double lr) {
        return run(name, mlp(16, "tanh", 2, "cross_entropy"), type, lr);
    }

    private static RunConfig run(String name, NetworkSpec network, OptimizerType type, double lr) {
        return new RunConfig(name, network, Choice.of(type).with("learningRate", lr), Choice.of(Schedule.CONSTANT),
                Choice.of(InputNormalizer.STANDARDIZE));
    }

    private static TrainingConfig steps(int n) {
        return new TrainingConfig(42, 1, 32, 25, n, DataType.FLOAT);
    }

    private static Recorder train(TrainingConfig config, List<RunConfig> runs) throws Exception {
        Recorder recorder = new Recorder();
        try (LockstepComparison comparison = LockstepComparison.create(config, train, validation, runs)) {
            comparison.addListener(recorder);
            comparison.start();
            assertTrue(comparison.await(60, TimeUnit.SECONDS), "training did not finish");
        }
        return recorder;
    }

    @Test
    void trainingLowersTheLossOnSpiral() throws Exception {
        Recorder r = train(steps(300), List.of(run("adam", OptimizerType.ADAM, 0.01)));
        double first = r.steps.get(0).trainLoss();
        double lastTen = r.steps.subList(290, 300).stream().mapToDouble(StepEvent::trainLoss).average().orElseThrow();
        assertTrue(lastTen < 0.6 * first, "loss went from " + first + " to " + lastTen);
        assertEquals(RunStatus.COMPLETED, r.statuses.get(r.statuses.size() - 1).status());
    }

    @Test
    void sameExperimentGivesIdenticalMetricsAloneOrAlongsideOtherRuns() throws Exception {
        // given the same run trained alone and then beside three others (four threads on two cores)
        RunConfig sgd = run("sgd", OptimizerType.SGD, 0.1);
        List<String> alone = train(steps(120), List.of(sgd)).linesOf("sgd");
        List<String> crowded = train(steps(120), List.of(run("adam", OptimizerType.ADAM, 0.01), sgd,
                run("rms", OptimizerType.RMSPROP, 0.01), run("mom", OptimizerType.MOMENTUM, 0.05))).linesOf("sgd");
        // then every number of every step is identical
        assertEquals(alone.size(), crowded.size());
        assertEquals(alone, crowded);
    }

    @Test
    void wideLayersGiveIdenticalMetricsAloneOrAlongsideOtherRuns() throws Exception {
        // 16×16 images into 256 and 128 units: long vectors, where BLAS and ND4J may split work across threads
        Dataset images = Generator.SHAPES.generate(300, 0.1, 4, 5);
        Dataset imageTrain = images.subset(java.util.stream.IntStream.range(0, 256).toArray());
        Dataset imageValidation = images.subset(java.util.stream.IntStream.range(256, 300).toArray());
        NetworkSpec wide = dev.descent.testing.Specs.chain(dev.descent.testing.Specs.input("in"),
                dev.descent.testing.Specs.dense("h1", 256, "he_normal"), dev.descent.testing.Specs.activation("a1", "relu"),
                dev.descent.testing.Specs.dense("h2", 128, "he_normal"), dev.descent.testing.Specs.activation("a2", "relu"),
                dev.descent.testing.Specs.dense("out", 4), dev.descent.testing.Specs.loss("loss", "cross_entropy"));
        RunConfig adam = new RunConfig("adam", wide, Choice.of(OptimizerType.ADAM).with("learningRate", 0.001),
                Choice.of(Schedule.CONSTANT), Choice.of(InputNormalizer.PIXEL));
        RunConfig sgd = new RunConfig("sgd", wide, Choice.of(OptimizerType.SGD).with("learningRate", 0.05),
                Choice.of(Schedule.CONSTANT), Choice.of(InputNormalizer.PIXEL));
        RunConfig rms = new RunConfig("rms", wide, Choice.of(OptimizerType.RMSPROP).with("learningRate", 0.001),
                Choice.of(Schedule.CONSTANT), Choice.of(InputNormalizer.NONE));
        TrainingConfig config = new TrainingConfig(7, 1, 32, 10, 40, DataType.FLOAT);
        List<String> alone = trainOn(config, imageTrain, imageValidation, List.of(adam)).linesOf("adam");
        List<String> crowded = trainOn(config, imageTrain, imageValidation, List.of(sgd, adam, rms)).linesOf("adam");
        assertEquals(alone, crowded);
    }

    private static Recorder trainOn(TrainingConfig config, Dataset t, Dataset v, List<RunConfig> runs) throws Exception {
        Recorder recorder = new Recorder();
        try (LockstepComparison comparison = LockstepComparison.create(config, t, v, runs)) {
            comparison.addListener(recorder);
            comparison.start();
            assertTrue(comparison.await(120, TimeUnit.SECONDS), "training did not finish");
        }
        return recorder;
    }

    @Test
    void runsWithDifferentOptimizersStartFromBitIdenticalWeightsOnTheSameFirstBatch() throws Exception {
        // step 1's loss and gradients are computed before any update: they depend only on the initial
        // weights and the first batch
        Recorder r = train(steps(3), List.of(run("sgd", OptimizerType.SGD, 0.1), run("adam", OptimizerType.ADAM, 0.01),
                run("rms", OptimizerType.RMSPROP, 0.01)));
        List<StepEvent> first = r.steps.stream().filter(e -> e.step() == 1).toList();
        assertEquals(3, first.size());
        for (StepEvent e : first) {
            assertEquals(first.get(0).trainLoss(), e.trainLoss(), 0.0);
            for (int i = 0; i < 2; i++) {
                assertEquals(first.get(0).gradientNorm(i), e.gradientNorm(i), 0.0);
            }
        }
    }

    @Test
    void runsWithTheSameSettingsFollowTheSamePathStepForStep() throws Exception {
        // two identical runs on two threads: identical losses at every step need identical batches too
        Recorder r = train(steps(60), List.of(run("a", OptimizerType.SGD, 0.1), run("b", OptimizerType.SGD, 0.1)));
        List<Double> a = r.steps.stream().filter(e -> e.run().equals("a")).map(StepEvent::trainLoss).toList();
        List<Double> b = r.steps.stream().filter(e -> e.run().equals("b")).map(StepEvent::trainLoss).toList();
        assertEquals(a, b);
        assertNotEquals(a.get(0), a.get(1), "batches differ from step to step");
    }

    @Test
    void batchOrderDependsOnlyOnSeedAndEpoch() {
        BatchOrder one = new BatchOrder(42, 100);
        BatchOrder two = new BatchOrder(42, 100);
        assertTrue(java.util.Arrays.equals(one.permutation(3), two.permutation(3)));
        assertFalse(java.util.Arrays.equals(one.permutation(3), one.permutation(4)), "each epoch reshuffles");
        int[] p = one.permutation(0);
        java.util.Arrays.sort(p);
        for (int i = 0; i < 100; i++) {
            assertEquals(i, p[i], "a permutation visits every example once");
        }
    }

    @Test
    void aDivergingRunIsMarkedWithItsStepWhileTheOtherCompletes() throws Exception {
        NetworkSpec relu = mlp(16, "relu", 2, "cross_entropy");
        Recorder r = train(steps(200), List.of(run("wild", relu, OptimizerType.SGD, 1e20),
                run("calm", relu, OptimizerType.SGD, 0.1)));
        StatusEvent wild = r.statuses.stream().filter(s -> s.run().equals("wild") && s.status().isFinal()).findFirst()
                .orElseThrow();
        StatusEvent calm = r.statuses.stream().filter(s -> s.run().equals("calm") && s.status().isFinal()).findFirst()
                .orElseThrow();
        assertEquals(RunStatus.DIVERGED, wild.status());
        assertTrue(wild.step() >= 1 && wild.step() < 200, "diverged at " + wild.step());
        assertTrue(wild.message().contains("lower the learning rate"), wild.message());
        assertEquals(RunStatus.COMPLETED, calm.status());
    }

    @Test
    void pauseHoldsStepTakesExactlyOneAndStopEnds() throws Exception {
        Recorder r = new Recorder();
        try (LockstepComparison c = LockstepComparison.create(steps(100000), train, validation,
                List.of(run("x", OptimizerType.SGD, 0.1), run("y", OptimizerType.ADAM, 0.01)))) {
            c.addListener(r);
            c.pause();
            c.start();
            waitFor(() -> r.statuses.stream().filter(s -> s.status() == RunStatus.PAUSED).count() == 2);
            assertEquals(0, r.steps.size(), "no step while paused from the start");
            c.step();
            waitFor(() -> r.steps.size() == 2);
            Thread.sleep(200);
            assertEquals(2, r.steps.size(), "one step per run, then held");
            c.stop();
            assertTrue(c.await(10, TimeUnit.SECONDS));
            assertEquals(RunStatus.STOPPED, c.status(0));
            assertEquals(1, c.summaries().get(0).steps());
        }
    }

    @Test
    void historyStaysBoundedOverManySteps() {
        DownsampledSeries series = new DownsampledSeries(64);
        double min = Double.MAX_VALUE;
        for (int step = 1; step <= 1_000_000; step++) {
            double value = Math.sin(step / 1000.0) + (step == 777_777 ? 100 : 0);
            min = Math.min(min, value);
            series.add(step, value);
        }
        DownsampledSeries.Snapshot s = series.snapshot();
        assertTrue(s.size() <= 64 && s.size() >= 32, "buckets: " + s.size());
        assertEquals(1_000_000, s.totalPoints());
        double maxSeen = 0;
        for (double m : s.maxs()) {
            maxSeen = Math.max(maxSeen, m);
        }
        assertTrue(maxSeen > 99, "the spike survives downsampling as a maximum");
        assertEquals(min, series.minimum(), 0);
    }

    @Test
    void aRunHistoryRecordsEveryNodeOfEveryStep() throws Exception {
        try (LockstepComparison c = LockstepComparison.create(steps(50), train, validation,
                List.of(run("a", OptimizerType.ADAM, 0.01)))) {
            c.start();
            assertTrue(c.await(30, TimeUnit.SECONDS));
            RunHistory h = c.history(0);
            assertEquals(List.of("h1", "out"), h.layout().parameterNodes());
            assertEquals(List.of("a1"), h.layout().activationNodes());
            assertEquals(50, h.trainLoss().totalPoints());
            assertEquals(50, h.gradientNorms().get(0).totalPoints());
            // 320 examples in batches of 32: epochs end at 10, 20, ...; plus every 25 steps
            assertEquals(6, h.validationLoss().totalPoints(), "evaluated at steps 10, 20, 25, 30, 40, 50");
        }
    }

    @Test
    void predictionsAreServedAfterTrainingEnds() throws Exception {
        try (LockstepComparison c = LockstepComparison.create(steps(20), train, validation,
                List.of(run("a", OptimizerType.ADAM, 0.01)))) {
            c.start();
            assertTrue(c.await(30, TimeUnit.SECONDS));
            double[][] answer = new double[1][];
            c.predict(0, 3, new float[]{0, 0, 0.5f, 0.5f, -0.5f, 0.2f}, p -> answer[0] = p);
            waitFor(() -> answer[0] != null);
            assertEquals(6, answer[0].length);
            assertEquals(1.0, answer[0][0] + answer[0][1], 1e-5, "softmax probabilities sum to 1");
        }
    }

    @Test
    void invalidNetworksAreRefusedWithEveryProblem() {
        NetworkSpec wrong = mlp(16, "tanh", 3, "cross_entropy");
        var error = org.junit.jupiter.api.Assertions.assertThrows(LockstepComparison.InvalidComparisonException.class,
                () -> LockstepComparison.create(steps(10), train, validation,
                        List.of(run("a", wrong, OptimizerType.SGD, 0.1), run("a", OptimizerType.SGD, 0.1))));
        assertTrue(error.messages().stream().anyMatch(p -> p.contains("cross_entropy needs 2 outputs")), error.messages().toString());
        assertTrue(error.messages().stream().anyMatch(p -> p.contains("run names must be unique")), error.messages().toString());
    }

    @Test
    void moreStepsThanARunCanCountAreRefusedNotOverflowed() {
        // given 320 examples in batches of 32 (10 steps an epoch) for 300 million epochs: 3 billion steps
        TrainingConfig endless = new TrainingConfig(42, 300_000_000, 32, 25, 0, DataType.FLOAT);

        var error = org.junit.jupiter.api.Assertions.assertThrows(LockstepComparison.InvalidComparisonException.class,
                () -> LockstepComparison.create(endless, train, validation, List.of(run("a", OptimizerType.SGD, 0.1))));

        assertEquals(List.of("training: epochs must be at most 214,748,364 here: 300,000,000 epochs of 10 steps are"
                + " 3,000,000,000 steps, and a run takes at most 2,147,483,647 steps"), error.messages());
        var thrown = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> endless.totalSteps(320));
        assertEquals(error.messages().get(0).substring("training: ".length()), thrown.getMessage());
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            assertFalse(System.currentTimeMillis() > deadline, "timed out");
            Thread.sleep(10);
        }
    }

    private static Recorder trainOnWorkers(TrainingConfig config, List<RunConfig> runs, int workers, boolean lockstep,
                                           TrainingListener also) throws Exception {
        Recorder recorder = new Recorder();
        try (LockstepComparison comparison = LockstepComparison.create(config, train, validation, runs)) {
            comparison.addListener(recorder);
            if (also != null) {
                comparison.addListener(also);
            }
            comparison.lockstepInTime(lockstep);
            comparison.start(LockstepComparison.Priority.NORMAL, workers);
            assertTrue(comparison.await(120, TimeUnit.SECONDS), "training did not finish");
        }
        return recorder;
    }

    @Test
    void metricsAreIdenticalOnOneWorkerTwoOrOnePerRun() throws Exception {
        // given five runs, one with dropout (its masks come from its network's own generator)
        NetworkSpec dropped = dev.descent.testing.Specs.chain(dev.descent.testing.Specs.input("in"),
                dev.descent.testing.Specs.dense("h1", 16), dev.descent.testing.Specs.activation("a1", "relu"),
                new dev.descent.engine.graph.NodeSpec.Dropout("drop", 0.3, null),
                dev.descent.testing.Specs.dense("out", 2), dev.descent.testing.Specs.loss("loss", "cross_entropy"));
        List<RunConfig> runs = List.of(run("sgd", OptimizerType.SGD, 0.1), run("adam", OptimizerType.ADAM, 0.01),
                run("drop", dropped, OptimizerType.MOMENTUM, 0.05), run("rms", OptimizerType.RMSPROP, 0.01),
                run("nadam", OptimizerType.NADAM, 0.01));
        // when they train on one worker, on two, and on one worker per run (in lockstep or not)
        List<List<String>> results = new ArrayList<>();
        for (int workers : new int[]{1, 2, runs.size()}) {
            Recorder r = trainOnWorkers(steps(60), runs, workers, workers == 2, null);
            List<String> all = new ArrayList<>();
            for (RunConfig run : runs) {
                all.addAll(r.linesOf(run.name()));
            }
            results.add(all);
        }
        // then every number of every step of every run is identical
        assertEquals(5 * 60, results.get(0).stream().filter(l -> !l.contains(",eval,")).count());
        assertEquals(results.get(0), results.get(1));
        assertEquals(results.get(0), results.get(2));
    }

    @Test
    void aComparisonStartsNoMoreWorkersThanCores() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(1, LockstepComparison.workerCount(1));
        assertEquals(Math.min(3, cores), LockstepComparison.workerCount(3));
        assertEquals(cores, LockstepComparison.workerCount(3000));
    }

    /** Records, at every step of every run, how far it is ahead of the run furthest behind. */
    private static final class Lead implements TrainingListener {
        final java.util.concurrent.ConcurrentHashMap<String, Integer> last = new java.util.concurrent.ConcurrentHashMap<>();
        final java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        final List<String> names;

        Lead(List<String> names) {
            this.names = names;
            names.forEach(n -> last.put(n, 0));
        }

        @Override
        public void onStep(StepEvent e) {
            last.put(e.run(), e.step());
            int behind = names.stream().mapToInt(last::get).min().orElseThrow();
            most.accumulateAndGet(e.step() - behind, Math::max);
        }
    }

    @Test
    void lockstepInTimeKeepsEveryRunWithinAFewStepsOfTheSlowest() throws Exception {
        // given a cheap run and one about fifty times as costly per step, each with a worker of its own
        NetworkSpec wide = dev.descent.testing.Specs.chain(dev.descent.testing.Specs.input("in"),
                dev.descent.testing.Specs.dense("h1", 512), dev.descent.testing.Specs.activation("a1", "tanh"),
                dev.descent.testing.Specs.dense("h2", 256), dev.descent.testing.Specs.activation("a2", "tanh"),
                dev.descent.testing.Specs.dense("out", 2), dev.descent.testing.Specs.loss("loss", "cross_entropy"));
        List<RunConfig> runs = List.of(run("cheap", mlp(4, "tanh", 2, "cross_entropy"), OptimizerType.SGD, 0.1),
                run("costly", wide, OptimizerType.SGD, 0.1));
        // when they train in lockstep, then no run is ever more than MAX_LEAD steps ahead
        Lead together = new Lead(List.of("cheap", "costly"));
        Recorder r = trainOnWorkers(steps(150), runs, 2, true, together);
        assertTrue(together.most.get() <= RunWorkers.MAX_LEAD, "a run got " + together.most.get() + " steps ahead");
        assertEquals(300, r.steps.size());
        // and without lockstep the cheap one runs ahead (the check above can fail)
        Lead apart = new Lead(List.of("cheap", "costly"));
        trainOnWorkers(steps(150), runs, 2, false, apart);
        assertTrue(apart.most.get() > RunWorkers.MAX_LEAD, "the cheap run stayed within " + apart.most.get());
    }

    @Test
    void workerThreadsAreFoundByTheirPrefixWhereProfilersReadThem() throws Exception {
        // given a comparison training (Linux keeps 15 characters of a thread's name in /proc, where the UI
        // benchmark and top read them)
        java.nio.file.Path tasks = java.nio.file.Path.of("/proc/self/task");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(tasks), "no /proc here");
        try (LockstepComparison c = LockstepComparison.create(steps(100000), train, validation,
                List.of(run("x", OptimizerType.SGD, 0.1)))) {
            c.start(LockstepComparison.Priority.NORMAL, 1);
            waitFor(() -> c.summaries().get(0).steps() > 0);
            // then a thread there is named with the workers' prefix, whole
            List<String> names = new ArrayList<>();
            try (var threads = java.nio.file.Files.list(tasks)) {
                for (java.nio.file.Path t : threads.toList()) {
                    try {
                        names.add(java.nio.file.Files.readString(t.resolve("comm")).strip());
                    } catch (java.io.IOException gone) {
                        // the thread ended while we looked
                    }
                }
            }
            assertTrue(names.stream().anyMatch(n -> n.startsWith(LockstepComparison.WORKER_THREAD_PREFIX)),
                    "no thread named " + LockstepComparison.WORKER_THREAD_PREFIX + "… among " + names);
            c.stop();
        }
    }

    @Test
    void runsThatRecordNothingForTheWindowGiveTheSameResults() throws Exception {
        // given runs trained once as the window trains them and once recording nothing for it
        TrainingConfig config = new TrainingConfig(7, 3, 16, 20, 0, DataType.FLOAT);
        // (two runs alone, and two seeds of a third trained stacked)
        NetworkSpec net = mlp(16, "tanh", 2, "cross_entropy");
        List<RunConfig> runs = List.of(run("sgd", OptimizerType.SGD, 0.1), run("adam", OptimizerType.ADAM, 0.01),
                new RunConfig("g #0", net, Choice.of(OptimizerType.SGD).with("learningRate", 0.1),
                        Choice.of(Schedule.CONSTANT), Choice.of(InputNormalizer.STANDARDIZE), "g", 0, 0),
                new RunConfig("g #1", net, Choice.of(OptimizerType.SGD).with("learningRate", 0.1),
                        Choice.of(Schedule.CONSTANT), Choice.of(InputNormalizer.STANDARDIZE), "g", 1, 0));
        List<List<String>> lines = new ArrayList<>();
        for (boolean recording : new boolean[]{true, false}) {
            Recorder r = new Recorder();
            try (LockstepComparison c = LockstepComparison.create(config, train, validation, runs)) {
                if (!recording) {
                    c.recordNothingForTheWindow();
                }
                c.addListener(r);
                c.start();
                assertTrue(c.await(60, TimeUnit.SECONDS));
                // then the histories and snapshots are kept only when recording
                for (int i = 0; i < c.runCount(); i++) {
                    assertEquals(recording, c.history(i).trainLoss().totalPoints() > 0, c.run(i).name());
                    assertEquals(recording, !c.snapshots(i).all().isEmpty(), c.run(i).name());
                }
                assertThrows(IllegalStateException.class, c::recordNothingForTheWindow);
            }
            List<String> all = new ArrayList<>();
            for (String name : List.of("sgd", "adam", "g #0", "g #1")) {
                all.addAll(r.linesOf(name));
            }
            lines.add(all);
        }
        // and every number of every step is the same either way
        assertFalse(lines.get(0).isEmpty());
        assertEquals(lines.get(0), lines.get(1));
    }
}
