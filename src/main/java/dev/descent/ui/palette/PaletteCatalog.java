package dev.descent.ui.palette;

import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.graph.ActivationFunction;
import dev.descent.engine.graph.Initializer;
import dev.descent.engine.graph.LossFunction;
import dev.descent.engine.graph.NodeType;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Explained;
import dev.descent.engine.vocab.Term;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole vocabulary of the engine as palette sections, in the order a network is built: layers,
 * normalizers, initializers, activations, optimizers, schedules, losses. Pure data: no JavaFX nodes.
 */
public final class PaletteCatalog {
    private PaletteCatalog() {
    }

    /**
     * One collapsible section.
     *
     * @param title    heading
     * @param icon     Ikonli code of the heading's icon
     * @param style    style class of the section (colours its icons)
     * @param expanded whether it starts open
     * @param entries  its tiles, in order
     */
    public record Section(String title, String icon, String style, boolean expanded, List<PaletteEntry> entries) {
        public Section {
            entries = List.copyOf(entries);
        }
    }

    static final String LAYER_GROUP = "Normalization layers";
    static final String INPUT_GROUP = "Input normalizers (drop on the input node)";

    /** Every section with its entries. */
    public static List<Section> sections() {
        return List.of(
                new Section("Layers", "mdi2l-layers-outline", "section-layers", true, List.of(
                        node(NodeType.INPUT, Tile.Kind.LAYER, ""),
                        node(NodeType.DENSE, Tile.Kind.LAYER, ""),
                        node(NodeType.DROPOUT, Tile.Kind.LAYER, ""),
                        node(NodeType.ADD, Tile.Kind.LAYER, ""))),
                new Section("Normalizers", "mdi2c-chart-bell-curve", "section-normalizers", true, normalizers()),
                new Section("Initializers", "mdi2d-dice-5-outline", "section-initializers", false,
                        terms(Initializer.values(), Tile.Kind.INITIALIZER)),
                new Section("Activations", "mdi2f-function-variant", "section-activations", true,
                        terms(ActivationFunction.values(), Tile.Kind.ACTIVATION)),
                new Section("Optimizers", "mdi2t-trending-down", "section-optimizers", true,
                        terms(OptimizerType.values(), Tile.Kind.OPTIMIZER)),
                new Section("Schedules", "mdi2s-stairs-down", "section-schedules", false,
                        terms(Schedule.values(), Tile.Kind.SCHEDULE)),
                new Section("Losses", "mdi2t-target", "section-losses", false,
                        terms(LossFunction.values(), Tile.Kind.LOSS)));
    }

    /** Every entry of every section, in palette order. */
    public static List<PaletteEntry> entries() {
        return sections().stream().flatMap(s -> s.entries().stream()).toList();
    }

    private static List<PaletteEntry> normalizers() {
        List<PaletteEntry> entries = new ArrayList<>();
        entries.add(node(NodeType.BATCH_NORM, Tile.Kind.NORMALIZATION_LAYER, LAYER_GROUP));
        entries.add(node(NodeType.LAYER_NORM, Tile.Kind.NORMALIZATION_LAYER, LAYER_GROUP));
        for (InputNormalizer n : InputNormalizer.values()) {
            entries.add(term(n, Tile.Kind.INPUT_NORMALIZER, INPUT_GROUP));
        }
        return entries;
    }

    private static PaletteEntry node(NodeType type, Tile.Kind kind, String group) {
        return entry(new Tile(kind, type.id()), type.explained(), group);
    }

    private static List<PaletteEntry> terms(Term[] terms, Tile.Kind kind) {
        List<PaletteEntry> entries = new ArrayList<>();
        for (Term t : terms) {
            entries.add(term(t, kind, ""));
        }
        return entries;
    }

    private static PaletteEntry term(Term t, Tile.Kind kind, String group) {
        return entry(new Tile(kind, t.id()), t.explained(), group);
    }

    /** The engine's text for {@code tile}; "—" as a source means there is none to cite. */
    private static PaletteEntry entry(Tile tile, Explained x, String group) {
        return new PaletteEntry(tile, x.title(), x.summary(), x.formula(), "—".equals(x.source()) ? "" : x.source(),
                TileIcons.of(tile), group);
    }
}
