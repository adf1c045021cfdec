package dev.descent.ui;

import java.util.List;
import dev.descent.ui.model.Theme;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.TilePane;

/**
 * Equal cells of small multiples that stay readable however many there are: the cells fill the view while
 * they fit at their smallest readable size, and beyond that keep that size in as many columns as fit and
 * scroll vertically. With {@code n} cells in a viewport {@code W x H}, at smallest {@code w x h} (times the
 * presenter's scale {@code s}):
 * <pre>
 *   columns = clamp(floor((W + gap) / (w s + gap)), 1, n)      rows = ceil(n / columns)
 *   cell width = (W - (columns - 1) gap) / columns             cell height = max(h s, (H - (rows - 1) gap) / rows)
 * </pre>
 * so that a sweep's 24 points show as 24 pictures, not 24 titles over slivers. FX thread only.
 */
public class CellGrid extends ScrollPane {
    private static final double GAP = 6;
    private final TilePane tiles = new TilePane(GAP, GAP);
    private final double minWidth;
    private final double minHeight;
    private Theme theme;
    private int cellCount;

    /**
     * @param minWidth  the narrowest a cell is readable at, in pixels at scale 1
     * @param minHeight the lowest a cell is readable at, in pixels at scale 1
     */
    public CellGrid(double minWidth, double minHeight) {
        this.minWidth = minWidth;
        this.minHeight = minHeight;
        tiles.setPadding(Insets.EMPTY);
        setContent(tiles);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        setVbarPolicy(ScrollBarPolicy.AS_NEEDED);
        setMinSize(0, 0);
        getStyleClass().add("cell-grid");
        viewportBoundsProperty().addListener(o -> layoutCells());
    }

    /** Scales the smallest cell size with the theme's (presenter mode's 1.6); 1 when not called. */
    public void scaleWith(Theme theme) {
        this.theme = theme;
        theme.presenterProperty().addListener(o -> layoutCells());
        layoutCells();
    }

    /** Shows {@code cells}, in order, replacing what was shown. */
    public void showCells(List<? extends Region> cells) {
        for (Region cell : cells) {
            cell.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
            cell.setMinSize(0, 0);
        }
        cellCount = cells.size();
        tiles.getChildren().setAll(cells);
        layoutCells();
    }

    /** Shows one line of text instead of cells (nothing trained yet, data without pictures). */
    public void showMessage(Node message) {
        cellCount = 0;
        tiles.getChildren().setAll(message);
        tiles.setPrefTileWidth(Region.USE_COMPUTED_SIZE);
        tiles.setPrefTileHeight(Region.USE_COMPUTED_SIZE);
        tiles.setPrefColumns(1);
    }

    /** Columns the cells are laid out in now. */
    public int columns() {
        return tiles.getPrefColumns();
    }

    /** Whether {@code cell} is at least partly inside the visible part of the grid (scrolled into view). */
    public boolean inView(Node cell) {
        Bounds viewport = getViewportBounds();
        if (viewport == null || viewport.getHeight() <= 0) {
            return true; // not laid out yet: every cell counts as visible
        }
        double contentHeight = tiles.getLayoutBounds().getHeight();
        double top = Math.max(0, contentHeight - viewport.getHeight()) * vvalueFraction();
        Bounds b = cell.getBoundsInParent();
        return b.getMaxY() >= top && b.getMinY() <= top + viewport.getHeight();
    }

    private double vvalueFraction() {
        double range = getVmax() - getVmin();
        return range <= 0 ? 0 : (getVvalue() - getVmin()) / range;
    }

    /** Paints one cell, {@code width × height} pixels, at the origin of {@code g}. */
    public interface CellPainter {
        void paint(int cell, java.awt.Graphics2D g, double width, double height);
    }

    /** Cells shown (0 while a message shows instead). */
    public int cellCount() {
        return cellCount;
    }

    /**
     * The height in pixels that {@link #paintCells} takes: every cell, also those scrolled out of view, in
     * the columns and at the tile size laid out now; 0 before the grid was laid out or without cells.
     */
    public double paintedHeight() {
        int columns = tiles.getPrefColumns();
        if (cellCount == 0 || columns < 1 || !(tiles.getPrefTileHeight() > 0)) {
            return 0;
        }
        int rows = (cellCount + columns - 1) / columns;
        return rows * tiles.getPrefTileHeight() + (rows - 1) * GAP;
    }

    /** Paints every cell with {@code painter}, as laid out now, from the origin of {@code g} (see {@link #paintedHeight}). */
    public void paintCells(java.awt.Graphics2D g, CellPainter painter) {
        int columns = tiles.getPrefColumns();
        double w = tiles.getPrefTileWidth();
        double h = tiles.getPrefTileHeight();
        if (paintedHeight() <= 0 || !(w > 0)) {
            return;
        }
        java.awt.geom.AffineTransform base = g.getTransform();
        for (int k = 0; k < cellCount; k++) {
            g.setTransform(base);
            g.translate((k % columns) * (w + GAP), (k / columns) * (h + GAP));
            java.awt.Shape clip = g.getClip();
            g.clip(new java.awt.geom.Rectangle2D.Double(0, 0, w, h));
            painter.paint(k, g, w, h);
            g.setClip(clip);
        }
        g.setTransform(base);
    }

    private void layoutCells() {
        Bounds viewport = getViewportBounds();
        if (cellCount == 0 || viewport == null || viewport.getWidth() <= 0) {
            return;
        }
        double s = theme == null ? 1 : theme.scale();
        double width = viewport.getWidth();
        double height = viewport.getHeight();
        int columns = (int) Math.floor((width + GAP) / (minWidth * s + GAP));
        columns = Math.max(1, Math.min(cellCount, columns));
        int rows = (cellCount + columns - 1) / columns;
        double cellWidth = Math.floor((width - (columns - 1) * GAP) / columns);
        double cellHeight = Math.floor(Math.max(minHeight * s, (height - (rows - 1) * GAP) / rows));
        tiles.setPrefColumns(columns);
        tiles.setPrefTileWidth(cellWidth);
        tiles.setPrefTileHeight(cellHeight);
    }
}
