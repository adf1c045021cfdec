package dev.descent.ui.charts;

import dev.descent.ui.model.Theme;
import java.awt.Color;

/**
 * The theme's colours as AWT colours for JFreeChart.
 *
 * @param background chart and plot background
 * @param foreground titles and tick labels
 * @param muted      axis labels and the empty-chart message
 * @param grid       grid lines and the plot outline
 */
record ChartPalette(Color background, Color foreground, Color muted, Color grid) {
    static final ChartPalette LIGHT = new ChartPalette(Color.WHITE, new Color(0x24292f), new Color(0x57606a),
            new Color(0xd0d7de));

    static ChartPalette of(Theme theme) {
        Color bg = Color.decode(theme.background());
        Color fg = Color.decode(theme.foreground());
        return new ChartPalette(bg, fg, mix(fg, bg, 0.3), Color.decode(theme.grid()));
    }

    /** {@code a} moved towards {@code b} by {@code t} (0..1). */
    static Color mix(Color a, Color b, double t) {
        return new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }
}
