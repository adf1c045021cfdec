package dev.descent.engine.train;

import static dev.descent.testing.Specs.mlp;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The learning-rate range test: its rates, its reading of a hand-made curve, and a real copy of a run. */
class LrRangeTestTest {

    /** A hand-made curve over 1e-4 … 1 (101 points, 0.04 decades apart): L(x) = 1.5 − tanh(2(x − x₀)), x = log₁₀ η. */
    private static List<LrRangeTest.Point> tanhCurve(double x0, double divergeAtX, double divergedLoss) {
        LrRangeTest.Range range = new LrRangeTest.Range(1e-4, 1, 101);
        List<LrRangeTest.Point> points = new ArrayList<>();
        for (int k = 1; k <= 101; k++) {
            double rate = range.rateAt(k);
            double x = Math.log10(rate);
            double loss = x >= divergeAtX - 1e-9 ? divergedLoss : 1.5 - Math.tanh(2 * (x - x0));
            points.add(new LrRangeTest.Point(k, rate, loss));
        }
        return points;
    }

    @Test
    void ratesRiseExponentiallyFromFirstToLast() {
        LrRangeTest.Range range = new LrRangeTest.Range(1e-6, 10, 200);
        assertEquals(1e-6, range.rateAt(1), 1e-18);
        assertEquals(10, range.rateAt(200), 1e-12);
        // a constant ratio between steps: (10 / 1e-6)^(1/199)
        double ratio = Math.pow(1e7, 1.0 / 199);
        assertEquals(ratio, range.rateAt(101) / range.rateAt(100), 1e-12);
        assertEquals(1e-6 * Math.pow(ratio, 99), range.rateAt(100), 1e-15);
    }

    @Test
    void theSteepestDescentOfAHandMadeCurveIsWhereItFallsFastest() {
        // steepest at x0 = -2.48 (grid point k = 39), divergence from x = -0.52 (k = 88) on
        LrRangeTest.Result r = LrRangeTest.analyse(tanhCurve(-2.48, -0.52, 50));
        assertEquals(38, r.steepest());
        assertEquals(Math.pow(10, -2.48), r.suggested(), 1e-12);
        assertEquals(87, r.divergence());
        assertEquals(Math.pow(10, -0.52), r.divergedAt(), 1e-12);
        // the points end at the divergence
        assertEquals(88, r.points().size());
    }

    @Test
    void singleWildBatchesNearDivergenceDoNotMakeASteeperDescent() {
        // given the same curve with two batches 1.5 above it late in the range (an average alone would fall off
        // each of them more steeply, by 1.5 / 9 per 0.04 decades, than the curve's own slope of 2 per decade)
        List<LrRangeTest.Point> points = new ArrayList<>(tanhCurve(-2.48, -0.52, 50));
        for (int k : new int[] {70, 76}) {
            LrRangeTest.Point p = points.get(k);
            points.set(k, new LrRangeTest.Point(p.step(), p.learningRate(), p.loss() + 1.5));
        }
        LrRangeTest.Result r = LrRangeTest.analyse(points);
        assertEquals(38, r.steepest());
        assertEquals(87, r.divergence());
    }

    @Test
    void aCurveThatNeverDivergesKeepsEveryPoint() {
        LrRangeTest.Result r = LrRangeTest.analyse(tanhCurve(-1.0, 99, 0));
        assertEquals(101, r.points().size());
        assertEquals(-1, r.divergence());
        assertEquals(75, r.steepest()); // x = -4 + 0.04·75 = -1
        assertTrue(Double.isNaN(r.divergedAt()));
    }

    @Test
    void aLossThatBecomesNaNDivergesThere() {
        List<LrRangeTest.Point> points = new ArrayList<>(tanhCurve(-2.48, 99, 0).subList(0, 60));
        points.add(new LrRangeTest.Point(61, 1e-1, Double.NaN));
        LrRangeTest.Result r = LrRangeTest.analyse(points);
        assertEquals(60, r.divergence());
        assertEquals(38, r.steepest());
    }

    @Test
    void aLossThatNeverFallsSuggestsNothing() {
        List<LrRangeTest.Point> rising = IntStream.rangeClosed(1, 50)
                .mapToObj(k -> new LrRangeTest.Point(k, 1e-4 * Math.pow(1.2, k), 1 + 0.01 * k)).toList();
        LrRangeTest.Result r = LrRangeTest.analyse(rising);
        assertEquals(-1, r.steepest());
        assertTrue(Double.isNaN(r.suggested()));
    }

    @Test
    void ratesArePrintedWithThreeSignificantDigits() {
        assertEquals("0.0293", LrRangeTest.format(0.029312));
        assertEquals("1e-6", LrRangeTest.format(1e-6));
        assertEquals("10", LrRangeTest.format(10));
        assertEquals("2.5e-5", LrRangeTest.format(2.5e-5));
        assertEquals("0.1", LrRangeTest.format(0.1));
        assertEquals("123", LrRangeTest.format(123.4));
    }

    @Test
    void aRangeThatIsNoRangeIsRefusedWithItsReason() {
        assertEquals("the first learning rate (10.0) must be below the last (1.0)",
                assertThrows(IllegalArgumentException.class, () -> new LrRangeTest.Range(10, 1, 100)).getMessage());
        assertEquals("the first learning rate must be a positive number, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new LrRangeTest.Range(0, 1, 100)).getMessage());
        assertEquals("the last learning rate must be a positive number, got Infinity",
                assertThrows(IllegalArgumentException.class,
                        () -> new LrRangeTest.Range(1e-3, Double.POSITIVE_INFINITY, 100)).getMessage());
        assertEquals("the number of steps must be between 10 and 100000, got 9",
                assertThrows(IllegalArgumentException.class, () -> new LrRangeTest.Range(1e-6, 1, 9)).getMessage());
    }

    // ---- a real copy of a run ----

    private static Dataset TRAIN;
    private static Dataset VALIDATION;

    @org.junit.jupiter.api.BeforeAll
    static void data() throws Exception {
        Dataset all = Generator.SPIRAL.generate(400, 0.1, 2, 3);
        TRAIN = all.subset(IntStream.range(0, 320).toArray());
        VALIDATION = all.subset(IntStream.range(320, 400).toArray());
    }
    private static final TrainingConfig TRAINING = new TrainingConfig(42, 1, 32, 25, 0, DataType.FLOAT);

    private static RunConfig sgd(double rate) {
        return new RunConfig("sgd", mlp(16, "tanh", 2, "cross_entropy"),
                Choice.of(OptimizerType.SGD).with("learningRate", rate), Choice.of(Schedule.CONSTANT),
                Choice.of(InputNormalizer.STANDARDIZE));
    }

    @Test
    void theCopyStartsFromTheRunsWeightsAndBatchesAndUsesTheRangesRates() throws Exception {
        // the run itself, trained two steps at its own rate 1e-3
        Recorder recorder = new Recorder();
        try (LockstepComparison c = LockstepComparison.create(TRAINING.withMaxSteps(2), TRAIN, VALIDATION, List.of(sgd(1e-3)))) {
            c.addListener(recorder);
            c.start();
            assertTrue(c.await(60, TimeUnit.SECONDS));
        }
        List<StepEvent> steps = recorder.steps;
        // the range test from 1e-3: its step 1 is the run's step 1 (same weights, same batch), and its step 2
        // follows one update at 1e-3, as the run's does; the run's own rate (0.5 here) is not used
        LrRangeTest.Result r = LrRangeTest.run(TRAINING, TRAIN, VALIDATION, sgd(0.5),
                new LrRangeTest.Range(1e-3, 1e3, 10), p -> { }, () -> false);
        assertEquals(steps.get(0).trainLoss(), r.points().get(0).loss(), 1e-6);
        assertEquals(steps.get(1).trainLoss(), r.points().get(1).loss(), 1e-6);
        assertEquals(1e-3, r.points().get(0).learningRate(), 1e-15);
    }

    @Test
    void aRealRunFallsThenDivergesAndTheSuggestionLiesBetween() {
        List<LrRangeTest.Point> heard = new ArrayList<>();
        LrRangeTest.Result r = LrRangeTest.run(TRAINING, TRAIN, VALIDATION, sgd(0.1),
                new LrRangeTest.Range(1e-4, 1e4, 120), heard::add, () -> false);
        assertEquals(r.points(), heard);
        assertTrue(r.divergence() > 0, "SGD at 1e4 diverges");
        assertTrue(r.points().size() < 120, "training stops at the divergence");
        assertTrue(r.suggested() > 1e-4 && r.suggested() < r.divergedAt(), r.suggested() + " vs " + r.divergedAt());
    }

    @Test
    void stoppingEndsTheTestAtOnce() {
        int[] asked = {0};
        LrRangeTest.Result r = LrRangeTest.run(TRAINING, TRAIN, VALIDATION, sgd(0.1),
                new LrRangeTest.Range(1e-4, 1, 100), p -> { }, () -> ++asked[0] > 5);
        assertEquals(5, r.points().size());
    }
}
