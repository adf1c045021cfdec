package dev.descent.engine.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.Engine;
import dev.descent.engine.vocab.Choice;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every optimizer reports its whole state through {@link UpdateRule#stateVectors()}, and the values it
 * reports are the state of the rule's formula, worked out by hand for two steps on known gradients.
 */
class StateVectorsTest {
    private static final double[] G1 = {0.5, -1, 2};
    private static final double[] G2 = {1, 0.5, -2};

    @BeforeAll
    static void engine() {
        Engine.initialize();
    }

    /** Two steps of {@code choice} on parameters (1, 1, 1) with gradients G1 then G2; returns its state. */
    private static List<StateVector> twoSteps(Choice<OptimizerType> choice, List<StateVector> before) {
        INDArray theta = Nd4j.create(new double[][] {{1, 1, 1}}).castTo(DataType.DOUBLE);
        Optimizer optimizer = Optimizer.create(choice, theta);
        if (before != null) {
            before.addAll(optimizer.stateVectors().stream()
                    .map(v -> new StateVector(v.symbol(), v.meaning(), v.values().dup())).toList());
        }
        double[][] gradients = {G1, G2};
        for (int t = 0; t < 2; t++) {
            INDArray g = Nd4j.create(new double[][] {gradients[t]}).castTo(DataType.DOUBLE);
            optimizer.computeUpdate(g, theta, g.norm2Number().doubleValue(), t, 0.1);
            theta.subi(g);
        }
        return optimizer.stateVectors();
    }

    @ParameterizedTest
    @EnumSource(OptimizerType.class)
    void everyStateArrayIsDescribedOnceWithItsOwnSymbol(OptimizerType type) {
        INDArray theta = Nd4j.zeros(DataType.FLOAT, 1, 5);
        UpdateRule rule = OptimizerType.createRule(Choice.of(type), theta);
        List<StateVector> vectors = rule.stateVectors();
        assertEquals(rule.state().size(), vectors.size(), type + ": " + rule.state().keySet());
        Set<String> symbols = new HashSet<>();
        for (StateVector v : vectors) {
            assertTrue(symbols.add(v.symbol()), type + " repeats " + v.symbol());
            assertFalse(v.meaning().isBlank(), type + " " + v.symbol());
            assertEquals(5, v.values().length(), type + " " + v.symbol());
            assertTrue(rule.state().containsValue(v.values()), type + " " + v.symbol() + " is not a live state array");
        }
    }

    @Test
    void adamReportsItsMomentsAfterTwoSteps() {
        List<StateVector> state = twoSteps(Choice.of(OptimizerType.ADAM), null);
        assertEquals(List.of("m", "v"), state.stream().map(StateVector::symbol).toList());
        for (int i = 0; i < 3; i++) {
            // m₂ = β₁(1 − β₁)g₁ + (1 − β₁)g₂;  v₂ = β₂(1 − β₂)g₁² + (1 − β₂)g₂²
            double m = 0.9 * 0.1 * G1[i] + 0.1 * G2[i];
            double v = 0.999 * 0.001 * G1[i] * G1[i] + 0.001 * G2[i] * G2[i];
            assertEquals(m, state.get(0).values().reshape(3).getDouble(i), 1e-15, "m" + i);
            assertEquals(v, state.get(1).values().reshape(3).getDouble(i), 1e-15, "v" + i);
        }
    }

    @Test
    void momentumReportsItsVelocityAfterTwoSteps() {
        List<StateVector> state = twoSteps(Choice.of(OptimizerType.MOMENTUM).with("momentum", 0.8), null);
        assertEquals(List.of("v"), state.stream().map(StateVector::symbol).toList());
        for (int i = 0; i < 3; i++) {
            // v₂ = μ·g₁ + g₂
            assertEquals(0.8 * G1[i] + G2[i], state.get(0).values().reshape(3).getDouble(i), 1e-15);
        }
    }

    @Test
    void adagradReportsItsAccumulatedSquaresAfterTwoSteps() {
        List<StateVector> before = new java.util.ArrayList<>();
        List<StateVector> state = twoSteps(Choice.of(OptimizerType.ADAGRAD), before);
        assertEquals(List.of("s"), state.stream().map(StateVector::symbol).toList());
        for (int i = 0; i < 3; i++) {
            // s₂ = s₀ + g₁² + g₂² (s₀: where ND4J starts it)
            double s0 = before.get(0).values().reshape(3).getDouble(i);
            assertEquals(s0 + G1[i] * G1[i] + G2[i] * G2[i], state.get(0).values().reshape(3).getDouble(i), 1e-15);
        }
    }

    @Test
    void sgdHasNoState() {
        assertEquals(List.of(), twoSteps(Choice.of(OptimizerType.SGD), null));
    }
}
