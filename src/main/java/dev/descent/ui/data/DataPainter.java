package dev.descent.ui.data;

import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.Task;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * Draws the data view's canvas: the scatter of the data (coloured by class, or y against x for
 * regression) with axes and ticks, the decision-boundary image behind the points or the prediction
 * curve over them; or, for image data, a grid of thumbnails labelled with their class.
 */
final class DataPainter {
    /** Most points drawn; larger sets are thinned evenly so drawing stays quick. */
    static final int MAX_POINTS = 4000;
    /** Thumbnails shown for image data. */
    static final int THUMBNAILS = 48;
    private static final double LEFT = 48;
    private static final double RIGHT = 12;
    private static final double TOP = 8;
    private static final double BOTTOM = 26;
    private static final Font FONT = Font.font(12);

    /** The theme's colours. */
    record Palette(Color background, Color foreground, Color muted, Color grid) {
    }

    /**
     * Everything one picture shows.
     *
     * @param boundary   the decision-boundary image over {@code range}, or null
     * @param curveX     x of the prediction curve, or null
     * @param curveY     y of the prediction curve, or null
     * @param curveColor colour of the prediction curve (the focus run's)
     */
    record Picture(Dataset data, PlotRange range, Image boundary, double[] curveX, double[] curveY, Color curveColor,
                   Palette palette) {
    }

    /** Plots narrower than this (pixels) are small multiples: their dots shrink and the legend is left out. */
    static final double SMALL_PLOT_WIDTH = 220;

    private DataPainter() {
    }

    /**
     * The picture in three layers, so that a new prediction repaints only its own layer and the
     * renderer reuses the others: {@link Layer#BACKDROP} (background and decision boundary, or the
     * thumbnails), {@link Layer#POINTS} (axes, the data, legend; transparent elsewhere) and
     * {@link Layer#CURVE} (the prediction curve of a regression; transparent elsewhere).
     */
    enum Layer { BACKDROP, POINTS, CURVE }

    static void paint(GraphicsContext g, double width, double height, Picture p, Layer layer) {
        if (layer == Layer.BACKDROP) {
            g.setFill(p.palette().background());
            g.fillRect(0, 0, width, height);
        } else {
            g.clearRect(0, 0, width, height);
        }
        if (p.data() == null || width < 40 || height < 40) {
            return;
        }
        g.setFont(FONT);
        if (p.data().isImages()) {
            if (layer == Layer.BACKDROP) {
                thumbnails(g, width, height, p);
            }
            return;
        }
        double px = LEFT;
        double py = TOP;
        double pw = width - LEFT - RIGHT;
        double ph = height - TOP - BOTTOM;
        if (pw < 20 || ph < 20) {
            return;
        }
        switch (layer) {
            case BACKDROP -> {
                if (p.boundary() != null) {
                    g.setImageSmoothing(true);
                    g.drawImage(p.boundary(), px, py, pw, ph);
                }
            }
            case POINTS -> points(g, px, py, pw, ph, p);
            case CURVE -> curve(g, px, py, pw, ph, p);
        }
    }

    // ---- scatter ----

    private static void points(GraphicsContext g, double px, double py, double pw, double ph, Picture p) {
        Dataset data = p.data();
        PlotRange r = p.range();
        axes(g, px, py, pw, ph, p);
        g.save();
        g.beginPath();
        g.rect(px, py, pw, ph);
        g.clip();
        boolean regression = data.task() == Task.REGRESSION;
        int n = data.size();
        int stride = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
        boolean small = pw < SMALL_PLOT_WIDTH; // a small multiple: smaller dots, no legend over the data
        double radius = small ? 2 : n / stride > 1500 ? 2.5 : 3.5;
        g.setLineWidth(1);
        g.setStroke(p.palette().background());
        Color regressionColor = p.palette().muted();
        for (int i = 0; i < n; i += stride) {
            double x = data.feature(i, 0);
            double y = regression ? data.target(i, 0) : data.features() > 1 ? data.feature(i, 1) : data.classOf(i);
            double sx = px + (x - r.xMin()) / r.width() * pw;
            double sy = py + (r.yMax() - y) / r.height() * ph;
            g.setFill(regression ? regressionColor : ClassColors.of(data.classOf(i)));
            g.fillOval(sx - radius, sy - radius, 2 * radius, 2 * radius);
            g.strokeOval(sx - radius, sy - radius, 2 * radius, 2 * radius);
        }
        g.restore();
        if (!regression && data.classCount() <= 10 && !small) {
            legend(g, px + pw, py, data.classNames(), p.palette());
        }
    }

    private static void curve(GraphicsContext g, double px, double py, double pw, double ph, Picture p) {
        if (p.curveX() == null || p.curveY() == null) {
            return;
        }
        PlotRange r = p.range();
        g.save();
        g.beginPath();
        g.rect(px, py, pw, ph);
        g.clip();
        g.setStroke(p.curveColor());
        g.setLineWidth(3);
        g.beginPath();
        boolean open = false;
        for (int i = 0; i < p.curveX().length; i++) {
            double y = p.curveY()[i];
            if (!Double.isFinite(y)) {
                open = false;
                continue;
            }
            double sx = px + (p.curveX()[i] - r.xMin()) / r.width() * pw;
            double sy = py + (r.yMax() - y) / r.height() * ph;
            if (open) {
                g.lineTo(sx, sy);
            } else {
                g.moveTo(sx, sy);
                open = true;
            }
        }
        g.stroke();
        g.restore();
    }

    private static void axes(GraphicsContext g, double px, double py, double pw, double ph, Picture p) {
        PlotRange r = p.range();
        Palette c = p.palette();
        g.setLineWidth(1);
        g.setFill(c.foreground());
        List<Double> xs = NiceTicks.of(r.xMin(), r.xMax(), Math.max(2, (int) (pw / 70)));
        List<Double> ys = NiceTicks.of(r.yMin(), r.yMax(), Math.max(2, (int) (ph / 45)));
        double xStep = xs.size() > 1 ? xs.get(1) - xs.get(0) : 1;
        double yStep = ys.size() > 1 ? ys.get(1) - ys.get(0) : 1;
        g.setStroke(c.grid().deriveColor(0, 1, 1, p.boundary() == null ? 1 : 0.5));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (double v : xs) {
            double x = Math.round(px + (v - r.xMin()) / r.width() * pw) + 0.5;
            g.strokeLine(x, py, x, py + ph);
            g.fillText(NiceTicks.label(v, xStep), x, py + ph + 5);
        }
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (double v : ys) {
            double y = Math.round(py + (r.yMax() - v) / r.height() * ph) + 0.5;
            g.strokeLine(px, y, px + pw, y);
            g.fillText(NiceTicks.label(v, yStep), px - 6, y);
        }
        g.setStroke(c.grid());
        g.strokeRect(px + 0.5, py + 0.5, pw - 1, ph - 1);
    }

    private static void legend(GraphicsContext g, double right, double top, List<String> names, Palette c) {
        double rowHeight = 17;
        double width = 0;
        for (String name : names) {
            width = Math.max(width, textWidth(name));
        }
        double boxWidth = width + 28;
        double boxHeight = names.size() * rowHeight + 8;
        double x = right - boxWidth - 6;
        double y = top + 6;
        g.setFill(c.background().deriveColor(0, 1, 1, 0.85));
        g.fillRoundRect(x, y, boxWidth, boxHeight, 6, 6);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        for (int k = 0; k < names.size(); k++) {
            double cy = y + 4 + rowHeight * (k + 0.5);
            g.setFill(ClassColors.of(k));
            g.fillOval(x + 8, cy - 4.5, 9, 9);
            g.setFill(c.foreground());
            g.fillText(names.get(k), x + 22, cy);
        }
    }

    private static double textWidth(String s) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(s);
        t.setFont(FONT);
        return t.getLayoutBounds().getWidth();
    }

    // ---- images ----

    private static void thumbnails(GraphicsContext g, double width, double height, Picture p) {
        Dataset data = p.data();
        int count = Math.min(THUMBNAILS, data.size());
        if (count == 0) {
            return;
        }
        double gap = 6;
        double label = 16;
        double aspect = data.imageHeight() / (double) data.imageWidth();
        // the largest thumbnail size at which all of them fit
        double best = 8;
        for (int cols = 1; cols <= count; cols++) {
            int rows = (count + cols - 1) / cols;
            double s = Math.min((width - gap) / cols - gap, ((height - gap) / rows - gap - label) / aspect);
            best = Math.max(best, s);
        }
        double size = Math.min(best, 112);
        int cols = Math.max(1, (int) ((width - gap) / (size + gap)));
        g.setImageSmoothing(false);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (int i = 0; i < count; i++) {
            double x = gap + (i % cols) * (size + gap);
            double y = gap + (i / cols) * (size * aspect + gap + label);
            if (y + size * aspect > height) {
                break;
            }
            g.drawImage(thumbnail(data, i, p.palette()), x, y, size, size * aspect);
            g.setStroke(p.palette().grid());
            g.strokeRect(x + 0.5, y + 0.5, size - 1, size * aspect - 1);
            if (data.task() == Task.CLASSIFICATION) {
                g.setFill(ClassColors.of(data.classOf(i)));
                g.fillText(fit(data.classNames().get(data.classOf(i)), size), x + size / 2, y + size * aspect + 1);
            }
        }
    }

    /** Example {@code i} as a grayscale image: ink in the foreground colour on the background. */
    static WritableImage thumbnail(Dataset data, int i, Palette c) {
        int w = data.imageWidth();
        int h = data.imageHeight();
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < w * h; j++) {
            float v = data.feature(i, j);
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double span = hi > lo ? hi - lo : 1;
        WritableImage image = new WritableImage(w, h);
        PixelWriter pixels = image.getPixelWriter();
        for (int j = 0; j < w * h; j++) {
            double t = (data.feature(i, j) - lo) / span;
            pixels.setColor(j % w, j / w, c.background().interpolate(c.foreground(), Double.isFinite(t) ? t : 0));
        }
        return image;
    }

    private static String fit(String s, double width) {
        int max = Math.max(1, (int) (width / 7));
        return s.length() <= max ? s : s.substring(0, Math.max(1, max - 1)) + "…";
    }
}
