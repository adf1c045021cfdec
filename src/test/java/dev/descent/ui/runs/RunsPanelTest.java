package dev.descent.ui.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.experiment.RunSpec;
import dev.descent.ui.app.Examples;
import dev.descent.ui.model.DataModel;
import dev.descent.ui.model.EngineStatus;
import dev.descent.ui.model.ProjectModel;
import dev.descent.ui.model.RunRow;
import dev.descent.ui.model.SelectionModel;
import dev.descent.ui.model.TrainingSession;
import dev.descent.ui.palette.Tile;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.SplitMenuButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class RunsPanelTest {
    private ProjectModel project;
    private SelectionModel selection;
    private TrainingSession session;
    private RunsPanel panel;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        // the spiral example: runs "SGD" and "Adam"
        project = new ProjectModel(Examples.load(Examples.FIRST));
        selection = new SelectionModel();
        DataModel data = new DataModel(project, Runnable::run, Runnable::run);
        session = new TrainingSession(project, data, new EngineStatus(), Runnable::run, Runnable::run);
        panel = new RunsPanel(project, selection, session);
        stage.setScene(new Scene(panel, 560, 360));
        stage.show();
    }

    @Test
    void rowsMatchTheRuns(FxRobot robot) {
        // given the example's two runs: then two rows with their names, in order
        assertEquals(List.of("SGD", "Adam"), rowNames());

        // when a run is added by any means
        robot.interact(() -> project.edit("Add run", e -> dev.descent.ui.model.Edits.addRun(e,
                RunSpec.of("Third", dev.descent.engine.vocab.Choice.of(OptimizerType.RMSPROP)))));

        // then the table follows
        assertEquals(List.of("SGD", "Adam", "Third"), rowNames());
    }

    @Test
    void addMakesAnAdamRunAndSelectsItAndUndoRemovesIt(FxRobot robot) {
        // when Add is pressed
        robot.interact(() -> robot.lookup("#add-run").queryAs(SplitMenuButton.class).fire());

        // then a third run with Adam at its defaults is added, named apart from the existing "Adam", and selected
        List<RunSpec> runs = project.experiment().runs();
        assertEquals(3, runs.size());
        assertEquals(OptimizerType.ADAM, runs.get(2).optimizer().term());
        assertTrue(runs.get(2).optimizer().values().isEmpty());
        assertEquals("Adam 2", runs.get(2).name());
        assertEquals(2, selection.runProperty().get());
        assertEquals(2, panel.table().getSelectionModel().getSelectedIndex());

        // and undo takes it away again
        robot.interact(project::undo);
        assertEquals(List.of("SGD", "Adam"), rowNames());
        assertEquals(-1, selection.runProperty().get(), "the selection does not point past the runs");
    }

    @Test
    void duplicateCopiesTheSelectedRunAfterIt(FxRobot robot) {
        // given the SGD run selected
        robot.interact(() -> selection.selectRun(0));

        // when Duplicate is pressed
        robot.interact(() -> robot.lookup("#duplicate-run").queryAs(Button.class).fire());

        // then a copy follows it, with the same optimizer settings, and can be undone
        List<RunSpec> runs = project.experiment().runs();
        assertEquals(List.of("SGD", "SGD copy", "Adam"), runs.stream().map(RunSpec::name).toList());
        assertEquals(runs.get(0).optimizer(), runs.get(1).optimizer());
        assertEquals(1, selection.runProperty().get());
        robot.interact(project::undo);
        assertEquals(List.of("SGD", "Adam"), rowNames());
    }

    @Test
    void renamingInPlaceRenamesTheRunAndRefusesATakenName(FxRobot robot) {
        // when the Adam run's name is edited in its row
        robot.interact(() -> panel.startRename(1));
        RunCells.RunCell cell = robot.lookup(".runs-run-cell").queryAllAs(RunCells.RunCell.class).stream()
                .filter(c -> c.editor() != null).findFirst().orElseThrow();
        robot.interact(() -> cell.editor().setText("Adam, fast"));
        robot.clickOn(cell.editor()).type(KeyCode.ENTER);

        // then the run is renamed, as one undoable edit
        assertEquals("Adam, fast", project.experiment().runs().get(1).name());
        assertEquals("Adam, fast", rowNames().get(1));
        robot.interact(project::undo);
        assertEquals("Adam", project.experiment().runs().get(1).name());

        // and a name another run has is refused with a message
        robot.interact(() -> assertFalse(panel.renameRun(1, "SGD")));
        assertEquals("Adam", project.experiment().runs().get(1).name());
        assertTrue(panel.message().contains("already called \"SGD\""), panel.message());
    }

    @Test
    void removeTakesTheSelectedRunAndAsksBeforeTheLastOne(FxRobot robot) {
        // given the SGD run selected
        robot.interact(() -> selection.selectRun(0));

        // when Remove is pressed
        robot.interact(() -> robot.lookup("#remove-run").queryAs(Button.class).fire());

        // then it is gone, without a question, and Adam is selected
        assertEquals(List.of("Adam"), rowNames());
        assertEquals(0, selection.runProperty().get());

        // when the last run is removed and the question is answered "no", nothing happens
        String[] asked = {null};
        panel.setConfirmation(question -> {
            asked[0] = question;
            return false;
        });
        robot.interact(() -> panel.removeRun(0));
        assertNotNull(asked[0]);
        assertEquals(1, project.experiment().runs().size());

        // and answered "yes", the experiment is left without runs, which undo restores
        panel.setConfirmation(question -> true);
        robot.interact(() -> panel.removeRun(0));
        assertTrue(project.experiment().runs().isEmpty());
        assertTrue(panel.table().getItems().isEmpty());
        robot.interact(project::undo);
        assertEquals(List.of("Adam"), rowNames());
    }

    @Test
    void droppingAnOptimizerTileAddsARunWithIt(FxRobot robot) {
        // when an RMSprop tile is dropped on the panel
        boolean[] used = {false};
        robot.interact(() -> used[0] = panel.drop(new Tile(Tile.Kind.OPTIMIZER, "rmsprop"), -1));

        // then a run with RMSprop is added
        assertTrue(used[0]);
        RunSpec added = project.experiment().runs().get(2);
        assertEquals(OptimizerType.RMSPROP, added.optimizer().term());
        assertEquals("RMSprop", added.name());
    }

    @Test
    void droppingAScheduleTileOnARowSetsThatRunsSchedule(FxRobot robot) {
        // when a cosine tile is dropped on the Adam row
        robot.interact(() -> assertTrue(panel.drop(new Tile(Tile.Kind.SCHEDULE, "cosine"), 1)));

        // then Adam uses it and SGD does not
        assertEquals(Schedule.COSINE, project.experiment().runs().get(1).schedule().term());
        assertEquals(Schedule.CONSTANT, project.experiment().runs().get(0).schedule().term());
        assertEquals("cosine", rows().get(1).scheduleProperty().get());

        // and a schedule dropped beside the rows, or a tile of another kind, is not used
        robot.interact(() -> assertFalse(panel.drop(new Tile(Tile.Kind.SCHEDULE, "step"), -1)));
        robot.interact(() -> assertFalse(panel.drop(new Tile(Tile.Kind.LAYER, "dense"), 0)));
    }

    @Test
    void selectionFollowsTheTableAndTheTableFollowsTheSelection(FxRobot robot) {
        // when the Adam row is clicked
        robot.clickOn(robot.lookup(".runs-name").queryAllAs(javafx.scene.text.Text.class).stream()
                .filter(l -> "Adam".equals(l.getText())).findFirst().orElseThrow());

        // then the Adam run is selected everywhere
        assertEquals(1, selection.runProperty().get());

        // when the selection model selects SGD, then nodes on the canvas
        robot.interact(() -> selection.selectRun(0));
        assertEquals(0, panel.table().getSelectionModel().getSelectedIndex());
        robot.interact(() -> selection.selectGraph(java.util.Set.of("h1"), java.util.Set.of()));

        // then the table shows no run selected
        assertEquals(-1, panel.table().getSelectionModel().getSelectedIndex());
    }

    @Test
    void aDivergedRunIsShownInTheDangerStyle(FxRobot robot) {
        // when the session reports that run 1 diverged
        robot.interact(() -> rows().get(1).statusProperty().set("diverged at step 120"));

        // then its status reads so, in the danger style
        javafx.scene.control.Label status = robot.lookup(".runs-status").queryAllAs(javafx.scene.control.Label.class)
                .stream().filter(l -> l.getText().startsWith("diverged")).findFirst().orElseThrow();
        assertEquals("diverged at step 120", status.getText());
        assertTrue(status.getStyleClass().contains("status-diverged"));
    }

    private List<RunRow> rows() {
        return session.rows();
    }

    private List<String> rowNames() {
        return panel.table().getItems().stream().map(r -> r.nameProperty().get()).toList();
    }

    @Test
    void aDivergedStatusIsNeverCutAndItsTooltipSaysWhy(FxRobot robot) {
        // given a narrow runs panel (as beside the canvas at 1440 x 900)
        robot.interact(() -> panel.getScene().getWindow().setWidth(330));
        // when the first run diverges late in a long run
        robot.interact(() -> {
            RunRow row = session.rows().get(0);
            row.statusProperty().set("diverged at step 12,345");
            row.detailProperty().set("diverged: the loss became Infinity at step 12345; try a lower learning rate");
        });
        robot.interact(() -> panel.layout());
        WaitForAsyncUtils.waitForFxEvents(); // the columns are fitted again in the next pulse
        WaitForAsyncUtils.waitForFxEvents();
        // then the status shows in full on one line (it was "diverged at st…")
        javafx.scene.control.Label status = robot.lookup(".runs-status").queryAllAs(javafx.scene.control.Label.class)
                .stream().filter(l -> "diverged at step 12,345".equals(l.getText())).findFirst().orElseThrow();
        javafx.scene.text.Text shown = (javafx.scene.text.Text) status.lookup(".text");
        assertEquals("diverged at step 12,345", shown.getText());
        // and the cell's tooltip says why, with the advice
        RunCells.StatusCell cell = (RunCells.StatusCell) status.getParent().getParent().getParent();
        assertEquals("diverged at step 12,345\ndiverged: the loss became Infinity at step 12345; try a lower "
                + "learning rate", cell.getTooltip().getText());
    }

    @Test
    void inANarrowColumnWithPresenterSizedTextTheRunsDetailsWrapInsteadOfEndingInAnEllipsis(FxRobot robot) {
        // given the runs panel as narrow as presenter mode leaves it, with its large text
        robot.interact(() -> inPresenterMode(370));
        WaitForAsyncUtils.waitForFxEvents();
        // then each run's details ("SGD · η 0.05 · constant") fit their cell, over more lines when needed
        java.util.Set<javafx.scene.Node> details = new java.util.HashSet<>(robot.lookup(".runs-details").queryAll());
        details.addAll(robot.lookup(".runs-name").queryAll()); // and the names
        assertFalse(details.isEmpty());
        for (javafx.scene.Node node : details) {
            javafx.scene.text.Text text = (javafx.scene.text.Text) node;
            javafx.scene.control.TableCell<?, ?> cell = (javafx.scene.control.TableCell<?, ?>) text.getParent().getParent();
            double right = cell.sceneToLocal(text.localToScene(text.getLayoutBounds())).getMaxX();
            assertTrue(right <= cell.getWidth() - cell.snappedRightInset() + 0.5, "\"" + text.getText()
                    + "\" runs past its cell: " + right + " in " + cell.getWidth());
            double lineHeight = text.getFont().getSize();
            if (text.getLayoutBounds().getHeight() > 1.8 * lineHeight) {
                // and the row is as high as the wrapped lines: the cell shows all of them
                double bottom = cell.sceneToLocal(text.localToScene(text.getLayoutBounds())).getMaxY();
                assertTrue(bottom <= cell.getHeight() + 0.5, "the row cuts its second line: " + bottom + " in "
                        + cell.getHeight());
            }
        }
        assertTrue(details.stream().anyMatch(n -> n.getLayoutBounds().getHeight() > 1.8
                * ((javafx.scene.text.Text) n).getFont().getSize()), "at this width some details take two lines");
    }

    @Test
    void inANarrowPresenterColumnASpeedThatDoesNotFitIsLeftOutNotCut(FxRobot robot) {
        // given presenter-sized text in a narrow panel, and runs training at four-digit speeds
        robot.interact(() -> {
            for (dev.descent.ui.model.RunRow row : session.rows()) {
                row.statusProperty().set("training");
                row.speedProperty().set("1,234/s");
            }
            inPresenterMode(330);
        });
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitForFxEvents();
        // then every speed label is either whole or not shown: never "1,2…"
        java.util.Set<javafx.scene.Node> speeds = robot.lookup(".runs-speed").queryAll();
        assertFalse(speeds.isEmpty());
        for (javafx.scene.Node node : speeds) {
            javafx.scene.control.Label label = (javafx.scene.control.Label) node;
            if (label.isVisible() && label.getText() != null && !label.getText().isEmpty()) {
                String shown = ((javafx.scene.text.Text) label.lookup(".text")).getText();
                assertEquals(label.getText(), shown, "a speed cut in a cell");
            }
        }
        // and the status itself shows whole
        for (javafx.scene.Node node : robot.lookup(".runs-status").queryAll()) {
            javafx.scene.control.Label label = (javafx.scene.control.Label) node;
            if (label.getText() != null && !label.getText().isEmpty()) {
                assertEquals(label.getText(), ((javafx.scene.text.Text) label.lookup(".text")).getText());
            }
        }
    }

    @Test
    void inANarrowPresenterColumnADivergedStatusBreaksBeforeStepInsteadOfRunningPastTheTable(FxRobot robot) {
        // given presenter-sized text in a narrow panel, and a run that diverged late
        robot.interact(() -> {
            session.rows().get(0).statusProperty().set("diverged at step 12,345");
            inPresenterMode(330);
        });
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitForFxEvents();
        // then the status takes two lines, whole (it ran past the table's edge: "diverged at step")
        javafx.scene.control.Label status = robot.lookup(".runs-status").queryAllAs(javafx.scene.control.Label.class)
                .stream().filter(l -> l.getText() != null && l.getText().startsWith("diverged")).findFirst().orElseThrow();
        assertEquals("diverged at\nstep 12,345", status.getText());
        assertEquals(status.getText(), ((javafx.scene.text.Text) status.lookup(".text")).getText());
        javafx.scene.Node table = robot.lookup(".table-view").query();
        javafx.geometry.Bounds inTable = table.localToScene(table.getLayoutBounds());
        javafx.geometry.Bounds label = status.localToScene(status.getLayoutBounds());
        assertTrue(label.getMaxX() <= inTable.getMaxX(), "status ends at " + label.getMaxX() + ", the table at "
                + inTable.getMaxX());
        // and with room again (normal text) it is one line
        robot.interact(() -> {
            panel.getScene().getRoot().getStyleClass().remove("presenter");
            panel.getScene().getWindow().setWidth(700);
        });
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("diverged at step 12,345", status.getText());
    }

    /** The panel under presenter mode's root class and stylesheet, in a window {@code width} px wide (FX thread). */
    private void inPresenterMode(double width) {
        Scene scene = panel.getScene();
        javafx.scene.layout.StackPane presenter = new javafx.scene.layout.StackPane();
        scene.setRoot(presenter);
        presenter.getChildren().add(panel);
        presenter.getStyleClass().addAll("descent-window", "presenter"); // the window's root in presenter mode
        presenter.getStylesheets().add(dev.descent.ui.present.PresenterMode.class.getResource("presenter.css")
                .toExternalForm());
        scene.getWindow().setWidth(width);
    }
}
