package dev.descent.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvWriterTest {
    @TempDir
    Path dir;

    private Dataset roundTrip(Dataset data, String target) throws Exception {
        Path file = dir.resolve("out.csv");
        CsvWriter.write(data, file);
        return CsvReader.read(file, target, data.task());
    }

    private List<String> lines(Dataset data) throws IOException {
        Path file = dir.resolve("out.csv");
        CsvWriter.write(data, file);
        return Files.readAllLines(file);
    }

    private List<String> filesInDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> labelsOf(Dataset data) {
        return java.util.Arrays.stream(data.classIndices()).mapToObj(data.classNames()::get).toList();
    }

    @Test
    void classificationSetReadsBackEqual() throws Exception {
        Dataset moons = Generator.MOONS.generate(50, 0.1, 2, 1);

        Dataset back = roundTrip(moons, "label");

        assertEquals(moons, back);
        assertEquals(moons.featureNames(), back.featureNames());
    }

    @Test
    void regressionSetReadsBackEqual() throws Exception {
        Dataset sine = Generator.SINE.generate(50, 0.1, 0, 1);

        Dataset back = roundTrip(sine, "y");

        assertEquals(sine, back);
        assertEquals(sine.featureNames(), back.featureNames());
    }

    @Test
    void shapesReadBackWithEveryPixelAndLabel() throws Exception {
        Dataset shapes = Generator.SHAPES.generate(12, 0.1, 4, 1);

        Dataset back = roundTrip(shapes, "label");

        assertEquals(256, back.features());
        assertArrayEquals(shapes.featureMatrix(), back.featureMatrix());
        assertEquals(labelsOf(shapes), labelsOf(back));
    }

    @Test
    void shapesWhoseClassNamesAreInAlphabeticalOrderReadBackEqual() throws Exception {
        // given circle, square, triangle: already the reader's order
        Dataset shapes = Generator.SHAPES.generate(12, 0.1, 3, 1);

        assertEquals(shapes, roundTrip(shapes, "label"));
    }

    @Test
    void classesComeBackInTheReadersOrder() throws Exception {
        // given circle, square, triangle, cross: the reader sorts class names alphabetically
        Dataset shapes = Generator.SHAPES.generate(8, 0.1, 4, 1);

        assertEquals(List.of("circle", "cross", "square", "triangle"), roundTrip(shapes, "label").classNames());
    }

    @Test
    void floatsSurviveBitForBit() throws Exception {
        // given values whose decimal text is long or special: subnormals, extremes, negative zero, 0.1
        float[] x = {Float.MIN_VALUE, -Float.MAX_VALUE, -0.0f, 0.1f, 1e-40f, Float.MIN_NORMAL, 16777217f, (float) Math.PI};
        float[] y = {1, 2, 3, 4, 5, 6, 7, 8};
        Dataset data = Dataset.regression("odd", 1, x, 1, y, List.of("x"));

        Dataset back = roundTrip(data, "y");

        assertArrayEquals(x, back.featureMatrix());
        assertEquals(data, back);
    }

    @Test
    void headerIsFeatureNamesThenLabel() throws Exception {
        Dataset moons = Generator.MOONS.generate(4, 0.1, 2, 1);

        assertEquals("x1,x2,label", lines(moons).get(0));
    }

    @Test
    void labelColumnHoldsTheClassName() throws Exception {
        Dataset data = Dataset.classification("d", 1, new float[]{0.5f, 2}, new int[]{1, 0}, List.of("x"),
                List.of("cat", "dog"));

        assertEquals(List.of("x,label", "0.5,dog", "2.0,cat"), lines(data));
    }

    @Test
    void severalTargetsAreNamedY1ToYk() throws Exception {
        Dataset data = Dataset.regression("d", 1, new float[]{1}, 3, new float[]{4, 5, 6}, List.of("x"));

        assertEquals(List.of("x,y1,y2,y3", "1.0,4.0,5.0,6.0"), lines(data));
    }

    @Test
    void namesThatWouldChangeOnReadingAreQuoted() throws Exception {
        Dataset data = Dataset.classification("d", 2, new float[]{1, 2, 3, 4}, new int[]{0, 1},
                List.of(" padded ", "a,b"), List.of("say \"hi\"", "two\nlines"));

        Dataset back = roundTrip(data, "label");

        assertEquals(List.of(" padded ", "a,b"), back.featureNames());
        assertEquals(List.of("say \"hi\"", "two\nlines"), back.classNames());
    }

    @Test
    void quotesAreDoubledInsideQuotes() {
        assertEquals("\"say \"\"hi\"\"\"", CsvWriter.cell("say \"hi\""));
    }

    @Test
    void plainTextIsNotQuoted() {
        assertEquals("setosa", CsvWriter.cell("setosa"));
    }

    @Test
    void writeLeavesNoTemporaryFileBehind() throws Exception {
        CsvWriter.write(Generator.MOONS.generate(4, 0.1, 2, 1), dir.resolve("out.csv"));

        assertEquals(List.of("out.csv"), filesInDir());
    }

    @Test
    void writeReplacesAnExistingFile() throws Exception {
        Path file = Files.writeString(dir.resolve("out.csv"), "old contents that are longer than the new ones\n".repeat(50));

        CsvWriter.write(Dataset.regression("d", 1, new float[]{1}, 1, new float[]{2}, List.of("x")), file);

        assertEquals(List.of("x,y", "1.0,2.0"), Files.readAllLines(file));
    }

    @Test
    void failedWriteLeavesNoTemporaryFileBehind() throws Exception {
        // given a non-empty folder where the file should go, so the final move fails
        Path blocked = Files.createDirectory(dir.resolve("out.csv"));
        Files.writeString(blocked.resolve("keep.txt"), "x");
        Dataset moons = Generator.MOONS.generate(4, 0.1, 2, 1);

        assertThrows(IOException.class, () -> CsvWriter.write(moons, blocked));

        assertEquals(List.of("out.csv"), filesInDir());
        assertEquals(List.of("x"), Files.readAllLines(blocked.resolve("keep.txt")));
    }

    @Test
    void featureNamedLikeTheTargetIsRefused() {
        Dataset data = Dataset.classification("d", 1, new float[]{1, 2}, new int[]{0, 1}, List.of("label"),
                List.of("a", "b"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvWriter.write(data, dir.resolve("out.csv")));

        assertEquals("feature 'label' has the name of the target column; rename the feature", e.getMessage());
    }

    @Test
    void missingFeatureNamesAreRefused() {
        Dataset data = Dataset.regression("d", 2, new float[]{1, 2}, 1, new float[]{3}, List.of("x"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvWriter.write(data, dir.resolve("out.csv")));

        assertEquals("d has 2 features but 1 feature names", e.getMessage());
    }
}
