package dev.descent.experiment;

import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.graph.ActivationFunction;
import dev.descent.engine.graph.Initializer;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Choice;

/**
 * One of the runs an experiment compares. All runs share the network, data, seed and batch order; each
 * has its own optimizer and schedule and may override, for the whole network, the initializer of every
 * dense node, the function of every activation node, the input normalizer, or the kind of every
 * normalization node. Overrides are {@code null} when not set.
 *
 * @param name          unique within the experiment
 * @param optimizer     the optimizer and its hyperparameters
 * @param schedule      the learning-rate schedule
 * @param init          replaces every dense node's initializer, or null
 * @param activation    replaces every activation node's function, or null
 * @param normalizer    replaces the experiment's input normalizer, or null
 * @param normalization replaces every batch/layer-norm node, or null
 * @param sweep         the hyperparameter grid this run expands into, or null for one point
 */
public record RunSpec(String name, Choice<OptimizerType> optimizer, Choice<Schedule> schedule,
                      Choice<Initializer> init, Choice<ActivationFunction> activation,
                      Choice<InputNormalizer> normalizer, NormalizationOverride normalization, Sweep sweep) {

    /** A run that sweeps nothing. */
    public RunSpec(String name, Choice<OptimizerType> optimizer, Choice<Schedule> schedule,
                   Choice<Initializer> init, Choice<ActivationFunction> activation,
                   Choice<InputNormalizer> normalizer, NormalizationOverride normalization) {
        this(name, optimizer, schedule, init, activation, normalizer, normalization, null);
    }

    /** A run with only an optimizer and a constant learning rate. */
    public static RunSpec of(String name, Choice<OptimizerType> optimizer) {
        return new RunSpec(name, optimizer, Choice.of(Schedule.CONSTANT), null, null, null, null);
    }

    public RunSpec withName(String name) {
        return new RunSpec(name, optimizer, schedule, init, activation, normalizer, normalization, sweep);
    }

    public RunSpec withOptimizer(Choice<OptimizerType> optimizer) {
        return new RunSpec(name, optimizer, schedule, init, activation, normalizer, normalization, sweep);
    }

    public RunSpec withSchedule(Choice<Schedule> schedule) {
        return new RunSpec(name, optimizer, schedule, init, activation, normalizer, normalization, sweep);
    }

    public RunSpec withInit(Choice<Initializer> init) {
        return new RunSpec(name, optimizer, schedule, init, activation, normalizer, normalization, sweep);
    }

    public RunSpec withActivation(Choice<ActivationFunction> activation) {
        return new RunSpec(name, optimizer, schedule, init, activation, normalizer, normalization, sweep);
    }

    public RunSpec withNormalizer(Choice<InputNormalizer> normalizer) {
        return new RunSpec(name, optimizer, schedule, init, activation, normalizer, normalization, sweep);
    }

    public RunSpec withNormalization(NormalizationOverride normalization) {
        return new RunSpec(name, optimizer, schedule, init, activation, normalizer, normalization, sweep);
    }

    public RunSpec withSweep(Sweep sweep) {
        return new RunSpec(name, optimizer, schedule, init, activation, normalizer, normalization, sweep);
    }
}
