package dev.descent.engine.ensemble;

import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.vocab.Choice;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * The optimizers of a {@link StackedNetwork}'s members, all of one type, each with its own
 * hyperparameters (every one a vector over the members), in the single-network {@code Optimizer}'s order
 * and float arithmetic:
 * <ol>
 *   <li>clip: g ← g · c/(‖g‖₂ + 10⁻⁶) where ‖g‖₂ &gt; c;</li>
 *   <li>L2 weight decay (not AdamW): g ← g + λ·θ;</li>
 *   <li>the rule: SGD Δθ = η·g; momentum v ← μ·v + g, Δθ = η·v; Adam and AdamW
 *       m ← β₁·m + (1 − β₁)·g, v ← β₂·v + (1 − β₂)·g², Δθ = η̂ₜ·m/(√v + ε) with
 *       η̂ₜ = η·√(1 − β₂ᵗ)/(1 − β₁ᵗ) computed as ND4J's float updater computes it;</li>
 *   <li>decoupled weight decay (AdamW): Δθ ← Δθ + η·λ·θ;</li>
 *   <li>θ ← θ − Δθ.</li>
 * </ol>
 * Sources: torch.optim.SGD, Polyak 1964, Kingma &amp; Ba 2015, Loshchilov &amp; Hutter 2019 (as the
 * single-network rules, which the tests hold these to).
 */
public final class StackedOptimizer {
    private final OptimizerType type;
    private final int members;
    private final float[] first;
    private final float[] second;
    private final float[] clip;
    private final float[] decay;
    private final float[] eta;
    private final float[] a;
    private final float[] b;
    private final float[] keepA;
    private final float[] keepB;
    private final float[] eps;
    private final float[] step;
    private final float[] decoupled;
    private final int width;
    /** Heap copies of the parameters and gradients for one pass (bulk-copied from and back to ND4J's buffers). */
    private final float[] theta;
    private final float[] g;

    /** Fresh state (zero velocities and moments) for {@code members} members of {@code width} values. */
    public StackedOptimizer(OptimizerType type, int members, int width) {
        if (!StackedNetwork.OPTIMIZERS.contains(type)) {
            throw new IllegalArgumentException("the stacked path has no " + type.id());
        }
        this.type = type;
        this.members = members;
        this.width = width;
        this.theta = new float[width * members];
        this.g = new float[width * members];
        boolean adam = type == OptimizerType.ADAM || type == OptimizerType.ADAMW;
        first = type == OptimizerType.SGD ? null : new float[width * members];
        second = adam ? new float[width * members] : null;
        clip = new float[members];
        decay = new float[members];
        eta = new float[members];
        a = new float[members];
        b = new float[members];
        keepA = new float[members];
        keepB = new float[members];
        eps = new float[members];
        step = new float[members];
        decoupled = new float[members];
    }

    /**
     * Turns every member's gradient into its step and applies it (θ ← θ − Δθ, Δθ left in the gradients for
     * the update norms). Members not {@code active} keep their weights and state.
     *
     * @param choices      each member's optimizer and hyperparameters (its current ones: a retune applies)
     * @param learningRate each member's η of this step (its schedule's)
     * @param gradientNorm each member's ‖g‖₂ over all parameters
     * @param iteration    updates already made (the same for every member of a group)
     */
    public void step(StackedNetwork network, List<Choice<OptimizerType>> choices, double[] learningRate,
                     double[] gradientNorm, int iteration, boolean[] active) {
        for (int m = 0; m < members; m++) {
            Choice<OptimizerType> c = choices.get(m);
            double clipNorm = c.value(OptimizerType.CLIP_NORM);
            clip[m] = clipNorm > 0 && gradientNorm[m] > clipNorm ? (float) (clipNorm / (gradientNorm[m] + 1e-6)) : 1f;
            double weightDecay = c.value(OptimizerType.WEIGHT_DECAY);
            decay[m] = type == OptimizerType.ADAMW ? 0f : (float) weightDecay;
            decoupled[m] = type == OptimizerType.ADAMW ? (float) (learningRate[m] * weightDecay) : 0f;
            eta[m] = (float) learningRate[m];
            if (type == OptimizerType.MOMENTUM) {
                a[m] = (float) c.value("momentum");
            } else if (first != null) {
                prepareAdam(m, c, learningRate[m], iteration);
            }
        }
        FloatBuffer thetaBuffer = StackedNetwork.floats(network.parameters());
        FloatBuffer gradientBuffer = StackedNetwork.floats(network.gradients());
        thetaBuffer.get(0, theta, 0, theta.length);
        gradientBuffer.get(0, g, 0, g.length);
        for (int m = 0; m < members; m++) {
            int from = m * width;
            int to = from + width;
            if (!active[m]) {
                java.util.Arrays.fill(g, from, to, 0f);
                continue;
            }
            float c = clip[m];
            float wd = decay[m];
            float lr = eta[m];
            if (type == OptimizerType.SGD) {
                for (int k = from; k < to; k++) {
                    float gi = g[k] * c;
                    if (wd != 0f) {
                        gi = gi + wd * theta[k];
                    }
                    float delta = gi * lr;
                    g[k] = delta;
                    theta[k] = theta[k] - delta;
                }
            } else if (type == OptimizerType.MOMENTUM) {
                float mu = a[m];
                for (int k = from; k < to; k++) {
                    float gi = g[k] * c;
                    if (wd != 0f) {
                        gi = gi + wd * theta[k];
                    }
                    float vi = first[k] * mu + gi;
                    first[k] = vi;
                    float delta = vi * lr;
                    g[k] = delta;
                    theta[k] = theta[k] - delta;
                }
            } else {
                float b1 = a[m];
                float b2 = b[m];
                float k1 = keepA[m];
                float k2 = keepB[m];
                float e = eps[m];
                float st = step[m];
                float dw = decoupled[m];
                for (int k = from; k < to; k++) {
                    float gi = g[k] * c;
                    if (wd != 0f) {
                        gi = gi + wd * theta[k];
                    }
                    float mi = b1 * first[k] + gi * k1;
                    float vi = b2 * second[k] + gi * gi * k2;
                    first[k] = mi;
                    second[k] = vi;
                    float delta = (mi * st) / ((float) Math.sqrt(vi) + e);
                    if (dw != 0f) {
                        delta = delta + dw * theta[k];
                    }
                    g[k] = delta;
                    theta[k] = theta[k] - delta;
                }
            }
        }
        thetaBuffer.put(0, theta, 0, theta.length);
        gradientBuffer.put(0, g, 0, g.length);
    }

    /** Adam's scalars for member m, as ND4J's float updater: powers and √ of floats, the division in double. */
    private void prepareAdam(int m, Choice<OptimizerType> c, double learningRate, int iteration) {
        float beta1 = (float) c.value("beta1");
        float beta2 = (float) c.value("beta2");
        float epsilon = (float) c.value("eps");
        a[m] = beta1;
        b[m] = beta2;
        keepA[m] = 1 - beta1;
        keepB[m] = 1 - beta2;
        eps[m] = epsilon;
        float t = (float) iteration + 1;
        float b1t = (float) Math.pow(beta1, t);
        float b2t = (float) Math.pow(beta2, t);
        float s = (float) ((float) learningRate * (float) Math.sqrt((float) (1.0 - b2t)) / (1.0 - b1t));
        if (Float.isNaN(s) || s == 0 || Float.isInfinite(s)) {
            s = epsilon;
        }
        step[m] = s;
    }
}
