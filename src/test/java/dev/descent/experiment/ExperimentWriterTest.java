package dev.descent.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.data.Generator;
import dev.descent.engine.data.Task;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.Position;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Choice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentWriterTest {

    private static Experiment example() throws ExperimentException {
        return ExperimentReader.parse(ExperimentReaderTest.EXAMPLE, null);
    }

    private static Experiment roundTrip(Experiment e) throws ExperimentException {
        return ExperimentReader.parse(ExperimentWriter.toJson(e), e.baseDirectory());
    }

    private static List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void exampleReadsBackEqual() throws ExperimentException {
        Experiment e = example();

        assertEquals(e, roundTrip(e));
    }

    @Test
    void writtenFileReadsBackEqualWithItsDirectoryAsBase(@TempDir Path dir) throws Exception {
        Experiment e = example();
        Path file = dir.resolve("spiral.json");

        ExperimentWriter.write(e, file);

        assertEquals(e.withBaseDirectory(dir.toAbsolutePath().normalize()), ExperimentReader.read(file));
    }

    @Test
    void generatedDatasetReadsBackEqual() throws ExperimentException {
        Experiment e = example().withDataset(new DatasetSpec.Generated(Generator.BLOBS, 1234, 0.25, 5, 0.3));

        assertEquals(e, roundTrip(e));
    }

    @Test
    void regressionGeneratorIsWrittenWithoutClassesAndReadsBackEqual() throws ExperimentException {
        Experiment e = example().withDataset(new DatasetSpec.Generated(Generator.SINE, 300, 0.1, 0, 0.2));

        assertTrue(!ExperimentWriter.toJson(e).contains("\"classes\""));
        assertEquals(e, roundTrip(e));
    }

    @Test
    void csvDatasetReadsBackEqualWithItsPathAsWritten() throws ExperimentException {
        Experiment e = example().withDataset(new DatasetSpec.Csv("../data/house prices.csv", "price", Task.REGRESSION, 0.25));

        assertTrue(ExperimentWriter.toJson(e).contains("\"csv\" : \"../data/house prices.csv\""));
        assertEquals(e, roundTrip(e));
    }

    @Test
    void idxDatasetReadsBackEqual() throws ExperimentException {
        Experiment e = example().withDataset(new DatasetSpec.Idx("mnist/train-images-idx3-ubyte.gz",
                "mnist/train-labels-idx1-ubyte.gz", 0.1));

        assertEquals(e, roundTrip(e));
    }

    @Test
    void choiceWithDefaultsIsWrittenAsItsName() throws ExperimentException {
        String json = ExperimentWriter.toJson(example());

        assertTrue(json.contains("\"init\" : \"he_normal\""), json);
        assertTrue(json.contains("\"schedule\" : \"constant\""), json);
    }

    @Test
    void choiceWithValuesIsWrittenAsAnObjectWithTypeFirst() throws ExperimentException {
        String json = ExperimentWriter.toJson(example());

        assertTrue(json.contains("\"init\" : {\n          \"type\" : \"normal\",\n          \"std\" : 0.01\n        }"), json);
    }

    @Test
    void booleanAndIntegerParametersAreWrittenInTheirJsonForm() throws ExperimentException {
        Choice<Schedule> schedule = Choice.of(Schedule.COSINE).with("restarts", 1).with("steps", 1000);
        Experiment e = example().withRuns(List.of(RunSpec.of("A", Choice.of(OptimizerType.SGD)).withSchedule(schedule)));

        String json = ExperimentWriter.toJson(e);

        assertTrue(json.contains("\"restarts\" : true"), json);
        assertTrue(json.contains("\"steps\" : 1000,") || json.contains("\"steps\" : 1000\n"), json);
        assertEquals(e, roundTrip(e));
    }

    @Test
    void awkwardNumbersReadBackExactly() throws ExperimentException {
        Experiment e = example();
        e = e.withNetwork(e.network().replace(new NodeSpec.Input("in", new Position(-0.0, 1 / 3.0))))
                .withRuns(List.of(RunSpec.of("A", Choice.of(OptimizerType.ADAM).with("learningRate", 0.1 + 0.2)
                        .with("eps", 4.9e-324).with("clipNorm", 1e300))))
                .withSeed(-9_007_199_254_740_993L);

        assertEquals(e, roundTrip(e));
    }

    @Test
    void edgesAreWrittenOnePairPerLine() throws ExperimentException {
        assertTrue(ExperimentWriter.toJson(example()).contains("\"edges\" : [\n      [\"in\", \"h1\"],\n      [\"h1\", \"a1\"],"));
    }

    @Test
    void writingIsStable() throws ExperimentException {
        String once = ExperimentWriter.toJson(example());

        assertEquals(once, ExperimentWriter.toJson(ExperimentReader.parse(once, null)));
    }

    @Test
    void writeReplacesAnExistingFileAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a.json"), "old content that is longer than nothing");
        Experiment e = example();

        ExperimentWriter.write(e, file);

        assertEquals(ExperimentWriter.toJson(e), Files.readString(file));
        assertEquals(List.of("a.json"), filesIn(dir));
    }

    @Test
    void numberJsonCannotHoldIsRefusedAndTheOldFileIsKept(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a.json"), "old");
        Experiment e = example();
        Experiment broken = e.withNetwork(e.network().replace(new NodeSpec.Dropout("d1", Double.NaN, null)));

        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> ExperimentWriter.write(broken, file));

        assertEquals("node 'd1' rate is NaN, which a JSON file cannot hold", thrown.getMessage());
        assertEquals("old", Files.readString(file));
        assertEquals(List.of("a.json"), filesIn(dir));
    }

    @Test
    void writeIntoAMissingDirectoryFailsWithoutLeavingFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("missing/a.json");

        assertThrows(NoSuchFileException.class, () -> ExperimentWriter.write(example(), file));

        assertEquals(List.of(), filesIn(dir));
    }

    @Test
    void failedReplaceRemovesTheTemporaryFile(@TempDir Path dir) throws Exception {
        Path occupied = Files.createDirectories(dir.resolve("a.json"));
        Files.writeString(occupied.resolve("inside"), "x");

        assertThrows(IOException.class, () -> ExperimentWriter.write(example(), occupied));

        assertEquals(List.of("a.json"), filesIn(dir));
    }
}
