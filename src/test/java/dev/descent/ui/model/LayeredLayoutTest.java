package dev.descent.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.graph.Edge;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.Position;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LayeredLayoutTest {
    private static final Position ORIGIN = new Position(40, 40);

    /** in → d1 → add, in → d2 → add, add → loss: a diamond. */
    private static NetworkSpec diamond() {
        return new NetworkSpec(List.of(new NodeSpec.Input("in", null), new NodeSpec.LayerNorm("d1", null),
                new NodeSpec.LayerNorm("d2", null), new NodeSpec.Add("add", null), new NodeSpec.LayerNorm("loss", null)),
                List.of(new Edge("in", "d1"), new Edge("in", "d2"), new Edge("d1", "add"), new Edge("d2", "add"),
                        new Edge("add", "loss")));
    }

    @Test
    void nodesOfOneDepthShareAColumnAndDepthsGoLeftToRight() {
        // when
        Map<String, Position> p = LayeredLayout.layout(diamond(), List.of(), ORIGIN);
        // then
        assertEquals(p.get("d1").x(), p.get("d2").x());
        assertNotEquals(p.get("d1").y(), p.get("d2").y());
        assertTrue(p.get("in").x() < p.get("d1").x());
        assertTrue(p.get("d1").x() < p.get("add").x());
        assertTrue(p.get("add").x() < p.get("loss").x());
        assertEquals(p.get("in").y(), p.get("add").y(), 1e-9, "single nodes sit on the middle line");
    }

    @Test
    void aSkipConnectionPlacesTheMergeAfterTheLongestPath() {
        // given in → a → b → add and in → add
        NetworkSpec n = new NetworkSpec(List.of(new NodeSpec.Input("in", null), new NodeSpec.LayerNorm("a", null),
                new NodeSpec.LayerNorm("b", null), new NodeSpec.Add("add", null)),
                List.of(new Edge("in", "a"), new Edge("a", "b"), new Edge("b", "add"), new Edge("in", "add")));
        // when
        Map<String, Integer> depth = LayeredLayout.depths(n, List.of());
        // then
        assertEquals(Map.of("in", 0, "a", 1, "b", 2, "add", 3), depth);
    }

    @Test
    void aCycleStillGetsEveryNodeAPlace() {
        // given in → a → b → a
        NetworkSpec n = new NetworkSpec(List.of(new NodeSpec.Input("in", null), new NodeSpec.LayerNorm("a", null),
                new NodeSpec.LayerNorm("b", null)),
                List.of(new Edge("in", "a"), new Edge("a", "b"), new Edge("b", "a")));
        // when
        Map<String, Position> p = LayeredLayout.layout(n, List.of(), ORIGIN);
        // then
        assertEquals(3, p.size());
        assertTrue(p.get("in").x() < p.get("a").x() && p.get("a").x() < p.get("b").x());
    }

    @Test
    void theValidatorsOrderIsUsedWhenItCoversTheNetwork() {
        // given an order that puts d2 first among equals
        List<String> order = List.of("in", "d2", "d1", "add", "loss");
        // when
        Map<String, Integer> depth = LayeredLayout.depths(diamond(), order);
        // then
        assertEquals(List.of("in", "d2", "d1", "add", "loss"), List.copyOf(depth.keySet()));
        assertEquals(1, depth.get("d2"));
    }
}
