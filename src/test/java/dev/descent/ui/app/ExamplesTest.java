package dev.descent.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.Generator;
import dev.descent.experiment.DatasetSpec;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentData;
import dev.descent.experiment.PreparedExperiment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExamplesTest {

    @Test
    void everyBundledExampleLoadsWithItsDataAndCanTrain() throws Exception {
        for (Examples.Example example : Examples.ALL) {
            Experiment e = Examples.load(example.file());
            Dataset data = ExperimentData.load(e);
            assertTrue(PreparedExperiment.problems(e, data).isEmpty(), example.file());
        }
    }

    @Test
    void theFirstExampleIsTheSpiralWithSgdAndAdam() throws Exception {
        Experiment e = Examples.load(Examples.FIRST);
        assertEquals("Spiral: SGD vs Adam", e.name());
        assertEquals(2, e.runs().size());
        assertEquals("sgd", e.runs().get(0).optimizer().term().id());
        assertEquals("adam", e.runs().get(1).optimizer().term().id());
        assertNotNull(Examples.text("moons.csv"));
    }

    @Test
    void keepingAnExamplesDataBesideAFileWithTheSameNameButOtherDataPicksAFreeName(@TempDir Path dir) throws Exception {
        // given the CSV example, and a different moons.csv already in the folder it is saved to
        Experiment e = Examples.load("csv-moons.json");
        Files.writeString(dir.resolve("moons.csv"), "mine,label\n1,a\n");
        // when its data is kept beside a file saved there
        Experiment kept = Examples.keepDataBeside(e, dir);
        // then the user's file is untouched and the example's data is copied under a free name
        assertEquals("mine,label\n1,a\n", Files.readString(dir.resolve("moons.csv")));
        assertEquals("moons-2.csv", ((DatasetSpec.Csv) kept.dataset()).path());
        assertEquals(dir.resolve("moons-2.csv"), kept.resolve("moons-2.csv"));
        assertEquals(ExperimentData.load(e), ExperimentData.load(kept));
        // and keeping it again reuses the copy rather than making a third
        Examples.keepDataBeside(e, dir);
        try (var listing = Files.list(dir)) {
            assertEquals(2, listing.count());
        }
    }

    @Test
    void dataOutsideTheExamplesFoldersIsLeftWhereItIs(@TempDir Path dir) throws Exception {
        Files.copy(Path.of("sample-data/moons.csv"), dir.resolve("moons.csv"));
        Experiment mine = Examples.load("csv-moons.json").withBaseDirectory(dir);
        assertSame(mine, Examples.keepDataBeside(mine, dir.resolve("elsewhere")));
        Experiment generated = Examples.load(Examples.FIRST);
        assertSame(generated, Examples.keepDataBeside(generated, dir));
    }

    @Test
    void theBlankStartHasTheDefaultDataTwoUnconnectedNodesAndOneSgdRun() throws Exception {
        Experiment blank = Examples.blank();
        assertEquals(new DatasetSpec.Generated(Generator.SPIRAL, Generator.SPIRAL.defaultSamples(),
                Generator.SPIRAL.defaultNoise(), Generator.SPIRAL.defaultClasses(), 0.2), blank.dataset());
        assertEquals(List.of("in", "loss"), blank.network().nodes().stream().map(n -> n.id()).toList());
        assertTrue(blank.network().edges().isEmpty());
        assertEquals(List.of("SGD"), blank.runs().stream().map(r -> r.name()).toList());
        // and it survives a round trip through the file format unchanged
        assertEquals(blank, dev.descent.experiment.ExperimentReader.parse(
                dev.descent.experiment.ExperimentWriter.toJson(blank), null));
        // and the engine says why it cannot train yet
        assertFalse(PreparedExperiment.problems(blank, ExperimentData.load(blank)).isEmpty());
    }

    @Test
    void theMenuListsEverySampleExperiment() throws Exception {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("sample-data"))) {
            long samples = files.filter(f -> f.toString().endsWith(".json")).count();
            assertEquals(samples, Examples.ALL.size());
        }
    }
}
