package dev.descent.engine.train;

import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Choice;

/**
 * Everything that makes one run different from the others, with overrides already applied.
 *
 * @param name       unique within the comparison
 * @param network    the network this run trains
 * @param optimizer  the optimizer and its hyperparameters
 * @param schedule   the learning-rate schedule
 * @param normalizer the input normalizer
 */
public record RunConfig(String name, NetworkSpec network, Choice<OptimizerType> optimizer, Choice<Schedule> schedule,
                        Choice<InputNormalizer> normalizer) {
}
