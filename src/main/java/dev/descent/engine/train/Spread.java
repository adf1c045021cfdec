package dev.descent.engine.train;

/**
 * The mean and spread of one figure over the members of a run (seeds of one configuration):
 * mean x̄ = Σxᵢ/n, sample standard deviation s = √(Σ(xᵢ − x̄)²/(n − 1)) (0 for one member), minimum and
 * maximum. Values that are not finite (a figure never measured) are left out and {@code count} says how
 * many remained; with none, every figure is NaN.
 *
 * @param count how many values were finite
 * @param mean  their mean
 * @param std   their sample standard deviation
 * @param min   the smallest
 * @param max   the largest
 */
public record Spread(int count, double mean, double std, double min, double max) {

    /** The spread of the finite values among {@code values}. */
    public static Spread of(double... values) {
        int n = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                n++;
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (n == 0) {
            return new Spread(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = sum / n;
        double squares = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                squares += (v - mean) * (v - mean);
            }
        }
        return new Spread(n, mean, n > 1 ? Math.sqrt(squares / (n - 1)) : 0, min, max);
    }
}
