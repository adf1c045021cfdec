package dev.descent.ui.runs;

import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Choice;
import dev.descent.engine.vocab.Terms;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.RunSpec;
import dev.descent.ui.model.Edits;
import dev.descent.ui.model.ProjectModel;
import dev.descent.ui.model.RunRow;
import dev.descent.ui.model.SelectionModel;
import dev.descent.ui.model.TrainingSession;
import dev.descent.ui.palette.Tile;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitMenuButton;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The runs: one row per run of the experiment with its colour, name, optimizer, learning rate,
 * schedule, status, progress and speed. Add, duplicate, rename and remove runs (each an undoable edit);
 * drop an optimizer tile to add a run with it, or a schedule tile on a row to give that run the
 * schedule. Selecting a row selects the run everywhere, and the other way round.
 *
 * <p>The rows are the session's {@link TrainingSession#rows()}: while a comparison trains they describe
 * the runs being trained, and edits to the runs show once it is reset (the header says so meanwhile).
 */
public final class RunsPanel extends VBox {
    private final ProjectModel project;
    private final SelectionModel selection;
    private final TrainingSession session;
    private final TableView<RunRow> table = new TableView<>();
    private final TableColumn<RunRow, RunRow> runColumn = new TableColumn<>();
    private final Label message = new Label();
    private Predicate<String> confirm = this::askToConfirm;
    private boolean syncing;

    public RunsPanel(ProjectModel project, SelectionModel selection, TrainingSession session) {
        this.project = project;
        this.selection = selection;
        this.session = session;
        getStyleClass().add("runs-panel");
        getStylesheets().add(RunsPanel.class.getResource("runs.css").toExternalForm());
        setMinHeight(90);

        buildTable();
        message.setId("runs-message");
        message.getStyleClass().add("runs-message");
        message.setWrapText(true);
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        message.visibleProperty().bind(message.managedProperty());
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(header(), table, message);

        table.getSelectionModel().selectedIndexProperty().addListener((o, was, now) -> {
            int i = now.intValue();
            if (!syncing && i >= 0 && i != selection.runProperty().get()) {
                selection.selectRun(i);
            }
        });
        selection.runProperty().addListener((o, was, now) -> showSelectedRun());
        project.experimentProperty().addListener((o, old, now) -> {
            int run = selection.runProperty().get();
            if (run >= now.runs().size()) {
                selection.clear();
            }
            showSelectedRun();
        });
        session.rows().addListener((ListChangeListener<RunRow>) change -> {
            syncing = false;
            showSelectedRun();
        });

        setOnDragOver(this::dragOver);
        setOnDragEntered(event -> {
            if (tileOf(event).filter(t -> t.kind() == Tile.Kind.OPTIMIZER).isPresent()) {
                getStyleClass().add("drop-target");
            }
        });
        setOnDragExited(event -> getStyleClass().remove("drop-target"));
        setOnDragDropped(event -> {
            event.setDropCompleted(tileOf(event).map(tile -> drop(tile, -1)).orElse(false));
            event.consume();
        });
    }

    // ---- the commands (each one undoable edit) ----

    /** Adds a run with {@code type} at its defaults, named after it, and selects it. */
    public void addRun(OptimizerType type) {
        message.setText("");
        project.edit("Add run " + type.explained().title(), e -> Edits.addRun(e, Edits.runFor(Choice.of(type))));
        selection.selectRun(project.experiment().runs().size() - 1);
    }

    /** Adds a copy of run {@code index} just after it and selects the copy. */
    public void duplicateRun(int index) {
        if (!valid(index)) {
            return;
        }
        message.setText("");
        String name = project.experiment().runs().get(index).name();
        project.edit("Duplicate run " + name, e -> Edits.duplicateRun(e, index));
        selection.selectRun(index + 1);
    }

    /**
     * Renames run {@code index}. A blank name or one used by another run is refused with a message.
     *
     * @return whether the name was taken
     */
    public boolean renameRun(int index, String name) {
        if (!valid(index)) {
            return false;
        }
        String wanted = name == null ? "" : name.strip();
        Experiment e = project.experiment();
        if (wanted.isEmpty()) {
            message.setText("A run needs a name.");
            return false;
        }
        for (int i = 0; i < e.runs().size(); i++) {
            if (i != index && e.runs().get(i).name().equals(wanted)) {
                message.setText("Another run is already called \"" + wanted + "\"; run names must be unique.");
                return false;
            }
        }
        message.setText("");
        project.edit("Rename run " + e.runs().get(index).name(), x -> Edits.renameRun(x, index, wanted));
        return true;
    }

    /** Starts editing the name of run {@code index} in its row. */
    public void startRename(int index) {
        if (valid(index) && index < table.getItems().size()) {
            table.getSelectionModel().clearAndSelect(index);
            table.requestFocus();
            table.edit(index, runColumn);
        }
    }

    /**
     * Removes run {@code index}. Removing the last run asks first: an experiment without runs is
     * allowed but cannot train.
     */
    public void removeRun(int index) {
        if (!valid(index)) {
            return;
        }
        Experiment e = project.experiment();
        String name = e.runs().get(index).name();
        if (e.runs().size() == 1 && !confirm.test("Remove \"" + name + "\", the only run? "
                + "An experiment without runs cannot train until you add one.")) {
            return;
        }
        message.setText("");
        project.edit("Remove run " + name, x -> Edits.removeRun(x, index));
        int left = project.experiment().runs().size();
        if (left == 0) {
            selection.clear();
        } else {
            selection.selectRun(Math.min(index, left - 1));
        }
    }

    /**
     * What dropping {@code tile} does: an optimizer adds a run with it (anywhere on the panel); a
     * schedule sets the schedule of the run at {@code row} (keeping its warm-up).
     *
     * @param row the row dropped on, or -1 for the panel
     * @return whether the tile was used
     */
    public boolean drop(Tile tile, int row) {
        if (tile.kind() == Tile.Kind.OPTIMIZER) {
            Optional<OptimizerType> type = Terms.byId(OptimizerType.class, tile.id());
            type.ifPresent(this::addRun);
            return type.isPresent();
        }
        if (tile.kind() == Tile.Kind.SCHEDULE && valid(row)) {
            Optional<Schedule> schedule = Terms.byId(Schedule.class, tile.id());
            schedule.ifPresent(s -> {
                RunSpec run = project.experiment().runs().get(row);
                project.edit("Set schedule of " + run.name(), e -> Edits.setSchedule(e, row, keepWarmup(run.schedule(), s)));
                selection.selectRun(row);
            });
            return schedule.isPresent();
        }
        return false;
    }

    /** The new schedule at its defaults, with the old one's warm-up when both have one; the old one if it is the same. */
    static Choice<Schedule> keepWarmup(Choice<Schedule> old, Schedule now) {
        if (old.term() == now) {
            return old;
        }
        Choice<Schedule> fresh = Choice.of(now);
        Double warmup = old.values().get(Schedule.WARMUP_STEPS);
        return warmup != null && now.param(Schedule.WARMUP_STEPS).isPresent()
                ? fresh.with(Schedule.WARMUP_STEPS, warmup) : fresh;
    }

    /** The table of runs. */
    public TableView<RunRow> table() {
        return table;
    }

    /** The last refusal or hint shown under the table, or empty. */
    public String message() {
        return message.getText();
    }

    /** Replaces the question asked before removing the last run (tests answer it themselves). */
    void setConfirmation(Predicate<String> confirm) {
        this.confirm = confirm;
    }

    // ---- building ----

    private HBox header() {
        Label title = new Label("Runs");
        title.getStyleClass().add("runs-title");

        SplitMenuButton add = new SplitMenuButton();
        add.setId("add-run");
        add.setText("Add");
        add.setGraphic(new FontIcon("mdi2p-plus"));
        add.setTooltip(new Tooltip("Add a run with Adam; the arrow offers every optimizer. "
                + "You can also drag an optimizer tile here."));
        add.setOnAction(e -> addRun(OptimizerType.ADAM));
        for (OptimizerType type : OptimizerType.values()) {
            MenuItem item = new MenuItem(type.explained().title());
            item.setOnAction(e -> addRun(type));
            add.getItems().add(item);
        }
        add.getStyleClass().add("runs-add");

        Button duplicate = tool("duplicate-run", "mdi2c-content-copy", "Duplicate the selected run",
                () -> duplicateRun(selectedRun()));
        Button rename = tool("rename-run", "mdi2p-pencil-outline", "Rename the selected run (F2)",
                () -> startRename(selectedRun()));
        Button remove = tool("remove-run", "mdi2d-delete-outline", "Remove the selected run",
                () -> removeRun(selectedRun()));
        for (Button b : new Button[] {duplicate, rename, remove}) {
            b.disableProperty().bind(Bindings.createBooleanBinding(() -> !valid(selection.runProperty().get()),
                    selection.runProperty(), project.experimentProperty()));
        }

        Label pending = new Label();
        pending.setId("runs-pending");
        pending.getStyleClass().add("runs-pending");
        pending.setTooltip(new Tooltip("The runs shown keep the settings they were trained with; press Reset, then "
                + "Train, to train the edited experiment."));
        pending.textProperty().bind(session.pendingEditsProperty());
        pending.visibleProperty().bind(pending.textProperty().isNotEmpty());
        pending.managedProperty().bind(pending.visibleProperty());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(4, title, pending, spacer, add, duplicate, rename, remove);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("runs-header");
        return header;
    }

    private static Button tool(String id, String icon, String tooltip, Runnable action) {
        Button button = new Button(null, new FontIcon(icon));
        button.setId(id);
        button.setTooltip(new Tooltip(tooltip));
        button.setOnAction(e -> action.run());
        button.getStyleClass().addAll("flat", "runs-tool");
        return button;
    }

    private void buildTable() {
        table.setId("runs-table");
        table.getStyleClass().add("runs-table");
        // While the session adds or removes rows, the table moves its selection by itself; that is not the
        // user choosing a run. This listener runs before the table's (added by setItems), the one in the
        // constructor after it, which puts the table back in line with the selection model.
        session.rows().addListener((ListChangeListener<RunRow>) change -> syncing = true);
        table.setItems(session.rows());
        table.setEditable(true);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        Label placeholder = new Label("No runs yet. Press Add, or drag an optimizer here.");
        placeholder.getStyleClass().add("runs-placeholder");
        placeholder.setWrapText(true);
        table.setPlaceholder(placeholder);

        TableColumn<RunRow, RunRow> color = new TableColumn<>();
        color.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        color.setCellFactory(c -> new RunCells.SwatchCell());
        fixed(color, 26);

        runColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        runColumn.setCellFactory(c -> new RunCells.RunCell(this::renameRun));
        runColumn.setPrefWidth(230);
        runColumn.setMinWidth(90);
        runColumn.setEditable(true);
        Label runHeader = new Label("Run");
        runHeader.setTooltip(new Tooltip("Name, then optimizer · learning rate η · schedule"));
        runColumn.setGraphic(runHeader);

        TableColumn<RunRow, RunRow> status = new TableColumn<>();
        status.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        status.setCellFactory(c -> new RunCells.StatusCell());
        status.setPrefWidth(140);
        status.setMinWidth(90);
        status.setEditable(false);
        Label statusHeader = new Label("Status");
        statusHeader.setTooltip(new Tooltip("Status and steps per second, over the share of steps taken"));
        status.setGraphic(statusHeader);
        for (TableColumn<RunRow, ?> column : List.of(color, runColumn, status)) {
            column.setSortable(false);
            column.setReorderable(false);
        }
        table.getColumns().setAll(List.of(color, runColumn, status));

        table.setRowFactory(t -> {
            TableRow<RunRow> row = new TableRow<>();
            row.setOnDragOver(event -> {
                if (!row.isEmpty() && tileOf(event).filter(tile -> tile.kind() == Tile.Kind.SCHEDULE).isPresent()) {
                    event.acceptTransferModes(TransferMode.COPY);
                    event.consume();
                }
            });
            row.setOnDragEntered(event -> {
                if (!row.isEmpty() && tileOf(event).filter(tile -> tile.kind() == Tile.Kind.SCHEDULE).isPresent()) {
                    row.getStyleClass().add("drop-target");
                }
            });
            row.setOnDragExited(event -> row.getStyleClass().remove("drop-target"));
            row.setOnDragDropped(event -> {
                Optional<Tile> tile = tileOf(event);
                if (!row.isEmpty() && tile.isPresent() && tile.get().kind() == Tile.Kind.SCHEDULE) {
                    event.setDropCompleted(drop(tile.get(), row.getIndex()));
                    event.consume();
                }
            });
            return row;
        });
        table.setContextMenu(contextMenu());
        table.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.F2 && table.getEditingCell() == null) {
                startRename(selectedRun());
                event.consume();
            }
        });
    }

    private static void fixed(TableColumn<?, ?> column, double width) {
        column.setMinWidth(width);
        column.setPrefWidth(width);
        column.setMaxWidth(width);
        column.setResizable(false);
        column.setEditable(false);
    }

    private ContextMenu contextMenu() {
        MenuItem addAdam = new MenuItem("Add Adam run", new FontIcon("mdi2p-plus"));
        addAdam.setOnAction(e -> addRun(OptimizerType.ADAM));
        Menu addWith = new Menu("Add run with");
        for (OptimizerType type : OptimizerType.values()) {
            MenuItem item = new MenuItem(type.explained().title());
            item.setOnAction(e -> addRun(type));
            addWith.getItems().add(item);
        }
        MenuItem duplicate = new MenuItem("Duplicate", new FontIcon("mdi2c-content-copy"));
        duplicate.setOnAction(e -> duplicateRun(selectedRun()));
        MenuItem rename = new MenuItem("Rename", new FontIcon("mdi2p-pencil-outline"));
        rename.setOnAction(e -> startRename(selectedRun()));
        Menu schedule = new Menu("Schedule");
        for (Schedule s : Schedule.values()) {
            MenuItem item = new MenuItem(s.explained().title());
            item.setOnAction(e -> drop(new Tile(Tile.Kind.SCHEDULE, s.id()), selectedRun()));
            schedule.getItems().add(item);
        }
        MenuItem remove = new MenuItem("Remove", new FontIcon("mdi2d-delete-outline"));
        remove.setOnAction(e -> removeRun(selectedRun()));
        ContextMenu menu = new ContextMenu(addAdam, addWith, new SeparatorMenuItem(), duplicate, rename, schedule,
                new SeparatorMenuItem(), remove);
        menu.setOnShowing(e -> {
            boolean none = !valid(selectedRun());
            duplicate.setDisable(none);
            rename.setDisable(none);
            schedule.setDisable(none);
            remove.setDisable(none);
        });
        return menu;
    }

    // ---- selection and drag-and-drop ----

    private void showSelectedRun() {
        int run = selection.runProperty().get();
        syncing = true;
        try {
            if (run >= 0 && run < table.getItems().size()) {
                if (table.getSelectionModel().getSelectedIndex() != run) {
                    table.getSelectionModel().clearAndSelect(run);
                }
                table.scrollTo(run);
            } else {
                table.getSelectionModel().clearSelection();
            }
        } finally {
            syncing = false;
        }
    }

    private void dragOver(DragEvent event) {
        if (tileOf(event).filter(t -> t.kind() == Tile.Kind.OPTIMIZER).isPresent()) {
            event.acceptTransferModes(TransferMode.COPY);
        }
        event.consume();
    }

    private static Optional<Tile> tileOf(DragEvent event) {
        return event.getDragboard().hasContent(Tile.FORMAT)
                ? Tile.parse(event.getDragboard().getContent(Tile.FORMAT)) : Optional.empty();
    }

    private int selectedRun() {
        return selection.runProperty().get();
    }

    private boolean valid(int index) {
        return index >= 0 && index < project.experiment().runs().size();
    }

    private boolean askToConfirm(String question) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.OK, ButtonType.CANCEL);
        if (getScene() != null) {
            alert.initOwner(getScene().getWindow());
        }
        alert.setTitle("Remove run");
        alert.setHeaderText("Remove the last run?");
        return alert.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }
}
