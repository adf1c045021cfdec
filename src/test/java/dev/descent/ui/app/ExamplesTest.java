package dev.descent.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.data.Dataset;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentData;
import dev.descent.experiment.PreparedExperiment;
import org.junit.jupiter.api.Test;

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
    void theMenuListsEverySampleExperiment() throws Exception {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("sample-data"))) {
            long samples = files.filter(f -> f.toString().endsWith(".json")).count();
            assertEquals(samples, Examples.ALL.size());
        }
    }
}
