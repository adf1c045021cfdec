package dev.descent.ui.inside;

import dev.descent.engine.train.WeightMatrix;
import java.util.function.BiConsumer;
import javafx.geometry.Point2D;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.paint.Color;

/**
 * A dense node's weight matrix W as a heatmap, one cell per weight: a row per input unit i, a column per
 * output unit j (W is [n_in, units], y = x·W + b), colour = the weight's sign and size (blue negative, red
 * positive, the background at 0, full colour at the largest |w|). The watched weight is framed; a click on
 * a cell asks to watch it.
 */
final class WeightMatrixView extends PlotCanvas {
    /** Largest picture of the matrix, in pixels (a large matrix gets cells smaller than a pixel). */
    static final double MAX_WIDTH = 256;
    static final double MAX_HEIGHT = 180;
    /** Largest cell, in pixels (a small matrix is not blown up). */
    static final double MAX_CELL = 14;
    /** Room around the cells for the watched weight's frame. */
    static final double MARGIN = 2;
    private static final Color NEGATIVE = Color.web("#4e79a7");
    private static final Color POSITIVE = Color.web("#e15759");
    private WeightMatrix matrix;
    private int row = -1;
    private int column = -1;
    private BiConsumer<Integer, Integer> onPick = (i, j) -> { };

    WeightMatrixView() {
        super(MAX_WIDTH, 60);
        setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                int[] cell = cellAt(e.getX(), e.getY());
                if (cell != null) {
                    onPick.accept(cell[0], cell[1]);
                }
            }
        });
    }

    private java.util.function.DoubleConsumer onScale = f -> { };

    /** Told the new factor when the view's scale changes (presenter mode). */
    void onScale(java.util.function.DoubleConsumer onScale) {
        this.onScale = onScale;
    }

    @Override
    void scale(double factor) {
        super.scale(factor);
        onScale.accept(factor);
    }

    /** Told (row, column) of a clicked cell. */
    void onPick(BiConsumer<Integer, Integer> pick) {
        this.onPick = pick;
    }

    /** Shows {@code matrix} (null: nothing yet) with W[row][column] framed (−1: none). */
    void show(WeightMatrix matrix, int row, int column) {
        boolean resized = matrix != null && (this.matrix == null || this.matrix.rows() != matrix.rows()
                || this.matrix.columns() != matrix.columns());
        this.matrix = matrix;
        this.row = row;
        this.column = column;
        if (resized) { // its base size, grown with the plot's scale (presenter mode)
            setPrefSize(scaleFactor() * (2 * MARGIN + cell(MAX_WIDTH, matrix.columns())),
                    scaleFactor() * (2 * MARGIN + cell(MAX_HEIGHT, matrix.rows())));
            setMinSize(USE_PREF_SIZE, USE_PREF_SIZE);
            setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        }
        redraw();
    }

    WeightMatrix matrix() {
        return matrix;
    }

    /** Pixels of {@code cells} cells in at most {@code room}: as large as fits, at most {@link #MAX_CELL} each. */
    private static double cell(double room, int cells) {
        return cells * Math.min(MAX_CELL, room / cells);
    }

    /** (row, column) of the cell at (x, y) in the view, or null. */
    int[] cellAt(double x, double y) {
        if (matrix == null) {
            return null;
        }
        int j = (int) Math.floor((x - MARGIN) / (getWidth() - 2 * MARGIN) * matrix.columns());
        int i = (int) Math.floor((y - MARGIN) / (getHeight() - 2 * MARGIN) * matrix.rows());
        return i < 0 || j < 0 || i >= matrix.rows() || j >= matrix.columns() ? null : new int[] {i, j};
    }

    /** The centre of cell (row, column) in the view's coordinates. */
    Point2D cellCentre(int row, int column) {
        return new Point2D(MARGIN + (column + 0.5) * (getWidth() - 2 * MARGIN) / matrix.columns(),
                MARGIN + (row + 0.5) * (getHeight() - 2 * MARGIN) / matrix.rows());
    }

    /** The largest |w| of the matrix (full colour), 0 if none. */
    double scaleOf() {
        double max = 0;
        if (matrix != null) {
            for (double v : matrix.values()) {
                max = Math.max(max, Math.abs(v));
            }
        }
        return max;
    }

    @Override
    void draw(GraphicsContext g, double w, double h) {
        if (matrix == null) {
            g.setFill(foreground());
            g.fillText("reading the weights…", 4, Math.min(h - 4, 14));
            return;
        }
        int rows = matrix.rows();
        int columns = matrix.columns();
        double max = scaleOf();
        WritableImage image = new WritableImage(columns, rows);
        int[] argb = new int[rows * columns];
        for (int k = 0; k < argb.length; k++) {
            double v = matrix.values()[k];
            double t = max == 0 || !Double.isFinite(v) ? 0 : Math.abs(v) / max;
            argb[k] = pack(background().interpolate(v < 0 ? NEGATIVE : POSITIVE, t));
        }
        image.getPixelWriter().setPixels(0, 0, columns, rows, PixelFormat.getIntArgbInstance(), argb, 0, columns);
        g.setImageSmoothing(false);
        double m = MARGIN;
        g.drawImage(image, m, m, w - 2 * m, h - 2 * m);
        if (row >= 0 && column >= 0 && row < rows && column < columns) {
            double cw = (w - 2 * m) / columns;
            double ch = (h - 2 * m) / rows;
            g.setStroke(foreground());
            g.setLineWidth(2);
            g.strokeRect(m + column * cw - 1, m + row * ch - 1, Math.max(3, cw + 2), Math.max(3, ch + 2));
            g.setLineWidth(1);
        }
    }

    private static int pack(Color c) {
        return 0xff000000 | ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8)
                | (int) Math.round(c.getBlue() * 255);
    }
}
