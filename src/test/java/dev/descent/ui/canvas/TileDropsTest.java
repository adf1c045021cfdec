package dev.descent.ui.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.graph.ActivationFunction;
import dev.descent.engine.graph.Edge;
import dev.descent.engine.graph.Initializer;
import dev.descent.engine.graph.LossFunction;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.Position;
import dev.descent.experiment.Experiment;
import dev.descent.ui.app.Examples;
import dev.descent.ui.palette.Tile;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What each tile does where it lands, on the spiral example (in → h1 → a1 → h2 → a2 → out → loss). */
class TileDropsTest {
    private static Experiment spiral;
    private static final Position AT = new Position(300, 400);

    @BeforeAll
    static void load() {
        spiral = Examples.load(Examples.FIRST);
    }

    private static Experiment apply(Tile tile, TileDrops.Target target) {
        return TileDrops.plan(tile, target, spiral).orElseThrow().change().apply(spiral);
    }

    @Test
    void denseTileOnEmptyCanvasAddsADenseNodeThere() {
        // when
        Experiment after = apply(new Tile(Tile.Kind.LAYER, "dense"), new TileDrops.Empty(AT));
        // then
        NodeSpec added = after.network().node("dense").orElseThrow();
        assertTrue(added instanceof NodeSpec.Dense);
        assertEquals(AT, added.position());
        assertEquals(spiral.network().edges(), after.network().edges());
    }

    @Test
    void activationAndLossTilesOnEmptyCanvasMakeNodesWithThatFunction() {
        // when
        Experiment withTanh = apply(new Tile(Tile.Kind.ACTIVATION, "tanh"), new TileDrops.Empty(AT));
        Experiment withMse = apply(new Tile(Tile.Kind.LOSS, "mse"), new TileDrops.Empty(AT));
        // then
        NodeSpec.Activation act = (NodeSpec.Activation) withTanh.network().node("act").orElseThrow();
        assertEquals(ActivationFunction.TANH, act.function().term());
        NodeSpec.Loss loss = (NodeSpec.Loss) withMse.network().node("loss2").orElseThrow();
        assertEquals(LossFunction.MSE, loss.function().term());
    }

    @Test
    void initializerTileOnDenseSetsItsInit() {
        // when
        Experiment after = apply(new Tile(Tile.Kind.INITIALIZER, "orthogonal"), new TileDrops.OnNode("h1"));
        // then
        assertEquals(Initializer.ORTHOGONAL, ((NodeSpec.Dense) after.network().node("h1").orElseThrow()).init().term());
    }

    @Test
    void activationTileOnDenseSetsTheActivationAfterIt() {
        // when
        Experiment after = apply(new Tile(Tile.Kind.ACTIVATION, "gelu"), new TileDrops.OnNode("h2"));
        // then
        assertEquals(ActivationFunction.GELU,
                ((NodeSpec.Activation) after.network().node("a2").orElseThrow()).function().term());
        assertEquals(spiral.network().nodes().size(), after.network().nodes().size());
    }

    @Test
    void lossTileOnTheLossNodeSetsItsFunction() {
        // when
        Experiment after = apply(new Tile(Tile.Kind.LOSS, "mse"), new TileDrops.OnNode("loss"));
        // then
        assertEquals(LossFunction.MSE, ((NodeSpec.Loss) after.network().node("loss").orElseThrow()).function().term());
    }

    @Test
    void normalizerTileOnTheInputSetsTheExperimentsNormalizer() {
        // when
        Experiment after = apply(new Tile(Tile.Kind.INPUT_NORMALIZER, "min_max"), new TileDrops.OnNode("in"));
        // then
        assertEquals(InputNormalizer.MIN_MAX, after.normalizer().term());
    }

    @Test
    void normalizationTileOnAnEdgeInsertsTheNodeIntoIt() {
        // when
        Experiment after = apply(new Tile(Tile.Kind.NORMALIZATION_LAYER, "batch_norm"),
                new TileDrops.OnEdge(new Edge("h1", "a1"), AT));
        // then
        List<Edge> edges = after.network().edges();
        assertTrue(edges.contains(new Edge("h1", "bn")));
        assertTrue(edges.contains(new Edge("bn", "a1")));
        assertFalse(edges.contains(new Edge("h1", "a1")));
        // and it takes the next column after h1 (the network's spacing, 160), not the drop point over the cards
        Position h1 = spiral.network().node("h1").orElseThrow().position();
        assertEquals(new Position(h1.x() + 160, h1.y()), after.network().node("bn").orElseThrow().position());
    }

    @Test
    void tilesThatMeanNothingThereAreRefused() {
        // then
        assertTrue(TileDrops.plan(new Tile(Tile.Kind.INITIALIZER, "he_normal"), new TileDrops.OnNode("a1"), spiral).isEmpty());
        assertTrue(TileDrops.plan(new Tile(Tile.Kind.INITIALIZER, "he_normal"), new TileDrops.Empty(AT), spiral).isEmpty());
        assertTrue(TileDrops.plan(new Tile(Tile.Kind.LAYER, "dense"), new TileDrops.OnNode("h1"), spiral).isEmpty());
        assertTrue(TileDrops.plan(new Tile(Tile.Kind.INPUT_NORMALIZER, "pixel"), new TileDrops.OnNode("h1"), spiral).isEmpty());
        assertTrue(TileDrops.plan(new Tile(Tile.Kind.OPTIMIZER, "adam"), new TileDrops.Empty(AT), spiral).isEmpty());
        assertTrue(TileDrops.plan(new Tile(Tile.Kind.LAYER, "input"), new TileDrops.OnEdge(new Edge("h1", "a1"), AT),
                spiral).isEmpty());
        assertTrue(TileDrops.plan(new Tile(Tile.Kind.LOSS, "mse"), new TileDrops.OnNode("missing"), spiral).isEmpty());
    }
}
