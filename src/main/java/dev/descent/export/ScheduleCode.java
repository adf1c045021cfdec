package dev.descent.export;

import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Choice;

/**
 * The run's learning-rate schedule: a {@code torch.optim.lr_scheduler} where torch has Descent's rule,
 * Descent's own rule written out in plain Python where it has none (warm-up, one-cycle, inverse time,
 * a cosine held at its floor), all stepped once after every update as Descent advances its schedules.
 */
final class ScheduleCode {
    private final Choice<Schedule> choice;
    private final double learningRate;

    ScheduleCode(Choice<Schedule> choice, double learningRate) {
        this.choice = choice;
        this.learningRate = learningRate;
    }

    private Schedule type() {
        return choice.term();
    }

    /** Whether the learning rate never changes (no scheduler at all). */
    boolean constant() {
        return type() == Schedule.CONSTANT && warmup() == 0;
    }

    /** Steps of linear warm-up before the schedule (the whole schedule for {@code warmup}). */
    int warmup() {
        return type() == Schedule.WARMUP ? choice.intValue("steps") : choice.intValue(Schedule.WARMUP_STEPS);
    }

    /** Whether the schedule reacts to the monitored loss (reduce on plateau). */
    boolean plateau() {
        return type() == Schedule.PLATEAU;
    }

    /** Whether the loop calls {@code schedule.step()} after every update. */
    boolean stepsEveryUpdate() {
        return !constant() && !(plateau() && warmup() == 0);
    }

    /** What the loop calls at an evaluation with the monitored loss, or null. */
    String observeCall() {
        if (!plateau()) {
            return null;
        }
        return warmup() == 0 ? "schedule.step(monitored)" : "schedule.observe(monitored)";
    }

    /** The classes and functions of our own rules this schedule needs, or "". */
    String helpers() {
        StringBuilder b = new StringBuilder();
        if (warmup() > 0) {
            b.append(WARM_UP);
        }
        switch (type()) {
            case INVERSE_TIME -> b.append(INVERSE_TIME);
            case ONE_CYCLE -> b.append(ONE_CYCLE);
            case COSINE -> {
                if (!choice.flag("restarts") && choice.intValue("steps") > 0) {
                    b.append(HELD_COSINE);
                }
            }
            default -> {
            }
        }
        return b.toString();
    }

    /** {@code make_schedule(optimizer, steps)}, or "" for a constant learning rate. */
    String factory() {
        if (constant()) {
            return "";
        }
        int w = warmup();
        StringBuilder b = new StringBuilder("def make_schedule(optimizer, steps):\n");
        b.append(Py.wrap("Descent: " + Py.text(choice.describe()), Call.WIDTH, "    # "));
        if (usesLength()) {
            b.append("    length = ").append(w == 0 ? "steps" : "max(1, steps - " + w + ")")
                    .append("  # a length of 0 means the rest of the run\n");
        }
        String factor = factor();
        if (factor != null) {
            b.append("\n    def factor(t):  # η(t) / η₀\n        return ").append(factor).append("\n\n");
        }
        if (type() == Schedule.WARMUP || type() == Schedule.CONSTANT) {
            b.append("    return WarmUp(optimizer, ").append(w).append(")\n");
        } else if (w == 0) {
            b.append(main().statement(4, "return "));
        } else {
            b.append("\n    def following():\n").append(main().statement(8, "return "));
            b.append("\n    return WarmUp(optimizer, ").append(w).append(", then=following)\n");
        }
        return b.toString();
    }

    private boolean usesLength() {
        return switch (type()) {
            case POLYNOMIAL, COSINE, ONE_CYCLE -> choice.intValue("steps") == 0;
            default -> false;
        };
    }

    private String length() {
        int set = choice.intValue("steps");
        return set > 0 ? Integer.toString(set) : "length";
    }

    private String v(String key) {
        return Py.number(choice.value(key));
    }

    /** The schedule after the warm-up, as a call with {@code optimizer}. */
    private Call main() {
        return switch (type()) {
            case STEP -> Call.of("lr_scheduler.StepLR", "optimizer", "step_size=" + choice.intValue("stepSize"),
                    "gamma=" + v("gamma"));
            case EXPONENTIAL -> Call.of("lr_scheduler.ExponentialLR", "optimizer", "gamma=" + v("gamma"));
            case INVERSE_TIME, ONE_CYCLE -> Call.of("lr_scheduler.LambdaLR", "optimizer", "factor");
            case POLYNOMIAL -> Call.of("lr_scheduler.PolynomialLR", "optimizer", "total_iters=" + length(),
                    "power=" + v("power"));
            case COSINE -> cosine();
            case PLATEAU -> Call.of("lr_scheduler.ReduceLROnPlateau", "optimizer", "mode=\"min\"",
                    "factor=" + v("factor"), "patience=" + choice.intValue("patience"), "threshold=" + v("threshold"),
                    "threshold_mode=\"rel\"", "cooldown=" + choice.intValue("cooldown"), "min_lr=" + v("minLr"));
            case CONSTANT, WARMUP -> throw new AssertionError("a warm-up alone needs no schedule after it");
        };
    }

    private Call cosine() {
        String min = "eta_min=" + v("minLr");
        if (choice.flag("restarts")) {
            return Call.of("lr_scheduler.CosineAnnealingWarmRestarts", "optimizer", "T_0=" + length(),
                    "T_mult=" + choice.intValue("periodMultiplier"), min);
        }
        if (choice.intValue("steps") == 0) {
            return Call.of("lr_scheduler.CosineAnnealingLR", "optimizer", "T_max=length", min);
        }
        return Call.of("lr_scheduler.LambdaLR", "optimizer", "factor");
    }

    /** Our own rule as the factor η(t)/η₀ that LambdaLR multiplies η₀ by, or null for torch's schedulers. */
    private String factor() {
        return switch (type()) {
            case INVERSE_TIME -> Call.of("inverse_time", "t", "gamma=" + v("gamma"), "power=" + v("power")).inline();
            case ONE_CYCLE -> Call.of("one_cycle", "t", "steps=" + length(), "pct_start=" + v("pctStart"),
                    "div_factor=" + v("divFactor"), "final_div_factor=" + v("finalDivFactor")).inline();
            case COSINE -> choice.flag("restarts") || choice.intValue("steps") == 0 ? null
                    : Call.of("held_cosine", "t", "steps=" + length(), "lr=" + Py.number(learningRate),
                    "min_lr=" + v("minLr")).inline();
            default -> null;
        };
    }

    private static final String WARM_UP = """
            class WarmUp:
                \"""Descent's linear warm-up: η = η₀·(t + 1)/W for the first W steps, then the schedule made by
                `then` starts from its own step 0 (or η stays at η₀). Ours: torch composes a warm-up only
                through LinearLR and SequentialLR, which cannot hand over to ReduceLROnPlateau.
                \"""

                def __init__(self, optimizer, steps, then=None):
                    self.optimizer = optimizer
                    self.steps = steps
                    self.then = then
                    self.following = None
                    self.base = [group["lr"] for group in optimizer.param_groups]
                    self.t = 0
                    self._scale(1 / steps)

                def _scale(self, factor):
                    for group, base in zip(self.optimizer.param_groups, self.base):
                        group["lr"] = base * factor

                def step(self):
                    self.t += 1
                    if self.t < self.steps:
                        self._scale((self.t + 1) / self.steps)
                    elif self.t == self.steps:
                        self._scale(1.0)
                        if self.then is not None:
                            self.following = self.then()
                    elif self.following is not None and not self.reacts():
                        self.following.step()

                def reacts(self):
                    return isinstance(self.following, lr_scheduler.ReduceLROnPlateau)

                def observe(self, loss):
                    \"""Passes the monitored loss on to a reduce-on-plateau that follows the warm-up.\"""
                    if self.reacts():
                        self.following.step(loss)


            """;

    private static final String INVERSE_TIME = """
            def inverse_time(t, gamma, power):
                \"""Descent's inverse-time decay (ND4J's InverseSchedule), which torch does not have:
                η(t) = η₀/(1 + γt)^p.
                \"""
                return 1 / (1 + gamma * t) ** power


            """;

    private static final String ONE_CYCLE = """
            def one_cycle(t, steps, pct_start, div_factor, final_div_factor):
                \"""Descent's one-cycle policy, as a factor of the peak η₀: from η₀/d up to η₀ over the first
                pct_start·T steps, then down to η₀/(d·f), both along half-cosines; held there after T steps.
                The values of torch's OneCycleLR(anneal_strategy="cos", cycle_momentum=False), which however
                cycles momentum by default and refuses to step past T.
                \"""
                def anneal(start, end, fraction):
                    return end + (start - end) / 2 * (math.cos(math.pi * fraction) + 1)

                start = 1 / div_factor
                end = start / final_div_factor
                warm_end = pct_start * steps - 1
                last = steps - 1
                t = min(t, last)
                if t <= warm_end:
                    return anneal(start, 1, t / warm_end if warm_end > 0 else 1)
                return anneal(1, end, (t - warm_end) / (last - warm_end))


            """;

    private static final String HELD_COSINE = """
            def held_cosine(t, steps, lr, min_lr):
                \"""Descent's cosine annealing, as a factor of η₀: η(t) = η_min + (η₀ − η_min)(1 + cos(π·t/T))/2,
                then held at η_min after T steps (torch's CosineAnnealingLR would climb back up).
                \"""
                t = min(t, steps)
                return (min_lr + (lr - min_lr) * (1 + math.cos(math.pi * t / steps)) / 2) / lr


            """;
}
