package dev.descent.ui.inside;

import dev.descent.engine.train.Histogram;
import dev.descent.engine.train.Snapshot;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * One node's distribution over time: x = step, y = value, colour = share of the values in that bin at
 * that step (√ scale, dark = none or few, bright = many). Each column shows the last snapshot at
 * or before its step, on the common value range of all snapshots. A marker shows the scrubbed step.
 */
final class StripView extends PlotCanvas {
    static final double AXIS = 44;
    /** Share drawn at full brightness. */
    static final double FULL_SHARE = 0.5;
    private List<Snapshot> snapshots = List.of();
    private Function<Snapshot, Histogram> pick;
    private int marker;

    StripView() {
        super(420, 64);
    }

    /**
     * Shows {@code pick} of every snapshot, with a marker at {@code marker}. The picture is kept while the
     * snapshots are the same list (a run replaces its list when it takes a snapshot) and the marker stays
     * in the same pixel column: {@code pick} must then be the same function of a snapshot.
     */
    void show(List<Snapshot> all, Function<Snapshot, Histogram> pick, int marker) {
        if (all == this.snapshots && this.pick != null && markerColumn(all, marker) == markerColumn(all, this.marker)) {
            this.marker = marker;
            return;
        }
        this.snapshots = all;
        this.pick = pick;
        this.marker = marker;
        redraw();
    }

    /** The pixel column of the marker at {@code step} (clamped to the plot), -1 when none is drawn. */
    private int markerColumn(List<Snapshot> all, int step) {
        int plotW = (int) Math.max(1, getWidth() - AXIS - 2);
        int lastStep = all.isEmpty() ? 1 : all.get(all.size() - 1).step();
        if (lastStep <= 1) {
            return -1;
        }
        return (int) Math.round(plotW * Math.min(1, (Math.max(1, step) - 1) / (double) (lastStep - 1)));
    }

    /** The value range [low, high] over every snapshot shown. */
    static double[] range(List<Snapshot> all, Function<Snapshot, Histogram> pick) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (Snapshot s : all) {
            Histogram h = pick.apply(s);
            low = Math.min(low, h.low());
            high = Math.max(high, h.high());
        }
        return new double[] {low, high};
    }

    @Override
    void draw(GraphicsContext g, double w, double h) {
        if (snapshots.isEmpty() || pick == null) {
            return;
        }
        double[] range = range(snapshots, pick);
        int plotW = (int) Math.max(1, w - AXIS - 2);
        int plotH = (int) Math.max(1, h - 2);
        int lastStep = snapshots.get(snapshots.size() - 1).step();
        int[] pixels = new int[plotW * plotH];
        // an empty bin is the ramp's darkest colour, so that the strip reads as one image
        java.util.Arrays.fill(pixels, Ramp.argb(0));
        int at = 0;
        for (int x = 0; x < plotW; x++) {
            double step = 1 + (lastStep - 1) * (x + 0.5) / plotW;
            while (at + 1 < snapshots.size() && snapshots.get(at + 1).step() <= step) {
                at++;
            }
            Histogram hist = pick.apply(snapshots.get(at));
            long total = hist.total();
            if (total == 0) {
                continue;
            }
            for (int y = 0; y < plotH; y++) {
                double value = range[1] - (range[1] - range[0]) * (y + 0.5) / plotH;
                int bin = (int) Math.floor((value - hist.low()) / hist.binWidth());
                if (bin < 0 || bin >= hist.bins() || hist.count(bin) == 0) {
                    continue;
                }
                double share = hist.count(bin) / (double) total;
                pixels[y * plotW + x] = Ramp.argb(Math.sqrt(share / FULL_SHARE));
            }
        }
        WritableImage image = new WritableImage(plotW, plotH);
        image.getPixelWriter().setPixels(0, 0, plotW, plotH, PixelFormat.getIntArgbInstance(), pixels, 0, plotW);
        g.drawImage(image, AXIS, 1);
        g.setStroke(grid());
        g.strokeRect(AXIS - 0.5, 0.5, plotW + 1, plotH + 1);
        g.setFill(foreground());
        g.fillText(format(range[1]), 2, 11);
        g.fillText(format(range[0]), 2, h - 3);
        if (lastStep > 1) {
            double mx = AXIS + plotW * Math.min(1, (Math.max(1, marker) - 1) / (double) (lastStep - 1));
            g.setStroke(foreground());
            g.setLineDashes(3, 3);
            g.strokeLine(Math.round(mx) + 0.5, 1, Math.round(mx) + 0.5, plotH + 1);
            g.setLineDashes(null);
        }
    }

    static int argb(javafx.scene.paint.Color c) {
        return 0xff000000 | ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8)
                | (int) Math.round(c.getBlue() * 255);
    }

    static String format(double v) {
        double a = Math.abs(v);
        if (v == 0) {
            return "0";
        }
        return a >= 1e4 || a < 1e-2 ? String.format(Locale.ROOT, "%.1e", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
