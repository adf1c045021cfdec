package dev.descent.ui.charts;

import java.util.List;
import org.jfree.data.DomainOrder;
import org.jfree.data.xy.AbstractXYDataset;

/**
 * A JFreeChart dataset backed by whole arrays copied from the runs' histories. {@link #setCurves}
 * replaces every series at once and fires exactly one change event, so a chart redraws once per frame
 * however many points arrived (JFreeChart redraws fully on every event; adding points one by one to an
 * {@code XYSeries} would redraw once per point). FX thread only.
 */
final class CurveDataset extends AbstractXYDataset {
    private static final long serialVersionUID = 1L;

    private transient List<Curve> curves = List.of();

    /** Replaces all curves and fires one change event. */
    void setCurves(List<Curve> replacement) {
        curves = List.copyOf(replacement);
        fireDatasetChanged();
    }

    /** Removes every curve (one change event, none if already empty). */
    void clear() {
        if (!curves.isEmpty()) {
            setCurves(List.of());
        }
    }

    List<Curve> curves() {
        return curves;
    }

    Curve curve(int series) {
        return curves.get(series);
    }

    /** Points over all curves. */
    int pointCount() {
        int n = 0;
        for (Curve c : curves) {
            n += c.size();
        }
        return n;
    }

    @Override
    public int getSeriesCount() {
        return curves.size();
    }

    @Override
    public Comparable<?> getSeriesKey(int series) {
        return curves.get(series).key();
    }

    @Override
    public DomainOrder getDomainOrder() {
        return DomainOrder.ASCENDING;
    }

    @Override
    public int getItemCount(int series) {
        return curves.get(series).size();
    }

    @Override
    public double getXValue(int series, int item) {
        return curves.get(series).x()[item];
    }

    @Override
    public double getYValue(int series, int item) {
        return curves.get(series).y()[item];
    }

    @Override
    public Number getX(int series, int item) {
        return getXValue(series, item);
    }

    @Override
    public Number getY(int series, int item) {
        return getYValue(series, item);
    }
}
