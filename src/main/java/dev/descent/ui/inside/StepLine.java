package dev.descent.ui.inside;

import java.util.Locale;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/**
 * One number over the recent steps on an axis fitted to it (its highest and lowest value written in the
 * plot's left corners, a dashed line at 0 when 0 is in range), the newest value in the top right corner. Linear, or log10
 * for a positive figure that can span decades (an effective step spikes where the gradient crosses 0). For the watched
 * weight's figures, which change sign (a gradient, a velocity) and are not comparable across layers.
 */
final class StepLine extends PlotCanvas {
    static final double WIDTH = 205;
    /** Height of the step labels under the plot. */
    private static final double STEPS = 13;
    private double[] steps = new double[0];
    private double[] values = new double[0];
    private final Color colour;
    private int marker;
    /** Whether the axis is log10 (for a positive figure that spans decades: |Δθ|/|g| where g crosses 0). */
    private final boolean log;

    StepLine(Color colour, boolean log) {
        super(WIDTH, 64);
        this.colour = colour;
        this.log = log;
    }

    /** Shows {@code values} at {@code steps} (same length, steps increasing), the scrubbed step {@code marker} dashed. */
    void show(double[] steps, int marker, double[] values) {
        this.steps = steps;
        this.values = values;
        this.marker = marker;
        redraw();
    }

    double[] steps() {
        return steps;
    }

    double[] values() {
        return values;
    }

    /** {@code v} in 3 significant digits ("–" for NaN). */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return v == 0 ? "0" : String.format(Locale.ROOT, "%.3g", v);
    }

    /**
     * {@code high} and {@code low} with as many significant digits (3 to 8) as it takes to tell them apart
     * (a weight that moves by 10⁻⁴ of its size would read "max −0.445, min −0.445").
     */
    static String[] formatApart(double high, double low) {
        for (int digits = 3; digits <= 8; digits++) {
            String a = format(high, digits);
            String b = format(low, digits);
            if (!a.equals(b) || digits == 8) {
                return new String[] {a, b};
            }
        }
        throw new AssertionError();
    }

    private static String format(double v, int digits) {
        return Double.isNaN(v) ? "–" : v == 0 ? "0" : String.format(Locale.ROOT, "%." + digits + "g", v);
    }

    @Override
    void draw(GraphicsContext g, double w, double h) {
        double plotW = Math.max(1, w - 1);
        double plotH = Math.max(1, h - STEPS);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            double t = axis(v);
            if (Double.isFinite(t)) {
                lo = Math.min(lo, t);
                hi = Math.max(hi, t);
            }
        }
        g.setStroke(grid());
        g.strokeRect(0.5, 0.5, plotW, plotH);
        if (lo > hi) {
            g.setFill(foreground());
            g.fillText("no steps yet", 6, plotH / 2 + 4);
            return;
        }
        if (hi - lo < Math.max(1e-300, Math.abs(hi) * 1e-9)) { // a flat line: centre it
            double pad = log ? 0.5 : hi == 0 ? 1 : Math.abs(hi) * 0.5;
            lo -= pad;
            hi += pad;
        }
        // room for the corner labels above and below the line
        double span = hi - lo;
        double top = hi + 0.22 * span;
        double bottom = lo - 0.22 * span;
        if (!log && bottom < 0 && top > 0) {
            double y0 = y(0, bottom, top, plotH);
            g.setStroke(grid());
            g.setLineDashes(3, 3);
            g.strokeLine(0, Math.round(y0) + 0.5, plotW, Math.round(y0) + 0.5);
            g.setLineDashes(null);
        }
        double first = steps[0];
        double last = steps[steps.length - 1];
        g.setStroke(colour);
        g.setLineWidth(1.4);
        strokeWithGaps(g, values.length,
                i -> 1 + (plotW - 2) * (last == first ? 1 : (steps[i] - first) / (last - first)),
                i -> {
                    double t = axis(values[i]);
                    return Double.isFinite(t) ? y(t, bottom, top, plotH) : Double.NaN;
                });
        g.setLineWidth(1);
        if (marker >= first && marker < last) { // the time scrub's step, when it is not the newest
            double mx = 1 + (plotW - 2) * (marker - first) / (last - first);
            g.setStroke(foreground());
            g.setLineDashes(3, 3);
            g.strokeLine(Math.round(mx) + 0.5, 1, Math.round(mx) + 0.5, plotH);
            g.setLineDashes(null);
        }
        g.setFill(foreground());
        String[] range = formatApart(value(hi), value(lo));
        g.fillText("max " + range[0] + (log ? "  (log axis)" : ""), 3, 11);
        g.fillText("min " + range[1], 3, plotH - 3);
        g.fillText("step " + (long) first, 1, h - 2);
        String end = "step " + (long) last;
        g.fillText(end, w - 6.1 * end.length() - 1, h - 2);
        String now = "now " + format(values[values.length - 1]);
        g.setFill(colour);
        g.fillText(now, w - 6.1 * now.length() - 3, 11);
    }

    /** Where {@code v} sits on the axis: itself, or log10 of it (NaN if not positive). */
    private double axis(double v) {
        return !log ? v : v > 0 ? Math.log10(v) : Double.NaN;
    }

    private double value(double t) {
        return log ? Math.pow(10, t) : t;
    }

    private static double y(double v, double bottom, double top, double plotH) {
        return 2 + (plotH - 4) * (top - v) / (top - bottom);
    }
}
