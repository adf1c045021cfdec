package dev.descent.parity;

import static dev.descent.testing.Specs.activation;
import static dev.descent.testing.Specs.chain;
import static dev.descent.testing.Specs.dense;
import static dev.descent.testing.Specs.input;
import static dev.descent.testing.Specs.loss;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.Engine;
import dev.descent.engine.data.DataShape;
import dev.descent.engine.nn.Network;
import dev.descent.engine.nn.Pass;
import dev.descent.engine.optim.Optimizer;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.vocab.Choice;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Descent against DL4J's MultiLayerNetwork, an independent implementation of the same model: a
 * 4-16-16-3 MLP (tanh, relu, softmax cross-entropy) starting from identical weights and fed identical
 * minibatches gives per-step losses within 10⁻⁴ for 50 steps, in float.
 */
class Dl4jParityTest {
    private static final int IN = 4;
    private static final int HIDDEN = 16;
    private static final int CLASSES = 3;
    private static final int BATCH = 20;
    private static final int STEPS = 50;
    private static List<DataSet> batches;

    @BeforeAll
    static void data() {
        Engine.initialize();
        Random r = new Random(5);
        batches = new ArrayList<>();
        for (int b = 0; b < 10; b++) {
            INDArray x = Nd4j.create(DataType.FLOAT, BATCH, IN);
            INDArray y = Nd4j.zeros(DataType.FLOAT, BATCH, CLASSES);
            for (int i = 0; i < BATCH; i++) {
                int label = r.nextInt(CLASSES);
                for (int j = 0; j < IN; j++) {
                    x.putScalar(i, j, r.nextGaussian() + (j == label ? 1.5 : 0));
                }
                y.putScalar(i, label, 1);
            }
            batches.add(new DataSet(x, y));
        }
    }

    enum Case {
        SGD(OptimizerType.SGD, 0.1), NESTEROV(OptimizerType.NESTEROV, 0.05), RMSPROP(OptimizerType.RMSPROP, 0.01),
        ADAGRAD(OptimizerType.ADAGRAD, 0.1), ADAM(OptimizerType.ADAM, 0.01);

        final OptimizerType type;
        final double lr;

        Case(OptimizerType type, double lr) {
            this.type = type;
            this.lr = lr;
        }

        Choice<OptimizerType> choice() {
            Choice<OptimizerType> c = Choice.of(type).with("learningRate", lr);
            return switch (this) {
                case RMSPROP -> c.with("rho", 0.95).with("eps", 1e-8);
                case ADAGRAD -> c.with("eps", 1e-6);
                default -> c;
            };
        }

        IUpdater dl4j() {
            return switch (this) {
                case SGD -> new Sgd(lr);
                case NESTEROV -> new Nesterovs(lr, 0.9);
                case RMSPROP -> new RmsProp(lr, 0.95, 1e-8);
                case ADAGRAD -> new AdaGrad(lr, 1e-6);
                case ADAM -> new Adam(lr, 0.9, 0.999, 1e-8);
            };
        }
    }

    @ParameterizedTest
    @EnumSource(Case.class)
    void perStepLossesMatchDl4jFor50Steps(Case c) {
        // given Descent's network
        Network ours = Network.create(chain(input("in"), dense("h1", HIDDEN), activation("a1", "tanh"),
                dense("h2", HIDDEN), activation("a2", "relu"), dense("out", CLASSES), loss("loss", "cross_entropy")),
                DataShape.classification(IN, CLASSES), DataType.FLOAT, 11);
        Optimizer optimizer = Optimizer.create(c.choice(), ours.parameters());
        // and DL4J's, with the same weights
        MultiLayerNetwork theirs = dl4j(c.dl4j());
        copyWeights(ours, theirs);
        Pass pass = ours.pass(BATCH, true);
        double worst = 0;
        String where = "";
        for (int step = 0; step < STEPS; step++) {
            DataSet batch = batches.get(step % batches.size());
            // when both take one step on the same batch
            pass.features().assign(batch.getFeatures());
            pass.labels().assign(batch.getLabels());
            double ourLoss = pass.forward(true);
            pass.backward();
            optimizer.computeUpdate(ours.gradients(), ours.parameters(), ours.gradients().norm2Number().doubleValue(),
                    step, c.lr);
            ours.parameters().subi(ours.gradients());
            theirs.fit(batch);
            double theirLoss = theirs.score();
            // then the losses before the update agree
            double gap = Math.abs(ourLoss - theirLoss);
            if (gap > worst) {
                worst = gap;
                where = "step " + (step + 1) + ": ours " + ourLoss + ", DL4J " + theirLoss;
            }
        }
        assertTrue(worst <= 1e-4, c + " worst gap " + worst + " at " + where);
    }

    private static MultiLayerNetwork dl4j(IUpdater updater) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                .updater(updater).list()
                .layer(new DenseLayer.Builder().nIn(IN).nOut(HIDDEN).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nIn(HIDDEN).nOut(HIDDEN).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(HIDDEN).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Our flat vector holds W [n_in, n_out] then b for each dense node, in order. */
    private static void copyWeights(Network ours, MultiLayerNetwork theirs) {
        int[][] shapes = {{IN, HIDDEN}, {HIDDEN, HIDDEN}, {HIDDEN, CLASSES}};
        long offset = 0;
        for (int layer = 0; layer < 3; layer++) {
            int nIn = shapes[layer][0];
            int nOut = shapes[layer][1];
            INDArray w = ours.parameters().get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + (long) nIn * nOut))
                    .reshape('c', nIn, nOut);
            offset += (long) nIn * nOut;
            INDArray b = ours.parameters().get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + nOut))
                    .reshape(1, nOut);
            offset += nOut;
            theirs.getLayer(layer).setParam("W", w.dup());
            theirs.getLayer(layer).setParam("b", b.dup());
        }
    }
}
