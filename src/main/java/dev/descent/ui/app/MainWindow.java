package dev.descent.ui.app;

import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentException;
import dev.descent.ui.canvas.GraphCanvas;
import dev.descent.ui.charts.ChartsView;
import dev.descent.ui.data.DataView;
import dev.descent.ui.inspector.InspectorView;
import dev.descent.ui.model.DataModel;
import dev.descent.ui.model.EngineStatus;
import dev.descent.ui.model.ProjectModel;
import dev.descent.ui.model.SelectionModel;
import dev.descent.ui.model.Theme;
import dev.descent.ui.model.TrainingSession;
import dev.descent.ui.palette.PaletteView;
import dev.descent.ui.runs.RunsPanel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The workbench window: menus and toolbar on top, palettes on the left, the canvas in the centre with
 * the inspector on its right, runs, data view and charts below, and a status bar. Owns the project
 * commands (new, open, save, close with unsaved changes); the panels edit the project through the
 * shared models.
 */
public final class MainWindow {
    private final Stage stage;
    private final ProjectModel project;
    private final SelectionModel selection;
    private final DataModel data;
    private final EngineStatus engine;
    private final TrainingSession session;
    private final RecentFiles recent;
    private final Theme theme;
    private final GraphCanvas canvas;
    private final ChartsView charts;
    private final BorderPane root = new BorderPane();
    private final Menu recentMenu = new Menu("Open _Recent");
    private Button trainButton;
    private RunsPanel runs;

    public MainWindow(Stage stage, ProjectModel project, SelectionModel selection, DataModel data, EngineStatus engine,
                      TrainingSession session, RecentFiles recent, Theme theme) {
        this.stage = stage;
        this.project = project;
        this.selection = selection;
        this.data = data;
        this.engine = engine;
        this.session = session;
        this.recent = recent;
        this.theme = theme;
        this.canvas = new GraphCanvas(project, selection, data, theme);
        this.charts = new ChartsView(project, selection, session, theme);
        root.getStyleClass().add(Styles.WINDOW);
        root.setTop(new VBox(menuBar(), toolBar()));
        root.setCenter(workspace());
        root.setBottom(statusBar());
        stage.titleProperty().bind(Bindings.createStringBinding(this::title, project.experimentProperty(),
                project.dirtyProperty(), project.fileProperty()));
        stage.setOnCloseRequest(event -> {
            if (!confirmDiscard("closing")) {
                event.consume();
            } else {
                session.reset();
            }
        });
    }

    /** The window's content. */
    public Parent root() {
        return root;
    }

    public GraphCanvas canvas() {
        return canvas;
    }

    private String title() {
        Experiment e = project.experiment();
        Path file = project.fileProperty().get();
        String name = file == null ? e.name() + " (not saved)" : file.getFileName().toString();
        return (project.dirtyProperty().get() ? "• " : "") + name + " — Descent";
    }

    private Node workspace() {
        PaletteView palette = new PaletteView();
        InspectorView inspector = new InspectorView(project, selection, data);
        runs = new RunsPanel(project, selection, session);
        DataView dataView = new DataView(data, session, selection, theme);

        SplitPane top = new SplitPane(canvas, inspector);
        top.setDividerPositions(0.76);
        SplitPane.setResizableWithParent(inspector, false);

        SplitPane runsAndData = new SplitPane(runs, dataView);
        runsAndData.setOrientation(Orientation.VERTICAL);
        runsAndData.setDividerPositions(0.45);

        SplitPane bottom = new SplitPane(runsAndData, charts);
        bottom.setDividerPositions(0.34);

        SplitPane centre = new SplitPane(top, bottom);
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(0.5);

        SplitPane all = new SplitPane(palette, centre);
        all.setDividerPositions(0.15);
        SplitPane.setResizableWithParent(palette, false);
        return all;
    }

    private MenuBar menuBar() {
        Menu file = new Menu("_File");
        MenuItem newItem = item("_New", "Ctrl+N", this::newProject);
        MenuItem open = item("_Open…", "Ctrl+O", this::open);
        Menu examples = new Menu("Open _Example");
        for (Examples.Example example : Examples.ALL) {
            examples.getItems().add(item(example.title(), null, () -> openExample(example)));
        }
        refreshRecentMenu();
        MenuItem save = item("_Save", "Ctrl+S", this::save);
        MenuItem saveAs = item("Save _As…", "Ctrl+Shift+S", this::saveAs);
        MenuItem exportMetrics = item("Export _Metrics CSV…", null, this::exportMetrics);
        exportMetrics.disableProperty().bind(session.comparisonProperty().isNull());
        MenuItem exportChart = item("Export _Chart PNG…", null, this::exportChart);
        MenuItem quit = item("_Quit", "Ctrl+Q", () -> {
            if (confirmDiscard("quitting")) {
                session.reset();
                stage.close();
            }
        });
        file.getItems().addAll(newItem, open, examples, recentMenu, new SeparatorMenuItem(), save, saveAs,
                new SeparatorMenuItem(), exportMetrics, exportChart, new SeparatorMenuItem(), quit);

        Menu edit = new Menu("_Edit");
        MenuItem undo = item("_Undo", "Ctrl+Z", project::undo);
        undo.textProperty().bind(project.undoTextProperty());
        undo.disableProperty().bind(project.canUndoProperty().not());
        MenuItem redo = item("_Redo", "Ctrl+Shift+Z", project::redo);
        redo.textProperty().bind(project.redoTextProperty());
        redo.disableProperty().bind(project.canRedoProperty().not());
        MenuItem redoY = item("Redo", "Ctrl+Y", project::redo);
        redoY.setVisible(false);
        edit.getItems().addAll(undo, redo, redoY, new SeparatorMenuItem(),
                item("Cu_t", "Ctrl+X", canvas::cut), item("_Copy", "Ctrl+C", canvas::copy),
                item("_Paste", "Ctrl+V", canvas::paste), item("_Delete", "Delete", this::delete),
                new SeparatorMenuItem(), item("Select _All", "Ctrl+A", canvas::selectAll));

        Menu view = new Menu("_View");
        view.getItems().addAll(item("Zoom _In", "Ctrl+Equals", canvas::zoomIn), item("Zoom _Out", "Ctrl+Minus",
                        canvas::zoomOut), item("_Fit", "Ctrl+0", canvas::fitToView),
                item("Auto-_Layout", "Ctrl+L", canvas::autoLayout), new SeparatorMenuItem(),
                item("_Dark Theme", "Ctrl+Shift+D", theme::toggle));

        Menu run = new Menu("_Run");
        MenuItem train = item("_Train", "F5", session::train);
        MenuItem pause = item("_Pause", "F6", session::pause);
        MenuItem step = item("_Step", "F10", session::step);
        MenuItem reset = item("_Reset", "Ctrl+R", session::reset);
        train.disableProperty().bind(trainDisabled());
        pause.disableProperty().bind(session.stateProperty().isNotEqualTo(TrainingSession.State.RUNNING));
        run.getItems().addAll(train, pause, step, reset);

        Menu help = new Menu("_Help");
        help.getItems().addAll(item("_Keyboard Shortcuts", "F1", this::showShortcuts), item("_About Descent", null,
                this::showAbout));
        MenuBar bar = new MenuBar(file, edit, view, run, help);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private BooleanBinding trainDisabled() {
        return Bindings.createBooleanBinding(() -> session.blockedReason() != null
                        || session.state() == TrainingSession.State.RUNNING
                        || session.state() == TrainingSession.State.PREPARING,
                data.blockedReasonProperty(), engine.readyProperty(), session.stateProperty());
    }

    private Node toolBar() {
        Button newButton = tool("mdi2f-file-outline", "New (Ctrl+N)", this::newProject);
        Button openButton = tool("mdi2f-folder-open-outline", "Open… (Ctrl+O)", this::open);
        Button saveButton = tool("mdi2c-content-save-outline", "Save (Ctrl+S)", this::save);
        Button undoButton = tool("mdi2u-undo", "Undo (Ctrl+Z)", project::undo);
        undoButton.disableProperty().bind(project.canUndoProperty().not());
        Button redoButton = tool("mdi2r-redo", "Redo (Ctrl+Shift+Z)", project::redo);
        redoButton.disableProperty().bind(project.canRedoProperty().not());

        trainButton = new Button("Train", icon("mdi2p-play"));
        trainButton.setId("train");
        trainButton.setTooltip(new Tooltip("Train every run side by side (F5)"));
        trainButton.setOnAction(e -> session.train());
        trainButton.disableProperty().bind(trainDisabled());
        trainButton.getStyleClass().add("accent");
        Button pauseButton = new Button("Pause", icon("mdi2p-pause"));
        pauseButton.setId("pause");
        pauseButton.setTooltip(new Tooltip("Pause all runs (F6)"));
        pauseButton.setOnAction(e -> session.pause());
        pauseButton.disableProperty().bind(session.stateProperty().isNotEqualTo(TrainingSession.State.RUNNING));
        Button stepButton = new Button("Step", icon("mdi2s-step-forward"));
        stepButton.setId("step");
        stepButton.setTooltip(new Tooltip("Every run takes one step (F10)"));
        stepButton.setOnAction(e -> session.step());
        stepButton.disableProperty().bind(Bindings.createBooleanBinding(() -> session.state() == TrainingSession.State.PREPARING
                || (session.state() != TrainingSession.State.RUNNING && session.state() != TrainingSession.State.PAUSED
                && session.blockedReason() != null), data.blockedReasonProperty(), engine.readyProperty(),
                session.stateProperty()));
        Button resetButton = new Button("Reset", icon("mdi2r-restart"));
        resetButton.setId("reset");
        resetButton.setTooltip(new Tooltip("Stop and clear the runs (Ctrl+R)"));
        resetButton.setOnAction(e -> session.reset());
        resetButton.disableProperty().bind(session.comparisonProperty().isNull()
                .and(session.stateProperty().isNotEqualTo(TrainingSession.State.PREPARING)));

        Label blocked = new Label();
        blocked.setId("blocked-reason");
        blocked.getStyleClass().add(Styles.BLOCKED_REASON);
        blocked.setGraphic(icon("mdi2a-alert-circle-outline"));
        blocked.textProperty().bind(Bindings.createStringBinding(() -> {
            String reason = session.blockedReason();
            boolean idle = session.state() == TrainingSession.State.IDLE || session.state() == TrainingSession.State.FINISHED;
            return reason == null || !idle ? "" : "Cannot train: " + reason;
        }, data.blockedReasonProperty(), engine.readyProperty(), session.stateProperty()));
        blocked.visibleProperty().bind(blocked.textProperty().isNotEmpty());
        blocked.managedProperty().bind(blocked.visibleProperty());
        blocked.setMaxWidth(520);
        blocked.setTooltip(new Tooltip());
        blocked.getTooltip().textProperty().bind(blocked.textProperty());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button zoomIn = tool("mdi2m-magnify-plus-outline", "Zoom in (Ctrl+=)", canvas::zoomIn);
        Button zoomOut = tool("mdi2m-magnify-minus-outline", "Zoom out (Ctrl+-)", canvas::zoomOut);
        Button fit = tool("mdi2f-fit-to-page-outline", "Fit the network (Ctrl+0)", canvas::fitToView);
        Button layout = tool("mdi2s-sitemap", "Auto-layout (Ctrl+L)", canvas::autoLayout);
        ToggleButton dark = new ToggleButton(null, icon("mdi2t-theme-light-dark"));
        dark.setTooltip(new Tooltip("Dark theme (Ctrl+Shift+D)"));
        dark.selectedProperty().bindBidirectional(theme.darkProperty());
        return new ToolBar(newButton, openButton, saveButton, undoButton, redoButton, new javafx.scene.control.Separator(),
                trainButton, pauseButton, stepButton, resetButton, blocked, spacer, zoomIn, zoomOut, fit, layout, dark);
    }

    private Node statusBar() {
        StatusBar bar = new StatusBar();
        bar.setText("");
        Label state = new Label();
        state.setId("session-state");
        state.textProperty().bind(Bindings.createStringBinding(() -> switch (session.state()) {
            case IDLE -> "Ready";
            case PREPARING -> "Preparing…";
            case RUNNING -> "Training";
            case PAUSED -> "Paused";
            case FINISHED -> "Finished";
        }, session.stateProperty()));
        Label progress = new Label();
        progress.textProperty().bind(session.statusLineProperty());
        Label message = new Label();
        message.getStyleClass().add(Styles.DANGER);
        message.textProperty().bind(session.messageProperty());
        Label backend = new Label();
        backend.setId("backend");
        backend.textProperty().bind(engine.descriptionProperty());
        backend.getStyleClass().add(Styles.MUTED);
        state.getStyleClass().add(Styles.STATUS_ITEM);
        progress.getStyleClass().add(Styles.STATUS_ITEM);
        bar.getLeftItems().addAll(state, progress, message);
        bar.getRightItems().add(backend);
        return bar;
    }

    // ---- project commands ----

    private void newProject() {
        if (confirmDiscard("starting a new experiment")) {
            session.reset();
            selection.clear();
            project.replace(Examples.load(Examples.FIRST).withName("Untitled").withBaseDirectory(null), null);
        }
    }

    private void open() {
        if (!confirmDiscard("opening another experiment")) {
            return;
        }
        FileChooser chooser = chooser("Open an experiment");
        Path dir = project.fileProperty().get() == null ? null : project.fileProperty().get().getParent();
        if (dir != null) {
            chooser.setInitialDirectory(dir.toFile());
        }
        var chosen = chooser.showOpenDialog(stage);
        if (chosen != null) {
            openFile(chosen.toPath());
        }
    }

    /** Opens {@code path}; a file that fails to load is reported and the current work stays open. */
    public void openFile(Path path) {
        try {
            project.open(path);
            session.reset();
            selection.clear();
            recent.add(path);
        } catch (ExperimentException e) {
            recent.remove(path);
            Dialogs.error(stage, "Could not open " + path.getFileName(), e.problems());
        }
        refreshRecentMenu();
    }

    private void openExample(Examples.Example example) {
        if (confirmDiscard("opening an example")) {
            session.reset();
            selection.clear();
            Experiment e = Examples.load(example.file());
            project.replace(e, null);
        }
    }

    /** Saves; asks for a file when the project has none. True if it was saved. */
    public boolean save() {
        Path file = project.fileProperty().get();
        if (file == null) {
            return saveAs();
        }
        return writeTo(file);
    }

    private boolean saveAs() {
        FileChooser chooser = chooser("Save the experiment");
        chooser.setInitialFileName(slug(project.experiment().name()) + ".json");
        var chosen = chooser.showSaveDialog(stage);
        return chosen != null && writeTo(withJsonExtension(chosen.toPath()));
    }

    private boolean writeTo(Path file) {
        try {
            project.saveAs(file);
            recent.add(file);
            refreshRecentMenu();
            return true;
        } catch (IOException e) {
            Dialogs.error(stage, "Could not save " + file.getFileName(), List.of(String.valueOf(e.getMessage())));
            return false;
        }
    }

    /** Asks before unsaved changes would be lost. True to go ahead (saved or discarded). */
    boolean confirmDiscard(String doing) {
        if (!project.dirtyProperty().get()) {
            return true;
        }
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION);
        alert.initOwner(stage);
        alert.setTitle("Unsaved changes");
        alert.setHeaderText("Save the changes to \"" + project.experiment().name() + "\" before " + doing + "?");
        alert.setContentText("Your changes will be lost if you don't save them.");
        ButtonType saveType = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't Save", ButtonBar.ButtonData.NO);
        alert.getButtonTypes().setAll(saveType, discard, ButtonType.CANCEL);
        Optional<ButtonType> answer = alert.showAndWait();
        if (answer.isEmpty() || answer.get() == ButtonType.CANCEL) {
            return false;
        }
        return answer.get() == discard || save();
    }

    private void exportMetrics() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export metrics");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        chooser.setInitialFileName(slug(project.experiment().name()) + "-metrics.csv");
        var chosen = chooser.showSaveDialog(stage);
        if (chosen != null) {
            session.exportMetrics(chosen.toPath(), failure -> {
                if (failure != null) {
                    Dialogs.error(stage, "Could not export the metrics", List.of(failure));
                }
            });
        }
    }

    private void exportChart() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export charts");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        chooser.setInitialFileName(slug(project.experiment().name()) + "-charts.png");
        var chosen = chooser.showSaveDialog(stage);
        if (chosen != null) {
            try {
                charts.exportPng(chosen.toPath());
            } catch (IOException e) {
                Dialogs.error(stage, "Could not export the charts", List.of(String.valueOf(e.getMessage())));
            }
        }
    }

    private void delete() {
        int run = selection.runProperty().get();
        if (run >= 0 && run < project.experiment().runs().size()) {
            runs.removeRun(run);
        } else {
            canvas.deleteSelection();
        }
    }

    private void refreshRecentMenu() {
        recentMenu.getItems().clear();
        for (Path path : recent.list()) {
            recentMenu.getItems().add(item(path.getFileName() + "  —  " + path.getParent(), null, () -> {
                if (confirmDiscard("opening another experiment")) {
                    openFile(path);
                }
            }));
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private void showShortcuts() {
        Dialogs.info(stage, "Keyboard shortcuts", List.of(
                "Ctrl+N  new      Ctrl+O  open      Ctrl+S  save      Ctrl+Shift+S  save as",
                "Ctrl+Z  undo     Ctrl+Shift+Z or Ctrl+Y  redo",
                "Ctrl+X / C / V  cut, copy, paste nodes      Delete  delete the selection      Ctrl+A  select all",
                "Ctrl+=  zoom in   Ctrl+-  zoom out   Ctrl+0  fit   Ctrl+L  auto-layout   Ctrl+Shift+D  dark theme",
                "F5  train   F6  pause   F10  one step   Ctrl+R  reset",
                "Canvas: drag a tile to add a node; drag from a node's right port to another's left port to connect;",
                "shift-click to add to the selection; drag on empty space to select an area; Ctrl+wheel to zoom;",
                "drag with the middle button (or Space held) to pan."));
    }

    private void showAbout() {
        String version = MainWindow.class.getPackage().getImplementationVersion();
        Dialogs.info(stage, "About Descent", List.of("Descent " + (version == null ? "(development build)" : version),
                "A workbench for deep-learning optimization methods.", engine.descriptionProperty().get()));
    }

    // ---- helpers ----

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setMnemonicParsing(true);
        if (accelerator != null) {
            item.setAccelerator(accelerator.equals("Delete") ? new KeyCodeCombination(KeyCode.DELETE)
                    : KeyCombination.keyCombination(accelerator.replace("Equals", "=")));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private static Button tool(String iconCode, String tooltip, Runnable action) {
        Button button = new Button(null, icon(iconCode));
        button.setTooltip(new Tooltip(tooltip));
        button.setOnAction(e -> action.run());
        button.getStyleClass().add("flat");
        return button;
    }

    static FontIcon icon(String code) {
        FontIcon icon = new FontIcon(code);
        icon.setIconSize(16);
        return icon;
    }

    private static FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Descent experiments", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        return chooser;
    }

    private static Path withJsonExtension(Path path) {
        String name = path.getFileName().toString();
        return name.contains(".") ? path : path.resolveSibling(name + ".json");
    }

    private static String slug(String name) {
        String s = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return s.isEmpty() ? "experiment" : s;
    }
}
