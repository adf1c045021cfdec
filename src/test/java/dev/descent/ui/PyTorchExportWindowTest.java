package dev.descent.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.ui.app.FileDialogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** File > Export > PyTorch Script…: the window's way to what {@code descent export --pytorch} writes. */
@ExtendWith(ApplicationExtension.class)
class PyTorchExportWindowTest {
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

    /** The dialog showing over the window whose pane has {@code id}, or the first if id is null. */
    private DialogPane dialog(FxRobot robot, String id) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> find(robot, id) != null);
        return find(robot, id);
    }

    private DialogPane find(FxRobot robot, String id) {
        for (Window w : robot.listTargetWindows()) {
            if (w != stage && w.isShowing() && w.getScene().getRoot() instanceof DialogPane pane
                    && (id == null ? !"pytorch-export".equals(pane.getId()) : id.equals(pane.getId()))) {
                return pane;
            }
        }
        return null;
    }

    private void openExport(FxRobot robot) {
        WaitForAsyncUtils.asyncFx(() -> fx.menuItem("menu-export-pytorch").fire());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void click(FxRobot robot, DialogPane pane, String text) {
        ButtonType type = pane.getButtonTypes().stream().filter(t -> t.getText().equals(text)).findFirst().orElseThrow();
        robot.clickOn(pane.lookupButton(type));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The lines a result dialog shows (a label for one or two, a list for more). */
    @SuppressWarnings("unchecked")
    private static List<String> lines(DialogPane pane) {
        Node content = pane.getContent();
        if (content instanceof ListView<?> list) {
            return List.copyOf(((ListView<String>) list).getItems());
        }
        return List.of(((Label) content).getText().split("\n"));
    }

    private static void set(TextField field, String text) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> field.setText(text)).get();
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theSelectedRunIsExportedAndTheWindowSaysWhere(FxRobot robot) throws Exception {
        // given the second run selected
        WaitForAsyncUtils.asyncFx(() -> fx.selection.selectRun(1)).get();
        String runName = fx.project.experiment().runs().get(1).name();
        // when File > Export > PyTorch Script… is chosen, a directory typed and Export pressed
        openExport(robot);
        DialogPane pane = dialog(robot, "pytorch-export");
        assertEquals(runName, ((ComboBox<?>) pane.lookup("#export-run")).getValue());
        Path out = dir.resolve("out");
        set((TextField) pane.lookup("#export-directory"), out.toString());
        click(robot, pane, "Export");
        // then the script of that run is written there, with its weights, and the window says where
        DialogPane result = dialog(robot, null);
        assertEquals("Exported to PyTorch", result.getHeaderText());
        assertEquals(List.of("Wrote " + out.resolve("train.py") + " (run '" + runName + "')",
                "Train with: python3 " + out.resolve("train.py") + " [--steps N] [--out FILE.csv]"), lines(result));
        assertTrue(Files.isRegularFile(out.resolve("train.py")));
        assertTrue(Files.isRegularFile(out.resolve("initial_weights.json")));
        assertTrue(Files.readString(out.resolve("train.py")).contains("torch"));
    }

    @Test
    void allRunsWithFreshInitGetADirectoryEachAndNoWeights(FxRobot robot) throws Exception {
        openExport(robot);
        DialogPane pane = dialog(robot, "pytorch-export");
        // nothing selected: all runs is offered
        assertEquals("All runs", ((ComboBox<?>) pane.lookup("#export-run")).getValue());
        WaitForAsyncUtils.asyncFx(() -> ((CheckBox) pane.lookup("#export-fresh-init")).setSelected(true)).get();
        set((TextField) pane.lookup("#export-directory"), dir.toString());
        click(robot, pane, "Export");
        DialogPane result = dialog(robot, null);
        List<String> lines = lines(result);
        int runs = fx.project.experiment().runs().size();
        assertEquals(runs + 1, lines.size(), lines.toString());
        try (var listing = Files.list(dir)) {
            List<Path> subdirectories = listing.filter(Files::isDirectory).toList();
            assertEquals(runs, subdirectories.size());
            for (Path sub : subdirectories) {
                assertTrue(Files.isRegularFile(sub.resolve("train.py")));
                assertFalse(Files.exists(sub.resolve("initial_weights.json")), "fresh init writes no weights");
            }
        }
    }

    @Test
    void aFileGivenAsTheDirectoryIsRefusedInOneLine(FxRobot robot) throws Exception {
        Path file = Files.writeString(dir.resolve("taken.txt"), "x");
        openExport(robot);
        DialogPane pane = dialog(robot, "pytorch-export");
        set((TextField) pane.lookup("#export-directory"), file.toString());
        click(robot, pane, "Export");
        DialogPane result = dialog(robot, null);
        assertEquals("Could not export to PyTorch", result.getHeaderText());
        assertEquals(List.of(file + ": is a file, not a directory; give a directory for the script and its data"
                + " (it is created if missing)"), lines(result));
    }

    @Test
    void chooseAsksForADirectoryAndFillsItIn(FxRobot robot) throws Exception {
        Path chosen = Files.createDirectory(dir.resolve("chosen"));
        List<FileDialogs.Request> asked = new java.util.ArrayList<>();
        WaitForAsyncUtils.asyncFx(() -> fx.window.setFileDialogs((owner, request) -> {
            asked.add(request);
            return chosen;
        })).get();
        openExport(robot);
        DialogPane pane = dialog(robot, "pytorch-export");
        robot.clickOn(pane.lookup("#export-choose"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(FileDialogs.Mode.DIRECTORY, asked.get(0).mode());
        assertEquals(chosen.toString(), ((TextField) pane.lookup("#export-directory")).getText());
        click(robot, pane, "Cancel");
        try (var listing = Files.list(chosen)) {
            assertEquals(0, listing.count(), "cancel writes nothing");
        }
    }

    @Test
    void exportIsDisabledWithoutADirectory(FxRobot robot) throws Exception {
        openExport(robot);
        DialogPane pane = dialog(robot, "pytorch-export");
        set((TextField) pane.lookup("#export-directory"), "");
        ButtonType export = pane.getButtonTypes().stream().filter(t -> t.getText().equals("Export")).findFirst().orElseThrow();
        assertTrue(pane.lookupButton(export).isDisabled());
        click(robot, pane, "Cancel");
    }
}
