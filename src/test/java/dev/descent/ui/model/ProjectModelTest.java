package dev.descent.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.NodeType;
import dev.descent.engine.graph.Position;
import dev.descent.experiment.DatasetSpec;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentException;
import dev.descent.experiment.ExperimentReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectModelTest {
    @TempDir
    Path dir;

    private static Experiment example() throws ExperimentException {
        return ExperimentReader.read(Path.of("sample-data/spiral-sgd-vs-adam.json"));
    }

    private static Experiment unplaced() throws ExperimentException {
        Experiment e = example();
        return e.withNetwork(new dev.descent.engine.graph.NetworkSpec(
                e.network().nodes().stream().map(n -> n.withPosition(null)).toList(), e.network().edges()));
    }

    @Test
    void nodesWithoutAPositionAreGivenOneInARowWithoutChangingTheExperiment() throws Exception {
        // given the spiral example with no positions (in → h1 → a1 → h2 → a2 → out → loss)
        ProjectModel project = new ProjectModel(unplaced());
        // then each node is shown one column further right, on one line, and the project is unchanged
        java.util.Map<String, Position> shown = project.positions().all();
        assertEquals(new Position(40, 40), shown.get("in"));
        assertEquals(new Position(40 + LayeredLayout.COLUMN_GAP, 40), shown.get("h1"));
        assertEquals(new Position(40 + 6 * LayeredLayout.COLUMN_GAP, 40), shown.get("loss"));
        assertFalse(project.dirtyProperty().get());
        // when an edit that is not the canvas's is made, the places stay out of the experiment
        project.edit("Rename", e -> e.withName("renamed"));
        assertNull(project.experiment().network().node("h1").orElseThrow().position());
        assertEquals(shown, project.positions().all());
        // when the canvas makes an edit, every place shown is written, and undo takes them out again
        project.editShown("Rename", e -> e.withName("renamed again"));
        for (NodeSpec node : project.experiment().network().nodes()) {
            assertEquals(shown.get(node.id()), node.position(), node.id());
        }
        project.undo();
        assertNull(project.experiment().network().node("h1").orElseThrow().position());
        assertEquals(shown, project.positions().all(), "the same places, not laid out anew");
    }

    @Test
    void anEditIsUndoneAndRedoneWithItsName() throws Exception {
        ProjectModel project = new ProjectModel(example());
        Experiment before = project.experiment();
        // when
        project.edit("Add dense", e -> Edits.addNode(e, Edits.newNode(NodeType.DENSE, e.network(), new Position(1, 2))));
        // then
        assertTrue(project.dirtyProperty().get());
        assertEquals("Undo Add dense", project.undoTextProperty().get());
        project.undo();
        assertEquals(before, project.experiment());
        assertFalse(project.dirtyProperty().get(), "back to the saved state");
        assertEquals("Redo Add dense", project.redoTextProperty().get());
        project.redo();
        assertTrue(project.experiment().network().node("dense").isPresent());
    }

    @Test
    void anEditThatChangesNothingIsNotRecorded() throws Exception {
        ProjectModel project = new ProjectModel(example());
        project.edit("Nothing", e -> e);
        assertFalse(project.canUndoProperty().get());
    }

    @Test
    void aNewEditClearsRedo() throws Exception {
        ProjectModel project = new ProjectModel(example());
        project.edit("Rename", e -> e.withName("a"));
        project.undo();
        project.edit("Rename", e -> e.withName("b"));
        assertFalse(project.canRedoProperty().get());
    }

    @Test
    void historyIsBounded() throws Exception {
        ProjectModel project = new ProjectModel(example());
        for (int i = 0; i < ProjectModel.HISTORY + 50; i++) {
            int n = i;
            project.edit("Rename", e -> e.withName("name " + n));
        }
        int undone = 0;
        while (project.canUndoProperty().get()) {
            project.undo();
            undone++;
        }
        assertEquals(ProjectModel.HISTORY, undone);
    }

    @Test
    void saveAndReopenGiveTheSameExperimentAndClearTheDirtyMarker() throws Exception {
        ProjectModel project = new ProjectModel(example());
        project.edit("Move", e -> Edits.move(e, java.util.Map.of("h1", new Position(333, 444))));
        Path file = dir.resolve("mine.json");
        // when
        project.saveAs(file);
        // then
        assertFalse(project.dirtyProperty().get());
        assertEquals(file, project.fileProperty().get());
        ProjectModel reopened = new ProjectModel(example());
        reopened.open(file);
        assertEquals(project.experiment(), reopened.experiment());
        assertEquals(new Position(333, 444), reopened.experiment().network().node("h1").orElseThrow().position());
        try (var listing = Files.list(dir)) {
            assertEquals(1, listing.count(), "no temporary file left behind");
        }
    }

    @Test
    void whatThePreparationMakesIsSavedAndKeptWithoutAnUndoStep() throws Exception {
        ProjectModel project = new ProjectModel(example());
        project.edit("Rename", e -> e.withName("prepared"));
        int replacements = project.replacements();
        Path file = dir.resolve("prepared.json");
        // when saved with a preparation that places h1 and is told the target folder
        Path[] told = new Path[1];
        project.saveAs(file, (e, directory) -> {
            told[0] = directory;
            return Edits.move(e, java.util.Map.of("h1", new Position(1, 2)));
        });
        // then the file and the project hold the prepared experiment, clean, with the same history
        assertEquals(dir.toAbsolutePath().normalize(), told[0]);
        assertEquals(new Position(1, 2), project.experiment().network().node("h1").orElseThrow().position());
        assertEquals(project.experiment(), ExperimentReader.read(file));
        assertFalse(project.dirtyProperty().get());
        assertEquals("Undo Rename", project.undoTextProperty().get());
        assertEquals(replacements, project.replacements(), "a save is not a new project");
    }

    @Test
    void openingCountsAsANewProject() throws Exception {
        ProjectModel project = new ProjectModel(example());
        int before = project.replacements();
        project.edit("Rename", e -> e.withName("x"));
        assertEquals(before, project.replacements());
        project.open(Path.of("sample-data/optimizers.json"));
        assertEquals(before + 1, project.replacements());
    }

    @Test
    void savingElsewhereKeepsRelativeDataPathsPointingAtTheSameFile() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.copy(Path.of("sample-data/moons.csv"), data.resolve("moons.csv"));
        Experiment e = example().withDataset(new DatasetSpec.Csv("data/moons.csv", "label",
                dev.descent.engine.data.Task.CLASSIFICATION, 0.2)).withBaseDirectory(dir);
        ProjectModel project = new ProjectModel(e);
        Path elsewhere = Files.createDirectories(dir.resolve("projects/deep"));
        project.saveAs(elsewhere.resolve("p.json"));
        DatasetSpec.Csv csv = (DatasetSpec.Csv) ExperimentReader.read(elsewhere.resolve("p.json")).dataset();
        assertEquals("../../data/moons.csv", csv.path());
    }

    @Test
    void aFileThatFailsToLoadLeavesTheProjectAsItWas() throws Exception {
        ProjectModel project = new ProjectModel(example());
        project.edit("Rename", e -> e.withName("work in progress"));
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{ \"format\": 1, ");
        assertThrows(ExperimentException.class, () -> project.open(broken));
        assertEquals("work in progress", project.experiment().name());
        assertTrue(project.canUndoProperty().get());
        assertNull(project.fileProperty().get());
    }

    @Test
    void droppingAnActivationOnADenseNodeSetsTheFollowingActivation() throws Exception {
        Experiment e = example();
        Experiment after = Edits.setActivationAfter(e, "h1",
                dev.descent.engine.vocab.Choice.of(dev.descent.engine.graph.ActivationFunction.TANH));
        NodeSpec.Activation a1 = (NodeSpec.Activation) after.network().node("a1").orElseThrow();
        assertEquals(dev.descent.engine.graph.ActivationFunction.TANH, a1.function().term());
        assertEquals(e.network().nodes().size(), after.network().nodes().size(), "no node added");
    }

    @Test
    void droppingAnActivationOnADenseNodeWithoutOneInsertsIt() throws Exception {
        Experiment e = example();
        Experiment after = Edits.setActivationAfter(e, "out",
                dev.descent.engine.vocab.Choice.of(dev.descent.engine.graph.ActivationFunction.SIGMOID));
        assertEquals(e.network().nodes().size() + 1, after.network().nodes().size());
        String inserted = after.network().outputsOf("out").get(0);
        assertEquals(java.util.List.of("loss"), after.network().outputsOf(inserted));
    }
}
