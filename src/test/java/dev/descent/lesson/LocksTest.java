package dev.descent.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.graph.ActivationFunction;
import dev.descent.engine.graph.Edge;
import dev.descent.engine.graph.Initializer;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.Problem;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.vocab.Choice;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentException;
import dev.descent.experiment.ExperimentReader;
import dev.descent.experiment.RunSpec;
import dev.descent.experiment.TrainingSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocksTest {
    private final Experiment preset = read();

    private static Experiment read() {
        try {
            return ExperimentReader.parse(TestLessons.EXPERIMENT, null);
        } catch (ExperimentException e) {
            throw new AssertionError(e);
        }
    }

    private static Locks locks(String... parts) {
        return new Locks(java.util.Arrays.stream(parts).map(p -> Part.parse(p).orElseThrow()).toList());
    }

    private Experiment withRun(int i, RunSpec run) {
        List<RunSpec> runs = new ArrayList<>(preset.runs());
        runs.set(i, run);
        return preset.withRuns(runs);
    }

    @Test
    void anUnchangedAttemptChangesNothing() {
        assertEquals(List.of(), Locks.changes(preset, preset.withName("renamed")));
    }

    @Test
    void eachChangedPartIsNamed() {
        Experiment attempt = withRun(1, preset.runs().get(1).withOptimizer(Choice.of(OptimizerType.SGD)))
                .withSeed(7).withTraining(new TrainingSpec(4, 16, 5))
                .withNetwork(preset.network().replace(((NodeSpec.Dense) preset.network().node("h1").orElseThrow())
                        .withInit(Choice.of(Initializer.HE_NORMAL))));
        assertEquals(List.of("seed", "training.epochs", "network[h1].init", "runs[Adam].optimizer"),
                Locks.changes(preset, attempt).stream().map(Part::toString).toList());
    }

    @Test
    void aNewEdgeIsAChangeOfTheWholeNetwork() {
        List<Edge> edges = new ArrayList<>(preset.network().edges());
        edges.add(new Edge("in", "out"));
        Experiment attempt = preset.withNetwork(new NetworkSpec(preset.network().nodes(), edges));
        assertEquals(List.of("network"), Locks.changes(preset, attempt).stream().map(Part::toString).toList());
    }

    @Test
    void movingANodeIsNoChange() {
        NodeSpec moved = preset.network().node("h1").orElseThrow().withPosition(new dev.descent.engine.graph.Position(5, 5));
        assertEquals(List.of(), Locks.changes(preset, preset.withNetwork(preset.network().replace(moved))));
    }

    @Test
    void aRemovedRunIsNamedAndAnAddedOneIsFree() {
        Experiment attempt = preset.withRuns(List.of(preset.runs().get(1), RunSpec.of("Mine", Choice.of(OptimizerType.ADAM))));
        assertEquals(List.of("runs[SGD]"), Locks.changes(preset, attempt).stream().map(Part::toString).toList());
    }

    @Test
    void aWildcardFreesTheFieldOfEveryRun() {
        Locks locks = locks("runs[*].activation");
        assertTrue(locks.allowsRun("SGD", "activation"));
        assertTrue(locks.allowsRun("Adam", "activation"));
        assertFalse(locks.allowsRun("Adam", "optimizer"));
        assertFalse(locks.allowsRun("Adam", null)); // removing the run stays locked
    }

    @Test
    void aShorterPartCoversEverythingBelowIt() {
        Locks locks = locks("network", "training");
        assertTrue(locks.allowsNetworkStructure());
        assertTrue(locks.allowsNode("h1", "units"));
        assertTrue(locks.allows(new Part("training", null, "batchSize")));
        assertFalse(locks.allows(new Part("seed", null, null)));
    }

    @Test
    void aNodeSettingIsNotTheStructure() {
        Locks locks = locks("network[*].init");
        assertTrue(locks.allowsNode("out", "init"));
        assertFalse(locks.allowsNode("out", "units"));
        assertFalse(locks.allowsNetworkStructure());
    }

    @Test
    void aViolationNamesThePartAndWhatIsFree() {
        Experiment attempt = withRun(0, preset.runs().get(0).withActivation(Choice.of(ActivationFunction.RELU)));
        List<Problem> found = locks("runs[SGD].optimizer", "runs[*].init").violations(preset, attempt);
        assertEquals(List.of("runs[SGD].activation: changed, but the lesson locks it; it lets you change"
                + " runs[SGD].optimizer, runs[*].init"), found.stream().map(Problem::message).toList());
    }

    @Test
    void anEditablePartIsNoViolation() {
        Experiment attempt = withRun(0, preset.runs().get(0).withOptimizer(Choice.of(OptimizerType.ADAM)));
        assertEquals(List.of(), locks("runs[SGD].optimizer").violations(preset, attempt));
    }
}
