package dev.descent.engine.optim;

import dev.descent.engine.vocab.Choice;
import dev.descent.engine.vocab.Explained;
import dev.descent.engine.vocab.Param;
import dev.descent.engine.vocab.Term;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * Learning-rate schedules. η₀ is the optimizer's {@code learningRate}; t counts updates from 0 and
 * every length is in steps. Any schedule may be preceded by a linear {@code warmup} of W steps. A
 * length of 0 means "the whole training run".
 */
public enum Schedule implements Term {

    @Explained(title = "Constant",
            summary = "Keeps the learning rate fixed for the whole run.",
            formula = "η(t) = η₀",
            source = "ND4J FixedSchedule")
    CONSTANT("constant", null),

    @Explained(title = "Step decay",
            summary = "Multiplies η by γ every fixed number of steps: a staircase.",
            formula = "η(t) = η₀ · γ^⌊t / stepSize⌋",
            source = "torch.optim.lr_scheduler.StepLR; computed by ND4J StepSchedule")
    STEP("step", null,
            Param.integer("stepSize", 1000, 1, Integer.MAX_VALUE, "Steps between two reductions."),
            Param.factor("gamma", 0.1, "γ: factor applied at each reduction.")),

    @Explained(title = "Exponential decay",
            summary = "Multiplies η by γ after every step: smooth and relentless.",
            formula = "η(t) = η₀ · γᵗ",
            source = "torch.optim.lr_scheduler.ExponentialLR; computed by ND4J ExponentialSchedule")
    EXPONENTIAL("exponential", null, Param.factor("gamma", 0.999, "γ: factor applied after every step.")),

    @Explained(title = "Inverse-time decay",
            summary = "Divides η by a slowly growing term, the classic decay that keeps SGD converging.",
            formula = "η(t) = η₀ / (1 + γ·t)^p",
            source = "Robbins & Monro 1951; TensorFlow InverseTimeDecay; computed by ND4J InverseSchedule")
    INVERSE_TIME("inverse_time", null,
            Param.positive("gamma", 0.001, "γ: decay rate per step."),
            Param.positive("power", 1.0, "p: exponent of the denominator.")),

    POLYNOMIAL("polynomial", PolynomialSchedule.class,
            length("steps", "T: steps to reach zero; 0 means the whole run."),
            Param.positive("power", 1.0, "p: curvature of the decay; 1 is linear.")),

    COSINE("cosine", CosineSchedule.class,
            length("steps", "T: steps of one half-cosine (the first cycle with restarts); 0 means the whole run."),
            Param.real("minLr", 0.0, 0, Double.MAX_VALUE, "η_min: the floor the cosine descends to."),
            Param.flag("restarts", false, "Jump back to η₀ at the end of each cycle (SGDR)."),
            Param.integer("periodMultiplier", 1, 1, 100, "T_mult: each cycle is this many times longer than the last.")),

    ONE_CYCLE("one_cycle", OneCycleSchedule.class,
            length("steps", "T: length of the cycle; 0 means the whole run."),
            Param.real("pctStart", 0.3, 0, 1, "p: fraction of the cycle spent warming up."),
            Param.positive("divFactor", 25, "d: the cycle starts at η₀/d."),
            Param.positive("finalDivFactor", 1e4, "f: the cycle ends at η₀/(d·f).")),

    PLATEAU("plateau", PlateauSchedule.class,
            Param.factor("factor", 0.1, "Factor applied to η at each reduction."),
            Param.integer("patience", 10, 0, Integer.MAX_VALUE, "Evaluations without improvement tolerated before reducing."),
            Param.real("threshold", 1e-4, 0, 1, "Relative improvement that counts as progress."),
            Param.integer("cooldown", 0, 0, Integer.MAX_VALUE, "Evaluations to wait after a reduction before counting again."),
            Param.real("minLr", 0.0, 0, Double.MAX_VALUE, "η never goes below this.")),

    WARMUP("warmup", WarmupSchedule.class,
            Param.integer("steps", 100, 1, Integer.MAX_VALUE, "W: steps of the linear ramp; η stays at η₀ afterwards."));

    /** Key of the warm-up length every schedule accepts. */
    public static final String WARMUP_STEPS = "warmup";

    private final String id;
    private final Class<?> implementation;
    private final List<Param> params;

    Schedule(String id, Class<?> implementation, Param... own) {
        this.id = id;
        this.implementation = implementation;
        List<Param> all = new ArrayList<>(List.of(own));
        if (!id.equals("warmup")) {
            all.add(Param.integer(WARMUP_STEPS, 0, 0, Integer.MAX_VALUE,
                    "W: steps of linear warm-up before this schedule starts; 0 = none."));
        }
        this.params = List.copyOf(all);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Explained explained() {
        return Term.explainedOf(this, implementation);
    }

    @Override
    public List<Param> params() {
        return params;
    }

    /**
     * The schedule as an ND4J {@link ISchedule} of the iteration.
     *
     * @param choice     the schedule and its parameters
     * @param initial    η₀, the optimizer's learning rate
     * @param totalSteps length of the training run, used where a length is 0
     */
    public static ISchedule create(Choice<Schedule> choice, double initial, int totalSteps) {
        Schedule type = choice.term();
        if (type == WARMUP) {
            return new WarmupSchedule(initial, choice.intValue("steps"), new FixedSchedule(initial));
        }
        int warmup = choice.intValue(WARMUP_STEPS);
        int remaining = Math.max(1, totalSteps - warmup);
        ISchedule main = switch (type) {
            case CONSTANT -> new FixedSchedule(initial);
            case STEP -> new StepSchedule(org.nd4j.linalg.schedule.ScheduleType.ITERATION, initial,
                    choice.value("gamma"), choice.intValue("stepSize"));
            case EXPONENTIAL -> new ExponentialSchedule(org.nd4j.linalg.schedule.ScheduleType.ITERATION, initial,
                    choice.value("gamma"));
            case INVERSE_TIME -> new InverseSchedule(org.nd4j.linalg.schedule.ScheduleType.ITERATION, initial,
                    choice.value("gamma"), choice.value("power"));
            case POLYNOMIAL -> new PolynomialSchedule(initial, lengthOr(choice, "steps", remaining), choice.value("power"));
            case COSINE -> new CosineSchedule(initial, choice.value("minLr"), lengthOr(choice, "steps", remaining),
                    choice.flag("restarts"), choice.intValue("periodMultiplier"));
            case ONE_CYCLE -> new OneCycleSchedule(initial, lengthOr(choice, "steps", remaining),
                    choice.value("pctStart"), choice.value("divFactor"), choice.value("finalDivFactor"));
            case PLATEAU -> new PlateauSchedule(initial, choice.value("factor"), choice.intValue("patience"),
                    choice.value("threshold"), choice.intValue("cooldown"), choice.value("minLr"));
            case WARMUP -> throw new AssertionError("handled above");
        };
        return warmup > 0 ? new WarmupSchedule(initial, warmup, main) : main;
    }

    private static int lengthOr(Choice<Schedule> choice, String key, int whole) {
        int set = choice.intValue(key);
        return set > 0 ? set : whole;
    }

    private static Param length(String key, String summary) {
        return Param.integer(key, 0, 0, Integer.MAX_VALUE, summary);
    }
}
