package dev.descent.ui.charts;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
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

    /**
     * The y values the axis fits: those of the curves that set the range ({@link CurveDataset#keysSettingTheRange}),
     * within the step axis's range, as JFreeChart's own fit does for visible series.
     */
    @Override
    public org.jfree.data.Range findRangeBounds(XYDataset dataset) {
        List<Comparable<?>> keys = dataset instanceof CurveDataset curves ? curves.keysSettingTheRange() : null;
        if (keys == null) {
            return super.findRangeBounds(dataset);
        }
        XYPlot plot = getPlot();
        ValueAxis xAxis = plot == null ? null : plot.getDomainAxisForDataset(plot.indexOf(dataset));
        org.jfree.data.Range x = xAxis == null ? new org.jfree.data.Range(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)
                : xAxis.getRange();
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<Comparable> raw = (List) keys;
        return org.jfree.data.general.DatasetUtils.findRangeBounds(dataset, raw, x, false);
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
