package dev.descent.engine.optim;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An optimizer's update rule with its state (velocities, moment estimates...) for one flat parameter
 * vector. Lifecycle:
 * <ol>
 *   <li>created for a parameter count; state is allocated once, filled with the rule's initial values;</li>
 *   <li>each step, {@link #apply} is called once with the gradient, the 0-based iteration (the number of
 *       updates already made) and the learning rate of this step;</li>
 *   <li>it overwrites the gradient with the update Δθ; the caller then does θ ← θ − Δθ.</li>
 * </ol>
 * Not thread-safe: a rule belongs to one run's training thread.
 */
public interface UpdateRule {

    /**
     * Turns {@code gradient} into the update Δθ, in place, advancing the rule's state.
     *
     * @param gradient     the loss gradient for every parameter, as a row vector; overwritten
     * @param iteration    number of updates already made (0 on the first step)
     * @param learningRate η for this step, from the schedule
     */
    void apply(INDArray gradient, int iteration, double learningRate);

    /** The rule's state arrays by name (live views, for inspection and tests). */
    Map<String, INDArray> state();

    /**
     * The rule's state, described: each state vector with its symbol and meaning, in the order of the
     * rule's formula (empty for SGD). The one way views and records read an optimizer's state.
     */
    List<StateVector> stateVectors();

    /**
     * Takes over {@code previous}'s state (a rule of the same optimizer, other hyperparameters), so that
     * a run whose hyperparameters change between two steps keeps its velocities and moment estimates.
     * Copies every state array by name; a rule with state outside its arrays adds it.
     */
    default void continueFrom(UpdateRule previous) {
        Map<String, INDArray> from = previous.state();
        state().forEach((name, array) -> array.assign(from.get(name)));
    }
}
