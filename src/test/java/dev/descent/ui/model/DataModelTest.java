package dev.descent.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.descent.engine.data.Task;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.Problem;
import dev.descent.experiment.DatasetSpec;
import dev.descent.experiment.Experiment;
import dev.descent.ui.app.Examples;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The problems the window shows, as DataModel computes them from the project and its data. */
class DataModelTest {
    @TempDir
    Path dir;

    @Test
    void whenTheDataCannotLoadTheNetworksOwnProblemsAreShownBesideWhy() {
        // given the example with a CSV file that does not exist and a dense node of 0 units
        Experiment example = Examples.load(Examples.FIRST);
        NodeSpec.Dense dense = example.network().nodesOf(NodeSpec.Dense.class).get(0);
        Experiment broken = example.withBaseDirectory(dir)
                .withDataset(new DatasetSpec.Csv("absent.csv", "label", Task.CLASSIFICATION, 0.2))
                .withNetwork(example.network().replace(dense.withUnits(0)));
        ProjectModel project = new ProjectModel(broken);

        // when its data is loaded (at once here)
        DataModel data = new DataModel(project, Runnable::run, Runnable::run);

        // then the list holds why the data did not load and the node's problem, each knowing where it is
        List<Problem> problems = List.copyOf(data.problems());
        assertEquals(List.of("dataset: absent.csv: the file does not exist",
                "node '" + dense.id() + "': units must be >= 1, got 0"), problems.stream().map(Problem::message).toList());
        assertEquals(Problem.Section.DATASET, problems.get(0).section());
        assertEquals(List.of(dense.id()), problems.get(1).nodeIds());
        assertEquals("dataset: absent.csv: the file does not exist", data.blockedReasonProperty().get());
    }
}
