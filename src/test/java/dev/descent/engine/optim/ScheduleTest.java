package dev.descent.engine.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.vocab.Choice;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.PolySchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/** Every schedule against values worked out by hand (η₀ = 1 unless stated). */
class ScheduleTest {
    private static final double TOLERANCE = 1e-12;

    private static double[] values(Choice<Schedule> choice, double initial, int totalSteps,
                                   int count) {
        ISchedule schedule = Schedule.create(choice, initial, totalSteps);
        double[] out = new double[count];
        for (int t = 0; t < count; t++) {
            out[t] = schedule.valueAt(t, 0);
        }
        return out;
    }

    private static Choice<Schedule> of(Schedule type) {
        return Choice.of(type);
    }

    @Test
    void constantNeverChanges() {
        assertArrayEquals(new double[]{0.3, 0.3, 0.3}, values(of(Schedule.CONSTANT), 0.3, 100, 3), TOLERANCE);
    }

    @Test
    void stepHalvesEveryTwoSteps() {
        // η₀·0.5^⌊t/2⌋
        var choice = of(Schedule.STEP).with("stepSize", 2).with("gamma", 0.5);
        assertArrayEquals(new double[]{1, 1, 0.5, 0.5, 0.25}, values(choice, 1, 100, 5), TOLERANCE);
    }

    @Test
    void exponentialMultipliesEveryStep() {
        var choice = of(Schedule.EXPONENTIAL).with("gamma", 0.9);
        assertArrayEquals(new double[]{1, 0.9, 0.81, 0.729}, values(choice, 1, 100, 4), TOLERANCE);
    }

    @Test
    void inverseTimeDividesByAGrowingTerm() {
        // 1/(1 + 0.5t): 1, 1/1.5, 1/2, 1/2.5
        var choice = of(Schedule.INVERSE_TIME).with("gamma", 0.5);
        assertArrayEquals(new double[]{1, 1 / 1.5, 0.5, 0.4}, values(choice, 1, 100, 4), TOLERANCE);
    }

    @Test
    void polynomialReachesZeroAndStays() {
        // (1 − t/4)²: 1, 9/16, 1/4, 1/16, 0, 0
        var choice = of(Schedule.POLYNOMIAL).with("steps", 4).with("power", 2);
        assertArrayEquals(new double[]{1, 0.5625, 0.25, 0.0625, 0, 0}, values(choice, 1, 100, 6), TOLERANCE);
    }

    @Test
    void polynomialWithoutLengthSpansTheWholeRun() {
        // steps = 0 → T = total steps = 4, power 1: 1, 0.75, 0.5, 0.25
        var choice = of(Schedule.POLYNOMIAL);
        assertArrayEquals(new double[]{1, 0.75, 0.5, 0.25}, values(choice, 1, 4, 4), TOLERANCE);
    }

    @Test
    void nd4jPolyScheduleGrowsWhichIsWhyOursIsUsed() {
        // ND4J 1.0.0-M2.1 computes η₀·(1 + t/T)ᵖ; if a future version decays, switch back to it.
        PolySchedule nd4j = new PolySchedule(ScheduleType.ITERATION, 1.0, 1.0, 4);
        assertTrue(nd4j.valueAt(2, 0) > 1.0, "ND4J's PolySchedule now decays: " + nd4j.valueAt(2, 0));
    }

    @Test
    void cosineFollowsHalfACosineThenHolds() {
        // (1 + cos(πt/4))/2: 1, 0.8536, 0.5, 0.1464, 0, then held at 0
        var choice = of(Schedule.COSINE).with("steps", 4);
        double c = Math.cos(Math.PI / 4);
        assertArrayEquals(new double[]{1, (1 + c) / 2, 0.5, (1 - c) / 2, 0, 0}, values(choice, 1, 100, 6), TOLERANCE);
    }

    @Test
    void cosineDescendsToItsFloor() {
        // 0.1 + 0.9·(1 + cos(πt/2))/2: 1, 0.55, 0.1
        var choice = of(Schedule.COSINE).with("steps", 2).with("minLr", 0.1);
        assertArrayEquals(new double[]{1, 0.55, 0.1}, values(choice, 1, 100, 3), TOLERANCE);
    }

    @Test
    void cosineWithRestartsJumpsBackAndLengthensCycles() {
        // T₀ = 2, T_mult = 2: cycle 1 is t = 0..1, cycle 2 is t = 2..5, cycle 3 starts at t = 6
        var choice = of(Schedule.COSINE).with("steps", 2).with("restarts", 1)
                .with("periodMultiplier", 2);
        double c = Math.cos(Math.PI / 4);
        assertArrayEquals(new double[]{1, 0.5, 1, (1 + c) / 2, 0.5, (1 - c) / 2, 1},
                values(choice, 1, 100, 7), TOLERANCE);
    }

    @Test
    void oneCycleWarmsUpToThePeakThenAnnealsFarBelowTheStart() {
        // T = 10, pctStart 0.3: warm-up ends at step 0.3·10 − 1 = 2; start η₀/25 = 0.04, end 0.04/10⁴
        var choice = of(Schedule.ONE_CYCLE).with("steps", 10);
        double[] v = values(choice, 1, 100, 10);
        double start = 0.04;
        double end = start / 1e4;
        assertArrayEquals(new double[]{start, 1 + (start - 1) / 2, 1}, new double[]{v[0], v[1], v[2]}, TOLERANCE);
        // step 9 is the last: fully annealed
        assertArrayEquals(new double[]{end}, new double[]{v[9]}, TOLERANCE);
        // half-way through the annealing (step 5.5 would be half) the cosine is between peak and end
        assertTrue(v[5] < 1 && v[5] > end);
    }

    @Test
    void plateauCutsAfterPatienceRunsOut() {
        var choice = of(Schedule.PLATEAU).with("patience", 1).with("factor", 0.5);
        ISchedule schedule = Schedule.create(choice, 1, 100);
        MetricFeedback feedback = (MetricFeedback) schedule;
        double[] seen = new double[5];
        double[] losses = {1.0, 0.9, 0.95, 0.95, 0.95};
        for (int i = 0; i < losses.length; i++) {
            feedback.observe(i, losses[i]);
            seen[i] = schedule.valueAt(i, 0);
        }
        // 1.0 best, 0.9 best, 0.95 bad (1 ≤ patience), 0.95 bad (2 > 1) → cut to 0.5, counter reset, 0.95 bad (1)
        assertArrayEquals(new double[]{1, 1, 1, 0.5, 0.5}, seen, TOLERANCE);
    }

    /** η after each observed loss. */
    private static double[] plateau(Choice<Schedule> choice, double... losses) {
        ISchedule schedule = Schedule.create(choice, 1, 100);
        double[] seen = new double[losses.length];
        for (int i = 0; i < losses.length; i++) {
            ((MetricFeedback) schedule).observe(i, losses[i]);
            seen[i] = schedule.valueAt(i, 0);
        }
        return seen;
    }

    @Test
    void plateauWaitsOutItsCooldownAfterACut() {
        // patience 0, cooldown 2, a loss that never improves:
        // 1.0 best; 1.0 bad (1 > 0) → cut to 0.5, cooldown 2; 1.0 in cooldown (left 1), bad reset;
        // 1.0 in cooldown (left 0), bad reset; 1.0 bad (1 > 0) → cut to 0.25
        var choice = of(Schedule.PLATEAU).with("patience", 0).with("factor", 0.5).with("cooldown", 2);
        assertArrayEquals(new double[]{1, 0.5, 0.5, 0.5, 0.25}, plateau(choice, 1, 1, 1, 1, 1), TOLERANCE);
        // without the cooldown every bad evaluation cuts
        var none = of(Schedule.PLATEAU).with("patience", 0).with("factor", 0.5);
        assertArrayEquals(new double[]{1, 0.5, 0.25, 0.125, 0.0625}, plateau(none, 1, 1, 1, 1, 1), TOLERANCE);
    }

    @Test
    void plateauCountsOnlyImprovementsBeyondTheRelativeThreshold() {
        // threshold 0.1: a loss improves only below best·0.9
        // 1.0 best; 0.95 ≥ 0.9 bad → cut to 0.5; 0.85 < 0.9 best; 0.8 ≥ 0.765 bad → cut to 0.25
        var choice = of(Schedule.PLATEAU).with("patience", 0).with("factor", 0.5).with("threshold", 0.1);
        assertArrayEquals(new double[]{1, 0.5, 0.5, 0.25}, plateau(choice, 1.0, 0.95, 0.85, 0.8), TOLERANCE);
        // with threshold 0 every decrease is an improvement
        var any = of(Schedule.PLATEAU).with("patience", 0).with("factor", 0.5).with("threshold", 0.0);
        assertArrayEquals(new double[]{1, 1, 1, 1}, plateau(any, 1.0, 0.95, 0.85, 0.8), TOLERANCE);
    }

    @Test
    void warmupRampsLinearlyThenHandsOver() {
        // W = 4: 0.25, 0.5, 0.75, 1, then the exponential schedule from its step 0: 1, 0.9
        var choice = of(Schedule.EXPONENTIAL).with("gamma", 0.9).with("warmup", 4);
        assertArrayEquals(new double[]{0.25, 0.5, 0.75, 1, 1, 0.9}, values(choice, 1, 100, 6), TOLERANCE);
    }

    @Test
    void warmupAloneHoldsTheLearningRateAfterwards() {
        var choice = of(Schedule.WARMUP).with("steps", 2);
        assertArrayEquals(new double[]{0.5, 1, 1, 1}, values(choice, 1, 100, 4), TOLERANCE);
    }

    @Test
    void warmupForwardsTheLossToAPlateauAfterItEnds() {
        var choice = of(Schedule.PLATEAU).with("patience", 0).with("factor", 0.5).with("warmup", 2);
        ISchedule schedule = Schedule.create(choice, 1, 100);
        ((MetricFeedback) schedule).observe(0, 1.0);   // during warm-up: ignored
        ((MetricFeedback) schedule).observe(2, 1.0);   // first after warm-up: becomes the best
        ((MetricFeedback) schedule).observe(3, 1.0);   // no improvement, patience 0 → cut
        assertArrayEquals(new double[]{0.5}, new double[]{schedule.valueAt(4, 0)}, TOLERANCE);
    }
}
