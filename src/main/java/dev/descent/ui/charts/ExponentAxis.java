package dev.descent.ui.charts;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.Range;

/**
 * A logarithmic axis for a classroom, drawn fast. Curves on it hold base-10 logarithms
 * ({@link Curve#log()}), so this is a plain {@link NumberAxis} over exponents: JFreeChart's own
 * {@code LogAxis} draws its labels as attributed strings, which FXGraphics2D fills glyph by glyph
 * (it tripled a chart's drawing time). The axis spans whole decades (there are always labelled ticks,
 * and the range changes only when a curve crosses a power of ten) and labels only powers of ten: as
 * plain numbers (0.01, 1, 100) when all of them are short, as 10⁻⁵ otherwise.
 */
final class ExponentAxis extends NumberAxis {
    private static final long serialVersionUID = 1L;
    private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";
    /** Depth of the strip for exact zeros below the lowest decade, in decades (for up to 6 decades shown). */
    static final double ZERO_STRIP = 0.4;

    ExponentAxis(String label) {
        super(label);
        NumberFormat format = new Labels();
        TickUnits units = new TickUnits();
        for (int size : new int[] {1, 2, 3, 5, 10, 20, 50, 100}) {
            units.add(new NumberTickUnit(size, format));
        }
        setStandardTickUnits(units);
        setAutoRangeIncludesZero(false);
    }

    /**
     * Fits whole decades around the data; when a curve has exact zeros, also a strip below the lowest
     * decade ({@value #ZERO_STRIP} of a decade, at least 14 px on any chart) where their marks sit, apart
     * from every value a log axis can show.
     */
    @Override
    protected void autoAdjustRange() {
        super.autoAdjustRange();
        Range r = getRange();
        double lo = Math.floor(r.getLowerBound() + 1e-9);
        double hi = Math.ceil(r.getUpperBound() - 1e-9);
        if (hi <= lo) {
            hi = lo + 1;
        }
        if (getPlot() instanceof XYPlot plot && plot.getDataset() instanceof CurveDataset curves && curves.hasZeros()) {
            lo -= ZERO_STRIP * Math.max(1, (hi - lo) / 6);
        }
        setRange(new Range(lo, hi), false, false);
    }

    /** The label of the tick at exponent {@code e} on an axis spanning exponents {@code range}. */
    static String label(double e, Range range) {
        int exponent = (int) Math.round(e);
        boolean plain = range.getLowerBound() >= -3 - 1e-9 && range.getUpperBound() <= 4 + 1e-9;
        if (plain) {
            return new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(Math.pow(10, exponent));
        }
        StringBuilder s = new StringBuilder("10");
        if (exponent < 0) {
            s.append('⁻');
        }
        for (char c : Integer.toString(Math.abs(exponent)).toCharArray()) {
            s.append(SUPERSCRIPTS.charAt(c - '0'));
        }
        return s.toString();
    }

    /** Formats tick values (exponents) with {@link #label}. */
    private final class Labels extends NumberFormat {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
            return to.append(label(number, getRange()));
        }

        @Override
        public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
            return format((double) number, to, pos);
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            return null;
        }
    }
}
