package dev.descent.ui.charts;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;

/**
 * Tick labels a reader takes in at a glance on a linear axis: grouped digits ("1,500", "250,000"), as
 * many decimals as the tick spacing needs ("0.25", "0.005"), and beyond a million or below 0.0001 the
 * short scientific form the hover also uses ("5e10", "1.5e11", "2e-5"). JFreeChart's default units write
 * "0E0", "5E10", "1.5E11".
 */
final class TickLabels {
    /** Spacings from 1e-12 to 1e15 (1, 2 and 5 times a power of ten). */
    private static final int SMALLEST = -12;
    private static final int LARGEST = 15;
    /** Tick spacings at or beyond these are labelled in scientific form. */
    static final double LARGE = 1e6;
    static final double SMALL = 1e-4;

    private TickLabels() {
    }

    /** Tick units for a linear {@code NumberAxis}, each labelled by {@link #format}. */
    static TickUnits linear() {
        TickUnits units = new TickUnits();
        for (int k = SMALLEST; k <= LARGEST; k++) {
            for (int m : new int[] {1, 2, 5}) {
                double size = Double.parseDouble(m + "e" + k);
                units.add(new NumberTickUnit(size, new Format(size)));
            }
        }
        return units;
    }

    /** The label of a tick at {@code value} on an axis whose ticks are {@code spacing} apart. */
    static String format(double value, double spacing) {
        if (value == 0 || Math.abs(value) < spacing * 1e-9) {
            return "0";
        }
        if (spacing >= LARGE || spacing < SMALL) {
            return scientific(value, spacing);
        }
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(spacing) - 1e-9));
        DecimalFormat f = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setMinimumFractionDigits(decimals);
        f.setMaximumFractionDigits(decimals);
        return f.format(value);
    }

    /** "1.5e11": the mantissa with as many digits as the spacing resolves, without trailing zeros. */
    private static String scientific(double value, double spacing) {
        int exponent = (int) Math.floor(Math.log10(Math.abs(value)) + 1e-9);
        double mantissa = value / Math.pow(10, exponent);
        int digits = Math.max(0, Math.min(6, exponent - (int) Math.floor(Math.log10(spacing) + 1e-9)));
        String m = String.format(Locale.ROOT, "%." + digits + "f", mantissa);
        if (m.contains(".")) {
            m = m.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        if (m.equals("10") || m.equals("-10")) { // rounding carried into the next power
            m = m.substring(0, m.length() - 1);
            exponent++;
        }
        return m + "e" + exponent;
    }

    /** {@link #format} for one spacing, as the {@code NumberFormat} a tick unit wants. */
    private static final class Format extends NumberFormat {
        private static final long serialVersionUID = 1L;
        private final double spacing;

        Format(double spacing) {
            this.spacing = spacing;
        }

        @Override
        public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
            return to.append(TickLabels.format(number, spacing));
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
