package dev.descent.engine.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;

/**
 * ND4J's SGD, Nesterov, RMSprop, AdaGrad and AdaDelta updaters (1.0.0-M2.1) computed in one pass
 * ({@link BlockedRule}) with the expressions of ND4J's kernels ({@code libnd4j}'s {@code updater*.cpp}) in
 * the array's own precision, so the steps are ND4J's (tested against ND4J's updaters in float and
 * double; a run's metrics are byte-identical). The state starts as ND4J starts it: each rule takes the
 * state arrays that ND4J's own updater initializes (RMSprop's at ε, AdaGrad's at 10⁻⁶...). Why ours:
 * ND4J's updater ops took 6–20 ns per value, several times the cost of a pass over the parameters.
 * The formulas and how η enters are documented on {@link OptimizerType} and {@link Nd4jUpdateRule}.
 */
final class Nd4jRules {
    private Nd4jRules() {
    }

    /** The state vectors ND4J's updater for {@code config} starts with, for parameters shaped like {@code like}. */
    static Map<String, INDArray> initialState(IUpdater config, INDArray like) {
        long size = config.stateSize(like.length());
        INDArray view = size == 0 ? null : Nd4j.create(like.dataType(), 1, size);
        return config.instantiate(view, true).getState();
    }

    /** SGD: Δθ = η·g. */
    static final class Sgd extends BlockedRule {
        private double lr;

        Sgd() {
            super(Map.of());
        }

        @Override
        void begin(int iteration, double learningRate) {
            lr = learningRate;
        }

        @Override
        void floatKernel(float[][] blocks, int len) {
            float[] g = blocks[0];
            float eta = (float) lr;
            for (int i = 0; i < len; i++) {
                g[i] = g[i] * eta;
            }
        }

        @Override
        void doubleKernel(double[][] blocks, int len) {
            double[] g = blocks[0];
            for (int i = 0; i < len; i++) {
                g[i] = g[i] * lr;
            }
        }
    }

    /**
     * Nesterov with ND4J's state V (the negated torch momentum buffer, η = 1 inside, see
     * {@link Nd4jUpdateRule#scaledAfter}): p = μ·V;  V ← p − g;  Δθ = η·(p + (−μ − 1)·V).
     */
    static final class Nesterov extends BlockedRule {
        private final double momentum;
        private double lr;

        Nesterov(double momentum, INDArray like) {
            super(initialState(new Nesterovs(1.0, momentum), like), "V");
            describe("V", "−v", "velocity, negated as ND4J keeps it: the running sum of past gradients");
            this.momentum = momentum;
        }

        @Override
        void begin(int iteration, double learningRate) {
            lr = learningRate;
        }

        @Override
        void floatKernel(float[][] blocks, int len) {
            float[] g = blocks[0];
            float[] v = blocks[1];
            float mu = (float) momentum;
            float muT = -mu - 1;
            float one = 1f;
            float eta = (float) lr;
            for (int i = 0; i < len; i++) {
                float previous = mu * v[i];
                float vi = previous - one * g[i];
                v[i] = vi;
                g[i] = (previous + muT * vi) * eta;
            }
        }

        @Override
        void doubleKernel(double[][] blocks, int len) {
            double[] g = blocks[0];
            double[] v = blocks[1];
            double muT = -momentum - 1;
            for (int i = 0; i < len; i++) {
                double previous = momentum * v[i];
                double vi = previous - 1.0 * g[i];
                v[i] = vi;
                g[i] = (previous + muT * vi) * lr;
            }
        }
    }

    /** RMSprop: G ← ρ·G + g·g·(1 − ρ);  Δθ = η·g / (√G + ε), G starting at ε as ND4J's. */
    static final class RmsPropRule extends BlockedRule {
        private final double rho;
        private final double epsilon;
        private double lr;

        RmsPropRule(double rho, double epsilon, INDArray like) {
            super(initialState(new RmsProp(0.0, rho, epsilon), like), "G");
            describe("G", "s", "accumulator: running mean of the squared gradients");
            this.rho = rho;
            this.epsilon = epsilon;
        }

        @Override
        void begin(int iteration, double learningRate) {
            lr = learningRate;
        }

        @Override
        void floatKernel(float[][] blocks, int len) {
            float[] g = blocks[0];
            float[] s = blocks[1];
            float decay = (float) rho;
            float keep = 1 - decay;
            float eps = (float) epsilon;
            float eta = (float) lr;
            for (int i = 0; i < len; i++) {
                float gi = g[i];
                float si = s[i] * decay + gi * gi * keep;
                s[i] = si;
                g[i] = (eta * gi) / ((float) Math.sqrt(si) + eps);
            }
        }

        @Override
        void doubleKernel(double[][] blocks, int len) {
            double[] g = blocks[0];
            double[] s = blocks[1];
            double keep = 1 - rho;
            for (int i = 0; i < len; i++) {
                double gi = g[i];
                double si = s[i] * rho + gi * gi * keep;
                s[i] = si;
                g[i] = (lr * gi) / (Math.sqrt(si) + epsilon);
            }
        }
    }

    /** AdaGrad: s ← s + g·g;  Δθ = η·g / (√s + ε), s starting where ND4J's starts it. */
    static final class AdaGradRule extends BlockedRule {
        private final double epsilon;
        private double lr;

        AdaGradRule(double epsilon, INDArray like) {
            super(initialState(new AdaGrad(0.0, epsilon), like), "grad");
            describe("grad", "s", "accumulator: the sum of every squared gradient so far");
            this.epsilon = epsilon;
        }

        @Override
        void begin(int iteration, double learningRate) {
            lr = learningRate;
        }

        @Override
        void floatKernel(float[][] blocks, int len) {
            float[] g = blocks[0];
            float[] s = blocks[1];
            float eps = (float) epsilon;
            float eta = (float) lr;
            for (int i = 0; i < len; i++) {
                float gi = g[i];
                float si = s[i] + gi * gi;
                s[i] = si;
                g[i] = (eta * gi) / ((float) Math.sqrt(si) + eps);
            }
        }

        @Override
        void doubleKernel(double[][] blocks, int len) {
            double[] g = blocks[0];
            double[] s = blocks[1];
            for (int i = 0; i < len; i++) {
                double gi = g[i];
                double si = s[i] + gi * gi;
                s[i] = si;
                g[i] = (lr * gi) / (Math.sqrt(si) + epsilon);
            }
        }
    }

    /**
     * AdaDelta: msg ← ρ·msg + g·g·(1 − ρ);  u = g·√(msdx + ε)/√(msg + ε);  msdx ← ρ·msdx + u·u·(1 − ρ);
     * Δθ = η·u (ND4J's has no η; see {@link Nd4jUpdateRule#scaledAfter}).
     */
    static final class AdaDeltaRule extends BlockedRule {
        private final double rho;
        private final double epsilon;
        private double lr;

        AdaDeltaRule(double rho, double epsilon, INDArray like) {
            super(initialState(new AdaDelta(rho, epsilon), like), "msg", "msdx");
            describe("msg", "s", "running mean of the squared gradients");
            describe("msdx", "d", "running mean of the squared updates");
            this.rho = rho;
            this.epsilon = epsilon;
        }

        @Override
        void begin(int iteration, double learningRate) {
            lr = learningRate;
        }

        @Override
        void floatKernel(float[][] blocks, int len) {
            float[] g = blocks[0];
            float[] msg = blocks[1];
            float[] msdx = blocks[2];
            float r = (float) rho;
            float keep = 1 - r;
            float eps = (float) epsilon;
            float eta = (float) lr;
            for (int i = 0; i < len; i++) {
                float gi = g[i];
                float si = r * msg[i] + gi * gi * keep;
                float di = msdx[i];
                float u = gi * ((float) Math.sqrt(di + eps) / (float) Math.sqrt(si + eps));
                msg[i] = si;
                msdx[i] = r * di + u * u * keep;
                g[i] = u * eta;
            }
        }

        @Override
        void doubleKernel(double[][] blocks, int len) {
            double[] g = blocks[0];
            double[] msg = blocks[1];
            double[] msdx = blocks[2];
            double keep = 1 - rho;
            for (int i = 0; i < len; i++) {
                double gi = g[i];
                double si = rho * msg[i] + gi * gi * keep;
                double di = msdx[i];
                double u = gi * (Math.sqrt(di + epsilon) / Math.sqrt(si + epsilon));
                msg[i] = si;
                msdx[i] = rho * di + u * u * keep;
                g[i] = u * lr;
            }
        }
    }
}
