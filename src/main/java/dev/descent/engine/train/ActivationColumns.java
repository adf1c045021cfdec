package dev.descent.engine.train;

import dev.descent.engine.nn.ActivationStats;
import java.util.List;

/**
 * A step's statistics of every activation node, copied out as columns: mean, standard deviation and
 * saturated (or dead) fraction of each node's outputs, in {@link MetricLayout#activationNodes()} order.
 */
record ActivationColumns(double[] means, double[] stds, double[] saturated) {

    static ActivationColumns of(List<ActivationStats> stats) {
        double[] means = new double[stats.size()];
        double[] stds = new double[stats.size()];
        double[] saturated = new double[stats.size()];
        for (int i = 0; i < stats.size(); i++) {
            means[i] = stats.get(i).mean();
            stds[i] = stats.get(i).std();
            saturated[i] = stats.get(i).saturatedFraction();
        }
        return new ActivationColumns(means, stds, saturated);
    }
}
