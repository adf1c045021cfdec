package dev.descent.engine.train;

import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Choice;

/**
 * A run's optimizer hyperparameters or schedule parameters changed while it trained: {@code fromStep}
 * is the first step that uses them. With the learning rate of every {@link StepEvent}, it records which
 * settings each step used.
 *
 * @param runIndex  position of the run in its comparison
 * @param run       the run's name
 * @param fromStep  1-based number of the first step with the new settings
 * @param optimizer the optimizer and its hyperparameters from that step on
 * @param schedule  the schedule from that step on
 */
public record RetuneEvent(int runIndex, String run, int fromStep, Choice<OptimizerType> optimizer,
                          Choice<Schedule> schedule) {
}
