package dev.descent.ui.charts;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYDataset;

/**
 * Lines without shapes, plus what a log axis cannot show: a point that is exactly zero (a layer whose
 * gradient is 0) is drawn as a short mark in its curve's colour along the bottom edge of the plot, one
 * row per curve with zeros, so a dead layer reads as a bar at the bottom instead of a line that ends.
 */
final class CurveRenderer extends XYLineAndShapeRenderer {
    private static final long serialVersionUID = 1L;
    /** Height of one row of zero marks, and the gap above it, in pixels. */
    static final double MARK_HEIGHT = 4;
    static final double MARK_GAP = 2;

    CurveRenderer() {
        super(true, false);
    }

    /** Vertical centre of row {@code row} of zero marks in {@code area}. */
    static double markCentre(Rectangle2D area, int row) {
        return area.getMaxY() - 1 - MARK_HEIGHT / 2 - row * (MARK_HEIGHT + MARK_GAP);
    }

    @Override
    public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
                         XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series,
                         int item, CrosshairState crosshairState, int pass) {
        super.drawItem(g2, state, dataArea, info, plot, domainAxis, rangeAxis, dataset, series, item, crosshairState,
                pass);
        if (isItemPass(pass) && dataset instanceof CurveDataset curves && curves.isZero(series, item)) {
            double x = domainAxis.valueToJava2D(curves.getXValue(series, item), dataArea, plot.getDomainAxisEdge());
            double y = markCentre(dataArea, curves.zeroRow(series));
            g2.setPaint(lookupSeriesPaint(series));
            g2.fill(new Rectangle2D.Double(x - 1.5, y - MARK_HEIGHT / 2, 3, MARK_HEIGHT));
        }
    }
}
