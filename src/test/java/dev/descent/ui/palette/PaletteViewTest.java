package dev.descent.ui.palette;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.graph.ActivationFunction;
import dev.descent.engine.graph.Initializer;
import dev.descent.engine.graph.LossFunction;
import dev.descent.engine.graph.NodeType;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Term;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.TitledPane;
import javafx.scene.input.ClipboardContent;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class PaletteViewTest {
    private PaletteView palette;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        palette = new PaletteView();
        stage.setScene(new Scene(palette, 260, 700));
        stage.show();
    }

    @Test
    void everyVocabularyEntryHasExactlyOneTileWithTheEnginesSummaryAndFormula() {
        // given the engine's whole vocabulary, listed here from the enums themselves
        List<Tile> expected = new ArrayList<>();
        Map<Tile, Term> terms = new java.util.HashMap<>();
        for (NodeType type : List.of(NodeType.INPUT, NodeType.DENSE, NodeType.DROPOUT, NodeType.ADD)) {
            expected.add(new Tile(Tile.Kind.LAYER, type.id()));
        }
        expected.add(new Tile(Tile.Kind.NORMALIZATION_LAYER, NodeType.BATCH_NORM.id()));
        expected.add(new Tile(Tile.Kind.NORMALIZATION_LAYER, NodeType.LAYER_NORM.id()));
        addTerms(expected, terms, Tile.Kind.INPUT_NORMALIZER, InputNormalizer.values());
        addTerms(expected, terms, Tile.Kind.INITIALIZER, Initializer.values());
        addTerms(expected, terms, Tile.Kind.ACTIVATION, ActivationFunction.values());
        addTerms(expected, terms, Tile.Kind.OPTIMIZER, OptimizerType.values());
        addTerms(expected, terms, Tile.Kind.SCHEDULE, Schedule.values());
        addTerms(expected, terms, Tile.Kind.LOSS, LossFunction.values());

        // when the palette is shown
        List<PaletteTile> tiles = palette.tiles();

        // then each entry has one tile, no more, and its tooltip says what the engine says
        List<Tile> shown = tiles.stream().map(PaletteTile::tile).toList();
        assertEquals(new HashSet<>(shown).size(), shown.size(), "no tile twice: " + shown);
        assertEquals(Set.copyOf(expected), Set.copyOf(shown));
        Map<Tile, PaletteTile> byTile = tiles.stream().collect(Collectors.toMap(PaletteTile::tile, Function.identity()));
        for (Map.Entry<Tile, Term> e : terms.entrySet()) {
            String tooltip = byTile.get(e.getKey()).tooltip().getText();
            assertTrue(tooltip.contains(e.getValue().explained().formula()), e.getKey() + " tooltip: " + tooltip);
            assertTrue(tooltip.contains(e.getValue().explained().summary()), e.getKey() + " tooltip: " + tooltip);
            assertEquals(e.getValue().explained().title(), byTile.get(e.getKey()).entry().title());
        }
        String dense = byTile.get(new Tile(Tile.Kind.LAYER, "dense")).tooltip().getText();
        assertTrue(dense.contains("y = x·W + b") && dense.contains(NodeType.DENSE.summary()), dense);
    }

    @Test
    void layerAndNormalizationTilesShowTheNodeTypesOwnText() {
        // given the tiles that make nodes
        for (PaletteTile tile : palette.tiles()) {
            if (tile.tile().kind() != Tile.Kind.LAYER && tile.tile().kind() != Tile.Kind.NORMALIZATION_LAYER) {
                continue;
            }
            // then title, summary, formula and source are the engine's @Explained text of that node type
            var explained = NodeType.byId(tile.tile().id()).orElseThrow().explained();
            PaletteEntry entry = tile.entry();
            assertEquals(explained.title(), entry.title(), tile.getId());
            assertEquals(explained.summary(), entry.summary(), tile.getId());
            assertEquals(explained.formula(), entry.formula(), tile.getId());
            assertEquals("—".equals(explained.source()) ? "" : explained.source(), entry.source(), tile.getId());
        }
        // and the layer norm tile says what the engine computes: torch's ε inside the square root
        assertTrue(NodeType.LAYER_NORM.explained().formula().contains("√(σ² + ε)"));
    }

    @Test
    void everyTileOfASectionHasItsOwnIconFromTheMaterialDesignPack() {
        for (PaletteCatalog.Section section : PaletteCatalog.sections()) {
            // then no two tiles of a section share an icon
            List<String> icons = section.entries().stream().map(PaletteEntry::icon).toList();
            assertEquals(new HashSet<>(icons).size(), icons.size(), section.title() + ": " + icons);
        }
        for (PaletteTile tile : palette.tiles()) {
            // and each code exists in ikonli-materialdesign2-pack: the icon shown resolved to it
            org.kordamp.ikonli.javafx.FontIcon icon = (org.kordamp.ikonli.javafx.FontIcon) tile.getChildren().get(0);
            assertEquals(tile.entry().icon(), icon.getIconCode().getDescription(), tile.getId());
            assertTrue(icon.getIconCode() instanceof Enum<?> e
                    && e.getDeclaringClass().getPackageName().equals("org.kordamp.ikonli.materialdesign2"), tile.getId());
        }
    }

    @Test
    void searchShowsOnlyMatchingTilesAndOpensTheirSection(FxRobot robot) {
        // given the initializers section, closed at first
        TitledPane initializers = robot.lookup("#section-initializers").queryAs(TitledPane.class);
        assertFalse(initializers.isExpanded());

        // when searching for "xavier" (He uniform's summary mentions Xavier)
        robot.clickOn("#palette-search").write("Xavier");

        // then only those tiles are shown, their section is open and the others are hidden
        Set<String> visible = palette.visibleTiles().stream().map(t -> t.tile().id()).collect(Collectors.toSet());
        assertEquals(Set.of("xavier_uniform", "xavier_normal", "he_uniform"), visible);
        assertTrue(initializers.isExpanded());
        assertFalse(robot.lookup("#section-optimizers").query().isVisible());

        // and when the search is cleared, everything is back, as open as before
        robot.interact(() -> palette.searchField().clear());
        assertEquals(palette.tiles().size(), palette.visibleTiles().size());
        assertFalse(initializers.isExpanded());
        assertTrue(robot.lookup("#section-optimizers").query().isVisible());
    }

    @Test
    void searchMatchesIdsToo(FxRobot robot) {
        // when searching for a file name with an underscore
        robot.interact(() -> palette.searchField().setText("min_max"));

        // then the min-max input normalizer is found although its title is "Min-max"
        assertEquals(List.of(new Tile(Tile.Kind.INPUT_NORMALIZER, "min_max")),
                palette.visibleTiles().stream().map(PaletteTile::tile).toList());
    }

    @Test
    void aTilesDragPayloadDecodesToItsTile() {
        // given every tile of the palette
        for (PaletteTile tile : palette.tiles()) {
            // when its drag content is built
            ClipboardContent content = PaletteView.dragContent(tile.tile());

            // then the payload under Tile.FORMAT decodes to the same tile
            assertEquals(tile.tile(), Tile.parse(content.get(Tile.FORMAT)).orElseThrow(), tile.getId());
        }
        // and the kinds are the ones drop targets expect
        assertEquals(Tile.parse(PaletteView.dragContent(new Tile(Tile.Kind.NORMALIZATION_LAYER, "batch_norm"))
                .get(Tile.FORMAT)).orElseThrow().kind(), Tile.Kind.NORMALIZATION_LAYER);
        assertEquals("OPTIMIZER:adam", PaletteView.dragContent(new Tile(Tile.Kind.OPTIMIZER, "adam")).get(Tile.FORMAT));
    }

    @Test
    void aTooltipIsAsTallAsItsText(FxRobot robot) {
        // given the Adam tile, whose tooltip has a long formula
        PaletteTile adam = palette.tiles().stream().filter(t -> t.tile().equals(new Tile(Tile.Kind.OPTIMIZER, "adam")))
                .findFirst().orElseThrow();

        // when its tooltip is shown
        robot.interact(() -> adam.tooltip().show(palette.getScene().getWindow(), 10, 10));

        // then it is a few lines high, not the height of the screen (a wrapped graphic once made it so)
        double height = adam.tooltip().getHeight();
        robot.interact(() -> adam.tooltip().hide());
        assertTrue(height > 60 && height < 320, "tooltip height " + height);
    }

    private static void addTerms(List<Tile> tiles, Map<Tile, Term> terms, Tile.Kind kind, Term[] values) {
        for (Term t : values) {
            Tile tile = new Tile(kind, t.id());
            tiles.add(tile);
            terms.put(tile, t);
        }
    }
}
