package dev.descent.experiment;

import static dev.descent.testing.Specs.activation;
import static dev.descent.testing.Specs.chain;
import static dev.descent.testing.Specs.dense;
import static dev.descent.testing.Specs.input;
import static dev.descent.testing.Specs.loss;
import static dev.descent.testing.Specs.mlp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.Generator;
import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.graph.MemoryEstimate;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.Problem;
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
        List<String> problems = PreparedExperiment.problems(experiment(8), data, limit).stream().map(Problem::message).toList();
        // then one problem names the comparison, its size and the limit
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("runs: the comparison is too large to fit in memory: 8 runs need about "),
                problems.get(0));
        assertTrue(problems.get(0).contains("more than the " + MemoryEstimate.format(limit) + " available"), problems.get(0));
    }

    @Test
    void aProblemOnlyOneRunCausesNamesTheRunAndItsNodeAsData() throws Exception {
        // given a layer-norm node whose id holds a quote, batches of one, and a run that turns it into batch norm
        NetworkSpec network = chain(input("in"), dense("h1", 8), new NodeSpec.LayerNorm("it's", null),
                activation("a1", "tanh"), dense("out", 2), loss("loss", "cross_entropy"));
        Experiment e = experiment(1).withNetwork(network).withTraining(new TrainingSpec(1, 1, 10)).withRuns(List.of(
                RunSpec.of("plain", Choice.of(OptimizerType.SGD)),
                RunSpec.of("bn", Choice.of(OptimizerType.SGD)).withNormalization(NormalizationOverride.BATCH_NORM)));

        List<Problem> problems = PreparedExperiment.problems(e, ExperimentData.load(e));

        // then the one problem says which run and which node, without anyone reading it out of the text
        assertEquals(1, problems.size(), problems.toString());
        Problem p = problems.get(0);
        assertEquals(Problem.Section.NETWORK, p.section());
        assertEquals("bn", p.run());
        assertEquals(List.of("it's"), p.nodeIds());
        assertEquals("run 'bn': node 'it's': batch_norm needs at least 2 examples per batch to compute a variance, but"
                + " batchSize is 1; use a batchSize of 2 or more, or layer_norm", p.message());
    }
}
