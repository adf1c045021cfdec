package dev.descent.engine.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.descent.engine.vocab.Choice;
import org.junit.jupiter.api.Test;

/** A run's planned learning-rate curve is the schedule's own value at each planned step. */
class SchedulePlanTest {

    @Test
    void aShortRunPlansEveryStepWarmUpIncluded() {
        Choice<Schedule> cosine = Choice.of(Schedule.COSINE).with(Schedule.WARMUP_STEPS, 50);
        SchedulePlan plan = SchedulePlan.of(cosine, 0.1, 300);
        assertEquals(300, plan.size());
        for (int t = 0; t < 300; t++) {
            // warm-up: η₀·(t+1)/W for t < W; then the cosine over the remaining 250 steps
            double expected = t < 50 ? 0.1 * (t + 1) / 50.0
                    : 0.5 * 0.1 * (1 + Math.cos(Math.PI * (t - 50) / 250.0));
            assertEquals(t + 1, plan.steps()[t]);
            assertEquals(Schedule.create(cosine, 0.1, 300).valueAt(t, 0), plan.rates()[t], 1e-15);
            assertEquals(expected, plan.rates()[t], 1e-9, "step " + (t + 1));
        }
    }

    @Test
    void aLongRunIsSampledFromItsFirstToItsLastStep() {
        Choice<Schedule> step = Choice.of(Schedule.STEP).with("stepSize", 1000).with("gamma", 0.5);
        SchedulePlan plan = SchedulePlan.of(step, 1.0, 100_000, 500);
        assertEquals(500, plan.size());
        assertEquals(1, plan.steps()[0]);
        assertEquals(100_000, plan.steps()[499]);
        for (int i = 0; i < plan.size(); i++) {
            int t = (int) plan.steps()[i] - 1;
            assertEquals(Math.pow(0.5, t / 1000), plan.rates()[i], 1e-12, "step " + (t + 1));
        }
    }

    @Test
    void reduceOnPlateauPlansItsStartingRate() {
        SchedulePlan plan = SchedulePlan.of(Choice.of(Schedule.PLATEAU), 0.02, 40);
        for (double rate : plan.rates()) {
            assertEquals(0.02, rate);
        }
    }

    @Test
    void tooFewPointsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SchedulePlan.of(Choice.of(Schedule.CONSTANT), 0.1, 100, 1));
        assertEquals("a plan keeps at least 2 points, not 1", e.getMessage());
    }
}
