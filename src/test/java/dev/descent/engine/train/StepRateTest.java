package dev.descent.engine.train;

import static dev.descent.testing.Specs.mlp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.Generator;
import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Choice;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** Slow motion: a comparison held to a step rate, changed while it trains, computing what it computes at full speed. */
class StepRateTest {
    private static Dataset train;
    private static Dataset validation;

    @BeforeAll
    static void data() throws Exception {
        Dataset all = Generator.SPIRAL.generate(200, 0.1, 2, 5);
        int[] first = new int[160];
        int[] rest = new int[40];
        for (int i = 0; i < 200; i++) {
            if (i < 160) {
                first[i] = i;
            } else {
                rest[i - 160] = i;
            }
        }
        train = all.subset(first);
        validation = all.subset(rest);
    }

    private static RunConfig run(String name, OptimizerType type, double lr) {
        return new RunConfig(name, mlp(8, "tanh", 2, "cross_entropy"), Choice.of(type).with("learningRate", lr),
                Choice.of(Schedule.CONSTANT), Choice.of(InputNormalizer.STANDARDIZE));
    }

    private static final List<RunConfig> RUNS = List.of(run("sgd", OptimizerType.SGD, 0.1),
            run("adam", OptimizerType.ADAM, 0.01), run("momentum", OptimizerType.MOMENTUM, 0.05));

    private static TrainingConfig steps(int n) {
        return new TrainingConfig(42, 1, 16, 5, n, DataType.FLOAT);
    }

    /** Records when each step of each run was published, in nanoseconds. */
    private static final class Times implements TrainingListener {
        final List<long[]> steps = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onStep(StepEvent e) {
            steps.add(new long[] {e.step(), System.nanoTime()});
        }

        long at(int step) {
            synchronized (steps) {
                return steps.stream().filter(s -> s[0] == step).mapToLong(s -> s[1]).max().orElseThrow();
            }
        }

        int count() {
            return steps.size();
        }
    }

    @Test
    void aRateOfTwentyHoldsTenStepsToAtLeastNineIntervals() throws Exception {
        // given three runs of 10 steps held to 20 steps/s
        Times times = new Times();
        long started;
        long pacedWaits;
        try (LockstepComparison c = LockstepComparison.create(steps(10), train, validation, RUNS)) {
            c.addListener(times);
            c.stepRate(StepRate.perSecond(20));
            started = System.nanoTime();
            // when they train to the end
            c.start();
            assertTrue(c.await(60, TimeUnit.SECONDS), "training did not finish");
            pacedWaits = c.pacedWaits();
        }
        // then every run took all its steps, the tenth no sooner than 9 intervals of 50 ms after training started
        // (ticks are due at t0 + k * 50 ms, so a slow first step does not push the later ones back)
        assertEquals(30, times.count());
        double seconds = (times.at(10) - started) / 1e9;
        assertTrue(seconds >= 0.45, "10 steps at 20 steps/s took " + seconds + " s");
        assertTrue(pacedWaits > 0, "the workers never waited for a tick");
    }

    @Test
    void atFullSpeedNoWorkerEverWaitsForATick() throws Exception {
        // given the same runs at full speed (the default, and set explicitly after a rate)
        for (boolean explicitly : new boolean[] {false, true}) {
            try (LockstepComparison c = LockstepComparison.create(steps(40), train, validation, RUNS)) {
                if (explicitly) {
                    c.stepRate(StepRate.perSecond(1));
                    c.stepRate(StepRate.FULL_SPEED);
                }
                // when they train to the end
                c.start();
                assertTrue(c.await(60, TimeUnit.SECONDS), "training did not finish");
                // then no worker waited for the pacer
                assertEquals(0, c.pacedWaits());
                assertTrue(c.stepRate().isFullSpeed());
                assertEquals(40, c.summaries().get(0).steps());
            }
        }
    }

    @Test
    void everyRunTakesOneStepPerTickSoRunsStayTogether() throws Exception {
        // given runs held to 50 steps/s, recording every run's step count whenever one publishes a step
        int[] mostApart = {0};
        java.util.Map<String, Integer> last = new java.util.concurrent.ConcurrentHashMap<>();
        RUNS.forEach(r -> last.put(r.name(), 0));
        TrainingListener apart = new TrainingListener() {
            @Override
            public synchronized void onStep(StepEvent e) {
                last.put(e.run(), e.step());
                int low = last.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
                mostApart[0] = Math.max(mostApart[0], e.step() - low);
            }
        };
        try (LockstepComparison c = LockstepComparison.create(steps(20), train, validation, RUNS)) {
            c.addListener(apart);
            c.stepRate(StepRate.perSecond(50));
            // when they train without lockstep in time (the pacer alone keeps them together)
            c.lockstepInTime(false);
            c.start();
            assertTrue(c.await(60, TimeUnit.SECONDS), "training did not finish");
        }
        // then no run ever got more than the one step of the current tick ahead of another
        assertTrue(mostApart[0] <= 1, "a run got " + mostApart[0] + " steps ahead");
    }

    @Test
    void aNewRateAppliesFromTheNextStep() throws Exception {
        // given runs of 300 steps at 2 steps/s, that have taken their first step
        Times times = new Times();
        try (LockstepComparison c = LockstepComparison.create(steps(300), train, validation, RUNS)) {
            c.addListener(times);
            c.stepRate(StepRate.perSecond(2));
            c.start();
            waitFor(() -> times.count() >= 3);
            long changed = System.nanoTime();
            // when the rate changes to full speed while they wait for the next tick
            c.stepRate(StepRate.FULL_SPEED);
            // then they finish the remaining 299 steps long before 2 steps/s would (150 s)
            assertTrue(c.await(60, TimeUnit.SECONDS), "training did not finish");
            assertEquals(900, times.count());
            // and the second step came at the change, not half a second after the first
            assertTrue(times.at(2) >= changed);
            assertTrue(times.at(2) - times.at(1) < 500_000_000L);
        }
        // and the other way: from full speed to 4 steps/s, once the steps already under way when the rate
        // changed have published (a run can be a step or two ahead), the steps are 250 ms apart
        java.util.List<Long> sgd = java.util.Collections.synchronizedList(new ArrayList<>());
        try (LockstepComparison c = LockstepComparison.create(steps(300), train, validation, RUNS)) {
            c.addListener(0, new TrainingListener() {
                @Override
                public void onStep(StepEvent e) {
                    sgd.add(System.nanoTime());
                }
            });
            c.start();
            waitFor(() -> sgd.size() >= 10);
            c.stepRate(StepRate.perSecond(4));
            long changed = System.nanoTime();
            waitFor(() -> {
                synchronized (sgd) { // a synchronized list's stream is not: the worker adds while it counts
                    return sgd.stream().filter(t -> t > changed).count() >= 6;
                }
            });
            List<Long> after;
            synchronized (sgd) {
                after = sgd.stream().filter(t -> t > changed).toList();
            }
            // the pacer keeps a schedule of ticks: one step published late shortens the next gap, so the
            // rate is checked over three gaps (a single gap read 241.8 ms once)
            long span = after.get(5) - after.get(2);
            assertTrue(span >= 3 * (250_000_000L - 5_000_000L), "3 steps in " + span / 1e6 + " ms at 4 steps/s");
            assertTrue(c.summaries().get(0).steps() < 300);
        }
    }

    @Test
    void slowMotionComputesExactlyWhatFullSpeedDoes() throws Exception {
        // given the same comparison at full speed, at 200 steps/s, and switched between them every few steps
        List<String> full = recorded(null);
        List<String> slow = recorded(StepRate.perSecond(200));
        // then every number of every step of every run is identical
        assertEquals(3 * 30, full.stream().filter(l -> !l.contains(",eval,")).count());
        assertEquals(full, slow);
    }

    @Test
    void stackedMembersArePacedAsOneComparisonStep() throws Exception {
        // given a run of five seeds (members 1-4 train as one stacked group) beside a run of its own, at 40 steps/s
        dev.descent.engine.graph.NetworkSpec relu = mlp(8, "relu", 2, "cross_entropy");
        assertEquals(null, dev.descent.engine.ensemble.StackedNetwork.unsupported(relu, DataType.FLOAT));
        List<RunConfig> runs = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            runs.add(new RunConfig("g #" + k, relu, Choice.of(OptimizerType.SGD).with("learningRate", 0.1 + 0.05 * k),
                    Choice.of(Schedule.CONSTANT), Choice.of(InputNormalizer.STANDARDIZE), "g", k, 0));
        }
        runs.add(run("alone", OptimizerType.ADAM, 0.01));
        Times times = new Times();
        long started;
        try (LockstepComparison c = LockstepComparison.create(steps(8), train, validation, runs)) {
            c.addListener(times);
            c.stepRate(StepRate.perSecond(40));
            started = System.nanoTime();
            c.start();
            assertTrue(c.await(60, TimeUnit.SECONDS), "training did not finish");
        }
        // then all six members took 8 steps, and no member's k-th step came sooner than k-1 intervals of 25 ms
        // after training started
        assertEquals(48, times.count());
        synchronized (times.steps) {
            for (long[] s : times.steps) {
                assertTrue(s[1] - started >= (s[0] - 1) * 25_000_000L,
                        "step " + s[0] + " came " + (s[1] - started) / 1e6 + " ms after the start");
            }
        }
    }

    @Test
    void ticksAreDueEveryIntervalWithoutDriftOrBursts() {
        // given a pacer at 10 steps/s (ticks 100 ms apart), on a clock of its own (ms)
        StepPacer pacer = new StepPacer();
        pacer.rate(StepRate.perSecond(10));
        long ms = 1_000_000L;
        // then the first tick is at once, and the next not before 100 ms
        assertTrue(pacer.advance(true, 0));
        assertFalse(pacer.advance(true, 99 * ms));
        assertEquals(ms, pacer.nanosToNextTick(99 * ms));
        // and a tick taken 3 ms late does not push the next one back (it stays due at 200 ms)
        assertTrue(pacer.advance(true, 103 * ms));
        assertFalse(pacer.advance(true, 199 * ms));
        assertTrue(pacer.advance(true, 200 * ms));
        // and a tick is held while a run has not finished its step, however late
        assertFalse(pacer.advance(false, 900 * ms));
        // and after a long wait (a pause) the next tick is now and counting starts from it: no burst
        assertTrue(pacer.advance(true, 5_000 * ms));
        assertFalse(pacer.advance(true, 5_001 * ms));
        assertTrue(pacer.advance(true, 5_100 * ms));
        // and a new rate applies from the next tick: at 1 step/s it is due 1 s after the last one
        pacer.rate(StepRate.perSecond(1));
        assertFalse(pacer.advance(true, 5_200 * ms));
        assertEquals(900 * ms, pacer.nanosToNextTick(5_200 * ms));
        assertTrue(pacer.advance(true, 6_100 * ms));
        assertEquals(6, pacer.ticks());
        // and full speed limits nothing
        pacer.rate(StepRate.FULL_SPEED);
        assertFalse(pacer.limits());
    }

    @Test
    void ratesOutsideTheRangeAreRefusedWithTheRange() {
        for (double bad : new double[] {-1, 1001, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StepRate.perSecond(bad));
            assertEquals("a step rate must be between 0 and 1,000 steps/s (0 is full speed), got " + bad, e.getMessage());
        }
        assertEquals("Full speed", StepRate.FULL_SPEED.label());
        assertEquals("1 step/s", StepRate.perSecond(1).label());
        assertEquals("20 steps/s", StepRate.perSecond(20).label());
        assertEquals(50_000_000L, StepRate.perSecond(20).intervalNanos());
    }

    /** Trains {@link #RUNS} for 30 steps at {@code rate} (null: full speed, then rates changed every 5 steps). */
    private static List<String> recorded(StepRate rate) throws Exception {
        Recorder recorder = new Recorder();
        try (LockstepComparison c = LockstepComparison.create(steps(30), train, validation, RUNS)) {
            c.addListener(recorder);
            if (rate != null) {
                c.stepRate(rate);
                c.addListener(new TrainingListener() {
                    @Override
                    public void onStep(StepEvent e) {
                        if (e.step() % 5 == 0) {
                            c.stepRate(e.step() % 10 == 0 ? StepRate.FULL_SPEED : rate);
                        }
                    }
                });
            }
            c.start();
            assertTrue(c.await(60, TimeUnit.SECONDS), "training did not finish");
        }
        List<String> all = new ArrayList<>();
        for (RunConfig run : RUNS) {
            all.addAll(recorder.linesOf(run.name()));
        }
        return all;
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            assertFalse(System.currentTimeMillis() > deadline, "timed out");
            Thread.sleep(2);
        }
    }
}
