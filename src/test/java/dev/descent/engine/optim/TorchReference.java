package dev.descent.engine.optim;

import java.util.HashMap;
import java.util.Map;

/**
 * The torch.optim update rules written out in plain Java doubles, independently of ND4J and of the
 * production code, straight from the algorithms in the PyTorch documentation. Used as the reference the
 * engine's optimizers are tested against.
 */
final class TorchReference {
    private final String name;
    private double lr;
    private final double momentum;
    private final double rho;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final double momentumDecay;
    private final Map<String, double[]> state = new HashMap<>();
    private double muProduct = 1;
    private int t;

    TorchReference(String name, double lr, double momentum, double rho, double beta1, double beta2, double eps,
                   double weightDecay, double momentumDecay) {
        this.name = name;
        this.lr = lr;
        this.momentum = momentum;
        this.rho = rho;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.momentumDecay = momentumDecay;
    }

    double[] state(String key, int n) {
        return state.computeIfAbsent(key, k -> new double[n]);
    }

    /** Sets η for the following steps, as a torch scheduler does between steps. */
    void setLearningRate(double lr) {
        this.lr = lr;
    }

    /** One step of torch.optim's algorithm; updates theta in place. */
    void step(double[] theta, double[] gradient) {
        t++;
        int n = theta.length;
        double[] g = gradient.clone();
        if (!name.equals("adamw")) {
            for (int i = 0; i < n; i++) {
                g[i] += weightDecay * theta[i];
            }
        }
        switch (name) {
            case "sgd" -> {
                for (int i = 0; i < n; i++) {
                    theta[i] -= lr * g[i];
                }
            }
            case "momentum", "nesterov" -> {
                double[] b = state("b", n);
                for (int i = 0; i < n; i++) {
                    b[i] = t == 1 ? g[i] : momentum * b[i] + g[i];
                    double d = name.equals("nesterov") ? g[i] + momentum * b[i] : b[i];
                    theta[i] -= lr * d;
                }
            }
            case "rmsprop" -> {
                double[] s = state("s", n);
                for (int i = 0; i < n; i++) {
                    s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                    theta[i] -= lr * g[i] / (Math.sqrt(s[i]) + eps);
                }
            }
            case "adagrad" -> {
                double[] s = state("s", n);
                for (int i = 0; i < n; i++) {
                    s[i] += g[i] * g[i];
                    theta[i] -= lr * g[i] / (Math.sqrt(s[i]) + eps);
                }
            }
            case "adadelta" -> {
                double[] s = state("s", n);
                double[] d = state("d", n);
                for (int i = 0; i < n; i++) {
                    s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                    double delta = Math.sqrt(d[i] + eps) / Math.sqrt(s[i] + eps) * g[i];
                    d[i] = rho * d[i] + (1 - rho) * delta * delta;
                    theta[i] -= lr * delta;
                }
            }
            case "adam", "adamw", "amsgrad" -> {
                double[] m = state("m", n);
                double[] v = state("v", n);
                double[] vmax = state("vmax", n);
                double bc1 = 1 - Math.pow(beta1, t);
                double bc2 = 1 - Math.pow(beta2, t);
                for (int i = 0; i < n; i++) {
                    if (name.equals("adamw")) {
                        theta[i] *= 1 - lr * weightDecay;
                    }
                    m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                    v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                    double second = v[i];
                    if (name.equals("amsgrad")) {
                        vmax[i] = Math.max(vmax[i], v[i]);
                        second = vmax[i];
                    }
                    double denominator = Math.sqrt(second) / Math.sqrt(bc2) + eps;
                    theta[i] -= lr / bc1 * m[i] / denominator;
                }
            }
            case "adamax" -> {
                double[] m = state("m", n);
                double[] u = state("u", n);
                double bc1 = 1 - Math.pow(beta1, t);
                for (int i = 0; i < n; i++) {
                    m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                    u[i] = Math.max(beta2 * u[i], Math.abs(g[i]) + eps);
                    theta[i] -= lr / bc1 * m[i] / u[i];
                }
            }
            case "nadam" -> {
                double[] m = state("m", n);
                double[] v = state("v", n);
                double bc2 = 1 - Math.pow(beta2, t);
                double mu = beta1 * (1 - 0.5 * Math.pow(0.96, t * momentumDecay));
                double muNext = beta1 * (1 - 0.5 * Math.pow(0.96, (t + 1) * momentumDecay));
                muProduct *= mu;
                for (int i = 0; i < n; i++) {
                    m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                    v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                    double denominator = Math.sqrt(v[i] / bc2) + eps;
                    theta[i] -= lr * (1 - mu) / (1 - muProduct) * g[i] / denominator;
                    theta[i] -= lr * muNext / (1 - muProduct * muNext) * m[i] / denominator;
                }
            }
            default -> throw new IllegalArgumentException(name);
        }
    }
}
