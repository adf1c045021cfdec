package dev.descent.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.Engine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.factory.Nd4j;

/** Each input normalizer against the formula in its documentation, fitted on training data only. */
class InputNormalizerTest {
    @BeforeAll
    static void engine() {
        Engine.initialize();
    }

    private static INDArray train() {
        // column 0: 0, 10, 20; column 1: constant 5 (like an image border that is always black)
        return Nd4j.createFromArray(new double[][]{{0, 5}, {10, 5}, {20, 5}});
    }

    @Test
    void minMaxMapsTheTrainingRangeToZeroOne() {
        DataNormalization n = InputNormalizer.MIN_MAX.fit(train());
        INDArray x = Nd4j.createFromArray(new double[][]{{5, 5}, {30, 5}});
        n.transform(x);
        assertEquals(0.25, x.getDouble(0, 0), 1e-12);
        assertEquals(1.5, x.getDouble(1, 0), 1e-12, "values outside the training range are not clipped");
    }

    @Test
    void standardizeUsesTheTrainingMeanAndDeviation() {
        DataNormalization n = InputNormalizer.STANDARDIZE.fit(train());
        INDArray x = Nd4j.createFromArray(new double[][]{{10, 5}, {20, 5}});
        n.transform(x);
        double sigma = Math.sqrt(200.0 / 3);  // population deviation of 0, 10, 20
        assertEquals(0, x.getDouble(0, 0), 1e-9);
        assertEquals(10 / sigma, x.getDouble(1, 0), 1e-6);
    }

    @Test
    void aConstantFeatureStaysFinite() {
        for (InputNormalizer normalizer : new InputNormalizer[]{InputNormalizer.MIN_MAX, InputNormalizer.STANDARDIZE}) {
            INDArray x = train();
            normalizer.fit(train()).transform(x);
            for (int r = 0; r < 3; r++) {
                assertTrue(Double.isFinite(x.getDouble(r, 1)), normalizer + " gave " + x.getDouble(r, 1));
            }
        }
    }

    @Test
    void pixelScalingDividesBy255() {
        INDArray x = Nd4j.createFromArray(new double[][]{{0, 255}, {51, 102}});
        InputNormalizer.PIXEL.fit(x).transform(x);
        assertEquals(1.0, x.getDouble(0, 1), 1e-12);
        assertEquals(0.2, x.getDouble(1, 0), 1e-12);
    }

    @Test
    void noneLeavesDataAlone() {
        assertNull(InputNormalizer.NONE.fit(train()));
    }
}
