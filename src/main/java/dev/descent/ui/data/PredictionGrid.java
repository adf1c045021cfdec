package dev.descent.ui.data;

import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/**
 * The raw inputs the data view asks the focus run to predict, and what it makes of the answer: for
 * two-feature classification an n × n grid over the plot whose answer becomes the decision-boundary
 * image; for one-feature regression n points along x whose answer becomes the prediction curve.
 */
final class PredictionGrid {
    /** Cells per side of the decision-boundary grid. */
    static final int BOUNDARY_CELLS = 60;
    /** Points along the regression curve. */
    static final int CURVE_POINTS = 200;

    private final PlotRange range;
    private final int n;
    private final boolean boundary;
    private final float[] features;

    private PredictionGrid(PlotRange range, int n, boolean boundary, float[] features) {
        this.range = range;
        this.n = n;
        this.boundary = boundary;
        this.features = features;
    }

    /**
     * Cell centres of an n × n grid over {@code range}, row-major from the top row (largest y) down,
     * two features each: row r, column c is input (x of column c, y of row r).
     */
    static PredictionGrid boundary(PlotRange range, int n) {
        float[] f = new float[n * n * 2];
        for (int r = 0; r < n; r++) {
            double y = range.yMax() - (r + 0.5) / n * range.height();
            for (int c = 0; c < n; c++) {
                int i = r * n + c;
                f[2 * i] = (float) (range.xMin() + (c + 0.5) / n * range.width());
                f[2 * i + 1] = (float) y;
            }
        }
        return new PredictionGrid(range, n, true, f);
    }

    /** n evenly spaced x values across {@code range}, one feature each. */
    static PredictionGrid curve(PlotRange range, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) x(range, n, i);
        }
        return new PredictionGrid(range, n, false, f);
    }

    private static double x(PlotRange range, int n, int i) {
        return range.xMin() + i / (double) (n - 1) * range.width();
    }

    boolean isBoundary() {
        return boundary;
    }

    PlotRange range() {
        return range;
    }

    int rows() {
        return boundary ? n * n : n;
    }

    /** Row-major raw inputs (shared; do not modify). */
    float[] features() {
        return features;
    }

    /** The x of curve point {@code i}. */
    double curveX(int i) {
        return x(range, n, i);
    }

    /**
     * The decision-boundary image, one pixel per cell: the colour of the most probable class, mixed
     * into {@code background} by how sure the run is (barely tinted at chance, strong when certain).
     * A single output column is read as the probability of class 1 (binary cross-entropy).
     */
    WritableImage image(double[] predictions, Color background) {
        int rows = n * n;
        int width = predictions.length / rows;
        WritableImage image = new WritableImage(n, n);
        PixelWriter pixels = image.getPixelWriter();
        int classes = width == 1 ? 2 : width;
        for (int i = 0; i < rows; i++) {
            int best = 0;
            double p = Double.NaN;
            if (width == 1) {
                double p1 = predictions[i];
                best = p1 >= 0.5 ? 1 : 0;
                p = Math.max(p1, 1 - p1);
            } else {
                for (int k = 0; k < width; k++) {
                    double v = predictions[i * width + k];
                    if (Double.isNaN(p) || v > p) {
                        p = v;
                        best = k;
                    }
                }
            }
            Color color;
            if (!Double.isFinite(p)) {
                color = background;
            } else {
                double chance = 1.0 / classes;
                double confidence = Math.max(0, Math.min(1, (p - chance) / (1 - chance)));
                color = background.interpolate(ClassColors.of(best), 0.12 + 0.43 * confidence);
            }
            pixels.setColor(i % n, i / n, color);
        }
        return image;
    }

    /** The prediction curve: the first output at each point (NaN where the run returned NaN). */
    double[] curve(double[] predictions) {
        int width = Math.max(1, predictions.length / n);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = predictions[i * width];
        }
        return y;
    }
}
