package dev.descent.engine.graph;

import dev.descent.engine.vocab.Choice;
import dev.descent.engine.vocab.Explained;
import dev.descent.engine.vocab.Param;
import dev.descent.engine.vocab.Term;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.rng.distribution.impl.NormalDistribution;
import org.nd4j.linalg.api.rng.distribution.impl.UniformDistribution;
import org.nd4j.weightinit.WeightInitScheme;
import org.nd4j.weightinit.impl.ConstantInitScheme;
import org.nd4j.weightinit.impl.DistributionInitScheme;
import org.nd4j.weightinit.impl.ReluInitScheme;
import org.nd4j.weightinit.impl.ReluUniformInitScheme;
import org.nd4j.weightinit.impl.VarScalingNormalFanInInitScheme;
import org.nd4j.weightinit.impl.XavierInitScheme;
import org.nd4j.weightinit.impl.XavierUniformInitScheme;
import org.nd4j.weightinit.impl.ZeroInitScheme;

/**
 * Weight initializers for a dense layer's W of shape [n_in, n_out]; biases always start at zero.
 * Random draws use the calling thread's ND4J generator, which the engine seeds per node, so a node's
 * weights depend only on the experiment seed and the node's id.
 */
public enum Initializer implements Term {

    @Explained(title = "Zeros",
            summary = "Every weight 0: all units in a layer stay identical forever (symmetry is never broken).",
            formula = "W = 0",
            source = "ND4J ZeroInitScheme")
    ZEROS("zeros"),

    @Explained(title = "Constant",
            summary = "Every weight the same value: like zeros, the units of a layer can never become different.",
            formula = "W = c",
            source = "ND4J ConstantInitScheme")
    CONSTANT("constant", Param.real("value", 0.1, -1e6, 1e6, "c: the value of every weight.")),

    @Explained(title = "Uniform",
            summary = "Weights drawn evenly from a fixed range, whatever the layer's size.",
            formula = "W ~ U(low, high)",
            source = "ND4J DistributionInitScheme with UniformDistribution")
    UNIFORM("uniform", Param.real("low", -0.05, -1e6, 1e6, "Lower end of the range."),
            Param.real("high", 0.05, -1e6, 1e6, "Upper end of the range.")),

    @Explained(title = "Normal",
            summary = "Weights drawn from a fixed Gaussian: too small and signals fade layer by layer, too large and they blow up.",
            formula = "W ~ N(mean, std²)",
            source = "ND4J DistributionInitScheme with NormalDistribution")
    NORMAL("normal", Param.real("mean", 0.0, -1e6, 1e6, "Mean of the Gaussian."),
            Param.positive("std", 0.01, "Standard deviation of the Gaussian.")),

    @Explained(title = "Xavier uniform",
            summary = "Scales the range to the layer's fan-in and fan-out so signal variance is kept both ways; suits tanh and sigmoid.",
            formula = "W ~ U(−a, a),  a = √(6 / (n_in + n_out))",
            source = "Glorot & Bengio 2010; ND4J XavierUniformInitScheme")
    XAVIER_UNIFORM("xavier_uniform"),

    @Explained(title = "Xavier normal",
            summary = "Gaussian version of Xavier: variance 2/(n_in + n_out).",
            formula = "W ~ N(0, 2 / (n_in + n_out))",
            source = "Glorot & Bengio 2010; ND4J XavierInitScheme")
    XAVIER_NORMAL("xavier_normal"),

    @Explained(title = "He uniform",
            summary = "Doubles Xavier's fan-in variance to make up for ReLU zeroing half of its inputs.",
            formula = "W ~ U(−a, a),  a = √(6 / n_in)",
            source = "He et al. 2015; ND4J ReluUniformInitScheme")
    HE_UNIFORM("he_uniform"),

    @Explained(title = "He normal",
            summary = "Gaussian He initialization, the usual choice before ReLU layers.",
            formula = "W ~ N(0, 2 / n_in)",
            source = "He et al. 2015; ND4J ReluInitScheme")
    HE_NORMAL("he_normal"),

    @Explained(title = "LeCun uniform",
            summary = "Keeps the variance of each unit's input at 1 using the fan-in only; the partner of SELU.",
            formula = "W ~ U(−a, a),  a = √(3 / n_in)",
            source = "LeCun et al. 1998, Efficient BackProp; sampled by ND4J's UniformDistribution (ND4J's LecunUniformInitScheme uses a = 3/√n_in)")
    LECUN_UNIFORM("lecun_uniform"),

    @Explained(title = "LeCun normal",
            summary = "Gaussian LeCun initialization: variance 1/n_in; self-normalizing networks (SELU) need it.",
            formula = "W ~ N(0, 1 / n_in)",
            source = "LeCun et al. 1998; Klambauer et al. 2017; ND4J VarScalingNormalFanInInitScheme")
    LECUN_NORMAL("lecun_normal"),

    @Explained(title = "Orthogonal",
            summary = "A random orthogonal matrix: preserves the length of every signal through the linear part of a layer.",
            formula = "A ~ N(0, 1);  A = QR;  W = gain · Q · sign(diag(R))",
            source = "Saxe et al. 2014; torch.nn.init.orthogonal_; QR by ND4J's qr op")
    ORTHOGONAL("orthogonal", Param.positive("gain", 1.0, "Scale applied to the orthogonal matrix."));

    private final String id;
    private final List<Param> params;

    Initializer(String id, Param... params) {
        this.id = id;
        this.params = List.of(params);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Explained explained() {
        return Term.explainedOf(this, null);
    }

    @Override
    public List<Param> params() {
        return params;
    }

    /**
     * Draws a weight matrix of shape [fanIn, fanOut] with the current thread's ND4J random generator.
     */
    public static INDArray sample(Choice<Initializer> choice, DataType dataType, long fanIn, long fanOut) {
        long[] shape = {fanIn, fanOut};
        if (choice.term() == ORTHOGONAL) {
            return Orthogonal.sample(dataType, fanIn, fanOut, choice.value("gain"));
        }
        WeightInitScheme scheme = switch (choice.term()) {
            case ZEROS -> new ZeroInitScheme('c');
            case CONSTANT -> new ConstantInitScheme('c', choice.value("value"));
            case UNIFORM -> new DistributionInitScheme('c',
                    new UniformDistribution(choice.value("low"), choice.value("high")));
            case NORMAL -> new DistributionInitScheme('c',
                    new NormalDistribution(choice.value("mean"), choice.value("std")));
            case XAVIER_UNIFORM -> new XavierUniformInitScheme('c', fanIn, fanOut);
            case XAVIER_NORMAL -> new XavierInitScheme('c', fanIn, fanOut);
            case HE_UNIFORM -> new ReluUniformInitScheme('c', fanIn);
            case HE_NORMAL -> new ReluInitScheme('c', fanIn);
            case LECUN_UNIFORM -> {
                double a = Math.sqrt(3.0 / fanIn);
                yield new DistributionInitScheme('c', new UniformDistribution(-a, a));
            }
            case LECUN_NORMAL -> new VarScalingNormalFanInInitScheme('c', fanIn);
            case ORTHOGONAL -> throw new AssertionError("handled above");
        };
        return scheme.create(dataType, shape).castTo(dataType);
    }

    /** Orthogonal initialization through ND4J's QR decomposition. */
    private static final class Orthogonal {
        static INDArray sample(DataType dataType, long rows, long cols, double gain) {
            boolean wide = rows < cols;
            long tall = Math.max(rows, cols);
            long narrow = Math.min(rows, cols);
            INDArray a = Nd4j.randn(DataType.DOUBLE, tall, narrow);
            INDArray[] qr = Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.custom.Qr(a, false));
            INDArray q = qr[0];
            INDArray r = qr[1];
            INDArray signs = Nd4j.create(DataType.DOUBLE, narrow);
            for (long i = 0; i < narrow; i++) {
                signs.putScalar(i, r.getDouble(i, i) < 0 ? -1.0 : 1.0);
            }
            q.muliRowVector(signs);
            INDArray w = wide ? q.transpose() : q;
            return w.mul(gain).castTo(dataType).dup('c');
        }
    }
}
