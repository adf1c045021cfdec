package dev.descent.ui.charts;

import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.Split;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.SchedulePlan;
import dev.descent.engine.train.LockstepComparison;
import dev.descent.engine.train.RunConfig;
import dev.descent.engine.train.TrainingConfig;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.PreparedExperiment;
import dev.descent.experiment.RunSpec;
import dev.descent.experiment.TrainingSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Every run's planned learning-rate curve ({@link SchedulePlan}) by the names the learning-rate chart
 * knows its runs by: each member's name, its group's and, before training, each run of the file's.
 */
final class SchedulePlans {
    private SchedulePlans() {
    }

    /** The plans of the comparison's runs, with their hyperparameters now and their own step counts. */
    static Map<String, SchedulePlan> of(LockstepComparison c) {
        Map<String, SchedulePlan> plans = new LinkedHashMap<>();
        for (int i = 0; i < c.runCount(); i++) {
            RunConfig run = c.run(i);
            SchedulePlan plan = SchedulePlan.of(run.schedule(), run.optimizer().value(OptimizerType.LEARNING_RATE),
                    c.totalSteps(i));
            plans.putIfAbsent(run.name(), plan);
            if (run.group() != null) {
                plans.putIfAbsent(run.group(), plan);
            }
        }
        return plans;
    }

    /**
     * The plans of {@code experiment}'s runs before it trains on {@code data} (its training split's size
     * gives the step counts); empty without data or with settings that cannot train.
     */
    static Map<String, SchedulePlan> of(Experiment experiment, Dataset data) {
        Map<String, SchedulePlan> plans = new LinkedHashMap<>();
        if (experiment == null || data == null) {
            return plans;
        }
        try {
            int trainSize = data.size() - Split.validationCount(data.size(), experiment.dataset().validation());
            TrainingSpec t = experiment.training();
            TrainingConfig shared = new TrainingConfig(experiment.seed(), t.epochs(), t.batchSize(), t.evaluateEvery(), 0,
                    DataType.FLOAT);
            for (RunConfig member : PreparedExperiment.members(experiment)) {
                SchedulePlan plan = SchedulePlan.of(member.schedule(),
                        member.optimizer().value(OptimizerType.LEARNING_RATE), member.trainingOf(shared).totalSteps(trainSize));
                plans.putIfAbsent(member.name(), plan);
                plans.putIfAbsent(member.group(), plan);
            }
            for (RunSpec run : experiment.runs()) {
                if (!plans.containsKey(run.name())) {
                    plans.put(run.name(), SchedulePlan.of(run.schedule(), run.optimizer().value(OptimizerType.LEARNING_RATE),
                            shared.totalSteps(trainSize)));
                }
            }
        } catch (RuntimeException e) {
            plans.clear(); // settings that cannot train (the window says why elsewhere): no plan
        }
        return plans;
    }
}
