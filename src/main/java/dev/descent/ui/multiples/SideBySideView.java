package dev.descent.ui.multiples;

import dev.descent.ui.charts.GradientMultiples;
import dev.descent.ui.data.BoundaryMultiples;
import dev.descent.ui.model.DataModel;
import dev.descent.ui.model.Theme;
import dev.descent.ui.model.TrainingSession;
import javafx.geometry.Orientation;
import javafx.scene.control.SplitPane;

/**
 * Small multiples, one cell per run: above, each run's decision boundary (or regression fit) over the same
 * data rectangle; below, each run's gradient norm by layer on one shared axis range. Both update live
 * while the tab shows, and cost nothing while another tab does. FX thread only.
 */
public final class SideBySideView extends SplitPane {
    static final String BOUNDARIES_HEADING = "Decision boundary of each run (its first seed), over the same data";
    static final String GRADIENTS_HEADING = "Gradient norm by layer of each run, on one shared log scale";
    /** Room between the two grids in an export, and around its headings, in pixels. */
    private static final double EXPORT_GAP = 12;
    private final BoundaryMultiples boundaries;
    private final GradientMultiples gradients;
    private final Theme theme;
    private final java.util.List<javafx.scene.control.Label> headings = new java.util.ArrayList<>();

    public SideBySideView(DataModel data, TrainingSession session, Theme theme) {
        this.theme = theme;
        boundaries = new BoundaryMultiples(data, session, theme);
        gradients = new GradientMultiples(session, theme);
        setId("side-by-side");
        setOrientation(Orientation.VERTICAL);
        getItems().addAll(
                headed(BOUNDARIES_HEADING, boundaries),
                headed(GRADIENTS_HEADING, gradients));
        setDividerPositions(0.55);
        // a tab's content is hidden while another tab shows: the grids read again when it comes back
        dev.descent.ui.Shown.onShown(this, () -> {
            boundaries.refresh();
            gradients.refresh();
        });
    }

    private javafx.scene.layout.VBox headed(String heading, javafx.scene.layout.Region grid) {
        javafx.scene.control.Label label = new javafx.scene.control.Label(heading);
        headings.add(label);
        label.getStyleClass().add("side-by-side-heading");
        label.setMinWidth(0);
        label.setStyle("-fx-font-weight: bold; -fx-padding: 4 6 2 6;");
        javafx.scene.layout.VBox.setVgrow(grid, javafx.scene.layout.Priority.ALWAYS);
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(label, grid);
        box.setMinSize(0, 0);
        return box;
    }

    /**
     * Writes both grids to {@code file}, each under its heading, every cell (also those scrolled out of
     * view) at the size and in the columns the tab shows them: an SVG when the name ends in .svg (the
     * gradient charts and every title as vectors and text, each boundary picture as an image), a PNG
     * when in .png. A grid without cells is left out. The tab must have been laid out (shown once). FX thread.
     *
     * @throws IOException with one line naming the file and the reason
     */
    public void export(java.nio.file.Path file) throws java.io.IOException {
        dev.descent.ui.charts.ChartFile.formatOf(file); // refuse another ending before drawing
        boundaries.refresh();
        gradients.refresh();
        applyCss();
        layout();
        java.util.List<dev.descent.ui.CellGrid> grids = java.util.List.of(boundaries, gradients);
        double width = Math.max(boundaries.getWidth(), gradients.getWidth());
        double headingHeight = headings.get(0).getHeight();
        double height = 0;
        for (dev.descent.ui.CellGrid grid : grids) {
            if (grid.paintedHeight() > 0) {
                height += headingHeight + grid.paintedHeight() + EXPORT_GAP;
            }
        }
        if (width < 1 || height <= 0) {
            throw new java.io.IOException("cannot write " + file + ": the Side by side tab has nothing to show yet"
                    + " (train the runs, then show the tab)");
        }
        javafx.scene.paint.Color bg = javafx.scene.paint.Color.web(theme.background());
        javafx.scene.paint.Color fg = javafx.scene.paint.Color.web(theme.foreground());
        javafx.scene.text.Font font = headings.get(0).getFont();
        dev.descent.ui.charts.ChartFile.writeImage(file, (int) Math.ceil(width), (int) Math.ceil(height), (g, w, h) -> {
            g.setPaint(awt(bg));
            g.fillRect(0, 0, w, h);
            double y = 0;
            for (int i = 0; i < grids.size(); i++) {
                dev.descent.ui.CellGrid grid = grids.get(i);
                if (grid.paintedHeight() <= 0) {
                    continue;
                }
                g.setPaint(awt(fg));
                g.setFont(new java.awt.Font(font.getFamily(), java.awt.Font.BOLD, (int) Math.round(font.getSize())));
                java.awt.FontMetrics m = g.getFontMetrics();
                g.drawString(headings.get(i).getText(), 6f, (float) (y + (headingHeight + m.getAscent() - m.getDescent()) / 2));
                y += headingHeight;
                java.awt.geom.AffineTransform base = g.getTransform();
                g.translate(0, y);
                grid.paintCells(g, i == 0 ? boundaries::paintCell : gradients::paintCell);
                g.setTransform(base);
                y += grid.paintedHeight() + EXPORT_GAP;
            }
        });
    }

    private static java.awt.Color awt(javafx.scene.paint.Color c) {
        return new java.awt.Color((float) c.getRed(), (float) c.getGreen(), (float) c.getBlue());
    }

    public BoundaryMultiples boundaries() {
        return boundaries;
    }

    public GradientMultiples gradients() {
        return gradients;
    }
}
