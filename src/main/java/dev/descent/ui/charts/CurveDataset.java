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
    /** Per curve: its row of zero marks along the bottom edge (0 lowest), or -1 if it has no exact zero. */
    private transient int[] zeroRows = new int[0];

    /** Keys of the curves that do not set the fitted y range ({@link CurveRenderer#findRangeBounds}). */
    private transient java.util.Set<String> outsideTheRange = java.util.Set.of();

    /** Replaces all curves and fires one change event. */
    void setCurves(List<Curve> replacement) {
        setCurves(replacement, java.util.Set.of());
    }

    /** Replaces all curves, {@code outside} naming those left out of the fitted y range; one change event. */
    void setCurves(List<Curve> replacement, java.util.Set<String> outside) {
        curves = List.copyOf(replacement);
        outsideTheRange = java.util.Set.copyOf(outside);
        zeroRows = new int[curves.size()];
        int rows = 0;
        for (int i = 0; i < curves.size(); i++) {
            zeroRows[i] = hasZero(curves.get(i)) ? rows++ : -1;
        }
        fireDatasetChanged();
    }

    private static boolean hasZero(Curve c) {
        if (c.log() && c.line() != Curve.Line.FAINT) {
            for (double y : c.y()) {
                if (y == Double.NEGATIVE_INFINITY) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether some curve has an exact zero on a log axis (its axis then keeps a strip for the marks). */
    boolean hasZeros() {
        for (int row : zeroRows) {
            if (row >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Row of curve {@code series}'s zero marks (0 is the lowest), or -1 if it has no exact zero. */
    int zeroRow(int series) {
        return zeroRows[series];
    }

    /** Whether point {@code item} of curve {@code series} is an exact zero on a log axis. */
    boolean isZero(int series, int item) {
        Curve c = curves.get(series);
        return c.log() && c.y()[item] == Double.NEGATIVE_INFINITY;
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

    /**
     * The keys of the curves that set the fitted y range, or null when every curve does (or none would:
     * then all of them set it, rather than an axis fitted to nothing).
     */
    List<Comparable<?>> keysSettingTheRange() {
        if (outsideTheRange.isEmpty()) {
            return null;
        }
        List<Comparable<?>> keys = new java.util.ArrayList<>();
        for (Curve c : curves) {
            if (!outsideTheRange.contains(c.key())) {
                keys.add(c.key());
            }
        }
        return keys.isEmpty() ? null : keys;
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

    /** The drawn value; NaN for −∞ (an exact zero on a log axis, drawn as a mark instead). */
    @Override
    public double getYValue(int series, int item) {
        double y = curves.get(series).y()[item];
        return y == Double.NEGATIVE_INFINITY ? Double.NaN : y;
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
