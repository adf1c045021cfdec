package dev.descent.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.graph.ActivationFunction;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.NodeType;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentReader;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunNetworkTest {
    private static Experiment read(String name) throws Exception {
        return ExperimentReader.read(Path.of("sample-data", name));
    }

    @Test
    void theSigmoidRunTrainsSigmoidWhereTheSharedNetworkHasRelu() throws Exception {
        Experiment e = read("activations.json");
        // when the Sigmoid run (run 0) is compared with the shared network
        RunNetwork sigmoid = RunNetwork.of(e, 0).orElseThrow();
        // then its four hidden activations are sigmoid, nothing is removed
        assertEquals(Set.of("a1", "a2", "a3", "a4"), sigmoid.changed().keySet());
        assertEquals(ActivationFunction.SIGMOID, ((NodeSpec.Activation) sigmoid.changed().get("a2")).function().term());
        assertTrue(sigmoid.removed().isEmpty());
        assertEquals("Run 'Sigmoid' trains this network, its overrides marked: 4 activation nodes use sigmoid.",
                sigmoid.describe(e));
        assertEquals("Overridden in run 'Sigmoid': sigmoid (the shared network has relu).",
                sigmoid.explain(e.network().node("a1").orElseThrow()));
        // and the ReLU run, whose override is what the network already has, trains the shared network
        RunNetwork relu = RunNetwork.of(e, 2).orElseThrow();
        assertTrue(relu.isShared());
        assertEquals("Run 'ReLU' trains the shared network as it is.", relu.describe(e));
    }

    @Test
    void theRunWithoutNormalizationRemovesEveryBatchNormNode() throws Exception {
        Experiment e = read("batch-layer-norm.json");
        RunNetwork none = RunNetwork.of(e, 0).orElseThrow();
        assertEquals(Set.of("n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8"), none.removed());
        assertTrue(none.changed().isEmpty());
        assertTrue(none.overrides(e.network().node("n3").orElseThrow()));
        assertFalse(none.overrides(e.network().node("h3").orElseThrow()));
        assertEquals("Run 'No normalization' trains this network, its overrides marked: "
                + "8 normalization nodes are removed.", none.describe(e));
        // the layer-norm run turns them into layer-norm nodes, the batch-norm run leaves them as they are
        RunNetwork layer = RunNetwork.of(e, 2).orElseThrow();
        assertEquals(NodeType.LAYER_NORM, layer.changed().get("n5").type());
        assertEquals(8, layer.changed().size());
        assertTrue(RunNetwork.of(e, 1).orElseThrow().isShared());
    }

    @Test
    void noRunGivesNothing() throws Exception {
        Experiment e = read("activations.json");
        assertTrue(RunNetwork.of(e, -1).isEmpty());
        assertTrue(RunNetwork.of(e, e.runs().size()).isEmpty());
    }
}
