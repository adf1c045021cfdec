package dev.descent.ui.app;

import dev.descent.experiment.Experiment;
import dev.descent.experiment.RunSpec;
import dev.descent.export.ExportException;
import dev.descent.export.PyTorchExport;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Window;

/**
 * File &gt; Export &gt; PyTorch Script…: asks for a directory, the run (the selected one, or all runs) and
 * whether to leave the weights to PyTorch's initializers, then writes what {@code descent export
 * --pytorch} writes ({@link PyTorchExport}) on a thread of its own. Success names the scripts and how to
 * run them; a refusal is one line.
 */
final class PyTorchExportDialog {
    static final ButtonType EXPORT = new ButtonType("Export", ButtonBar.ButtonData.OK_DONE);
    /** The run choice that exports every run. */
    static final String ALL_RUNS = "All runs";

    /** What the user chose. */
    record Choice(Path directory, String run, boolean freshInit) {
    }

    private PyTorchExportDialog() {
    }

    /**
     * Shows the dialog for {@code experiment} and exports what is chosen.
     *
     * @param selectedRun the run selected in the window, offered first, or null
     * @param initial     the directory suggested, or null
     */
    static void show(Window owner, Experiment experiment, String selectedRun, Path initial, FileDialogs files) {
        Dialog<Choice> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Export to PyTorch");
        dialog.setHeaderText("Write train.py, the data and the initial weights, to train in PyTorch as here");
        dialog.getDialogPane().setId("pytorch-export");

        TextField directory = new TextField(initial == null ? "" : initial.toString());
        directory.setId("export-directory");
        directory.setPrefColumnCount(34);
        Button browse = new Button("Choose…");
        browse.setId("export-choose");
        browse.setOnAction(e -> {
            Path chosen = files.choose(dialog.getDialogPane().getScene().getWindow(), new FileDialogs.Request(
                    FileDialogs.Mode.DIRECTORY, "Export to PyTorch: choose a directory", parse(directory.getText()),
                    null, List.of()));
            if (chosen != null) {
                directory.setText(chosen.toString());
            }
        });
        HBox where = new HBox(6, directory, browse);
        HBox.setHgrow(directory, Priority.ALWAYS);

        List<String> runs = new ArrayList<>();
        runs.add(ALL_RUNS);
        experiment.runs().stream().map(RunSpec::name).forEach(runs::add);
        ComboBox<String> run = new ComboBox<>();
        run.setId("export-run");
        run.getItems().setAll(runs);
        run.getSelectionModel().select(selectedRun != null && runs.contains(selectedRun) ? selectedRun : ALL_RUNS);

        CheckBox fresh = new CheckBox("Fresh init: PyTorch's own initializers and nn.Dropout");
        fresh.setId("export-fresh-init");
        fresh.setTooltip(new Tooltip("Idiomatic code rather than a replica: the loss no longer follows Descent's step by step"));

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(8, 0, 0, 0));
        grid.addRow(0, new Label("Directory"), where);
        grid.addRow(1, new Label("Run"), run);
        grid.add(fresh, 1, 2);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().setAll(EXPORT, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(EXPORT).disableProperty().bind(directory.textProperty().isEmpty());
        dialog.setResultConverter(b -> b == EXPORT ? new Choice(parse(directory.getText()),
                ALL_RUNS.equals(run.getValue()) ? null : run.getValue(), fresh.isSelected()) : null);
        Platform.runLater(directory::requestFocus);

        dialog.showAndWait().ifPresent(choice -> export(experiment, choice, result -> Platform.runLater(() -> {
            if (result.failure() != null) {
                Dialogs.error(owner, "Could not export to PyTorch", List.of(result.failure()));
            } else {
                Dialogs.info(owner, "Exported to PyTorch", result.lines());
            }
        })));
    }

    /** What an export did: the lines to show, or the one line saying why it could not be made. */
    record Result(List<String> lines, String failure) {
    }

    /** Exports on a thread of its own and hands the result to {@code done} there. */
    static void export(Experiment experiment, Choice choice, Consumer<Result> done) {
        Thread t = new Thread(() -> done.accept(run(experiment, choice)), "descent-export");
        t.setDaemon(true);
        t.start();
    }

    /** The export itself, on the calling thread. */
    static Result run(Experiment experiment, Choice choice) {
        if (choice.directory() == null) {
            return new Result(List.of(), "the directory is not a valid path; give a directory for the script and its data");
        }
        try {
            List<PyTorchExport.Exported> written = PyTorchExport.write(experiment, choice.directory(),
                    new PyTorchExport.Options(choice.run(), choice.freshInit()));
            List<String> lines = new ArrayList<>();
            for (PyTorchExport.Exported e : written) {
                lines.add("Wrote " + e.script() + " (run '" + e.run() + "')");
            }
            lines.add("Train with: python3 " + written.get(0).script() + " [--steps N] [--out FILE.csv]");
            return new Result(lines, null);
        } catch (ExportException e) {
            return new Result(List.of(), (e.where() == null ? "" : e.where() + ": ") + e.getMessage());
        } catch (RuntimeException e) {
            return new Result(List.of(), "the export failed: " + e);
        }
    }

    private static Path parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Path.of(text.strip()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
