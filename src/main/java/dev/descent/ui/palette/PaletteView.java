package dev.descent.ui.palette;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import atlantafx.base.controls.CustomTextField;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The palettes: one collapsible section per family of the engine's vocabulary (layers, normalizers,
 * initializers, activations, optimizers, schedules, losses), a tile per entry, and a search field that
 * filters tiles by name, id or summary and opens the sections that match. Tiles are dragged onto the
 * canvas, nodes, edges or the runs panel; see {@link Tile} for the payload.
 */
public final class PaletteView extends VBox {
    private final CustomTextField search;
    private final List<SectionView> sections = new ArrayList<>();
    private final Label noMatch = new Label("Nothing matches.");
    private boolean[] expandedBeforeSearch;

    public PaletteView() {
        getStyleClass().add("palette");
        getStylesheets().add(PaletteView.class.getResource("palette.css").toExternalForm());
        setMinWidth(170);
        setPrefWidth(220);

        search = new CustomTextField();
        search.setId("palette-search");
        search.setPromptText("Search tiles");
        FontIcon magnifier = new FontIcon("mdi2m-magnify");
        magnifier.getStyleClass().add("palette-search-icon");
        search.setLeft(magnifier);
        FontIcon clear = new FontIcon("mdi2c-close-circle");
        clear.getStyleClass().add("palette-search-clear");
        clear.setCursor(javafx.scene.Cursor.HAND);
        clear.setOnMouseClicked(e -> search.clear());
        clear.visibleProperty().bind(search.textProperty().isNotEmpty());
        search.setRight(clear);
        search.getStyleClass().add("palette-search");
        search.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE) {
                search.clear();
            }
        });
        search.textProperty().addListener((o, was, now) -> filter(now));
        VBox.setMargin(search, new javafx.geometry.Insets(0, 6, 0, 6));

        VBox content = new VBox();
        content.getStyleClass().add("palette-sections");
        for (PaletteCatalog.Section section : PaletteCatalog.sections()) {
            SectionView view = new SectionView(section);
            sections.add(view);
            content.getChildren().add(view.pane);
        }
        noMatch.getStyleClass().add("palette-no-match");
        noMatch.setVisible(false);
        noMatch.setManaged(false);
        content.getChildren().add(noMatch);

        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("palette-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(search, scroll);
    }

    /** What a tile puts in the dragboard: its encoded {@link Tile} under {@link Tile#FORMAT}. */
    public static ClipboardContent dragContent(Tile tile) {
        ClipboardContent content = new ClipboardContent();
        content.put(Tile.FORMAT, tile.encode());
        return content;
    }

    /** The search field. */
    public TextField searchField() {
        return search;
    }

    /** Every tile, shown or filtered out, in palette order. */
    public List<PaletteTile> tiles() {
        return sections.stream().flatMap(s -> s.tiles.stream()).toList();
    }

    /** The tiles the current search shows. */
    public List<PaletteTile> visibleTiles() {
        return tiles().stream().filter(PaletteTile::isVisible).toList();
    }

    /** The section panes, in order. */
    public List<TitledPane> sectionPanes() {
        return sections.stream().map(s -> s.pane).toList();
    }

    /**
     * Shows only the tiles matching {@code query} and opens the sections that have any; an empty query
     * shows everything again with the sections opened or closed as they were before the search.
     */
    private void filter(String query) {
        boolean searching = query != null && !query.isBlank();
        if (searching && expandedBeforeSearch == null) {
            expandedBeforeSearch = new boolean[sections.size()];
            for (int i = 0; i < sections.size(); i++) {
                expandedBeforeSearch[i] = sections.get(i).pane.isExpanded();
            }
        }
        boolean any = false;
        for (SectionView section : sections) {
            any |= section.filter(query);
        }
        if (!searching && expandedBeforeSearch != null) {
            for (int i = 0; i < sections.size(); i++) {
                sections.get(i).pane.setExpanded(expandedBeforeSearch[i]);
            }
            expandedBeforeSearch = null;
        }
        noMatch.setVisible(!any);
        noMatch.setManaged(!any);
    }

    private static void show(javafx.scene.Node node, boolean shown) {
        node.setVisible(shown);
        node.setManaged(shown);
    }

    /** A section's pane, its tiles and its sub-headings. */
    private static final class SectionView {
        final TitledPane pane;
        final List<PaletteTile> tiles = new ArrayList<>();
        final List<Label> groups = new ArrayList<>();

        SectionView(PaletteCatalog.Section section) {
            VBox box = new VBox();
            box.getStyleClass().add("palette-section-content");
            String group = "";
            for (PaletteEntry entry : section.entries()) {
                if (!entry.group().isEmpty() && !entry.group().equals(group)) {
                    group = entry.group();
                    Label heading = new Label(group);
                    heading.setWrapText(true);
                    heading.getStyleClass().add("palette-group");
                    heading.setUserData(group);
                    groups.add(heading);
                    box.getChildren().add(heading);
                }
                PaletteTile tile = new PaletteTile(entry);
                tiles.add(tile);
                box.getChildren().add(tile);
            }
            FontIcon icon = new FontIcon(section.icon());
            icon.getStyleClass().add("palette-section-icon");
            pane = new TitledPane(section.title(), box);
            pane.setGraphic(icon);
            pane.setExpanded(section.expanded());
            pane.setAnimated(false);
            pane.getStyleClass().addAll("palette-section", section.style());
            pane.setId("section-" + section.title().toLowerCase(java.util.Locale.ROOT));
        }

        /** Filters the tiles; true if any is shown. */
        boolean filter(String query) {
            boolean any = false;
            for (PaletteTile tile : tiles) {
                boolean match = tile.entry().matches(query);
                show(tile, match);
                any |= match;
            }
            for (Label heading : groups) {
                show(heading, tiles.stream().anyMatch(t -> t.isVisible() && heading.getUserData().equals(t.entry().group())));
            }
            show(pane, any);
            if (any && query != null && !query.isBlank()) {
                pane.setExpanded(true);
            }
            return any;
        }
    }
}
