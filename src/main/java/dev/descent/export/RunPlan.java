package dev.descent.export;

import dev.descent.engine.data.DataShape;
import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.graph.GraphValidator;
import dev.descent.engine.graph.LossFunction;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.Validation;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.train.RunConfig;
import dev.descent.engine.train.TrainingConfig;
import dev.descent.engine.vocab.Choice;
import dev.descent.experiment.PreparedExperiment;
import java.util.List;
import java.util.Map;

/**
 * Everything the script of one run states: the run as Descent trains it (its network with the run's
 * overrides applied, optimizer, schedule, input normalizer), the shared training settings and the shape
 * of the data. Plain values, so the script's text depends on nothing else (the golden tests rely on it).
 *
 * @param experimentName the experiment's name, for the script's title
 * @param runName        the run's name
 * @param seed           the member's seed: the experiment's seed plus {@code member} (initial weights, batch
 *                       order, dropout masks; the split is always the experiment's seed's)
 * @param member         which member of its run this is (0 … seeds−1; 0 for a run of one seed)
 * @param training       epochs, the member's batch size (a sweep point's own, if it sweeps the batch size) and
 *                       evaluation interval (maxSteps 0)
 * @param trainSize      examples in the training split
 * @param validationSize examples in the validation split (0 when nothing is held out)
 * @param shape          features and what is predicted
 * @param classNames     one name per class (empty for regression)
 * @param normalizer     the run's input normalizer
 * @param network        the network the run trains (overrides applied)
 * @param order          node ids in Descent's computation order
 * @param widths         output width of each node
 * @param optimizer      the run's optimizer
 * @param schedule       the run's learning-rate schedule
 * @param freshInit      whether the script initializes weights with torch's initializers instead of
 *                       loading Descent's, and drops with {@code nn.Dropout} instead of replaying masks
 * @param maskSteps      training steps whose dropout masks are exported (0 without dropout or with
 *                       {@code freshInit})
 */
record RunPlan(String experimentName, String runName, long seed, int member, TrainingConfig training, int trainSize,
               int validationSize, DataShape shape, List<String> classNames, InputNormalizer normalizer,
               NetworkSpec network, List<String> order, Map<String, Integer> widths, Choice<OptimizerType> optimizer,
               Choice<Schedule> schedule, boolean freshInit, int maskSteps) {

    RunPlan {
        classNames = List.copyOf(classNames);
        order = List.copyOf(order);
        widths = Map.copyOf(widths);
    }

    /**
     * The plan of {@code run} of {@code prepared}.
     *
     * @param maskLimit at most this many dropout-mask values are exported, over all steps and nodes; the
     *                  masks of the first steps that fit are kept
     */
    static RunPlan of(PreparedExperiment prepared, RunConfig run, boolean freshInit, long maskLimit) {
        Dataset train = prepared.split().train();
        TrainingConfig training = run.trainingOf(prepared.training(0)); // a member: its own seed and batch size
        Validation validation = GraphValidator.validate(run.network(), train.shape(), training.batchSize());
        RunPlan plan = new RunPlan(prepared.experiment().name(), run.name(), training.seed(), run.member(), training,
                train.size(), prepared.split().validation().size(), train.shape(), train.classNames(),
                run.normalizer().term(), run.network(), validation.order(), validation.widths(), run.optimizer(),
                run.schedule(), freshInit, 0);
        return plan.withMaskSteps(freshInit ? 0 : plan.maskStepsWithin(maskLimit));
    }

    RunPlan withMaskSteps(int steps) {
        return new RunPlan(experimentName, runName, seed, member, training, trainSize, validationSize, shape, classNames,
                normalizer, network, order, widths, optimizer, schedule, freshInit, steps);
    }

    /** Steps of one epoch. */
    int stepsPerEpoch() {
        return training.stepsPerEpoch(trainSize);
    }

    /** Steps of the whole run as Descent trains it. */
    int totalSteps() {
        return training.totalSteps(trainSize);
    }

    /** The loss node's function. */
    Choice<LossFunction> loss() {
        return network.nodesOf(NodeSpec.Loss.class).get(0).function();
    }

    /** The id of the node whose output the loss receives. */
    String outputNode() {
        return network.inputsOf(network.nodesOf(NodeSpec.Loss.class).get(0).id()).get(0);
    }

    /** The dropout nodes that draw masks (rate above 0), in computation order. */
    List<NodeSpec.Dropout> drawingDropouts() {
        return order.stream().map(id -> network.node(id).orElseThrow())
                .filter(n -> n instanceof NodeSpec.Dropout d && d.rate() > 0).map(n -> (NodeSpec.Dropout) n).toList();
    }

    /** Width of the node's input (the first input for an add node). */
    int inputWidth(String id) {
        return widths.get(network.inputsOf(id).get(0));
    }

    /** How many of the run's steps have masks that fit in {@code limit} values in all. */
    private int maskStepsWithin(long limit) {
        long perEpoch = 0;
        for (NodeSpec.Dropout d : drawingDropouts()) {
            perEpoch += (long) trainSize * widths.get(d.id());
        }
        if (perEpoch == 0) {
            return 0;
        }
        int total = totalSteps();
        long perStep = Math.max(1, perEpoch / stepsPerEpoch());
        return (int) Math.min(total, limit / perStep);
    }
}
