package dev.descent.ui.inside;

import dev.descent.engine.train.DownsampledSeries;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/** A small line of a share (0 to 1) over the steps, with a dot at the scrubbed step. */
final class Sparkline extends PlotCanvas {
    private DownsampledSeries.Snapshot series;
    private int lastStep = 1;
    private int marker;

    Sparkline() {
        super(90, 24);
    }

    void show(DownsampledSeries.Snapshot series, int lastStep, int marker) {
        this.series = series;
        this.lastStep = Math.max(1, lastStep);
        this.marker = marker;
        redraw();
    }

    /** The value at the last recorded step at or before {@code step}, NaN if none. */
    static double valueAt(DownsampledSeries.Snapshot s, int step) {
        double found = Double.NaN;
        for (int i = 0; i < s.size() && s.steps()[i] <= step; i++) {
            found = s.means()[i];
        }
        return found;
    }

    @Override
    void draw(GraphicsContext g, double w, double h) {
        g.setStroke(grid());
        g.strokeLine(0, h - 1.5, w, h - 1.5);
        if (series == null || series.size() == 0) {
            return;
        }
        g.setStroke(Color.web("#e15759"));
        g.setLineWidth(1.2);
        g.beginPath();
        for (int i = 0; i < series.size(); i++) {
            double x = w * (series.steps()[i] - 1) / Math.max(1, lastStep - 1);
            double y = (h - 2) * (1 - series.means()[i]) + 1;
            if (i == 0) {
                g.moveTo(x, y);
            } else {
                g.lineTo(x, y);
            }
        }
        g.stroke();
        g.setLineWidth(1);
        double v = valueAt(series, marker);
        if (!Double.isNaN(v)) {
            double x = w * (marker - 1) / Math.max(1, lastStep - 1);
            g.setFill(foreground());
            g.fillOval(x - 2.5, (h - 2) * (1 - v) + 1 - 2.5, 5, 5);
        }
    }
}
