package dev.descent.experiment;

import static dev.descent.testing.Specs.mlp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.Generator;
import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.graph.MemoryEstimate;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.vocab.Choice;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What {@link PreparedExperiment#problems} refuses across runs. */
class PreparedExperimentTest {

    private static Experiment experiment(int runs) {
        List<RunSpec> specs = IntStream.range(0, runs)
                .mapToObj(i -> RunSpec.of("run" + i, Choice.of(OptimizerType.SGD))).toList();
        return new Experiment(Experiment.FORMAT, "memory", 3,
                new DatasetSpec.Generated(Generator.SPIRAL, 400, 0.1, 2, 0.2), Choice.of(InputNormalizer.STANDARDIZE),
                mlp(64, "tanh", 2, "cross_entropy"), new TrainingSpec(1, 32, 10), specs, null);
    }

    @Test
    void runsThatFitAloneButNotTogetherAreRefusedBeforeAllocating() throws Exception {
        // given a limit one run fits in with room to spare
        Experiment one = experiment(1);
        Dataset data = ExperimentData.load(one);
        long limit = 200_000;
        assertEquals(List.of(), PreparedExperiment.problems(one, data, limit));
        // when eight such runs are compared
        List<String> problems = PreparedExperiment.problems(experiment(8), data, limit);
        // then one problem names the comparison, its size and the limit
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("runs: the comparison is too large to fit in memory: 8 runs need about "),
                problems.get(0));
        assertTrue(problems.get(0).contains("more than the " + MemoryEstimate.format(limit) + " available"), problems.get(0));
    }
}
