package dev.descent.engine.train;

import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Choice;

/**
 * Everything that makes one run different from the others, with overrides already applied.
 *
 * <p>A run of an experiment file may train several members (seeds, sweep points): each member is one
 * {@code RunConfig} of the comparison, named uniquely, that says which run of the file it belongs to
 * ({@code group}) and which member it is.
 *
 * @param name       unique within the comparison
 * @param network    the network this run trains
 * @param optimizer  the optimizer and its hyperparameters
 * @param schedule   the learning-rate schedule
 * @param normalizer the input normalizer
 * @param group      the run this member belongs to, as {@code metrics.csv} and {@code summary.json} name
 *                   it (its {@code name} when the run has one member)
 * @param member     the member's number within its group, 0 … seeds−1: it trains from the shared seed
 *                   plus {@code member} (initial weights, batch order, dropout)
 * @param batchSize  this member's batch size, or 0 for the comparison's
 * @param swept      whether the member is a point of a sweep: then even its member 0 may train stacked
 *                   ({@link MemberGroups}), as there is no unswept run it must stay byte-identical to
 */
public record RunConfig(String name, NetworkSpec network, Choice<OptimizerType> optimizer, Choice<Schedule> schedule,
                        Choice<InputNormalizer> normalizer, String group, int member, int batchSize, boolean swept) {

    public RunConfig {
        if (member < 0 || batchSize < 0) {
            throw new IllegalArgumentException("member and batchSize must be >= 0");
        }
    }

    /** A member of a run that is not swept. */
    public RunConfig(String name, NetworkSpec network, Choice<OptimizerType> optimizer, Choice<Schedule> schedule,
                     Choice<InputNormalizer> normalizer, String group, int member, int batchSize) {
        this(name, network, optimizer, schedule, normalizer, group, member, batchSize, false);
    }

    /** A run with one member, of the comparison's batch size. */
    public RunConfig(String name, NetworkSpec network, Choice<OptimizerType> optimizer, Choice<Schedule> schedule,
                     Choice<InputNormalizer> normalizer) {
        this(name, network, optimizer, schedule, normalizer, name, 0, 0);
    }

    /**
     * The settings this member trains with: the shared ones with seed {@code seed + member} and its own
     * batch size, if it has one.
     */
    public TrainingConfig trainingOf(TrainingConfig shared) {
        if (member == 0 && (batchSize == 0 || batchSize == shared.batchSize())) {
            return shared;
        }
        return new TrainingConfig(shared.seed() + member, shared.epochs(), batchSize > 0 ? batchSize : shared.batchSize(),
                shared.evaluateEvery(), shared.maxSteps(), shared.dataType());
    }
}
