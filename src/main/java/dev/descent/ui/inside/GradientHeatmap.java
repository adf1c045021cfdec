package dev.descent.ui.inside;

import dev.descent.engine.train.DownsampledSeries;
import java.util.List;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * One run's gradients: a row per parameter node (the input side on top), x = step, colour = log10 of the
 * node's gradient L2 norm on a scale shared by every run's heatmap, so a vanishing gradient shows as a
 * dark band at the top. A marker shows the scrubbed step.
 */
final class GradientHeatmap extends PlotCanvas {
    static final double AXIS = 30;
    private List<String> nodes = List.of();
    private List<DownsampledSeries.Snapshot> series = List.of();
    private double low;
    private double high;
    private int lastStep = 1;
    private int marker;

    GradientHeatmap() {
        super(260, 120);
    }

    /**
     * Shows {@code series} (one per node, in {@code nodes}' order) on the log10 scale [low, high] over
     * steps 1 to {@code lastStep}.
     */
    void show(List<String> nodes, List<DownsampledSeries.Snapshot> series, double low, double high, int lastStep,
              int marker) {
        this.nodes = nodes;
        this.series = series;
        this.low = low;
        this.high = high;
        this.lastStep = Math.max(1, lastStep);
        this.marker = marker;
        redraw();
    }

    /** The colour scale: the log10 values drawn darkest and brightest. */
    double[] scale() {
        return new double[] {low, high};
    }

    /** The log10 gradient norm drawn for node row {@code row} at {@code step}, NaN if none. */
    double valueAt(int row, int step) {
        double v = Sparkline.valueAt(series.get(row), step);
        return v > 0 ? Math.log10(v) : Double.NaN;
    }

    @Override
    void draw(GraphicsContext g, double w, double h) {
        if (series.isEmpty()) {
            return;
        }
        int plotW = (int) Math.max(1, w - AXIS - 2);
        int plotH = (int) Math.max(1, h - 2);
        // a history that has just started can hold its series a moment before its layout names them
        int rows = Math.min(series.size(), nodes.size());
        if (rows == 0) {
            return;
        }
        int[] pixels = new int[plotW * plotH];
        java.util.Arrays.fill(pixels, StripView.argb(background()));
        for (int r = 0; r < rows; r++) {
            DownsampledSeries.Snapshot s = series.get(r);
            int y0 = plotH * r / rows;
            int y1 = plotH * (r + 1) / rows;
            int at = -1;
            for (int x = 0; x < plotW; x++) {
                double step = 1 + (lastStep - 1) * (x + 0.5) / plotW;
                while (at + 1 < s.size() && s.steps()[at + 1] <= step) {
                    at++;
                }
                if (at < 0) {
                    continue;
                }
                double v = s.means()[at];
                if (!(v > 0)) {
                    continue;
                }
                int colour = Ramp.argb((Math.log10(v) - low) / Math.max(1e-9, high - low));
                for (int y = y0; y < y1 - (y1 - y0 > 3 ? 1 : 0); y++) {
                    pixels[y * plotW + x] = colour;
                }
            }
        }
        WritableImage image = new WritableImage(plotW, plotH);
        image.getPixelWriter().setPixels(0, 0, plotW, plotH, PixelFormat.getIntArgbInstance(), pixels, 0, plotW);
        g.drawImage(image, AXIS, 1);
        g.setFill(foreground());
        for (int r = 0; r < rows; r++) {
            double y = 1 + plotH * (r + 0.5) / rows + 4;
            String name = nodes.get(r);
            g.fillText(name.length() > 5 ? name.substring(0, 5) : name, 2, y);
        }
        if (lastStep > 1) {
            double mx = AXIS + plotW * (marker - 1) / (double) (lastStep - 1);
            g.setStroke(foreground());
            g.setLineDashes(3, 3);
            g.strokeLine(Math.round(mx) + 0.5, 1, Math.round(mx) + 0.5, plotH + 1);
            g.setLineDashes(null);
        }
    }
}
