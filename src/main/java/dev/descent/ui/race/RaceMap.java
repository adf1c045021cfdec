package dev.descent.ui.race;

import dev.descent.engine.landscape.TestFunction;
import java.util.List;

/**
 * How the race shows one test function: its name in the window, the window onto the plane and the points
 * to mark (minima, or the saddle point of the saddle).
 */
record RaceMap(TestFunction function, double minX, double maxX, double minY, double maxY, List<double[]> marks) {

    static RaceMap of(TestFunction f) {
        return switch (f) {
            case QUADRATIC -> new RaceMap(f, -2.5, 2.5, -2, 2, List.of(new double[]{0, 0}));
            case ROSENBROCK -> new RaceMap(f, -2, 2, -1, 3, List.of(new double[]{1, 1}));
            case BEALE -> new RaceMap(f, -4.5, 4.5, -4.5, 4.5, List.of(new double[]{3, 0.5}));
            case HIMMELBLAU -> new RaceMap(f, -5, 5, -5, 5, List.of(new double[]{3, 2},
                    new double[]{-2.805118, 3.131312}, new double[]{-3.779310, -3.283186},
                    new double[]{3.584428, -1.848126}));
            case SADDLE -> new RaceMap(f, -1.5, 1.5, -1.5, 1.5, List.of(new double[]{0, 0}));
            case RASTRIGIN -> new RaceMap(f, -3, 3, -3, 3, List.of(new double[]{0, 0}));
        };
    }

    /** The name the function chooser shows. */
    static String title(TestFunction f) {
        return switch (f) {
            case QUADRATIC -> "Narrow bowl (quadratic)";
            case ROSENBROCK -> "Rosenbrock's valley";
            case BEALE -> "Beale";
            case HIMMELBLAU -> "Himmelblau (four minima)";
            case SADDLE -> "Saddle";
            case RASTRIGIN -> "Rastrigin (many local minima)";
        };
    }

    /** This window, grown (by a tenth of its size beyond the point) so that it shows (x, y). */
    RaceMap including(double x, double y) {
        if (x >= minX && x <= maxX && y >= minY && y <= maxY) {
            return this;
        }
        double mx = (maxX - minX) / 10;
        double my = (maxY - minY) / 10;
        return new RaceMap(function, Math.min(minX, x - mx), Math.max(maxX, x + mx), Math.min(minY, y - my),
                Math.max(maxY, y + my), marks);
    }
}
