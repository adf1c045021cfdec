package dev.descent.ui.charts;

import dev.descent.engine.train.DownsampledSeries;
import dev.descent.engine.train.MetricLayout;
import java.awt.Color;
import java.awt.geom.Line2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.SeriesRenderingOrder;

/**
 * The L2 norm of each layer's gradient for the focus run, on a log axis: the picture of vanishing
 * (early layers far below late ones) and exploding gradients. One line per parameter node, ordered
 * input to output along a blue → magenta → orange ramp, so early and late layers read at a glance.
 * Smoothed with the loss chart's window (geometric mean), since per-minibatch norms are noisy. A norm of
 * exactly 0 (dead ReLUs upstream) cannot sit on a log axis: it is marked along the bottom edge, read as 0
 * in the hover and the legend, and named in a note under the title.
 */
final class GradientChart extends LiveChart {
    private List<String> nodes = List.of();
    /** Per node of {@link #nodes}: "step 17" if its gradient has been exactly 0 since then, else null. */
    private String[] zeroSince = new String[0];
    private double window = 1;

    GradientChart() {
        super("Gradient norm by layer", new ExponentAxis("L2 norm, log scale"));
        // input-side layers (the ones that vanish first) are drawn last, on top
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.REVERSE);
    }

    /** The y axis's label: at presenter sizes the short one, which fits the plot's height (the ticks show the decades). */
    void labelFor(double scale) {
        String label = scale > 1 ? "L2 norm" : "L2 norm, log scale";
        if (!label.equals(plot.getRangeAxis().getLabel())) {
            plot.getRangeAxis().setLabel(label);
        }
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
            zeroSince = new String[0];
            return List.of();
        }
        MetricLayout layout = run.history().layout();
        nodes = layout.parameterNodes();
        List<DownsampledSeries> norms = run.history().gradientNorms();
        List<Curve> curves = new ArrayList<>();
        zeroSince = new String[nodes.size()];
        for (int i = 0; i < nodes.size() && i < norms.size(); i++) {
            DownsampledSeries.Snapshot s = reader.read(norms.get(i));
            zeroSince[i] = zeroSince(s);
            // smoothing the logarithm: a running geometric mean, right for values spanning decades
            curves.add(new Curve(nodes.get(i), nodes.get(i), ramp(i, nodes.size()), Curve.Line.SOLID, s.steps(),
                    Smoothing.ema(s.steps(), Curves.forAxis(s.means(), true), window), true));
        }
        return curves;
    }

    /**
     * Where the latest stretch of exact zeros began ("step 17", "about step 1,700" once buckets hold
     * several steps and only their centre is known), or null if the latest value is not 0. A bucket's mean
     * is 0 only if every norm in it was 0 (norms are never negative).
     */
    static String zeroSince(DownsampledSeries.Snapshot s) {
        int n = s.size();
        if (n == 0 || s.means()[n - 1] != 0) {
            return null;
        }
        int first = n - 1;
        while (first > 0 && s.means()[first - 1] == 0) {
            first--;
        }
        boolean exact = s.totalPoints() == n;
        return String.format(Locale.ROOT, exact ? "step %,d" : "about step %,d", Math.round(s.steps()[first]));
    }

    /** "h1 and h2: gradient is exactly 0 from step 17: they no longer learn", or "". */
    @Override
    protected String note(ChartInput input) {
        Map<String, List<String>> bySince = new LinkedHashMap<>();
        for (int i = 0; i < zeroSince.length && i < nodes.size(); i++) {
            if (zeroSince[i] != null) {
                bySince.computeIfAbsent(zeroSince[i], k -> new ArrayList<>()).add(nodes.get(i));
            }
        }
        List<String> parts = new ArrayList<>();
        int layers = 0;
        for (Map.Entry<String, List<String>> e : bySince.entrySet()) {
            String who = names(e.getValue());
            layers += e.getValue().size();
            parts.add(parts.isEmpty() ? who + ": gradient is exactly 0 from " + e.getKey()
                    : who + ": from " + e.getKey());
        }
        if (parts.isEmpty()) {
            return "";
        }
        return String.join("; ", parts) + (layers == 1 ? ": it no longer learns" : ": they no longer learn");
    }

    /** "h1", "h1 and h2", "h1, h2 and out". */
    private static String names(List<String> ids) {
        if (ids.size() == 1) {
            return ids.get(0);
        }
        return String.join(", ", ids.subList(0, ids.size() - 1)) + " and " + ids.get(ids.size() - 1);
    }

    @Override
    protected String title(ChartInput input) {
        ChartInput.Run run = input.focusRun();
        if (run == null) {
            return "Gradient norm by layer";
        }
        return isCompact() ? run.name() : "Gradient norm by layer · " + run.name(); // the grid's heading says what
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
            if (i < zeroSince.length && zeroSince[i] != null) {
                label += " = 0";
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
