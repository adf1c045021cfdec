package dev.descent.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every generator at a small size: counts, shapes, labels, determinism and argument checks. */
class GeneratorTest {
    private static final int SAMPLES = 120;

    private static Dataset make(Generator g, long seed) throws DataException {
        return g.generate(SAMPLES, g.defaultNoise(), g.defaultClasses(), seed);
    }

    @ParameterizedTest
    @EnumSource(Generator.class)
    void makesTheRequestedNumberOfExamples(Generator g) throws DataException {
        assertEquals(SAMPLES, make(g, 1).size());
    }

    @ParameterizedTest
    @EnumSource(Generator.class)
    void makesTheAdvertisedFeatureCount(Generator g) throws DataException {
        Dataset data = make(g, 1);

        assertEquals(g.features(), data.features());
        assertEquals(g.features(), data.featureNames().size());
    }

    @ParameterizedTest
    @EnumSource(Generator.class)
    void hasTheTaskItAdvertises(Generator g) throws DataException {
        assertEquals(g.task(), make(g, 1).task());
    }

    @ParameterizedTest
    @EnumSource(value = Generator.class, names = "SINE", mode = EnumSource.Mode.EXCLUDE)
    void everyClassAtItsLargestCountIsPresentAndInRange(Generator g) throws DataException {
        // given the most classes the generator can make
        Dataset data = g.generate(SAMPLES, g.defaultNoise(), g.maxClasses(), 3);

        int[] counts = new int[g.maxClasses()];
        for (int c : data.classIndices()) {
            assertTrue(c >= 0 && c < g.maxClasses(), "class " + c);
            counts[c]++;
        }
        assertEquals(g.maxClasses(), data.classCount());
        assertTrue(Arrays.stream(counts).allMatch(n -> n > 0), Arrays.toString(counts));
    }

    @ParameterizedTest
    @EnumSource(value = Generator.class, names = "SINE", mode = EnumSource.Mode.EXCLUDE)
    void everyClassAtItsSmallestCountIsPresent(Generator g) throws DataException {
        Dataset data = g.generate(SAMPLES, g.defaultNoise(), g.minClasses(), 3);

        assertEquals(g.minClasses(), Arrays.stream(data.classIndices()).distinct().count());
    }

    @Test
    void sineIsOneInputOneTargetRegression() throws DataException {
        Dataset data = Generator.SINE.generate(SAMPLES, 0.1, 0, 1);

        assertEquals(DataShape.regression(1, 1), data.shape());
    }

    @Test
    void noiselessSineLiesOnTheCurve() throws DataException {
        Dataset data = Generator.SINE.generate(SAMPLES, 0, 0, 1);

        for (int i = 0; i < data.size(); i++) {
            assertEquals(Math.sin(data.feature(i, 0)), data.target(i, 0), 1e-6);
        }
    }

    @ParameterizedTest
    @EnumSource(Generator.class)
    void sameSeedGivesTheSameData(Generator g) throws DataException {
        assertEquals(make(g, 42), make(g, 42));
    }

    @ParameterizedTest
    @EnumSource(Generator.class)
    void differentSeedsGiveDifferentData(Generator g) throws DataException {
        assertNotEquals(make(g, 42), make(g, 43));
    }

    @ParameterizedTest
    @EnumSource(Generator.class)
    void featuresAreFinite(Generator g) throws DataException {
        for (float v : make(g, 1).featureMatrix()) {
            assertTrue(Float.isFinite(v));
        }
    }

    @Test
    void shapesAreSixteenBySixteenImages() throws DataException {
        Dataset data = make(Generator.SHAPES, 1);

        assertEquals(16, data.imageWidth());
        assertEquals(16, data.imageHeight());
    }

    @Test
    void shapePixelsAreWholeNumbersFromZeroTo255() throws DataException {
        // given heavy noise, so clamping is exercised at both ends
        Dataset data = Generator.SHAPES.generate(40, 1.0, 4, 1);

        for (float v : data.featureMatrix()) {
            assertTrue(v >= 0 && v <= 255 && v == Math.rint(v), "pixel " + v);
        }
    }

    @Test
    void shapesAreNamedForWhatTheyDraw() throws DataException {
        Dataset data = Generator.SHAPES.generate(8, 0.1, 4, 1);

        assertEquals(java.util.List.of("circle", "square", "triangle", "cross"), data.classNames());
    }

    @Test
    void byIdFindsEveryGenerator() {
        for (Generator g : Generator.values()) {
            assertEquals(g, Generator.byId(g.id()).orElseThrow());
        }
    }

    @ParameterizedTest
    @EnumSource(Generator.class)
    void defaultsAreAcceptable(Generator g) {
        assertNull(g.problemWith(g.defaultSamples(), g.defaultNoise(), g.defaultClasses()));
    }

    @Test
    void fewerThanTwoSamplesAreRefused() {
        assertEquals("samples must be at least 2, got 1", Generator.MOONS.problemWith(1, 0.1, 2));
    }

    @Test
    void moreThanTheMaximumSamplesAreRefused() {
        assertEquals("samples must be at most 1,000,000, got 1,000,001",
                Generator.MOONS.problemWith(Generator.MAX_SAMPLES + 1, 0.1, 2));
    }

    @Test
    void negativeNoiseIsRefused() {
        assertEquals("noise must be in [0, 10], got -0.5", Generator.BLOBS.problemWith(100, -0.5, 3));
    }

    @Test
    void notANumberNoiseIsRefused() {
        assertEquals("noise must be in [0, 10], got NaN", Generator.BLOBS.problemWith(100, Double.NaN, 3));
    }

    @Test
    void fixedClassCountIsEnforced() {
        assertEquals("moons makes exactly 2 classes, got 3", Generator.MOONS.problemWith(100, 0.1, 3));
    }

    @Test
    void classCountOutsideTheRangeIsRefused() {
        assertEquals("spiral makes 2 to 8 classes, got 9", Generator.SPIRAL.problemWith(100, 0.1, 9));
    }

    @Test
    void oneClassIsRefused() {
        assertEquals("blobs makes 2 to 10 classes, got 1", Generator.BLOBS.problemWith(100, 0.1, 1));
    }

    @Test
    void sineTakesNoClasses() {
        assertEquals("sine is a regression set and takes no classes", Generator.SINE.problemWith(100, 0.1, 2));
    }

    @Test
    void generateThrowsTheProblemAsItsMessage() {
        DataException e = assertThrows(DataException.class, () -> Generator.MOONS.generate(100, 0.1, 3, 1));

        assertEquals("moons makes exactly 2 classes, got 3", e.getMessage());
    }
}
