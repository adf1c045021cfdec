package dev.descent.ui.app;

import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentException;
import dev.descent.ui.canvas.GraphCanvas;
import dev.descent.ui.charts.ChartsView;
import dev.descent.ui.inside.InsideView;
import dev.descent.ui.data.DataView;
import dev.descent.ui.inspector.InspectorView;
import dev.descent.ui.lessons.LessonController;
import dev.descent.ui.model.DataModel;
import dev.descent.ui.model.EngineStatus;
import dev.descent.ui.model.ProjectModel;
import dev.descent.ui.model.SelectionModel;
import dev.descent.ui.model.Theme;
import dev.descent.ui.model.TrainingSession;
import dev.descent.ui.palette.PaletteView;
import dev.descent.ui.runs.RunsPanel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
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
    private InspectorView inspector;
    private DataView dataView;
    private PaletteView palette;
    private LessonController lessons;
    private dev.descent.ui.present.PresenterMode presenter;
    private FileDialogs fileDialogs = FileDialogs.system();
    private StatusBar statusBar;

    /** Keys that answer besides the menus' own accelerators (one accelerator per menu item). */
    private final Map<KeyCombination, Runnable> extraKeys = new LinkedHashMap<>();

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
        // where a run diverged: the selected run's, or the last one's when no run is selected
        Runnable markDivergence = () -> {
            int run = selection.runProperty().get();
            TrainingSession.DivergedRun d = run >= 0 ? session.divergence(run) : session.divergenceProperty().get();
            canvas.showDivergence(d == null ? null : d.where().node(), d == null ? null : d.sentence());
        };
        session.divergenceProperty().addListener((o, was, now) -> markDivergence.run());
        selection.runProperty().addListener((o, was, now) -> markDivergence.run());
        this.charts = new ChartsView(project, selection, session, theme);
        root.getStyleClass().add(Styles.WINDOW);
        Node workspace = workspace();
        lessons = new LessonController(stage, root, project, selection, session, inspector, canvas, theme,
                this::confirmDiscard, (title, lines) -> Dialogs.error(stage, title, lines));
        lessons.lessonProperty().addListener((o, was, now) -> {
            if (now != null && now.lossScale() != null) { // the lesson's runs read on this loss axis
                charts.setLossLog(now.lossScale() == dev.descent.lesson.Lesson.LossScale.LOG);
            }
        });
        presenter = new dev.descent.ui.present.PresenterMode(stage, root, theme, canvas, session, this::train, this::step);
        root.setTop(new VBox(menuRow(), toolBar()));
        root.setCenter(workspace);
        root.setRight(lessons.panel());
        root.setBottom(statusBar());
        // the canvas starts with the keyboard: otherwise the tool bar's first button (New) had it, and the
        // Space a presenter presses to train, before presenter mode is on, replaced the open experiment
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_SHOWN, e -> canvas.requestFocus());
        extraKeys.put(new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                canvas::zoomIn); // Ctrl++ on keyboards where + is Shift+=
        extraKeys.put(new KeyCodeCombination(KeyCode.PLUS, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_ANY),
                canvas::zoomIn); // a + key of its own
        extraKeys.put(new KeyCodeCombination(KeyCode.ADD, KeyCombination.SHORTCUT_DOWN), canvas::zoomIn);
        extraKeys.put(new KeyCodeCombination(KeyCode.SUBTRACT, KeyCombination.SHORTCUT_DOWN), canvas::zoomOut);
        extraKeys.put(new KeyCodeCombination(KeyCode.NUMPAD0, KeyCombination.SHORTCUT_DOWN), canvas::fitToView);
        extraKeys.putAll(SpeedControl.keys(session.stepRateProperty())); // slow motion: Ctrl+[ slower, Ctrl+] faster
        extraKeys.put(new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN), () -> {
            if (project.canRedoProperty().get()) {
                project.redo();
            }
        });
        // registered on the scene, not as hidden menu items: whether those fire is up to the menu bar's skin
        root.sceneProperty().addListener((o, old, scene) -> {
            if (old != null) {
                extraKeys.forEach((key, action) -> old.getAccelerators().remove(key, action));
            }
            if (scene != null) {
                scene.getAccelerators().putAll(extraKeys);
            }
        });
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

    /** Lessons: the menu, the start page and the side panel of an open lesson. */
    public LessonController lessons() {
        return lessons;
    }

    /** View > Presenter Mode (F11): full screen, large, high contrast, driven from the keyboard. */
    public dev.descent.ui.present.PresenterMode presenter() {
        return presenter;
    }

    /** Replaces the system's file chooser, e.g. with answers given by a test. */
    public void setFileDialogs(FileDialogs dialogs) {
        this.fileDialogs = Objects.requireNonNull(dialogs);
    }

    private String title() {
        Experiment e = project.experiment();
        Path file = project.fileProperty().get();
        String name = file == null ? e.name() + " (not saved)" : file.getFileName().toString();
        return (project.dirtyProperty().get() ? "• " : "") + name + " — Descent";
    }

    private Node workspace() {
        palette = new PaletteView();
        inspector = new InspectorView(project, selection, data, session.invalidInputs(), session.editTiming());
        runs = new RunsPanel(project, selection, session);
        addLrRangeToRunsMenu();
        dataView = new DataView(data, session, selection, theme);
        palette.setId("palette"); // ids name the panels for lessons' "what to watch" pointers
        inspector.setId("inspector");
        runs.setId("runs");
        canvas.setId("canvas");

        SplitPane top = new SplitPane(canvas, inspector);
        top.setDividerPositions(0.76);
        SplitPane.setResizableWithParent(inspector, false);

        SplitPane runsAndData = new SplitPane(runs, dataView);
        runsAndData.setOrientation(Orientation.VERTICAL);
        runsAndData.setDividerPositions(0.45);

        SplitPane bottom = new SplitPane(runsAndData, chartTabs());
        bottom.setDividerPositions(0.34);

        SplitPane centre = new SplitPane(top, bottom);
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(0.5);

        SplitPane all = new SplitPane(palette, centre);
        all.setDividerPositions(0.15);
        SplitPane.setResizableWithParent(palette, false);
        return all;
    }

    /** The views beside the runs, one tab each: adding a view is one {@code tabs.getTabs().add(tab(...))}. */
    private TabPane chartTabs() {
        InsideView inside = new InsideView(selection, session, theme);
        Tab insideTab = tab("Inside", inside);
        Tab trainingTab = tab("Training", charts);
        TabPane tabs = new TabPane(trainingTab, insideTab);
        tabs.setId("chart-tabs");
        compareView = new dev.descent.ui.compare.CompareView(session, selection);
        compareTab = tab("Compare", compareView);
        tabs.getTabs().add(compareTab);
        sideBySide = new dev.descent.ui.multiples.SideBySideView(data, session, theme);
        sideBySideTab = tab("Side by side", sideBySide);
        tabs.getTabs().add(sideBySideTab);
        inside.activeProperty().bind(insideTab.selectedProperty());
        charts.activeProperty().bind(trainingTab.selectedProperty());
        return tabs;
    }

    private static Tab tab(String title, Node content) {
        Tab tab = new Tab(title, content);
        tab.setId("tab-" + title.toLowerCase(java.util.Locale.ROOT));
        tab.setClosable(false);
        return tab;
    }

    /** The menu bar, and at its right end presenter mode's indicator (where a tool bar's overflow cannot hide it). */
    private Node menuRow() {
        MenuBar bar = menuBar();
        HBox row = new HBox(bar, presenter.indicator());
        HBox.setHgrow(bar, Priority.ALWAYS);
        row.getStyleClass().add("presenter-menu-row");
        return row;
    }

    private MenuBar menuBar() {
        Menu file = new Menu("_File");
        MenuItem newItem = item("menu-new", "_New", shortcut(KeyCode.N), this::newProject);
        MenuItem open = item("menu-open", "_Open…", shortcut(KeyCode.O), this::open);
        Menu examples = new Menu("Open _Example");
        examples.setId("menu-examples");
        for (Examples.Example example : Examples.ALL) {
            examples.getItems().add(item("example-" + example.file().replace(".json", ""), example.title(), null,
                    () -> openExample(example)));
        }
        recentMenu.setId("menu-recent");
        refreshRecentMenu();
        MenuItem save = item("menu-save", "_Save", shortcut(KeyCode.S), this::save);
        MenuItem saveAs = item("menu-save-as", "Save _As…",
                new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), this::saveAs);
        MenuItem exportMetrics = item("menu-export-metrics", "_Metrics CSV…", null, this::exportMetrics);
        exportMetrics.disableProperty().bind(session.hasComparisonProperty().not());
        MenuItem exportChart = item("menu-export-chart", "_Charts (PNG or SVG)…", null, this::exportChart);
        MenuItem exportSideBySide = item("menu-export-side-by-side", "Side by Side _View (PNG or SVG)…", null,
                this::exportSideBySide);
        exportSideBySide.disableProperty().bind(session.hasComparisonProperty().not());
        MenuItem exportSummary = item("menu-export-summary", "_Summary Table CSV…", null, this::exportSummary);
        exportSummary.disableProperty().bind(session.hasComparisonProperty().not());
        MenuItem exportCompare = item("menu-export-compare", "Compare _View (PNG or SVG)…", null, this::exportCompare);
        exportCompare.disableProperty().bind(session.hasComparisonProperty().not());
        MenuItem quit = item("menu-quit", "_Quit", shortcut(KeyCode.Q), () -> {
            if (confirmDiscard("quitting")) {
                session.reset();
                stage.close();
            }
        });
        Menu export = new Menu("E_xport");
        export.setId("menu-export");
        export.getItems().addAll(exportMetrics, exportChart, exportCompare, exportSideBySide, exportSummary,
                item("menu-export-pytorch", "_PyTorch Script…", null, this::exportPyTorch));
        file.getItems().addAll(newItem, open, examples, recentMenu, new SeparatorMenuItem(), save, saveAs,
                new SeparatorMenuItem(), export, new SeparatorMenuItem(), quit);

        Menu edit = new Menu("_Edit");
        MenuItem undo = item("menu-undo", "_Undo", shortcut(KeyCode.Z), project::undo);
        undo.textProperty().bind(project.undoTextProperty());
        undo.disableProperty().bind(project.canUndoProperty().not());
        MenuItem redo = item("menu-redo", "_Redo",
                new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), project::redo);
        redo.textProperty().bind(project.redoTextProperty());
        redo.disableProperty().bind(project.canRedoProperty().not());
        edit.getItems().addAll(undo, redo, new SeparatorMenuItem(),
                item("menu-cut", "Cu_t", shortcut(KeyCode.X), () -> editCommand(TextInputControl::cut, canvas::cut)),
                item("menu-copy", "_Copy", shortcut(KeyCode.C), () -> editCommand(TextInputControl::copy, canvas::copy)),
                item("menu-paste", "_Paste", shortcut(KeyCode.V), () -> editCommand(TextInputControl::paste, canvas::paste)),
                item("menu-delete", "_Delete", new KeyCodeCombination(KeyCode.DELETE),
                        () -> editCommand(MainWindow::deleteText, this::delete)),
                new SeparatorMenuItem(),
                item("menu-select-all", "Select _All", shortcut(KeyCode.A),
                        () -> editCommand(TextInputControl::selectAll, canvas::selectAll)));

        Menu view = new Menu("_View");
        CheckMenuItem dark = new CheckMenuItem("_Dark Theme");
        dark.setId("menu-dark-theme");
        dark.setAccelerator(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        dark.selectedProperty().bindBidirectional(theme.darkProperty());
        view.getItems().addAll(item("menu-zoom-in", "Zoom _In", shortcut(KeyCode.EQUALS), canvas::zoomIn),
                item("menu-zoom-out", "Zoom _Out", shortcut(KeyCode.MINUS), canvas::zoomOut),
                item("menu-fit", "_Fit", shortcut(KeyCode.DIGIT0), canvas::fitToView),
                item("menu-layout", "Auto-_Layout", shortcut(KeyCode.L), canvas::autoLayout), new SeparatorMenuItem(), dark,
                item("menu-compare", "_Compare…", null, this::showCompare));
        view.getItems().add(item("menu-race", "Optimizer _Race…", null,
                () -> dev.descent.ui.race.RaceWindow.show(stage, null, null)));
        view.getItems().addAll(new SeparatorMenuItem(),
                item("menu-presenter", "_Presenter Mode", new KeyCodeCombination(KeyCode.F11), presenter::toggle));

        Menu run = new Menu("_Run");
        MenuItem train = item("menu-train", "_Train", new KeyCodeCombination(KeyCode.F5), this::train);
        MenuItem pause = item("menu-pause", "_Pause", new KeyCodeCombination(KeyCode.F6), session::pause);
        // not F10: the menu bar answers F10 (it moves the focus to the menus), and a scene keeps one action per key
        MenuItem step = item("menu-step", "_Step", STEP_KEY, this::step);
        MenuItem reset = item("menu-reset", "_Reset", shortcut(KeyCode.R), session::reset);
        train.disableProperty().bind(trainDisabled());
        pause.disableProperty().bind(session.stateProperty().isNotEqualTo(TrainingSession.State.RUNNING));
        step.disableProperty().bind(stepDisabled());
        CheckMenuItem together = new CheckMenuItem("_Keep Runs Together");
        together.setId("menu-lockstep");
        together.selectedProperty().bindBidirectional(session.lockstepInTimeProperty());
        MenuItem lrRange = item("menu-lr-range", "_Learning-Rate Range Test…", null, this::lrRangeTest);
        lrRange.disableProperty().bind(selection.runProperty().lessThan(0));
        run.getItems().addAll(train, pause, step, reset, new SeparatorMenuItem(), together, lrRange);

        Menu help = new Menu("_Help");
        help.getItems().addAll(item("menu-shortcuts", "_Keyboard Shortcuts", new KeyCodeCombination(KeyCode.F1),
                this::showShortcuts), item("menu-help-lessons", "_Lessons…", null, lessons::showStartPage),
                item("menu-about", "_About Descent", null, this::showAbout));
        MenuBar bar = new MenuBar(file, edit, view, run, lessons.menu(), help);
        bar.setId("menu-bar");
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    /** Widest the "Cannot train: …" reason in the tool bar gets; longer ones end in "…" (its tooltip has all). */
    private static final double BLOCKED_REASON_WIDTH = 560;

    /** The Step command's key, F8 (a debugger's "step over"). */
    static final KeyCombination STEP_KEY = new KeyCodeCombination(KeyCode.F8);

    /**
     * Runs an Edit command where the focus says (see {@link EditTarget}): on the focused text field, on
     * the graph, or nowhere.
     */
    private void editCommand(Consumer<TextInputControl> onText, Runnable onGraph) {
        Node focus = root.getScene() == null ? null : root.getScene().getFocusOwner();
        switch (EditTarget.of(focus, List.of(canvas, runs), List.of(inspector, charts, dataView, palette))) {
            case TEXT -> onText.accept((TextInputControl) focus);
            case GRAPH -> onGraph.run();
            case NONE -> {
            }
        }
    }

    /** Delete in a text field: the selection, or the character after the caret. */
    private static void deleteText(TextInputControl text) {
        if (text.isEditable()) {
            text.deleteNextChar();
        }
    }

    /**
     * Train (F5 or the button): a value typed into the inspector but not yet committed is committed
     * first, as leaving the field would, so training never starts with the value the user replaced; a
     * refused one stops it with its reason.
     */
    private void train() {
        inspector.commitPending();
        session.train();
    }

    /** Step (F8 or the button), after committing typed values as {@link #train()} does. */
    private void step() {
        inspector.commitPending();
        session.step();
    }

    private BooleanBinding stepDisabled() {
        return Bindings.createBooleanBinding(() -> session.state() == TrainingSession.State.PREPARING
                || (session.state() != TrainingSession.State.RUNNING && session.state() != TrainingSession.State.PAUSED
                && session.blockedReason() != null), session.blockedReasonProperty(), session.stateProperty());
    }

    private BooleanBinding trainDisabled() {
        return Bindings.createBooleanBinding(() -> session.blockedReason() != null
                        || session.state() == TrainingSession.State.RUNNING
                        || session.state() == TrainingSession.State.PREPARING,
                session.blockedReasonProperty(), session.stateProperty());
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
        trainButton.setOnAction(e -> train());
        trainButton.disableProperty().bind(trainDisabled());
        trainButton.getStyleClass().add("accent");
        Button pauseButton = new Button("Pause", icon("mdi2p-pause"));
        pauseButton.setId("pause");
        pauseButton.setTooltip(new Tooltip("Pause all runs (F6)"));
        pauseButton.setOnAction(e -> session.pause());
        pauseButton.disableProperty().bind(session.stateProperty().isNotEqualTo(TrainingSession.State.RUNNING));
        Button stepButton = new Button("Step", icon("mdi2s-step-forward"));
        stepButton.setId("step");
        stepButton.setTooltip(new Tooltip("Every run takes one step (" + STEP_KEY.getDisplayText() + ")"));
        stepButton.setOnAction(e -> step());
        stepButton.disableProperty().bind(stepDisabled());
        Button resetButton = new Button("Reset", icon("mdi2r-restart"));
        resetButton.setId("reset");
        resetButton.setTooltip(new Tooltip("Stop and clear the runs (Ctrl+R)"));
        resetButton.setOnAction(e -> session.reset());
        resetButton.disableProperty().bind(session.hasComparisonProperty().not()
                .and(session.stateProperty().isNotEqualTo(TrainingSession.State.PREPARING)));

        Label blocked = new Label() {
            @Override
            protected double computePrefWidth(double height) {
                // the tool bar moves items that do not fit by their preferred width into its overflow menu:
                // a long reason would vanish there instead of being shortened (the tooltip has it all)
                return Math.min(BLOCKED_REASON_WIDTH, super.computePrefWidth(height));
            }
        };
        blocked.setMinWidth(0);
        blocked.setId("blocked-reason");
        blocked.getStyleClass().add(Styles.BLOCKED_REASON);
        blocked.setGraphic(icon("mdi2a-alert-circle-outline"));
        blocked.textProperty().bind(Bindings.createStringBinding(() -> {
            String reason = session.blockedReason();
            boolean idle = session.state() == TrainingSession.State.IDLE || session.state() == TrainingSession.State.FINISHED;
            return reason == null || !idle ? "" : "Cannot train: " + reason;
        }, session.blockedReasonProperty(), session.stateProperty()));
        blocked.visibleProperty().bind(blocked.textProperty().isNotEmpty());
        blocked.managedProperty().bind(blocked.visibleProperty());
        blocked.setMaxWidth(BLOCKED_REASON_WIDTH);
        blocked.setTooltip(new Tooltip());
        blocked.getTooltip().textProperty().bind(blocked.textProperty());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button zoomIn = tool("mdi2m-magnify-plus-outline", "Zoom in (Ctrl+= or Ctrl++)", canvas::zoomIn);
        Button zoomOut = tool("mdi2m-magnify-minus-outline", "Zoom out (Ctrl+-)", canvas::zoomOut);
        Button fit = tool("mdi2f-fit-to-page-outline", "Fit the network (Ctrl+0)", canvas::fitToView);
        Button layout = tool("mdi2s-sitemap", "Auto-layout (Ctrl+L)", canvas::autoLayout);
        ToggleButton dark = new ToggleButton(null, icon("mdi2t-theme-light-dark"));
        dark.setTooltip(new Tooltip("Dark theme (Ctrl+Shift+D)"));
        dark.selectedProperty().bindBidirectional(theme.darkProperty());
        ToggleButton present = new ToggleButton(null, icon("mdi2p-presentation-play"));
        present.setId("presenter");
        present.setTooltip(new Tooltip("Presenter mode: full screen, large, for a projector (F11; Esc leaves)"));
        present.setOnAction(e -> {
            presenter.toggle();
            present.setSelected(presenter.isOn());
        });
        presenter.onProperty().addListener((o, was, on) -> present.setSelected(on));
        return new ToolBar(newButton, openButton, saveButton, undoButton, redoButton, new javafx.scene.control.Separator(),
                trainButton, pauseButton, stepButton, resetButton, blocked,
                SpeedControl.create(session.stepRateProperty()), spacer, zoomIn, zoomOut, fit, layout, dark, present);
    }

    /** A passing remark in the status bar (what the window did instead of what was asked); empty when none. */
    private final javafx.beans.property.StringProperty notice = new javafx.beans.property.SimpleStringProperty("");

    /** The status bar's remark, empty when there is none. */
    public String notice() {
        return notice.get();
    }

    private Node statusBar() {
        StatusBar bar = new StatusBar();
        statusBar = bar;
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
        progress.setId("status-line");
        progress.textProperty().bind(session.statusLineProperty());
        Label message = new Label();
        message.setId("status-message");
        message.getStyleClass().add(Styles.DANGER);
        message.textProperty().bind(session.messageProperty());
        message.setMinWidth(0); // a long divergence sentence ends in an ellipsis here; the tooltip holds all of it
        Tooltip wholeMessage = new Tooltip();
        wholeMessage.setWrapText(true);
        wholeMessage.setMaxWidth(640);
        wholeMessage.textProperty().bind(message.textProperty());
        message.textProperty().addListener((o, was, text) -> message.setTooltip(text == null || text.isEmpty() ? null : wholeMessage));
        Label backend = new Label();
        backend.setId("backend");
        backend.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the message gives way, not the backend
        backend.textProperty().bind(engine.descriptionProperty());
        backend.getStyleClass().add(Styles.MUTED);
        state.getStyleClass().add(Styles.STATUS_ITEM);
        progress.getStyleClass().add(Styles.STATUS_ITEM);
        Label noticeLabel = new Label();
        noticeLabel.setId("status-notice");
        noticeLabel.getStyleClass().addAll(Styles.MUTED, Styles.STATUS_ITEM);
        noticeLabel.textProperty().bind(notice);
        noticeLabel.visibleProperty().bind(notice.isNotEmpty());
        noticeLabel.managedProperty().bind(noticeLabel.visibleProperty());
        bar.getLeftItems().addAll(state, progress, message, noticeLabel);
        bar.getRightItems().add(backend);
        return bar;
    }

    /** The charts' options (x axis, log scale, smoothing, band) come from and go to {@code preferences}. */
    public void rememberChartOptions(java.util.prefs.Preferences preferences) {
        charts.rememberOptions(preferences);
    }

    /** Shows in the status bar why recovery copies cannot be written ({@link Autosave}); nothing while they can. */
    public void showAutosaveProblem(javafx.beans.value.ObservableStringValue problem) {
        Label label = new Label();
        label.setId("autosave-problem");
        label.getStyleClass().addAll(Styles.DANGER, Styles.STATUS_ITEM);
        label.textProperty().bind(problem);
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        statusBar.getLeftItems().add(label);
    }

    // ---- the Compare area (issue 9): its own window until the tabs exist ----

    private Stage compareStage;
    /** The Compare tab (its summary table is what File > Export > Summary Table CSV writes). */
    private dev.descent.ui.compare.CompareView compareView;
    private Tab compareTab;
    private dev.descent.ui.multiples.SideBySideView sideBySide;
    private Tab sideBySideTab;

    /** Shows the Compare area (mean and band per run, stability maps, summary table) in a window of its own. */
    private void showCompare() {
        if (compareStage == null) {
            dev.descent.ui.compare.CompareView view = new dev.descent.ui.compare.CompareView(session, selection);
            compareStage = new Stage();
            compareStage.initOwner(stage);
            compareStage.setTitle("Compare — Descent");
            javafx.scene.Scene scene = new javafx.scene.Scene(view, 1100, 700);
            scene.getStylesheets().setAll(stage.getScene().getStylesheets());
            compareStage.setScene(scene);
            view.refresh();
        }
        compareStage.show();
        compareStage.toFront();
    }

    // ---- project commands ----

    private void newProject() {
        if (confirmDiscard("starting a new experiment")) {
            notice.set("");
            session.reset();
            selection.clear();
            project.replace(Examples.blank(), null);
        }
    }

    private void open() {
        if (!confirmDiscard("opening another experiment")) {
            return;
        }
        Path chosen = fileDialogs.choose(stage, new FileDialogs.Request(FileDialogs.Mode.OPEN, "Open an experiment or a lesson",
                currentDirectory(), null, OPENABLE));
        if (chosen != null) {
            openFile(chosen);
        }
    }

    /**
     * Opens the file asked for at start (the command line, the file manager); after a crash recovery restored
     * changes it asks first ({@link #openAfterRestore}), so that neither the file nor the changes are dropped.
     */
    public void openAtStart(Path asked, boolean restored) {
        if (restored) {
            openAfterRestore(asked);
        } else {
            openFile(asked); // a file that is missing or fails to load is reported; the example stays open
        }
    }

    /**
     * Opens {@code file} asked for at start (the command line or the file manager) after the changes a crash
     * left were restored: asks first, as File > Open does, since opening would replace them. When the user
     * keeps the restored changes, the file goes to File > Open Recent and the status bar says so.
     */
    void openAfterRestore(Path file) {
        if (confirmDiscard("opening " + file.getFileName())) {
            openFile(file);
            return;
        }
        if (!Files.isRegularFile(file)) {
            notice.set("Kept the restored changes; " + file.getFileName() + " was not opened: there is no such file");
            return;
        }
        recent.add(file);
        refreshRecentMenu();
        notice.set("Kept the restored changes; " + file.getFileName() + " was not opened (File > Open Recent has it)");
    }

    /** Opens {@code path}; a file that fails to load is reported and the current work stays open. */
    public void openFile(Path path) {
        notice.set("");
        if (dev.descent.lesson.LessonFiles.isLesson(path)) {
            if (lessons.openFile(path)) {
                recent.add(path);
                refreshRecentMenu();
            }
            return;
        }
        try {
            project.open(path);
            session.reset();
            selection.clear();
            recent.add(path);
        } catch (ExperimentException e) {
            recent.remove(path);
            Dialogs.error(stage, "Could not open " + path.getFileName(), e.messages());
        }
        refreshRecentMenu();
    }

    private void openExample(Examples.Example example) {
        if (confirmDiscard("opening an example")) {
            notice.set("");
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

    /** Asks for a file and saves there. True if it was saved. */
    public boolean saveAs() {
        Path chosen = fileDialogs.choose(stage, new FileDialogs.Request(FileDialogs.Mode.SAVE, "Save the experiment",
                currentDirectory(), slug(project.experiment().name()) + ".json", EXPERIMENTS));
        return chosen != null && writeTo(withJsonExtension(chosen));
    }

    /**
     * Writes the project to {@code file} as it is shown: nodes without a position of their own get the
     * place the canvas shows them at, and a data file in an example's temporary folder is copied beside
     * the file.
     */
    private boolean writeTo(Path file) {
        try {
            project.saveAs(file, (e, directory) -> Examples.keepDataBeside(project.positions().withShownPositions(e), directory));
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
        Path chosen = fileDialogs.choose(stage, new FileDialogs.Request(FileDialogs.Mode.SAVE, "Export metrics",
                currentDirectory(), slug(project.experiment().name()) + "-metrics.csv",
                List.of(new FileChooser.ExtensionFilter("CSV", "*.csv"))));
        if (chosen != null) {
            session.exportMetrics(chosen, failure -> {
                if (failure != null) {
                    Dialogs.error(stage, "Could not export the metrics", List.of(failure));
                }
            });
        }
    }

    /** File > Export > Charts: the four training charts as a PNG or, named .svg, an SVG (a name without an ending gets .png). */
    private void exportChart() {
        Path chosen = fileDialogs.choose(stage, new FileDialogs.Request(FileDialogs.Mode.SAVE, "Export charts",
                currentDirectory(), slug(project.experiment().name()) + "-charts.png",
                List.of(new FileChooser.ExtensionFilter("PNG image", "*.png"),
                        new FileChooser.ExtensionFilter("SVG image", "*.svg"))));
        if (chosen != null) {
            chosen = pngUnlessNamed(chosen);
            try {
                charts.export(chosen);
            } catch (IOException e) {
                Dialogs.error(stage, "Could not export the charts", List.of(String.valueOf(e.getMessage())));
            }
        }
    }

    /**
     * File > Export > Compare View: the Compare tab's band chart and stability maps as a PNG or, named .svg,
     * an SVG. The tab comes to the front first, so what is written is what the user sees (and is laid out).
     */
    private void exportCompare() {
        compareTab.getTabPane().getSelectionModel().select(compareTab);
        stage.getScene().getRoot().applyCss();
        stage.getScene().getRoot().layout();
        Path chosen = fileDialogs.choose(stage, new FileDialogs.Request(FileDialogs.Mode.SAVE, "Export the Compare view",
                currentDirectory(), slug(project.experiment().name()) + "-compare.png",
                List.of(new FileChooser.ExtensionFilter("PNG image", "*.png"),
                        new FileChooser.ExtensionFilter("SVG image", "*.svg"))));
        if (chosen != null) {
            chosen = pngUnlessNamed(chosen);
            try {
                compareView.export(chosen);
            } catch (IOException e) {
                Dialogs.error(stage, "Could not export the Compare view", List.of(String.valueOf(e.getMessage())));
            }
        }
    }

    /**
     * File > Export > Side by Side View: every run's decision boundary and gradient chart, in the grids of
     * the Side by side tab, as a PNG or, named .svg, an SVG. The tab comes to the front first, as for the
     * Compare view: what is written is what the user sees, every cell of it.
     */
    private void exportSideBySide() {
        sideBySideTab.getTabPane().getSelectionModel().select(sideBySideTab);
        stage.getScene().getRoot().applyCss();
        stage.getScene().getRoot().layout();
        Path chosen = fileDialogs.choose(stage, new FileDialogs.Request(FileDialogs.Mode.SAVE, "Export the Side by side view",
                currentDirectory(), slug(project.experiment().name()) + "-side-by-side.png",
                List.of(new FileChooser.ExtensionFilter("PNG image", "*.png"),
                        new FileChooser.ExtensionFilter("SVG image", "*.svg"))));
        if (chosen != null) {
            chosen = pngUnlessNamed(chosen);
            try {
                sideBySide.export(chosen);
            } catch (IOException e) {
                Dialogs.error(stage, "Could not export the Side by side view", List.of(String.valueOf(e.getMessage())));
            }
        }
    }

    /** {@code chosen}, with .png added when its name has no ending. */
    private static Path pngUnlessNamed(Path chosen) {
        return chosen.getFileName() != null && !chosen.getFileName().toString().contains(".")
                ? chosen.resolveSibling(chosen.getFileName() + ".png") : chosen;
    }

    /** File > Export > Summary Table CSV: the Compare tab's table as it is sorted now. */
    private void exportSummary() {
        compareView.refresh();
        Path chosen = fileDialogs.choose(stage, new FileDialogs.Request(FileDialogs.Mode.SAVE, "Export the summary table",
                currentDirectory(), slug(project.experiment().name()) + "-summary.csv",
                List.of(new FileChooser.ExtensionFilter("CSV", "*.csv"))));
        if (chosen != null) {
            try {
                compareView.table().writeCsv(chosen);
            } catch (IOException e) {
                Dialogs.error(stage, "Could not export the summary table", List.of(String.valueOf(e.getMessage())));
            }
        }
    }

    /** File > Export > PyTorch Script…: the selected run, or every run ({@link PyTorchExportDialog}). */
    private void exportPyTorch() {
        int run = selection.runProperty().get();
        List<dev.descent.experiment.RunSpec> specs = project.experiment().runs();
        String selected = run >= 0 && run < specs.size() ? specs.get(run).name() : null;
        Path base = currentDirectory();
        PyTorchExportDialog.show(stage, project.experiment(), selected,
                base == null ? null : base.resolve(slug(project.experiment().name()) + "-pytorch"), fileDialogs);
    }

    /** Run > Learning-Rate Range Test… on the selected run ({@link LrRangeDialog}). */
    private void lrRangeTest() {
        int run = selection.runProperty().get();
        if (run >= 0 && run < project.experiment().runs().size()) {
            LrRangeDialog.show(stage, project, data.dataset(), run);
        }
    }

    /** The same command in the runs' context menu, below RunsPanel's own items. */
    private void addLrRangeToRunsMenu() {
        javafx.scene.control.ContextMenu menu = runs.table().getContextMenu();
        MenuItem lr = item("runs-lr-range", "Learning-Rate Range Test…", null, this::lrRangeTest);
        menu.getItems().addAll(new SeparatorMenuItem(), lr);
        menu.addEventHandler(javafx.stage.WindowEvent.WINDOW_SHOWING, e -> lr.setDisable(
                selection.runProperty().get() < 0 || selection.runProperty().get() >= project.experiment().runs().size()));
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
        List<Path> files = recent.list();
        for (int i = 0; i < files.size(); i++) {
            Path path = files.get(i);
            recentMenu.getItems().add(item("recent-" + i, path.getFileName() + "  —  " + path.getParent(), null, () -> {
                if (confirmDiscard("opening another experiment")) {
                    openFile(path);
                }
            }));
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private void showShortcuts() {
        KeyboardShortcuts.show(stage, STEP_KEY.getDisplayText(), theme.scale());
    }

    private void showAbout() {
        String version = MainWindow.class.getPackage().getImplementationVersion();
        Dialogs.info(stage, "About Descent", List.of("Descent " + (version == null ? "(development build)" : version),
                "A workbench for deep-learning optimization methods.", engine.descriptionProperty().get()));
    }

    // ---- helpers ----

    private static MenuItem item(String id, String text, KeyCombination accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setMnemonicParsing(true);
        item.setAccelerator(accelerator);
        item.setOnAction(e -> action.run());
        return item;
    }

    private static KeyCombination shortcut(KeyCode key) {
        return new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN);
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

    private static final List<FileChooser.ExtensionFilter> EXPERIMENTS = List.of(
            new FileChooser.ExtensionFilter("Descent experiments", "*.descent", "*.json"),
            new FileChooser.ExtensionFilter("All files", "*.*"));
    /** What File > Open offers: experiments and lessons ({@link dev.descent.lesson.LessonFiles}). */
    private static final List<FileChooser.ExtensionFilter> OPENABLE = List.of(
            new FileChooser.ExtensionFilter("Descent experiments and lessons", "*.descent", "*.json",
                    "*" + dev.descent.lesson.LessonFiles.EXTENSION),
            new FileChooser.ExtensionFilter("All files", "*.*"));

    /** The folder of the project's file, where dialogs start; null for a project not yet saved. */
    private Path currentDirectory() {
        Path file = project.fileProperty().get();
        return file == null ? null : file.getParent();
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
