package dev.descent.ui.data;

import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.Task;

/**
 * The data-space rectangle the data view shows: x is the first feature; y is the second feature for
 * classification, or the first target for regression. A margin on every side leaves room for the
 * decision boundary to show around the points.
 */
record PlotRange(double xMin, double xMax, double yMin, double yMax) {
    static final double MARGIN = 0.08;

    /** What the scatter shows for {@code data}, with margins. */
    static PlotRange of(Dataset data) {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        boolean regression = data.task() == Task.REGRESSION;
        for (int i = 0; i < data.size(); i++) {
            double x = data.feature(i, 0);
            double y = regression ? data.target(i, 0) : data.features() > 1 ? data.feature(i, 1) : data.classOf(i);
            if (Double.isFinite(x)) {
                xMin = Math.min(xMin, x);
                xMax = Math.max(xMax, x);
            }
            if (Double.isFinite(y)) {
                yMin = Math.min(yMin, y);
                yMax = Math.max(yMax, y);
            }
        }
        if (xMin > xMax) {
            xMin = -1;
            xMax = 1;
        }
        if (yMin > yMax) {
            yMin = -1;
            yMax = 1;
        }
        double dx = Math.max(xMax - xMin, 1e-9) * MARGIN;
        double dy = Math.max(yMax - yMin, 1e-9) * MARGIN;
        return new PlotRange(xMin - dx, xMax + dx, yMin - dy, yMax + dy);
    }

    double width() {
        return xMax - xMin;
    }

    double height() {
        return yMax - yMin;
    }
}
