package dev.descent.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.Generator;
import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.graph.LossFunction;
import dev.descent.experiment.ExperimentReader;
import dev.descent.experiment.PreparedExperiment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** Which members {@link MemberGroups} stacks: sweep points with one seed too, by batch size. */
class MemberGroupsTest {
    private static final Dataset ALL = spiral();

    private static Dataset spiral() {
        try {
            return Generator.SPIRAL.generate(200, 0.1, 2, 3);
        } catch (dev.descent.engine.data.DataException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The members of a file with {@code runs}, on the 2-8-2 tanh net, {@code seeds} seeds. */
    private static List<RunConfig> members(int seeds, String runs) throws Exception {
        return PreparedExperiment.members(ExperimentReader.parse("""
                { "format": 1, "name": "groups", "seed": 5,
                  "dataset": { "generator": "spiral", "samples": 200, "validation": 0.2 },
                  "network": { "nodes": [ {"id": "in", "type": "input"}, {"id": "h1", "type": "dense", "units": 8},
                                          {"id": "a1", "type": "activation", "function": "tanh"},
                                          {"id": "out", "type": "dense", "units": 2},
                                          {"id": "loss", "type": "loss", "function": "cross_entropy"} ],
                               "edges": [ ["in","h1"], ["h1","a1"], ["a1","out"], ["out","loss"] ] },
                  "training": { "epochs": 1, "batchSize": 16, "seeds": %d },
                  "runs": %s }
                """.formatted(seeds, runs), null));
    }

    /** The units the workers would drive for {@code members}: member names per unit. */
    private static List<List<String>> plan(List<RunConfig> members) {
        TrainingConfig training = new TrainingConfig(5, 1, 16, 10, 5, DataType.FLOAT);
        TrainingData data = TrainingData.prepare(ALL, ALL.subset(new int[0]), InputNormalizer.NONE,
                LossFunction.CROSS_ENTROPY, DataType.FLOAT);
        List<RunTrainer> trainers = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            trainers.add(new RunTrainer(i, members.get(i), training, data, ALL.shape(), new RunControl()));
        }
        List<List<String>> units = new ArrayList<>();
        for (Steppable unit : MemberGroups.plan(trainers, training, Map.of(InputNormalizer.NONE.id(), data))) {
            units.add(unit instanceof MemberGroup g ? g.members().stream().map(t -> t.config().name()).toList()
                    : List.of("alone: " + ((RunTrainer) unit).config().name()));
        }
        return units;
    }

    @Test
    void sweepPointsWithOneSeedTrainAsOneStackedGroupPerBatchSize() throws Exception {
        // given a run swept over three learning rates and two batch sizes, one seed
        List<RunConfig> members = members(1, """
                [ {"name": "SGD", "optimizer": "sgd",
                   "sweep": {"learningRate": [0.01, 0.1, 1], "batchSize": [16, 32]}} ]""");
        assertTrue(members.stream().allMatch(RunConfig::swept));

        // then the points stack, one group per batch size (each step has the same rows for all of a group)
        assertEquals(List.of(
                List.of("SGD lr=0.01 batch=16", "SGD lr=0.1 batch=16", "SGD lr=1 batch=16"),
                List.of("SGD lr=0.01 batch=32", "SGD lr=0.1 batch=32", "SGD lr=1 batch=32")), plan(members));
    }

    @Test
    void memberZeroOfARunWithoutASweepStaysAloneAndItsOtherSeedsStack() throws Exception {
        // given a plain run with two seeds beside a swept one with two seeds
        List<RunConfig> members = members(2, """
                [ {"name": "Adam", "optimizer": "adam"},
                  {"name": "SGD", "optimizer": "sgd", "sweep": {"learningRate": [0.01, 0.1]}} ]""");

        // then the plain run's member 0 trains alone (byte-identical to the run with one seed) and the rest stack
        assertEquals(List.of(List.of("alone: Adam #0"), List.of("Adam #1"),
                List.of("SGD lr=0.01 #0", "SGD lr=0.01 #1", "SGD lr=0.1 #0", "SGD lr=0.1 #1")), plan(members));
    }
}
