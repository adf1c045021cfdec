package dev.descent.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SplitTest {

    /** {@code n} examples whose single feature is their own index, classes alternating. */
    private static Dataset indexed(int n) {
        float[] x = new float[n];
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            classes[i] = i % 2;
        }
        return Dataset.classification("indexed", 1, x, classes, List.of("i"), List.of("even", "odd"));
    }

    private static List<Integer> indices(Dataset part) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < part.size(); i++) {
            out.add((int) part.feature(i, 0));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} of {1} examples -> {2} validation")
    @CsvSource({
            "0.2, 10, 2",
            "0.25, 10, 3", // round(2.5) = 3
            "0.5, 7, 4", // round(3.5) = 4
            "0.01, 10, 1", // round(0.1) = 0, raised to 1
            "0.99, 10, 9", // round(9.9) = 10, lowered so training keeps 1
            "0.5, 2, 1",
            "0.5, 1, 0", // a single example always trains
    })
    void validationHoldsTheRoundedFractionWithinTheClamps(double fraction, int n, int expected) {
        Split split = Split.of(indexed(n), fraction, 1);

        assertEquals(expected, split.validation().size());
        assertEquals(n - expected, split.train().size());
    }

    @Test
    void zeroFractionGivesAnEmptyValidationSet() {
        Split split = Split.of(indexed(5), 0, 1);

        assertEquals(0, split.validation().size());
        assertEquals(5, split.train().size());
    }

    @Test
    void emptyValidationSetKeepsTheShape() {
        Split split = Split.of(indexed(5), 0, 1);

        assertEquals(indexed(5).shape(), split.validation().shape());
    }

    @Test
    void everyExampleLandsInExactlyOnePart() {
        Split split = Split.of(indexed(50), 0.3, 7);

        List<Integer> all = new ArrayList<>(indices(split.train()));
        all.addAll(indices(split.validation()));
        all.sort(null);

        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add(i);
        }
        assertEquals(expected, all);
    }

    @Test
    void labelsTravelWithTheirExamples() {
        Split split = Split.of(indexed(20), 0.5, 3);

        for (Dataset part : List.of(split.train(), split.validation())) {
            for (int i = 0; i < part.size(); i++) {
                assertEquals((int) part.feature(i, 0) % 2, part.classOf(i));
            }
        }
    }

    @Test
    void regressionTargetsTravelWithTheirExamples() {
        // given y = 10·x
        float[] x = {0, 1, 2, 3, 4, 5};
        float[] y = {0, 10, 20, 30, 40, 50};
        Dataset data = Dataset.regression("line", 1, x, 1, y, List.of("x"));

        Split split = Split.of(data, 0.5, 11);

        for (Dataset part : List.of(split.train(), split.validation())) {
            for (int i = 0; i < part.size(); i++) {
                assertEquals(10 * part.feature(i, 0), part.target(i, 0));
            }
        }
    }

    @Test
    void sameSeedGivesTheSameSplit() {
        Split first = Split.of(indexed(30), 0.2, 42);
        Split second = Split.of(indexed(30), 0.2, 42);

        assertEquals(first, second);
    }

    @Test
    void differentSeedsGiveDifferentSplits() {
        Split first = Split.of(indexed(30), 0.2, 42);
        Split second = Split.of(indexed(30), 0.2, 43);

        assertNotEquals(indices(first.validation()), indices(second.validation()));
    }

    @Test
    void examplesAreShuffled() {
        Split split = Split.of(indexed(30), 0, 5);

        assertNotEquals(indices(indexed(30)), indices(split.train()));
    }

    @Test
    void validationIsTheFirstPartOfTheSeededFisherYatesOrder() {
        // given the shuffle written out independently: SplittableRandom(9), j = nextInt(i + 1) from the end
        int[] order = {0, 1, 2, 3, 4, 5, 6, 7};
        java.util.SplittableRandom random = new java.util.SplittableRandom(9);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }

        Split split = Split.of(indexed(8), 0.25, 9);

        assertArrayEquals(new float[]{order[0], order[1]}, split.validation().featureMatrix());
    }

    @Test
    void imageSizeSurvivesTheSplit() {
        Dataset images = Dataset.classification("tiny", 4, new float[16], new int[]{0, 1, 0, 1},
                List.of("p0", "p1", "p2", "p3"), List.of("a", "b")).asImages(2, 2);

        Split split = Split.of(images, 0.5, 1);

        assertEquals(2, split.train().imageWidth());
        assertEquals(2, split.validation().imageHeight());
    }

    @Test
    void splittingLeavesTheSourceUntouched() {
        Dataset data = indexed(10);
        float[] before = data.featureMatrix();

        Split.of(data, 0.3, 1);

        assertArrayEquals(before, data.featureMatrix());
        assertEquals(10, data.size());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.0, 1.5, Double.NaN})
    void fractionOutsideZeroToOneIsRefused(double fraction) {
        Dataset data = indexed(10);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Split.of(data, fraction, 1));

        assertEquals("the validation fraction must be in [0, 1), got " + fraction, e.getMessage());
    }
}
