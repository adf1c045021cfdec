package dev.descent.ui.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.graph.ActivationFunction;
import dev.descent.engine.graph.Initializer;
import dev.descent.engine.graph.LossFunction;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.Problem;
import dev.descent.engine.vocab.Choice;
import dev.descent.experiment.Experiment;
import dev.descent.ui.app.Examples;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NodeLabelsTest {
    private static Experiment spiral;

    @BeforeAll
    static void load() {
        spiral = Examples.load(Examples.FIRST);
    }

    @Test
    void detailLinesSayWhatTheIssueAsksFor() {
        // then
        assertEquals("16 units · he_normal", NodeLabels.detail(
                new NodeSpec.Dense("h", 16, Choice.of(Initializer.HE_NORMAL), true, null), spiral, null));
        assertEquals("relu", NodeLabels.detail(
                new NodeSpec.Activation("a", Choice.of(ActivationFunction.RELU), null), spiral, null));
        assertEquals("p = 0.5", NodeLabels.detail(new NodeSpec.Dropout("d", 0.5, null), spiral, null));
        assertEquals("cross_entropy", NodeLabels.detail(
                new NodeSpec.Loss("l", Choice.of(LossFunction.CROSS_ENTROPY), null), spiral, null));
        assertEquals("standardize", NodeLabels.detail(new NodeSpec.Input("in", null), spiral, null));
    }

    @Test
    void shorterFormsFollowTheFullDetail() {
        // when
        List<String> forms = NodeLabels.details(
                new NodeSpec.Dense("h", 2, Choice.of(Initializer.XAVIER_UNIFORM), false, null), spiral, null);
        // then
        assertEquals(List.of("2 units · xavier_uniform · no bias", "2 · xavier_uniform · no bias", "2 · xavier_uniform",
                "xavier_uniform · no bias", "xavier_uniform", "2 units"), forms);
    }

    @Test
    void hoverTextPutsTheEnginesMessageFirst() {
        // when
        String text = NodeLabels.tooltip(new NodeSpec.Dropout("d", 0.5, null),
                List.of(Problem.at("d", "input is not connected")));
        // then
        assertTrue(text.startsWith("⚠ node 'd': input is not connected"), text);
        assertTrue(text.contains("Dropout 'd'"), text);
    }
}
