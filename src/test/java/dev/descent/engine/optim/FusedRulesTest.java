package dev.descent.engine.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.descent.engine.Engine;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.AMSGrad;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Our one-pass update rules take the steps of the ND4J updaters they replace: ten steps on 5,000
 * random gradients (some 0, some large; more than two blocks), state included, in float and in double,
 * with a learning rate that changes every step. (Momentum, Adamax and NAdam are ours from the start and
 * are checked against torch's rules in {@link OptimizerTest}.)
 */
class FusedRulesTest {
    private static final int N = 5000;
    private static final int STEPS = 10;

    @BeforeAll
    static void engine() {
        Engine.initialize();
    }

    @ParameterizedTest
    @ValueSource(strings = {"FLOAT", "DOUBLE"})
    void adamTakesNd4jsAdamSteps(DataType type) {
        compare(type, () -> AdamRule.adam(0.9, 0.999, 1e-8, like(type)),
                () -> Nd4jUpdateRule.scaledInside(new Adam(0.0, 0.9, 0.999, 1e-8), N, like(type)),
                new String[]{"M", "V"});
    }

    @ParameterizedTest
    @ValueSource(strings = {"FLOAT", "DOUBLE"})
    void adamWithOtherBetasAndLargeEpsilonTakesNd4jsSteps(DataType type) {
        compare(type, () -> AdamRule.adam(0.5, 0.9, 0.1, like(type)),
                () -> Nd4jUpdateRule.scaledInside(new Adam(0.0, 0.5, 0.9, 0.1), N, like(type)),
                new String[]{"M", "V"});
    }

    @ParameterizedTest
    @ValueSource(strings = {"FLOAT", "DOUBLE"})
    void amsgradTakesNd4jsAmsgradSteps(DataType type) {
        compare(type, () -> AdamRule.amsgrad(0.9, 0.999, 1e-8, like(type)),
                () -> Nd4jUpdateRule.scaledInside(new AMSGrad(0.0, 0.9, 0.999, 1e-8), N, like(type)),
                new String[]{"M", "V", "V_HAT"});
    }

    @ParameterizedTest
    @ValueSource(strings = {"FLOAT", "DOUBLE"})
    void sgdTakesNd4jsSgdSteps(DataType type) {
        compare(type, Nd4jRules.Sgd::new, () -> Nd4jUpdateRule.scaledInside(new Sgd(), N, like(type)), new String[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FLOAT", "DOUBLE"})
    void nesterovTakesNd4jsNesterovStepsScaledAfter(DataType type) {
        compare(type, () -> new Nd4jRules.Nesterov(0.9, like(type)),
                () -> Nd4jUpdateRule.scaledAfter(new Nesterovs(1.0, 0.9), N, like(type)), new String[]{"V"});
    }

    @ParameterizedTest
    @ValueSource(strings = {"FLOAT", "DOUBLE"})
    void rmspropTakesNd4jsRmspropStepsFromItsInitialState(DataType type) {
        compare(type, () -> new Nd4jRules.RmsPropRule(0.99, 1e-8, like(type)),
                () -> Nd4jUpdateRule.scaledInside(new RmsProp(0.0, 0.99, 1e-8), N, like(type)), new String[]{"G"});
    }

    @ParameterizedTest
    @ValueSource(strings = {"FLOAT", "DOUBLE"})
    void adagradTakesNd4jsAdagradStepsFromItsInitialState(DataType type) {
        compare(type, () -> new Nd4jRules.AdaGradRule(1e-10, like(type)),
                () -> Nd4jUpdateRule.scaledInside(new AdaGrad(0.0, 1e-10), N, like(type)), new String[]{"grad"});
    }

    @ParameterizedTest
    @ValueSource(strings = {"FLOAT", "DOUBLE"})
    void adadeltaTakesNd4jsAdadeltaStepsScaledAfter(DataType type) {
        compare(type, () -> new Nd4jRules.AdaDeltaRule(0.9, 1e-6, like(type)),
                () -> Nd4jUpdateRule.scaledAfter(new AdaDelta(0.9, 1e-6), N, like(type)), new String[]{"msg", "msdx"});
    }

    @Test
    void aVectorLongerThanOneBlockIsUpdatedToItsLastValue() {
        // 2.5 blocks: every value gets SGD's step, including those of the partial last block
        int n = FlatVector.BLOCK * 5 / 2;
        INDArray gradient = Nd4j.ones(DataType.FLOAT, 1, n);
        new Nd4jRules.Sgd().apply(gradient, 0, 0.5);
        assertArrayEquals(Nd4j.valueArrayOf(new long[]{1, n}, 0.5f).toFloatVector(), gradient.toFloatVector());
    }

    @Test
    void aStridedViewIsRefusedWithWhatWasExpected() {
        INDArray everyOther = Nd4j.zeros(DataType.FLOAT, 4, 2).getColumn(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FlatVector.floats(everyOther));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("expected a dense FLOAT vector"), e.getMessage());
    }

    private static INDArray like(DataType type) {
        return Nd4j.zeros(type, 1, N);
    }

    private static void compare(DataType type, Supplier<UpdateRule> ours, Supplier<UpdateRule> nd4j, String[] state) {
        UpdateRule a = ours.get();
        UpdateRule b = nd4j.get();
        Random random = new Random(5);
        for (int t = 0; t < STEPS; t++) {
            double[] g = new double[N];
            for (int i = 0; i < N; i++) {
                g[i] = i % 97 == 0 ? 0 : random.nextGaussian() * (i % 10 == 0 ? 100 : 0.01);
            }
            INDArray ga = Nd4j.createFromArray(new double[][]{g}).castTo(type);
            INDArray gb = ga.dup();
            double lr = 1e-3 * (1 + t % 3);
            a.apply(ga, t, lr);
            b.apply(gb, t, lr);
            // float: ND4J's float expressions, up to its powf against our (float) Math.pow: 2 ulp
            double tolerance = type == DataType.FLOAT ? 2.5e-7 : 1e-14;
            assertClose(gb, ga, tolerance, type + " step " + (t + 1));
            for (String key : state) {
                assertClose(b.state().get(key), a.state().get(key), tolerance, type + " state " + key + " step " + (t + 1));
            }
        }
    }

    private static void assertClose(INDArray expected, INDArray actual, double relative, String what) {
        double[] e = expected.reshape(-1).toDoubleVector();
        double[] x = actual.reshape(-1).toDoubleVector();
        double[] scaled = new double[e.length];
        for (int i = 0; i < e.length; i++) {
            scaled[i] = e[i] == x[i] ? 0 : (x[i] - e[i]) / Math.max(Math.abs(e[i]), 1e-30);
        }
        assertArrayEquals(new double[e.length], scaled, relative, what);
    }
}
