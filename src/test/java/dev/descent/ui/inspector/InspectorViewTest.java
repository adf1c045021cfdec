package dev.descent.ui.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.experiment.DatasetSpec;
import dev.descent.experiment.Experiment;
import dev.descent.ui.app.Examples;
import dev.descent.ui.model.DataModel;
import dev.descent.ui.model.InvalidInputs;
import dev.descent.ui.model.ProjectModel;
import dev.descent.ui.model.SelectionModel;
import java.util.List;
import java.util.Set;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class InspectorViewTest {
    private ProjectModel project;
    private SelectionModel selection;
    private InspectorView inspector;
    private final InvalidInputs invalid = new InvalidInputs();

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        // the spiral example: in → h1 (dense 16) → a1 → h2 → a2 → out → loss; runs SGD and Adam
        project = new ProjectModel(Examples.load(Examples.FIRST));
        selection = new SelectionModel();
        DataModel data = new DataModel(project, Runnable::run, Runnable::run); // loads at once
        inspector = new InspectorView(project, selection, data, invalid, null);
        stage.setScene(new Scene(inspector, 340, 760));
        stage.show();
    }

    @Test
    void selectingADenseNodeShowsItsUnitsAndShape(FxRobot robot) {
        // when the dense node h1 is selected
        robot.interact(() -> selection.selectGraph(Set.of("h1"), Set.of()));

        // then its units are shown, and the widths inferred from the data (2 spiral features in, 16 out)
        assertEquals("16", field(robot, "units").getText());
        assertEquals("N × 2 → N × 16", robot.lookup("#info-shape").queryAs(Label.class).getText());
        assertEquals("48", robot.lookup("#info-parameters").queryAs(Label.class).getText(), "2 · 16 weights + 16 biases");
    }

    @Test
    void typingUnitsAndEnterIsOneUndoableEdit(FxRobot robot) {
        // given h1 selected
        robot.interact(() -> selection.selectGraph(Set.of("h1"), Set.of()));

        // when 32 is typed and Enter pressed
        TextField units = field(robot, "units");
        robot.clickOn(units);
        robot.interact(units::selectAll);
        robot.write("32");
        robot.type(KeyCode.ENTER);

        // then the experiment changes, with one entry to undo
        assertEquals(32, dense("h1").units());
        assertEquals("Undo Set units", project.undoTextProperty().get());

        // and undo restores it, in the experiment and the field
        robot.interact(project::undo);
        assertEquals(16, dense("h1").units());
        assertEquals("16", field(robot, "units").getText());
        assertFalse(project.canUndoProperty().get());
    }

    @Test
    void invalidUnitsAreRejectedWithTheMessageAndNotApplied(FxRobot robot) {
        // given h1 selected
        robot.interact(() -> selection.selectGraph(Set.of("h1"), Set.of()));
        Experiment before = project.experiment();

        // when 0 is entered
        type(robot, "units", "0");
        robot.type(KeyCode.ENTER);

        // then the parameter's message is shown and nothing changes
        assertEquals("units must be >= 1, got 0", message(robot, "units").getText());
        assertTrue(message(robot, "units").isVisible());
        assertSame(before, project.experiment());

        // and text that is not a number is rejected the same way
        type(robot, "units", "abc");
        robot.type(KeyCode.ENTER);
        assertEquals("units must be a whole number, got 'abc'", message(robot, "units").getText());
        assertSame(before, project.experiment());

        // and a valid value clears the message
        type(robot, "units", "8");
        robot.type(KeyCode.ENTER);
        assertFalse(message(robot, "units").isVisible());
        assertEquals(8, dense("h1").units());
    }

    @Test
    void aRefusedValueIsReportedUntilCorrectedOrItsFormCloses(FxRobot robot) {
        // given h1 selected, nothing refused
        robot.interact(() -> selection.selectGraph(Set.of("h1"), Set.of()));
        assertEquals(null, invalid.first());

        // when "abc" is entered as its units
        type(robot, "units", "abc");
        robot.type(KeyCode.ENTER);

        // then the refusal is reported, naming the node
        assertEquals("node 'h1': units must be a whole number, got 'abc'; Esc restores it", invalid.first());

        // and a corrected value withdraws it
        type(robot, "units", "8");
        robot.type(KeyCode.ENTER);
        assertEquals(null, invalid.first());

        // and a refused value whose form goes away (another node selected) goes with it
        type(robot, "units", "-3");
        robot.type(KeyCode.ENTER);
        assertTrue(invalid.first().startsWith("node 'h1': units must be >= 1"), invalid.first());
        robot.interact(() -> selection.selectGraph(Set.of("h2"), Set.of()));
        assertEquals(null, invalid.first());
        assertEquals(8, dense("h1").units(), "the refused value was never applied");
    }

    @Test
    void aNegativeLearningRateIsRejected(FxRobot robot) {
        // given the Adam run selected
        robot.interact(() -> selection.selectRun(1));
        Experiment before = project.experiment();

        // when -1 is entered as its learning rate
        type(robot, "optimizer-learningRate", "-1");
        robot.type(KeyCode.ENTER);

        // then the engine's message is shown and the experiment is unchanged
        assertEquals("learningRate must be > 0, got -1", message(robot, "optimizer-learningRate").getText());
        assertSame(before, project.experiment());
    }

    @Test
    void editingARunChangesItsOptimizerParameters(FxRobot robot) {
        // given the Adam run (learning rate set, betas at their defaults)
        robot.interact(() -> selection.selectRun(1));
        assertTrue(field(robot, "optimizer-beta2").getStyleClass().contains("default-value"), "defaults are muted");
        assertFalse(field(robot, "optimizer-learningRate").getStyleClass().contains("default-value"));

        // when the learning rate is written as 1e-3 and beta1 as 0.8
        type(robot, "optimizer-learningRate", "1e-3");
        robot.type(KeyCode.ENTER);
        type(robot, "optimizer-beta1", "0.8");
        robot.type(KeyCode.ENTER);

        // then both are set on the run's optimizer, the others keep their defaults
        var adam = project.experiment().runs().get(1).optimizer();
        assertEquals(0.001, adam.value(OptimizerType.LEARNING_RATE));
        assertEquals(0.8, adam.value("beta1"));
        assertFalse(adam.values().containsKey("beta2"));
        assertEquals("0.001", field(robot, "optimizer-learningRate").getText());
        assertFalse(field(robot, "optimizer-beta1").getStyleClass().contains("default-value"));
    }

    @Test
    void choosingAnotherOptimizerShowsItsParameters(FxRobot robot) {
        // given the SGD run
        robot.interact(() -> selection.selectRun(0));
        assertTrue(robot.lookup("#field-optimizer-momentum").tryQuery().isEmpty());

        // when Momentum is chosen
        @SuppressWarnings("unchecked")
        ComboBox<Form.Item<OptimizerType>> box = robot.lookup("#field-optimizer").queryAs(ComboBox.class);
        robot.interact(() -> box.getSelectionModel().select(box.getItems().stream()
                .filter(i -> i.value() == OptimizerType.MOMENTUM).findFirst().orElseThrow()));

        // then the run uses it and its momentum can be edited
        assertEquals(OptimizerType.MOMENTUM, project.experiment().runs().get(0).optimizer().term());
        assertEquals("0.9", field(robot, "optimizer-momentum").getText());
        assertEquals(OptimizerType.MOMENTUM.explained().formula(),
                robot.lookup("#formula-optimizer").queryAs(Label.class).getText().replace("\n", ";   "),
                "the engine's formula, one statement per line");
    }

    @Test
    void dataSettingsEditSamplesSeedAndBatchSize(FxRobot robot) {
        // given nothing selected: the data settings
        assertEquals("600", field(robot, "samples").getText());

        // when samples, seed and batch size are changed
        type(robot, "samples", "800");
        robot.type(KeyCode.ENTER);
        type(robot, "seed", "7");
        robot.type(KeyCode.ENTER);
        type(robot, "batchSize", "64");
        robot.type(KeyCode.ENTER);

        // then the experiment has them
        Experiment e = project.experiment();
        assertEquals(800, ((DatasetSpec.Generated) e.dataset()).samples());
        assertEquals(7, e.seed());
        assertEquals(64, e.training().batchSize());

        // and a batch size of 0 is refused
        type(robot, "batchSize", "0");
        robot.type(KeyCode.ENTER);
        assertEquals("batchSize must be in [1, 1000000], got 0", message(robot, "batchSize").getText());
        assertEquals(64, project.experiment().training().batchSize());
    }

    @Test
    void seedsAreSetInTheTrainingSettingsWithinOneToSixtyFour(FxRobot robot) {
        // given the data settings: one seed
        assertEquals("1", field(robot, "seeds").getText());

        // when 8 seeds are typed, the experiment trains 8 members per run, its batch size untouched
        type(robot, "seeds", "8");
        robot.type(KeyCode.ENTER);
        assertEquals(8, project.experiment().training().seeds());
        assertEquals(32, project.experiment().training().batchSize());

        // and 65 is refused with the file's message
        type(robot, "seeds", "65");
        robot.type(KeyCode.ENTER);
        assertEquals("seeds must be in [1, 64], got 65", message(robot, "seeds").getText());
        assertEquals(8, project.experiment().training().seeds());
    }

    @Test
    void aHalfTypedValueSurvivesUnrelatedChangesButNotAChangeOfItsOwnValue(FxRobot robot) {
        // given 64 typed into h1's units, not yet committed
        robot.interact(() -> selection.selectGraph(Set.of("h1"), Set.of()));
        type(robot, "units", "64");

        // when something else in the experiment changes
        robot.interact(() -> project.edit("Rename experiment", e -> e.withName("Other")));

        // then the typed text is still there
        assertEquals("64", field(robot, "units").getText());

        // but when the units themselves change underneath, the field shows the new value
        robot.interact(() -> project.edit("Set units", e -> e.withNetwork(e.network().replace(dense("h1").withUnits(4)))));
        assertEquals("4", field(robot, "units").getText());
    }

    @Test
    void renamingANodeKeepsItSelectedAndUndoFollowsIt(FxRobot robot) {
        // given h1 selected
        robot.interact(() -> selection.selectGraph(Set.of("h1"), Set.of()));

        // when it is renamed to hidden1
        type(robot, "id", "hidden1");
        robot.type(KeyCode.ENTER);

        // then the node, its edges and the selection follow
        assertTrue(project.experiment().network().node("hidden1").isPresent());
        assertEquals(List.of("in"), project.experiment().network().inputsOf("hidden1"));
        assertEquals(Set.of("hidden1"), selection.nodes());
        assertEquals("hidden1", field(robot, "id").getText());

        // and undo brings back h1, still inspected
        robot.interact(project::undo);
        assertEquals(Set.of("h1"), selection.nodes());
        assertEquals("16", field(robot, "units").getText());

        // and a used id is refused
        type(robot, "id", "h2");
        robot.type(KeyCode.ENTER);
        assertEquals("id 'h2' is already used by another node", message(robot, "id").getText());
    }

    @Test
    void followsSelectionBetweenNodesRunsAndData(FxRobot robot) {
        // when a run, then two nodes, then nothing is selected
        robot.interact(() -> selection.selectRun(0));
        assertEquals("SGD", robot.lookup("#inspector-title").queryAs(Label.class).getText());
        robot.interact(() -> selection.selectGraph(Set.of("h1", "h2"), Set.of()));
        assertEquals("2 nodes", robot.lookup("#inspector-title").queryAs(Label.class).getText());
        robot.interact(selection::clear);

        // then the inspector shows each in turn, ending with the data settings
        assertEquals("Data and training", robot.lookup("#inspector-title").queryAs(Label.class).getText());
    }

    private NodeSpec.Dense dense(String id) {
        return (NodeSpec.Dense) project.experiment().network().node(id).orElseThrow();
    }

    private static TextField field(FxRobot robot, String key) {
        return robot.lookup("#field-" + key).queryAs(TextField.class);
    }

    private static Label message(FxRobot robot, String key) {
        return robot.lookup("#message-" + key).queryAs(Label.class);
    }

    /** Clicks into the field and replaces its text with {@code text}, as typing would (no Enter). */
    private static void type(FxRobot robot, String key, String text) {
        TextField field = field(robot, key);
        robot.clickOn(field);
        robot.interact(() -> field.setText(text));
    }
}
