package dev.descent.engine.train;

/**
 * A copy of a dense node's weight matrix W, [rows = n_in, columns = units], as it was between two steps
 * ({@link LockstepComparison#weights}).
 *
 * @param nodeId  the dense node
 * @param rows    n_in, its input units
 * @param columns its units
 * @param values  W row-major: W[i][j] at i·columns + j (not to be modified)
 */
public record WeightMatrix(String nodeId, int rows, int columns, double[] values) {
    public WeightMatrix {
        if (values.length != (long) rows * columns) {
            throw new IllegalArgumentException(rows + " × " + columns + " weights but " + values.length + " values");
        }
    }

    /** W[row][column]. */
    public double at(int row, int column) {
        return values[row * columns + column];
    }
}
