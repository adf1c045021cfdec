package dev.descent.ui.charts;

import dev.descent.engine.train.DownsampledSeries;
import dev.descent.engine.train.MetricLayout;
import java.awt.Color;
import java.awt.geom.Line2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.SeriesRenderingOrder;

/**
 * The L2 norm of each layer's gradient for the focus run, on a log axis: the picture of vanishing
 * (early layers far below late ones) and exploding gradients. One line per parameter node, ordered
 * input to output along a blue → magenta → orange ramp, so early and late layers read at a glance.
 * Smoothed with the loss chart's window (geometric mean), since per-minibatch norms are noisy.
 */
final class GradientChart extends LiveChart {
    private List<String> nodes = List.of();
    private double window = 1;

    GradientChart() {
        super("Gradient norm by layer", new ExponentAxis("L2 norm, log scale"));
        // input-side layers (the ones that vanish first) are drawn last, on top
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.REVERSE);
    }

    /** Smoothing window in steps (1 = raw): minibatch gradient norms are noisy. */
    void setWindow(double steps) {
        window = Math.max(1, steps);
    }

    @Override
    protected List<Curve> curves(ChartInput input) {
        ChartInput.Run run = input.focusRun();
        if (run == null || run.history() == null || run.history().layout() == null) {
            nodes = List.of();
            return List.of();
        }
        MetricLayout layout = run.history().layout();
        nodes = layout.parameterNodes();
        List<DownsampledSeries> norms = run.history().gradientNorms();
        List<Curve> curves = new ArrayList<>();
        for (int i = 0; i < nodes.size() && i < norms.size(); i++) {
            DownsampledSeries.Snapshot s = reader.read(norms.get(i));
            // smoothing the logarithm: a running geometric mean, right for values spanning decades
            curves.add(new Curve(nodes.get(i), nodes.get(i), ramp(i, nodes.size()), Curve.Line.SOLID, s.steps(),
                    Smoothing.ema(s.steps(), Curves.forAxis(s.means(), true), window), true));
        }
        return curves;
    }

    @Override
    protected String title(ChartInput input) {
        ChartInput.Run run = input.focusRun();
        return run == null ? "Gradient norm by layer" : "Gradient norm by layer · " + run.name();
    }

    @Override
    protected LegendItemCollection legend(ChartInput input) {
        LegendItemCollection items = new LegendItemCollection();
        for (int i = 0; i < nodes.size(); i++) {
            String label = nodes.get(i);
            if (nodes.size() > 1 && i == 0) {
                label += " (input side)";
            } else if (nodes.size() > 1 && i == nodes.size() - 1) {
                label += " (output side)";
            }
            items.add(new LegendItem(label, null, null, null, new Line2D.Double(-9, 0, 9, 0), SOLID,
                    ramp(i, nodes.size())));
        }
        return items;
    }

    @Override
    protected String noDataMessage(ChartInput input) {
        return input.comparison() == null ? "Press Train to see each layer's gradient" : "Waiting for the first steps…";
    }

    /**
     * Colour of layer {@code i} of {@code n}: hue from 215° (blue, input side) through magenta to 20°
     * (orange, output side), at a saturation and brightness readable on light and dark backgrounds.
     */
    static Color ramp(int i, int n) {
        double t = n <= 1 ? 0 : i / (double) (n - 1);
        double hue = (215 + t * 165) % 360;
        return Color.getHSBColor((float) (hue / 360), 0.72f, 0.88f);
    }
}
