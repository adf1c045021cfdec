package dev.descent.ui.charts;

import java.util.List;
import org.jfree.data.DomainOrder;
import org.jfree.data.xy.AbstractIntervalXYDataset;

/**
 * The bands of a chart as one JFreeChart interval dataset (drawn by a {@code DeviationRenderer} behind
 * the curves): y is the middle of the band, start and end y its ends. {@link #setBands} replaces all
 * and fires one change event. FX thread only.
 */
final class BandDataset extends AbstractIntervalXYDataset {
    private static final long serialVersionUID = 1L;
    private transient List<BandArea> bands = List.of();

    void setBands(List<BandArea> replacement) {
        bands = List.copyOf(replacement);
        fireDatasetChanged();
    }

    List<BandArea> bands() {
        return bands;
    }

    @Override
    public int getSeriesCount() {
        return bands.size();
    }

    @Override
    public Comparable<?> getSeriesKey(int series) {
        return bands.get(series).key();
    }

    @Override
    public DomainOrder getDomainOrder() {
        return DomainOrder.ASCENDING;
    }

    @Override
    public int getItemCount(int series) {
        return bands.get(series).size();
    }

    @Override
    public Number getX(int series, int item) {
        return bands.get(series).x()[item];
    }

    @Override
    public Number getY(int series, int item) {
        BandArea b = bands.get(series);
        return (finite(b.low()[item]) + finite(b.high()[item])) / 2;
    }

    @Override
    public Number getStartX(int series, int item) {
        return getX(series, item);
    }

    @Override
    public Number getEndX(int series, int item) {
        return getX(series, item);
    }

    @Override
    public Number getStartY(int series, int item) {
        return finite(bands.get(series).low()[item]);
    }

    @Override
    public Number getEndY(int series, int item) {
        return finite(bands.get(series).high()[item]);
    }

    private static double finite(double v) {
        return Double.isInfinite(v) ? Double.NaN : v;
    }
}
