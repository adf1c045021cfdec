package dev.descent.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.data.Generator;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.NodeType;
import dev.descent.engine.graph.Position;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.experiment.DatasetSpec;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentData;
import dev.descent.experiment.ExperimentReader;
import dev.descent.experiment.ExperimentWriter;
import dev.descent.ui.app.Examples;
import dev.descent.ui.app.FileDialogs;
import dev.descent.ui.model.Edits;
import dev.descent.ui.model.TrainingSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The whole window, driven as a person would: toolbar buttons, project commands, dialogs. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private WindowFixture fx;
    private Stage stage;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        fx = new WindowFixture(stage);
    }

    @BeforeEach
    void ready() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx.engine.isReady() && fx.data.dataset() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(fx::close).get();
    }

    /**
     * Gives the example many epochs, so that the runs are still training when the test pauses or edits them:
     * with a warm JIT the example's own epochs can end before a robot's click arrives.
     */
    private void trainForLong() throws Exception {
        onFx(() -> fx.project.edit("Train for long", e -> e.withTraining(new dev.descent.experiment.TrainingSpec(
                e.training().epochs() * 200, e.training().batchSize(), e.training().evaluateEvery(), e.training().seeds()))));
    }

    private static void onFx(Runnable r) throws Exception {
        WaitForAsyncUtils.asyncFx(r).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Fires a menu item that may open a modal dialog: returns while the dialog waits for an answer. */
    private void choose(String menuItem) {
        WaitForAsyncUtils.asyncFx(() -> fx.menuItem(menuItem).fire());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The dialog showing over the window. */
    private DialogPane dialog(FxRobot robot) {
        Window dialog = robot.listTargetWindows().stream()
                .filter(w -> w != stage && w.isShowing() && w.getScene().getRoot() instanceof DialogPane)
                .findFirst().orElseThrow(() -> new AssertionError("no dialog is showing"));
        return (DialogPane) dialog.getScene().getRoot();
    }

    /** Clicks the dialog's button labelled {@code text}, as the user would. */
    private void answer(FxRobot robot, DialogPane pane, String text) {
        ButtonType type = pane.getButtonTypes().stream().filter(t -> t.getText().equals(text)).findFirst().orElseThrow();
        robot.clickOn(pane.lookupButton(type));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private boolean noDialogShows(FxRobot robot) {
        return robot.listTargetWindows().stream()
                .noneMatch(w -> w != stage && w.isShowing() && w.getScene().getRoot() instanceof DialogPane);
    }

    private static void press(FxRobot robot, KeyCode... keys) {
        robot.press(keys);
        for (int i = keys.length - 1; i >= 0; i--) {
            robot.release(keys[i]);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static List<String> files(Path dir) throws Exception {
        try (var listing = Files.list(dir)) {
            return listing.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theWindowOpensWithTheExampleAndTrainEnabled(FxRobot robot) {
        assertFalse(robot.lookup("#train").queryButton().isDisabled(), "blocked: " + fx.session.blockedReason());
        assertEquals("Spiral: SGD vs Adam (not saved) — Descent", stage.getTitle());
        assertTrue(robot.lookup("#backend").queryAs(Label.class).getText().startsWith("ND4J"));
    }

    @Test
    void theCanvasHasTheKeyboardAtStartSoSpaceDoesNotPressTheToolBarsNewButton(FxRobot robot) throws Exception {
        // given a window just opened, with an experiment that is not the new-project one
        String before = fx.project.experiment().name();
        assertTrue(stage.getScene().getFocusOwner() instanceof dev.descent.ui.canvas.GraphCanvas,
                "focus owner: " + stage.getScene().getFocusOwner());
        // when Space is pressed
        press(robot, KeyCode.SPACE);
        // then the experiment is still the one that was open (before, New had the focus and Space fired it)
        assertEquals(before, fx.project.experiment().name());
        assertEquals("Spiral: SGD vs Adam (not saved) — Descent", stage.getTitle());
    }

    @Test
    void anInvalidGraphDisablesTrainAndSaysWhy(FxRobot robot) throws Exception {
        // when a dense layer gets zero units
        onFx(() -> fx.project.edit("Set units", e -> Edits.replaceNode(e,
                ((NodeSpec.Dense) e.network().node("h1").orElseThrow()).withUnits(0))));
        // then Train is disabled and the reason is on screen
        assertTrue(robot.lookup("#train").queryButton().isDisabled());
        Label reason = robot.lookup("#blocked-reason").queryAs(Label.class);
        assertTrue(reason.isVisible());
        assertEquals("Cannot train: node 'h1': units must be >= 1, got 0", reason.getText());
        // and undo brings Train back
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.Z)
                .release(javafx.scene.input.KeyCode.Z, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup("#train").queryButton().isDisabled());
        assertFalse(reason.isVisible());
    }

    // ---- run ----

    @Test
    void theStepKeyTakesExactlyOneStepOfEveryRun(FxRobot robot) throws Exception {
        trainForLong();
        // given both runs trained a little, then paused
        robot.clickOn("#train");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx.session.state() == TrainingSession.State.RUNNING
                && fx.session.comparisonProperty().get().summaries().get(0).steps() > 5);
        robot.clickOn("#pause");
        Thread.sleep(300);
        int[] held = fx.session.comparisonProperty().get().summaries().stream().mapToInt(s -> s.steps()).toArray();
        // when the Step key is pressed (F8: F10 belongs to the menu bar)
        press(robot, KeyCode.F8);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> fx.session.comparisonProperty().get().summaries().get(0).steps() == held[0] + 1);
        Thread.sleep(300);
        // then every run took one step, no more, and stays paused
        for (int i = 0; i < held.length; i++) {
            assertEquals(held[i] + 1, fx.session.comparisonProperty().get().summaries().get(i).steps(),
                    "run " + i + " stepped exactly once");
        }
        assertEquals(TrainingSession.State.PAUSED, fx.session.state());
        // and the key is the one the toolbar and the menu name
        assertTrue(robot.lookup("#step").queryButton().getTooltip().getText().contains("(F8)"));
        assertEquals("F8", fx.menuItem("menu-step").getAccelerator().getDisplayText());
    }

    @Test
    void keyboardShortcutsAreATableThatFitsWithNothingCutOff(FxRobot robot) throws Exception {
        // when F1 is pressed
        press(robot, KeyCode.F1);
        DialogPane pane = dialog(robot);
        WaitForAsyncUtils.waitForFxEvents();
        // then the shortcuts are a table: keys on the left, what they do on the right, the Step key among them
        javafx.scene.layout.GridPane table = (javafx.scene.layout.GridPane) pane.lookup("#shortcuts-table");
        Map<String, String> rows = new java.util.LinkedHashMap<>();
        for (Node key : table.lookupAll(".shortcut-keys")) {
            Integer row = javafx.scene.layout.GridPane.getRowIndex(key);
            table.getChildren().stream().filter(n -> n.getStyleClass().contains("shortcut-does")
                            && row.equals(javafx.scene.layout.GridPane.getRowIndex(n))).findFirst()
                    .ifPresent(does -> rows.put(((Label) key).getText(), ((Label) does).getText()));
        }
        assertEquals("one step: every run takes exactly one step", rows.get("F8"), rows.toString());
        assertFalse(rows.containsKey("F10"), rows.toString());
        assertTrue(rows.size() > 25, rows.toString());
        // and every line shows in full: no ellipsis, no label narrower than its text, no sideways scrolling
        for (Node node : table.lookupAll(".label")) {
            Label label = (Label) node;
            javafx.scene.text.Text shown = (javafx.scene.text.Text) label.lookup(".text");
            assertEquals(label.getText(), shown.getText(), "shown in full");
            assertTrue(label.getHeight() + 0.5 >= label.prefHeight(label.getWidth()), "clipped: " + label.getText());
        }
        assertTrue(table.getWidth() <= ((javafx.scene.control.ScrollPane) pane.getContent()).getViewportBounds()
                .getWidth() + 0.5, "the table fits the dialog's width");
        assertTrue(pane.getScene().getWindow().getWidth() <= stage.getWidth(), "the dialog fits beside the window");
        answer(robot, pane, "OK");
    }

    // ---- what blocks training ----

    /** Selects the Adam run, clicks into its learning rate and replaces the text with {@code text} (no Enter). */
    private TextField typeAdamsLearningRate(FxRobot robot, String text) throws Exception {
        onFx(() -> fx.selection.selectRun(1));
        TextField rate = robot.lookup("#field-optimizer-learningRate").queryAs(TextField.class);
        robot.clickOn(rate);
        onFx(() -> rate.setText(text));
        return rate;
    }

    @Test
    void aRefusedInspectorValueDisablesTrainAndStepWithItsReason(FxRobot robot) throws Exception {
        // given the Adam run in the inspector
        // when its learning rate is typed as "abc" and Enter pressed
        TextField rate = typeAdamsLearningRate(robot, "abc");
        press(robot, KeyCode.ENTER);
        // then the field is red, and Train and Step are disabled with the field's reason on screen
        assertTrue(rate.getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("danger")));
        assertTrue(robot.lookup("#train").queryButton().isDisabled());
        assertTrue(robot.lookup("#step").queryButton().isDisabled());
        assertTrue(fx.menuItem("menu-train").isDisable());
        Label reason = robot.lookup("#blocked-reason").queryAs(Label.class);
        assertTrue(reason.isVisible());
        assertEquals("Cannot train: run 'Adam': learningRate must be a number, got 'abc'; Esc restores it",
                reason.getText());
        // and F5 does not train with the old value
        press(robot, KeyCode.F5);
        assertEquals(TrainingSession.State.IDLE, fx.session.state());
        // when Escape restores the value, then Train is back
        robot.clickOn(rate);
        press(robot, KeyCode.ESCAPE);
        assertEquals("0.01", rate.getText());
        assertFalse(robot.lookup("#train").queryButton().isDisabled());
        assertFalse(reason.isVisible());
    }

    @Test
    void clickingTrainWithARefusedValueTypedDoesNotTrain(FxRobot robot) throws Exception {
        // given "abc" typed into the Adam run's learning rate, not yet committed
        typeAdamsLearningRate(robot, "abc");
        // when Train is clicked (the field loses the focus and refuses the text)
        robot.clickOn("#train");
        // then nothing trains and the reason shows
        Thread.sleep(200);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(TrainingSession.State.IDLE, fx.session.state());
        assertTrue(robot.lookup("#blocked-reason").queryAs(Label.class).getText().contains("got 'abc'"));
    }

    @Test
    void f5CommitsAValueTypedButNotEnteredBeforeTraining(FxRobot robot) throws Exception {
        // given 0.05 typed into the Adam run's learning rate, Enter not pressed, the field still focused
        typeAdamsLearningRate(robot, "0.05");
        // when F5 is pressed
        press(robot, KeyCode.F5);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx.session.trainedExperiment() != null);
        // then the run trains with the typed value, not the old one
        assertEquals(0.05, fx.session.trainedExperiment().runs().get(1).optimizer().value(OptimizerType.LEARNING_RATE));
        assertEquals(0.05, fx.project.experiment().runs().get(1).optimizer().value(OptimizerType.LEARNING_RATE));
    }

    // ---- edits while the runs train ----

    @Test
    void editingARunsLearningRateWhileItTrainsSaysFirstThatItAppliesAtTheNextStepAndTheRunGoesOn(FxRobot robot)
            throws Exception {
        trainForLong();
        // given both runs training
        robot.clickOn("#train");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx.session.state() == TrainingSession.State.RUNNING
                && fx.session.comparisonProperty().get().summaries().get(1).steps() > 5);
        // when the Adam run is selected, then before any edit its form says when edits apply
        onFx(() -> fx.selection.selectRun(1));
        Label notice = robot.lookup("#notice-timing").queryAs(Label.class);
        assertTrue(notice.isVisible());
        assertEquals("The runs are training: this run's optimizer and schedule values apply at its next step. Another"
                + " optimizer, schedule kind or override applies after Reset.", notice.getText());
        // when its learning rate is changed
        TextField rate = robot.lookup("#field-optimizer-learningRate").queryAs(TextField.class);
        onFx(rate::requestFocus); // below the fold of the small test window: the user scrolls to it
        onFx(() -> rate.setText("0.5"));
        press(robot, KeyCode.ENTER);
        assertEquals(0.5, fx.project.experiment().runs().get(1).optimizer().value(OptimizerType.LEARNING_RATE));
        // then the run goes on training with the new rate, its row shows it, and nothing waits for Reset
        var history = fx.session.history(1);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> history.learningRate().latest() == 0.5
                || fx.session.state() == TrainingSession.State.FINISHED);
        int steps = fx.session.comparisonProperty().get().summaries().get(1).steps();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx.session.comparisonProperty().get().summaries().get(1)
                .steps() > steps + 20 || fx.session.state() == TrainingSession.State.FINISHED);
        WaitForAsyncUtils.waitForFxEvents();
        String status = fx.session.rows().get(1).statusProperty().get();
        assertTrue(status.equals("training") || status.equals("completed"), status);
        assertEquals(0.5, history.learningRate().latest(), 0.0);
        assertEquals("0.5", fx.session.rows().get(1).learningRateProperty().get());
        assertFalse(robot.lookup("#runs-pending").queryAs(Label.class).isVisible());
        // and once reset, the run is ready to train with it and the note is gone
        robot.clickOn("#reset");
        assertEquals("ready", fx.session.rows().get(1).statusProperty().get());
        assertEquals("0.5", fx.session.rows().get(1).learningRateProperty().get());
        assertFalse(robot.lookup("#notice-timing").queryAs(Label.class).isVisible());
    }

    @Test
    void theRunMenuKeepsRunsTogetherUntilSwitchedOff(FxRobot robot) throws Exception {
        // given runs training, kept together by default
        javafx.scene.control.CheckMenuItem together = (javafx.scene.control.CheckMenuItem) fx.menuItem("menu-lockstep");
        assertTrue(together.isSelected());
        robot.clickOn("#train");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx.session.state() == TrainingSession.State.RUNNING);
        assertTrue(fx.session.comparisonProperty().get().isLockstepInTime());
        // when "Keep Runs Together" is switched off, then the runs go at their own pace
        onFx(() -> together.setSelected(false)); // what a click on the check item does (fire() does not toggle it)
        assertFalse(together.isSelected());
        assertFalse(fx.session.comparisonProperty().get().isLockstepInTime());
    }

    @Test
    void aDivergingRunMarksTheNodeWhereItStartedAndSaysWhatToTry(FxRobot robot) throws Exception {
        // given the SGD run with a learning rate of 10³⁰
        onFx(() -> fx.project.edit("Set η", e -> Edits.replaceRun(e, 0, e.runs().get(0).withOptimizer(
                e.runs().get(0).optimizer().with("learningRate", 1e30)))));
        // when it trains
        robot.clickOn("#train");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx.session.divergence(0) != null);
        WaitForAsyncUtils.waitForFxEvents();
        // then the status bar says in one sentence what happened where, with advice
        TrainingSession.DivergedRun diverged = fx.session.divergence(0);
        assertEquals(dev.descent.engine.train.Divergence.Quantity.WEIGHTS, diverged.where().quantity());
        String sentence = diverged.sentence();
        assertTrue(sentence.startsWith("SGD diverged: The weights of " + diverged.where().node() + " became"), sentence);
        assertTrue(sentence.contains("lower the learning rate"), sentence);
        assertTrue(robot.lookup((Label l) -> sentence.equals(l.getText())).tryQuery().isPresent(), "not in the status bar");
        // and exactly that node's card on the canvas is marked
        var marked = robot.lookup(".node-card").queryAll().stream()
                .filter(n -> n.getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("diverged"))).toList();
        assertEquals(1, marked.size());
        assertTrue(((javafx.scene.Parent) marked.get(0)).lookupAll(".label").stream()
                .anyMatch(l -> diverged.where().node().equals(((Label) l).getText())));
        // and Reset clears the mark
        robot.clickOn("#reset");
        assertTrue(robot.lookup(".node-card").queryAll().stream()
                .noneMatch(n -> n.getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("diverged"))));
    }

    @Test
    void theNodeAndDataFormsSayTheirEditsWaitWhileTheRunsTrain(FxRobot robot) throws Exception {
        trainForLong();
        robot.clickOn("#train");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx.session.state() == TrainingSession.State.RUNNING);
        robot.clickOn("#pause");
        onFx(() -> fx.selection.selectGraph(Set.of("h1"), Set.of()));
        assertEquals("The runs are paused: changes to the network apply after Reset. Until then they go on as they started.",
                robot.lookup("#notice-timing").queryAs(Label.class).getText());
        onFx(fx.selection::clear);
        assertTrue(robot.lookup("#notice-timing").queryAs(Label.class).getText().startsWith(
                "The runs are paused: changes to the data and training settings apply after Reset."));
    }

    // ---- the status bar ----

    @Test
    void newOpenAndOpenExampleClearTheStatusLineOfTheLastComparison(FxRobot robot) throws Exception {
        Path saved = dir.resolve("saved.json");
        ExperimentWriter.write(Examples.load(Examples.FIRST), saved);
        fx.window.setFileDialogs((owner, request) -> saved);
        Label line = robot.lookup("#status-line").queryAs(Label.class);
        for (String command : List.of("menu-new", "example-spiral-sgd-vs-adam", "menu-open")) {
            // given a comparison that trained a few steps, as the status line says
            if (fx.project.experiment().network().edges().isEmpty()) {
                choose("example-spiral-sgd-vs-adam");
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx.session.blockedReason() == null);
            }
            robot.clickOn("#train");
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> line.getText().startsWith("step "));
            // when another experiment replaces it
            choose(command);
            // then the status bar no longer speaks of the discarded comparison
            assertEquals("", line.getText(), "after " + command);
            assertEquals("Ready", robot.lookup("#session-state").queryAs(Label.class).getText(), "after " + command);
        }
    }

    @Test
    void trainPauseAndStepFromTheToolbar(FxRobot robot) throws Exception {
        trainForLong();
        robot.clickOn("#train");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx.session.state() == TrainingSession.State.RUNNING
                && fx.session.comparisonProperty().get().summaries().get(0).steps() > 10);
        robot.clickOn("#pause");
        assertEquals(TrainingSession.State.PAUSED, fx.session.state());
        Thread.sleep(300);
        int[] held = fx.session.comparisonProperty().get().summaries().stream().mapToInt(s -> s.steps()).toArray();
        robot.clickOn("#step");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> fx.session.comparisonProperty().get().summaries().get(0).steps() == held[0] + 1);
        Thread.sleep(200);
        for (int i = 0; i < held.length; i++) {
            assertEquals(held[i] + 1, fx.session.comparisonProperty().get().summaries().get(i).steps(),
                    "run " + i + " stepped exactly once");
        }
        assertEquals("Paused", robot.lookup("#session-state").queryAs(Label.class).getText());
        robot.clickOn("#reset");
        assertEquals(TrainingSession.State.IDLE, fx.session.state());
    }

    // ---- edit keys and focus ----

    @Test
    void deleteAndSelectAllInAnInspectorTextFieldEditTheTextAndDeleteNoNode(FxRobot robot) throws Exception {
        // given dense node h1 selected, its units (16) in the inspector, the caret at the start
        onFx(() -> fx.selection.selectGraph(Set.of("h1"), Set.of()));
        int nodes = fx.project.experiment().network().nodes().size();
        TextField units = robot.lookup("#field-units").queryAs(TextField.class);
        robot.clickOn(units);
        onFx(() -> units.positionCaret(0));
        // when Delete is pressed, then the field loses its first character and the node stays
        press(robot, KeyCode.DELETE);
        assertEquals("6", units.getText());
        assertEquals(nodes, fx.project.experiment().network().nodes().size());
        // when Ctrl+A is pressed, then the field's text is selected, not every node
        press(robot, KeyCode.CONTROL, KeyCode.A);
        assertEquals("6", units.getSelectedText());
        assertEquals(Set.of("h1"), Set.copyOf(fx.selection.nodes()));
        // and Delete then clears the field, still deleting no node
        press(robot, KeyCode.DELETE);
        assertEquals("", units.getText());
        assertTrue(fx.project.experiment().network().node("h1").isPresent());
        // and Edit > Select All from the menu acts on the field too
        onFx(() -> units.setText("24"));
        onFx(() -> fx.menuItem("menu-select-all").fire());
        assertEquals("24", units.getSelectedText());
        assertEquals(Set.of("h1"), Set.copyOf(fx.selection.nodes()));
    }

    @Test
    void deleteWithTheCanvasFocusedDeletesTheSelectedNode(FxRobot robot) throws Exception {
        // given h1 selected and the canvas focused
        onFx(() -> {
            fx.selection.selectGraph(Set.of("h1"), Set.of());
            fx.window.canvas().requestFocus();
        });
        // when
        press(robot, KeyCode.DELETE);
        // then
        assertTrue(fx.project.experiment().network().node("h1").isEmpty());
        assertEquals("Undo Delete h1", fx.project.undoTextProperty().get());
    }

    @Test
    void editKeysInAnInspectorComboBoxOrOnTheChartsLeaveTheGraphAlone(FxRobot robot) throws Exception {
        onFx(() -> fx.selection.selectGraph(Set.of("h1"), Set.of()));
        Experiment before = fx.project.experiment();
        ComboBox<?> init = robot.lookup("#field-init").queryAs(ComboBox.class);
        Slider smoothing = robot.lookup("#loss-smoothing").queryAs(Slider.class);
        for (Node control : List.<Node>of(init, smoothing)) {
            // given a control that is not a text field focused
            onFx(control::requestFocus);
            assertTrue(control.isFocused(), control + " focused");
            // when the edit keys are pressed
            press(robot, KeyCode.DELETE);
            press(robot, KeyCode.CONTROL, KeyCode.A);
            press(robot, KeyCode.CONTROL, KeyCode.X);
            // then no node was deleted, cut or selected
            assertEquals(before, fx.project.experiment(), "after keys on " + control);
            assertEquals(Set.of("h1"), Set.copyOf(fx.selection.nodes()));
        }
    }

    // ---- view ----

    @Test
    void zoomInAnswersCtrlPlusAndTheNumpad(FxRobot robot) throws Exception {
        onFx(() -> fx.window.canvas().requestFocus());
        for (KeyCode[] keys : List.of(new KeyCode[] {KeyCode.CONTROL, KeyCode.EQUALS},
                new KeyCode[] {KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.EQUALS},
                new KeyCode[] {KeyCode.CONTROL, KeyCode.ADD})) {
            double before = fx.window.canvas().zoomProperty().get();
            press(robot, keys);
            assertTrue(fx.window.canvas().zoomProperty().get() > before, List.of(keys) + " zooms in");
        }
        for (KeyCode[] keys : List.of(new KeyCode[] {KeyCode.CONTROL, KeyCode.MINUS},
                new KeyCode[] {KeyCode.CONTROL, KeyCode.SUBTRACT})) {
            double before = fx.window.canvas().zoomProperty().get();
            press(robot, keys);
            assertTrue(fx.window.canvas().zoomProperty().get() < before, List.of(keys) + " zooms out");
        }
    }

    @Test
    void theDarkThemeMenuItemIsACheckThatFollowsTheTheme(FxRobot robot) throws Exception {
        CheckMenuItem dark = (CheckMenuItem) fx.menuItem("menu-dark-theme");
        assertFalse(dark.isSelected());
        // when the theme changes by its shortcut, then the menu item is checked
        press(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D);
        assertTrue(fx.theme.isDark());
        assertTrue(dark.isSelected());
        // when the user unchecks it in the View menu, then the theme is light again
        robot.clickOn("View");
        robot.clickOn("Dark Theme");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(fx.theme.isDark());
        assertFalse(dark.isSelected());
        // and the toolbar's toggle changes both
        onFx(() -> fx.theme.toggle());
        assertTrue(dark.isSelected());
    }

    @Test
    void ctrlYRedoes(FxRobot robot) throws Exception {
        onFx(() -> fx.project.edit("Rename", e -> e.withName("renamed")));
        onFx(fx.project::undo);
        onFx(() -> fx.window.canvas().requestFocus());
        press(robot, KeyCode.CONTROL, KeyCode.Y);
        assertEquals("renamed", fx.project.experiment().name());
    }

    // ---- project commands ----

    @Test
    void newStartsABlankExperimentThatCannotTrainYet(FxRobot robot) throws Exception {
        // when File > New is chosen (no unsaved changes, so nothing to ask)
        choose("menu-new");
        // then the project is a blank start: default data, an input and a loss apart and unconnected, one SGD run
        Experiment e = fx.project.experiment();
        assertEquals("Untitled", e.name());
        assertEquals(List.of(NodeType.INPUT, NodeType.LOSS), e.network().nodes().stream().map(NodeSpec::type).toList());
        assertTrue(e.network().edges().isEmpty());
        Position in = e.network().nodes().get(0).position();
        Position loss = e.network().nodes().get(1).position();
        assertTrue(loss.x() - in.x() > 400, "room for layers between " + in + " and " + loss);
        assertEquals(1, e.runs().size());
        assertEquals(OptimizerType.SGD, e.runs().get(0).optimizer().term());
        DatasetSpec.Generated data = (DatasetSpec.Generated) e.dataset();
        assertEquals(Generator.SPIRAL, data.generator());
        assertEquals(Generator.SPIRAL.defaultSamples(), data.samples());
        assertEquals("Untitled (not saved) — Descent", stage.getTitle());
        assertFalse(fx.project.canUndoProperty().get());
        // and Train is disabled with the engine's reason on screen
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx.session.blockedReason() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#train").queryButton().isDisabled());
        Label reason = robot.lookup("#blocked-reason").queryAs(Label.class);
        assertTrue(reason.isVisible());
        assertEquals("Cannot train: " + fx.session.blockedReason(), reason.getText());
        assertTrue(reason.getText().contains("'loss'"), reason.getText());
    }

    @Test
    void saveThroughTheWindowWritesAtomicallyAndClearsTheDirtyMarker(FxRobot robot) throws Exception {
        // given an edited, never saved project, and a user who will name the file
        Path file = dir.resolve("mine.json");
        List<FileDialogs.Request> asked = new ArrayList<>();
        fx.window.setFileDialogs((owner, request) -> {
            asked.add(request);
            return file;
        });
        onFx(() -> fx.project.edit("Rename", e -> e.withName("mine")));
        assertEquals("• mine (not saved) — Descent", stage.getTitle());
        // when saved: File > Save asks for a file the first time
        choose("menu-save");
        // then the file is written in one piece, reads back equal, and the title says so
        assertEquals(1, asked.size());
        assertEquals(FileDialogs.Mode.SAVE, asked.get(0).mode());
        assertEquals("mine.json", asked.get(0).initialName());
        assertEquals(List.of("mine.json"), files(dir), "no temporary file left");
        assertEquals(fx.project.experiment(), ExperimentReader.read(file));
        assertFalse(fx.project.dirtyProperty().get());
        assertEquals("mine.json — Descent", stage.getTitle());
        // when edited and saved again, then the same file is replaced without asking
        onFx(() -> fx.project.edit("Rename", e -> e.withName("mine, again")));
        assertEquals("• mine.json — Descent", stage.getTitle());
        boolean[] saved = new boolean[1];
        onFx(() -> saved[0] = fx.window.save());
        assertTrue(saved[0]);
        assertEquals(1, asked.size());
        assertEquals(List.of("mine.json"), files(dir));
        assertEquals("mine, again", ExperimentReader.read(file).name());
        assertEquals("mine.json — Descent", stage.getTitle());
    }

    @Test
    void savingAnExampleWithACsvFileKeepsItsDataBesideTheSavedFile(FxRobot robot) throws Exception {
        // given the CSV example, whose moons.csv sits in a temporary folder that goes when the application exits
        choose("example-csv-moons");
        DatasetSpec.Csv csv = (DatasetSpec.Csv) fx.project.experiment().dataset();
        Path temporary = fx.project.experiment().resolve(csv.path());
        assertTrue(Files.isRegularFile(temporary));
        Path projects = Files.createDirectories(dir.resolve("projects"));
        fx.window.setFileDialogs((owner, request) -> projects.resolve("moons project.json"));
        // when saved from the window (Save As, since it has no file yet)
        onFx(() -> fx.window.save());
        // then the data file is copied beside the saved file and the file points at the copy
        assertEquals(List.of("moons project.json", "moons.csv"), files(projects));
        assertEquals(-1, Files.mismatch(temporary, projects.resolve("moons.csv")));
        assertEquals("moons.csv", ((DatasetSpec.Csv) ExperimentReader.read(projects.resolve("moons project.json"))
                .dataset()).path());
        // and when the temporary folder is gone, as after the application exits, the project still loads with its data
        Files.delete(temporary);
        Experiment reopened = ExperimentReader.read(projects.resolve("moons project.json"));
        assertTrue(ExperimentData.load(reopened).size() > 0);
        assertFalse(fx.project.dirtyProperty().get());
    }

    @Test
    void saveWritesThePositionsTheCanvasShowsForNodesThatHadNone(FxRobot robot) throws Exception {
        // given the spiral example written without positions (as a hand-written or CLI file may be), opened
        String text = Files.readString(Path.of("sample-data/spiral-sgd-vs-adam.json"))
                .replaceAll(",\\s*\"x\":\\s*-?[0-9.]+,\\s*\"y\":\\s*-?[0-9.]+", "");
        Path file = Files.writeString(dir.resolve("unplaced.json"), text);
        onFx(() -> fx.window.openFile(file));
        assertTrue(fx.project.experiment().network().nodes().stream().allMatch(n -> n.position() == null), text);
        Map<String, Position> shown = fx.project.positions().all();
        // when a run is edited (not the canvas) and the project saved
        onFx(() -> fx.project.edit("Rename run", e -> Edits.renameRun(e, 0, "plain SGD")));
        onFx(() -> fx.window.save());
        // then every node is saved where it was shown, and the canvas did not move anything
        Experiment reread = ExperimentReader.read(file);
        for (NodeSpec node : reread.network().nodes()) {
            assertEquals(shown.get(node.id()), node.position(), node.id());
        }
        assertEquals(shown, fx.project.positions().all());
        assertFalse(fx.project.dirtyProperty().get());
    }

    @Test
    void openingAnotherFileWithUnsavedChangesAsksFirst(FxRobot robot) throws Exception {
        // given unsaved work, and another experiment on disk that the user would pick
        Path other = dir.resolve("other.json");
        ExperimentWriter.write(Examples.load(Examples.FIRST).withName("other"), other);
        List<FileDialogs.Request> asked = new ArrayList<>();
        fx.window.setFileDialogs((owner, request) -> {
            asked.add(request);
            return other;
        });
        onFx(() -> fx.project.edit("Rename", e -> e.withName("my work")));
        // when File > Open is chosen, then the window asks before anything else
        choose("menu-open");
        DialogPane pane = dialog(robot);
        assertEquals("Save the changes to \"my work\" before opening another experiment?", pane.getHeaderText());
        assertTrue(asked.isEmpty(), "no file dialog yet");
        // when the user cancels, then nothing changes
        answer(robot, pane, "Cancel");
        assertTrue(noDialogShows(robot));
        assertTrue(asked.isEmpty());
        assertEquals("my work", fx.project.experiment().name());
        assertTrue(fx.project.dirtyProperty().get());
        // when asked again and the user does not save, then the other file opens
        choose("menu-open");
        answer(robot, dialog(robot), "Don't Save");
        assertEquals(1, asked.size());
        assertEquals(FileDialogs.Mode.OPEN, asked.get(0).mode());
        assertEquals("other", fx.project.experiment().name());
        assertEquals(other, fx.project.fileProperty().get());
        assertFalse(fx.project.dirtyProperty().get());
        assertEquals(List.of(other), fx.recent.list());
    }

    @Test
    void aFileAskedAtStartAfterARestoreAsksAndKeepingTheChangesLeavesItInOpenRecent(FxRobot robot) throws Exception {
        // given changes a crash recovery restored (unsaved), and a file asked for on the command line
        Path asked = restoredWorkAndAFileAsked();
        // when the window opens the file asked at start, then it asks before replacing the restored changes
        WaitForAsyncUtils.asyncFx(() -> fx.window.openAtStart(asked, true));
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane pane = dialog(robot);
        assertEquals("Save the changes to \"restored work\" before opening asked.json?", pane.getHeaderText());
        // when the user keeps the restored changes, then they stay, and the file waits in Open Recent
        answer(robot, pane, "Cancel");
        assertEquals("restored work", fx.project.experiment().name());
        assertTrue(fx.project.dirtyProperty().get());
        assertEquals(List.of(asked), fx.recent.list());
        assertEquals("Kept the restored changes; asked.json was not opened (File > Open Recent has it)",
                robot.lookup("#status-notice").queryAs(Label.class).getText());
        // when the user then opens it from Open Recent without saving, then it opens and the remark goes
        choose("recent-0");
        answer(robot, dialog(robot), "Don't Save");
        assertEquals("asked", fx.project.experiment().name());
        assertEquals("", fx.window.notice());
        assertFalse(robot.lookup("#status-notice").query().isVisible());
    }

    @Test
    void aFileAskedAtStartAfterARestoreOpensWhenTheUserDoesNotSave(FxRobot robot) throws Exception {
        Path asked = restoredWorkAndAFileAsked();
        WaitForAsyncUtils.asyncFx(() -> fx.window.openAtStart(asked, true));
        WaitForAsyncUtils.waitForFxEvents();
        answer(robot, dialog(robot), "Don't Save");
        assertEquals("asked", fx.project.experiment().name());
        assertEquals(asked, fx.project.fileProperty().get());
        assertEquals("", fx.window.notice());
    }

    /** Unsaved changes as a crash recovery leaves them, and an experiment on disk asked for at start. */
    private Path restoredWorkAndAFileAsked() throws Exception {
        Path asked = dir.resolve("asked.json");
        ExperimentWriter.write(Examples.load(Examples.FIRST).withName("asked"), asked);
        onFx(() -> fx.project.edit("restore recovered changes", e -> e.withName("restored work")));
        return asked;
    }

    @Test
    void aFileAskedAtStartWithoutARestoreOpensWithoutAsking(FxRobot robot) throws Exception {
        Path asked = dir.resolve("asked.json");
        ExperimentWriter.write(Examples.load(Examples.FIRST).withName("asked"), asked);
        onFx(() -> fx.window.openAtStart(asked, false));
        assertTrue(noDialogShows(robot));
        assertEquals("asked", fx.project.experiment().name());
    }

    @Test
    void savingWhenAskedSavesTheWorkBeforeOpening(FxRobot robot) throws Exception {
        // given unsaved work with a file, and another experiment to open
        Path mine = dir.resolve("mine.json");
        Path other = dir.resolve("other.json");
        ExperimentWriter.write(Examples.load(Examples.FIRST).withName("mine"), mine);
        ExperimentWriter.write(Examples.load(Examples.FIRST).withName("other"), other);
        onFx(() -> fx.window.openFile(mine));
        fx.window.setFileDialogs((owner, request) -> other);
        onFx(() -> fx.project.edit("Rename", e -> e.withName("mine, edited")));
        // when the user opens the other file and answers Save
        choose("menu-open");
        answer(robot, dialog(robot), "Save");
        // then the work is in its file and the other file is open
        assertEquals("mine, edited", ExperimentReader.read(mine).name());
        assertEquals("other", fx.project.experiment().name());
    }

    @Test
    void savingAndReopeningGivesTheSameExperiment() throws Exception {
        Path file = dir.resolve("saved.json");
        onFx(() -> fx.project.edit("Rename", e -> e.withName("saved experiment")));
        assertTrue(stage.getTitle().startsWith("• "), "the dirty marker shows");
        onFx(() -> {
            try {
                fx.project.saveAs(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertEquals("saved.json — Descent", stage.getTitle());
        var saved = fx.project.experiment();
        onFx(() -> fx.project.edit("Rename", e -> e.withName("changed")));
        onFx(() -> fx.project.replace(saved.withName("other"), null));
        onFx(() -> fx.window.openFile(file));
        assertEquals(saved, fx.project.experiment());
        assertEquals("saved.json — Descent", stage.getTitle());
    }

    @Test
    void aFileThatFailsToLoadIsReportedAndTheWorkStaysOpen(FxRobot robot) throws Exception {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{ \"format\": 1, \"runs\": [ { \"name\": \"x\", \"optimizer\": \"adamx\" } ] }");
        onFx(() -> fx.project.edit("Rename", e -> e.withName("my work")));
        Experiment work = fx.project.experiment();
        String title = stage.getTitle();
        // when
        onFx(() -> fx.window.openFile(broken));
        // then a dialog names the file and the problems
        Window dialog = robot.listTargetWindows().stream().filter(w -> w != stage && w.isShowing()).findFirst().orElseThrow();
        DialogPane pane = (DialogPane) dialog.getScene().getRoot();
        assertEquals("Could not open broken.json", pane.getHeaderText());
        String shown = pane.getContent() instanceof Label label ? label.getText()
                : String.join("\n", ((javafx.scene.control.ListView<?>) pane.getContent()).getItems().stream()
                .map(String::valueOf).toList());
        assertTrue(shown.contains("unknown optimizer 'adamx'"), shown);
        robot.clickOn(robot.from(pane).lookup(".button").queryButton());
        // and the window still works on the same project, as unsaved as it was, with its history
        assertSame(work, fx.project.experiment());
        assertTrue(fx.project.dirtyProperty().get());
        assertEquals("Undo Rename", fx.project.undoTextProperty().get());
        assertEquals(title, stage.getTitle());
        assertFalse(fx.recent.list().contains(broken.toAbsolutePath().normalize()));
        assertFalse(robot.lookup("#train").queryButton().isDisabled());
    }

    @Test
    void closingWithUnsavedChangesAsksAndCancelKeepsTheWindow(FxRobot robot) throws Exception {
        onFx(() -> fx.project.edit("Rename", e -> e.withName("unsaved")));
        WaitForAsyncUtils.asyncFx(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        WaitForAsyncUtils.waitForFxEvents();
        Window dialog = robot.listTargetWindows().stream().filter(w -> w != stage && w.isShowing()).findFirst().orElseThrow();
        DialogPane pane = (DialogPane) dialog.getScene().getRoot();
        assertTrue(pane.getHeaderText().startsWith("Save the changes to \"unsaved\""), pane.getHeaderText());
        Button cancel = (Button) pane.lookupButton(javafx.scene.control.ButtonType.CANCEL);
        robot.clickOn(cancel);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(stage.isShowing());
        assertEquals("unsaved", fx.project.experiment().name());
    }
}
