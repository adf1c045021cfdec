package dev.descent.ui.inside;

import dev.descent.engine.train.DownsampledSeries;
import dev.descent.ui.model.RunColors;
import java.util.List;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/**
 * Update-to-weight ratio ‖Δθ‖₂/‖θ‖₂ of each parameter node of one run over the steps, on a log axis,
 * with the rule-of-thumb band around 10⁻³ (half a decade either side) shaded.
 */
final class RatioChart extends PlotCanvas {
    /** The band: 10^-3.5 to 10^-2.5. */
    static final double BAND_LOW = -3.5;
    static final double BAND_HIGH = -2.5;
    static final double AXIS = 40;
    private static final double LEGEND = 64;
    private List<String> nodes = List.of();
    private List<DownsampledSeries.Snapshot> series = List.of();
    private int lastStep = 1;
    private int marker;
    private double bottom = -5;
    private double top = -1;

    RatioChart() {
        super(520, 170);
    }

    void show(List<String> nodes, List<DownsampledSeries.Snapshot> series, int lastStep, int marker) {
        this.nodes = nodes;
        this.series = series;
        this.lastStep = Math.max(1, lastStep);
        this.marker = marker;
        double lo = BAND_LOW - 0.5;
        double hi = BAND_HIGH + 0.5;
        for (DownsampledSeries.Snapshot s : series) {
            for (int i = 0; i < s.size(); i++) {
                double v = s.means()[i];
                if (v > 0) {
                    lo = Math.min(lo, Math.log10(v));
                    hi = Math.max(hi, Math.log10(v));
                }
            }
        }
        bottom = Math.max(-9, Math.floor(lo));
        top = Math.min(2, Math.ceil(hi));
        redraw();
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
        g.setFill(Color.web("#59a14f", 0.18));
        double yb0 = y(BAND_HIGH, plotH);
        double yb1 = y(BAND_LOW, plotH);
        g.fillRect(AXIS, yb0, plotW, yb1 - yb0);
        g.setStroke(Color.web("#59a14f"));
        g.setLineDashes(4, 3);
        g.strokeLine(AXIS, y(-3, plotH), AXIS + plotW, y(-3, plotH));
        g.setLineDashes(null);
        g.setFill(foreground());
        for (int d = (int) bottom; d <= top; d++) {
            double y = y(d, plotH);
            g.setStroke(grid());
            g.strokeLine(AXIS, Math.round(y) + 0.5, AXIS + plotW, Math.round(y) + 0.5);
            g.fillText("1e" + d, 4, y + 4);
        }
        g.fillText("step " + lastStep, AXIS + plotW - 60, h - 3);
        g.fillText("1", AXIS, h - 3);
        for (int k = 0; k < series.size(); k++) {
            DownsampledSeries.Snapshot s = series.get(k);
            Color c = Color.web(RunColors.of(k));
            g.setStroke(c);
            g.setLineWidth(1.3);
            g.beginPath();
            boolean started = false;
            for (int i = 0; i < s.size(); i++) {
                double v = s.means()[i];
                if (!(v > 0)) {
                    started = false;
                    continue;
                }
                double x = AXIS + plotW * (s.steps()[i] - 1) / Math.max(1, lastStep - 1);
                double y = y(Math.max(bottom, Math.log10(v)), plotH);
                if (started) {
                    g.lineTo(x, y);
                } else {
                    g.moveTo(x, y);
                    started = true;
                }
            }
            g.stroke();
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
