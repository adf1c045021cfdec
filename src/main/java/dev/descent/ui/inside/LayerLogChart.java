package dev.descent.ui.inside;

import dev.descent.engine.train.DownsampledSeries;
import dev.descent.ui.model.RunColors;
import java.util.List;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/**
 * One figure of each parameter node of one run over the steps, a line per layer on a log axis: the
 * update-to-weight ratio ‖Δθ‖₂/‖θ‖₂ with the rule-of-thumb band around 10⁻³ (half a decade either side)
 * shaded ({@link #ratios()}), or an optimizer's figure without a band ({@link #plain()}).
 */
final class LayerLogChart extends PlotCanvas {
    /** The band: 10^-3.5 to 10^-2.5. */
    static final double BAND_LOW = -3.5;
    static final double BAND_HIGH = -2.5;
    static final double AXIS = 40;
    private static final double LEGEND = 64;
    private List<String> nodes = List.of();
    private List<DownsampledSeries.Snapshot> series = List.of();
    private int lastStep = 1;
    private int marker;
    /** Lowest and highest decade any axis shows (a plain chart's state can be as small as g², 10⁻¹⁶). */
    private static final double LOWEST = -16;
    private static final double HIGHEST = 6;
    private final boolean band;
    private double bottom = -5;
    private double top = -1;

    private LayerLogChart(boolean band, double height) {
        super(520, height);
        this.band = band;
    }

    /** The update-to-weight ratio chart, with its band. */
    static LayerLogChart ratios() {
        return new LayerLogChart(true, 170);
    }

    /** A chart without a band, its axis fitted to the lines. */
    static LayerLogChart plain() {
        return new LayerLogChart(false, 120);
    }

    void show(List<String> nodes, List<DownsampledSeries.Snapshot> series, int lastStep, int marker) {
        this.nodes = nodes;
        this.series = series;
        this.lastStep = Math.max(1, lastStep);
        this.marker = marker;
        double lo = band ? BAND_LOW - 0.5 : Double.POSITIVE_INFINITY;
        double hi = band ? BAND_HIGH + 0.5 : Double.NEGATIVE_INFINITY;
        for (DownsampledSeries.Snapshot s : series) {
            for (int i = 0; i < s.size(); i++) {
                double v = s.means()[i];
                if (v > 0 && Double.isFinite(v)) {
                    lo = Math.min(lo, Math.log10(v));
                    hi = Math.max(hi, Math.log10(v));
                }
            }
        }
        if (lo > hi) {
            lo = -3;
            hi = 0;
        }
        bottom = Math.max(band ? -9 : LOWEST, Math.floor(lo));
        top = Math.min(band ? 2 : HIGHEST, Math.ceil(hi));
        if (top <= bottom) {
            top = bottom + 1;
        }
        redraw();
    }

    /** The lines drawn: each layer's points as (step, value). */
    List<DownsampledSeries.Snapshot> series() {
        return series;
    }

    /** The layers drawn, one line each. */
    List<String> nodes() {
        return nodes;
    }

    /** The lowest and highest decade of the axis. */
    double[] axis() {
        return new double[] {bottom, top};
    }

    @Override
    void draw(GraphicsContext g, double w, double h) {
        double plotW = Math.max(1, w - AXIS - LEGEND);
        double plotH = Math.max(1, h - 16);
        if (band) {
            g.setFill(Color.web("#59a14f", 0.18));
            double yb0 = y(BAND_HIGH, plotH);
            double yb1 = y(BAND_LOW, plotH);
            g.fillRect(AXIS, yb0, plotW, yb1 - yb0);
            g.setStroke(Color.web("#59a14f"));
            g.setLineDashes(4, 3);
            g.strokeLine(AXIS, y(-3, plotH), AXIS + plotW, y(-3, plotH));
            g.setLineDashes(null);
        }
        g.setFill(foreground());
        int every = (int) Math.ceil((top - bottom) / Math.max(1, Math.floor(plotH / 16)));
        for (int d = (int) bottom; d <= top; d += Math.max(1, every)) {
            double y = y(d, plotH);
            g.setStroke(grid());
            g.strokeLine(AXIS, Math.round(y) + 0.5, AXIS + plotW, Math.round(y) + 0.5);
            g.fillText("1e" + d, 4, y + 4);
        }
        g.fillText("step " + lastStep, AXIS + plotW - 60, h - 3);
        g.fillText("1", AXIS, h - 3);
        for (int k = 0; k < series.size() && k < nodes.size(); k++) {
            DownsampledSeries.Snapshot s = series.get(k);
            Color c = Color.web(RunColors.of(k));
            g.setStroke(c);
            g.setLineWidth(1.3);
            strokeWithGaps(g, s.size(), i -> AXIS + plotW * (s.steps()[i] - 1) / Math.max(1, lastStep - 1), i -> {
                double v = s.means()[i];
                return v > 0 && Double.isFinite(v) ? y(Math.max(bottom, Math.log10(v)), plotH) : Double.NaN;
            });
            g.setLineWidth(1);
            g.setFill(c);
            g.fillRect(AXIS + plotW + 8, 6 + 14 * k, 10, 3);
            g.setFill(foreground());
            g.fillText(nodes.get(k), AXIS + plotW + 22, 11 + 14 * k);
        }
        if (lastStep > 1) {
            double mx = AXIS + plotW * (marker - 1) / (double) (lastStep - 1);
            g.setStroke(foreground());
            g.setLineDashes(3, 3);
            g.strokeLine(Math.round(mx) + 0.5, 1, Math.round(mx) + 0.5, plotH);
            g.setLineDashes(null);
        }
    }

    private double y(double decade, double plotH) {
        return 2 + (plotH - 2) * (top - decade) / Math.max(1e-9, top - bottom);
    }
}
