package dev.descent.engine.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.vocab.Choice;
import dev.descent.engine.vocab.Param;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A node type owns its settings: keys, defaults, ranges, the settings of a new node, its parameter count. */
class NodeTypeTest {

    @Test
    void aNewNodeHoldsTheDefaultOfEverySettingOfItsType() {
        for (NodeType type : NodeType.values()) {
            NodeSpec node = type.newNode("n", null);
            assertEquals(type, node.type());
            for (Param param : type.params()) {
                assertEquals(param.defaultValue(), node.value(param), type + " " + param.key());
                assertNull(param.problemWith(param.defaultValue()), type + " " + param.key() + " default is out of range");
            }
            assertEquals(type.choiceKey() != null, node.choice() != null, type.id());
            if (node.choice() != null) {
                assertTrue(type.choiceKind().isInstance(node.choice().term()), type.id());
            }
        }
        assertEquals(NodeType.DEFAULT_INIT, NodeType.DENSE.newNode("d", null).choice().term());
    }

    @Test
    void theKeysInFilesAreTheSettingsBetweenIdTypeAndPosition() {
        assertEquals(List.of("id", "type", "units", "init", "bias", "x", "y"), NodeType.DENSE.fileKeys());
        assertEquals(List.of("id", "type", "momentum", "eps", "x", "y"), NodeType.BATCH_NORM.fileKeys());
        for (NodeType type : NodeType.values()) {
            List<String> settings = type.keys();
            for (Param param : type.params()) {
                assertTrue(settings.contains(param.key()), type + " " + param.key());
            }
            assertEquals(type.params().size() + (type.choiceKey() == null ? 0 : 1), settings.size(), type.id());
        }
    }

    @Test
    void withChangesOneSettingAndOnlyThoseOfItsType() {
        NodeSpec dense = NodeType.DENSE.newNode("d", null);
        NodeSpec wider = dense.with(NodeType.UNITS, 64);
        assertEquals(64, ((NodeSpec.Dense) wider).units());
        assertEquals(1.0, wider.value(NodeType.BIAS));
        assertEquals(0.25, NodeType.DROPOUT.newNode("p", null).with(NodeType.RATE, 0.25).value(NodeType.RATE));
        assertThrows(IllegalArgumentException.class, () -> dense.with(NodeType.RATE, 0.5));
        assertThrows(IllegalArgumentException.class, () -> dense.withChoice(Choice.of(ActivationFunction.RELU)));
        assertNotNull(dense.withChoice(Choice.of(Initializer.HE_NORMAL)).choice());
    }

    @Test
    void parameterCountsAreWeightsAndBiasesOrGammaAndBeta() {
        NodeSpec dense = NodeType.DENSE.newNode("d", null).with(NodeType.UNITS, 16);
        assertEquals(3 * 16 + 16, NodeType.parameterCount(dense, 3));
        assertEquals(3 * 16, NodeType.parameterCount(dense.with(NodeType.BIAS, 0), 3));
        assertEquals(2 * 16, NodeType.parameterCount(NodeType.BATCH_NORM.newNode("b", null), 16));
        assertEquals(2 * 16, NodeType.parameterCount(NodeType.LAYER_NORM.newNode("l", null), 16));
        assertEquals(0, NodeType.parameterCount(NodeType.DROPOUT.newNode("p", null), 16));
    }
}
