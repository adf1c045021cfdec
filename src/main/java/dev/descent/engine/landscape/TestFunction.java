package dev.descent.engine.landscape;

import java.util.Arrays;
import java.util.Optional;

/**
 * Two-dimensional test functions for watching optimizers move: each has a value f(x, y) and its
 * analytic gradient, plus a start point where the classic difficulty shows.
 */
public enum TestFunction {
    /** f = ½(x² + 10y²): an elongated bowl, steep across, shallow along; SGD zig-zags. */
    QUADRATIC("quadratic", "0.5·(x² + 10y²)", -2.0, 1.5) {
        @Override
        public double value(double x, double y) {
            return 0.5 * (x * x + 10 * y * y);
        }

        @Override
        public double[] gradient(double x, double y) {
            return new double[]{x, 10 * y};
        }
    },
    /** f = (1 − x)² + 100(y − x²)²: a curved valley with its minimum at (1, 1). */
    ROSENBROCK("rosenbrock", "(1 − x)² + 100·(y − x²)²", -1.5, 2.0) {
        @Override
        public double value(double x, double y) {
            return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
        }

        @Override
        public double[] gradient(double x, double y) {
            return new double[]{-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)};
        }
    },
    /** Beale's function: flat plateaus and sharp ridges, minimum at (3, 0.5). */
    BEALE("beale", "(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²", 1.0, 1.5) {
        @Override
        public double value(double x, double y) {
            double a = 1.5 - x + x * y;
            double b = 2.25 - x + x * y * y;
            double c = 2.625 - x + x * y * y * y;
            return a * a + b * b + c * c;
        }

        @Override
        public double[] gradient(double x, double y) {
            double a = 1.5 - x + x * y;
            double b = 2.25 - x + x * y * y;
            double c = 2.625 - x + x * y * y * y;
            return new double[]{
                    2 * a * (y - 1) + 2 * b * (y * y - 1) + 2 * c * (y * y * y - 1),
                    2 * a * x + 2 * b * 2 * x * y + 2 * c * 3 * x * y * y};
        }
    },
    /** Himmelblau's function: four equal minima; where an optimizer ends depends on its path. */
    HIMMELBLAU("himmelblau", "(x² + y − 11)² + (x + y² − 7)²", -0.5, 0.0) {
        @Override
        public double value(double x, double y) {
            double a = x * x + y - 11;
            double b = x + y * y - 7;
            return a * a + b * b;
        }

        @Override
        public double[] gradient(double x, double y) {
            double a = x * x + y - 11;
            double b = x + y * y - 7;
            return new double[]{4 * x * a + 2 * b, 2 * a + 4 * y * b};
        }
    },
    /** f = x² − y²: a saddle; starting almost on the ridge shows who escapes and how fast. */
    SADDLE("saddle", "x² − y²", -1.0, 0.001) {
        @Override
        public double value(double x, double y) {
            return x * x - y * y;
        }

        @Override
        public double[] gradient(double x, double y) {
            return new double[]{2 * x, -2 * y};
        }
    },
    /** Rastrigin's function: a bowl covered in local minima, global minimum at the origin. */
    RASTRIGIN("rastrigin", "20 + x² − 10·cos(2πx) + y² − 10·cos(2πy)", 2.5, 2.5) {
        @Override
        public double value(double x, double y) {
            return 20 + x * x - 10 * Math.cos(2 * Math.PI * x) + y * y - 10 * Math.cos(2 * Math.PI * y);
        }

        @Override
        public double[] gradient(double x, double y) {
            return new double[]{2 * x + 20 * Math.PI * Math.sin(2 * Math.PI * x),
                    2 * y + 20 * Math.PI * Math.sin(2 * Math.PI * y)};
        }
    };

    private final String id;
    private final String formula;
    private final double startX;
    private final double startY;

    TestFunction(String id, String formula, double startX, double startY) {
        this.id = id;
        this.formula = formula;
        this.startX = startX;
        this.startY = startY;
    }

    /** The name on the command line. */
    public String id() {
        return id;
    }

    /** f(x, y) in plain text. */
    public String formula() {
        return formula;
    }

    /** The default start point. */
    public double[] start() {
        return new double[]{startX, startY};
    }

    /** f(x, y). */
    public abstract double value(double x, double y);

    /** (∂f/∂x, ∂f/∂y). */
    public abstract double[] gradient(double x, double y);

    public static Optional<TestFunction> byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }

    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(TestFunction::id).toList());
    }
}
