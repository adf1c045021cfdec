package dev.descent.ui.inside;

import dev.descent.engine.train.Histogram;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/**
 * A histogram now (solid) over the initial one (ghosted, grey behind it), on their common value range;
 * bar height = share of the values. The range ends are written under the axis.
 */
final class HistogramView extends PlotCanvas {
    private Histogram now;
    private Histogram initial;
    private Color colour = Color.web("#4e79a7");

    HistogramView() {
        super(200, 54);
    }

    /**
     * Shows {@code now} over {@code initial}; the same histograms in the same colour keep the picture (a
     * run's histograms change only when it takes a snapshot, every few thousand steps in a long run, while
     * the tab refreshes 4 times a second).
     */
    void show(Histogram now, Histogram initial, Color colour) {
        if (now == this.now && initial == this.initial && colour.equals(this.colour)) {
            return;
        }
        this.now = now;
        this.initial = initial;
        this.colour = colour;
        redraw();
    }

    Histogram now() {
        return now;
    }

    Histogram initial() {
        return initial;
    }

    @Override
    void draw(GraphicsContext g, double w, double h) {
        if (now == null) {
            return;
        }
        double low = initial == null ? now.low() : Math.min(now.low(), initial.low());
        double high = initial == null ? now.high() : Math.max(now.high(), initial.high());
        double top = Math.max(maxShare(now), initial == null ? 0 : maxShare(initial));
        double plotH = h - 13;
        if (initial != null) {
            bars(g, initial, low, high, top, w, plotH, Color.gray(0.55, 0.45));
        }
        bars(g, now, low, high, top, w, plotH, colour.deriveColor(0, 1, 1, 0.8));
        g.setStroke(grid());
        g.strokeLine(0, plotH + 0.5, w, plotH + 0.5);
        g.setFill(foreground());
        g.fillText(StripView.format(low), 2, h - 2);
        String right = StripView.format(high);
        g.fillText(right, w - 6.2 * right.length() - 2, h - 2);
    }

    private static double maxShare(Histogram hist) {
        double max = 0;
        for (int i = 0; i < hist.bins(); i++) {
            max = Math.max(max, hist.share(i));
        }
        return max;
    }

    private static void bars(GraphicsContext g, Histogram hist, double low, double high, double top, double w,
                             double plotH, Color fill) {
        g.setFill(fill);
        double scale = w / (high - low);
        for (int i = 0; i < hist.bins(); i++) {
            double share = hist.share(i);
            if (share == 0) {
                continue;
            }
            double x0 = (hist.low() + i * hist.binWidth() - low) * scale;
            double bw = Math.max(1, hist.binWidth() * scale - 0.5);
            double bh = Math.max(1, plotH * share / top);
            g.fillRect(x0, plotH - bh, bw, bh);
        }
    }
}
