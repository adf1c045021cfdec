package dev.descent.ui.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Every run (sweep points included) side by side: members and how many diverged, final and best training
 * and validation loss and best validation accuracy (means over the members that did not diverge), the
 * steps the mean training loss took to reach a target the user sets, the step of the first divergence,
 * wall time and steps per second. Sortable by any column (blank figures after the numbers in ascending order); Copy CSV puts the table,
 * in its current order, on the clipboard. FX thread only.
 */
public final class SummaryTable extends VBox {
    /** One run's row; NaN (or -1 for steps) where a figure is not known. */
    public record Row(String run, int members, int diverged, String divergedText, double finalTrainLoss,
                      double bestTrainLoss, double finalValidationLoss, double bestValidationLoss,
                      double bestValidationAccuracy, double stepsToTarget, double divergedAt, double wallSeconds,
                      double stepsPerSecond) {

        static Row of(RunGroup g, double target) {
            double steps = g.band().stepsTo(target);
            return new Row(g.name(), g.members().size(), g.divergedCount(), g.divergedText(), g.finalTrainLoss().mean(),
                    g.bestTrainLoss().mean(), g.finalValidationLoss().mean(), g.bestValidationLoss().mean(),
                    g.bestValidationAccuracy().mean(), steps < 0 ? Double.NaN : steps,
                    g.divergedAt() < 0 ? Double.NaN : g.divergedAt(), g.wallSeconds(), g.stepsPerSecond());
        }
    }

    private record Column(String title, Function<Row, Object> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("run", Row::run),
            new Column("members", Row::members),
            new Column("diverged", Row::divergedText),
            new Column("final train loss", Row::finalTrainLoss),
            new Column("best train loss", Row::bestTrainLoss),
            new Column("final val loss", Row::finalValidationLoss),
            new Column("best val loss", Row::bestValidationLoss),
            new Column("best val accuracy", Row::bestValidationAccuracy),
            new Column("steps to target", Row::stepsToTarget),
            new Column("diverged at", Row::divergedAt),
            new Column("wall s", Row::wallSeconds),
            new Column("steps/s", Row::stepsPerSecond));

    /** Style class of the columns' titles. */
    static final String HEADER = "compare-summary-header";
    /** Column widths in units of the text's size: 190 and 86 px at the window's 13 px. */
    private static final double RUN_COLUMN_EMS = 190 / 13.0;
    private static final double COLUMN_EMS = 86 / 13.0;
    private static final double BASE_FONT = 13;
    private final TableView<Row> table = new TableView<>();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final TextField target = new TextField("0.1");
    private final Label targetProblem = new Label();
    private List<RunGroup> groups = List.of();

    /** @param onSelect called with the run of a row the user selects */
    public SummaryTable(Consumer<String> onSelect) {
        getStyleClass().add("compare-summary");
        table.setId("compare-summary-table");
        table.setItems(new javafx.collections.transformation.SortedList<>(rows));
        ((javafx.collections.transformation.SortedList<Row>) table.getItems()).comparatorProperty()
                .bind(table.comparatorProperty());
                for (Column c : COLUMNS) {
            table.getColumns().add(column(c));
        }
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                onSelect.accept(now.run());
            }
        });
        target.setId("compare-target");
        target.setPrefColumnCount(6);
        target.textProperty().addListener((o, was, now) -> rebuild());
        targetProblem.getStyleClass().add("danger");
        Button copy = new Button("Copy CSV");
        copy.setId("compare-copy-csv");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(csv());
            Clipboard.getSystemClipboard().setContent(content);
        });
        Label targetLabel = new Label("target loss");
        HBox.setHgrow(targetProblem, Priority.ALWAYS);
        HBox bar = new HBox(6, targetLabel, target, targetProblem, copy);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("compare-summary-bar");
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(bar, table);
    }

    public TableView<Row> table() {
        return table;
    }

    /** Shows {@code runs}, keeping the user's sort order. */
    public void show(List<RunGroup> runs) {
        this.groups = runs;
        rebuild();
    }

    /** The target loss, or NaN while the field holds no positive number. */
    double target() {
        try {
            double t = Double.parseDouble(target.getText().strip());
            return t > 0 && Double.isFinite(t) ? t : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private void rebuild() {
        double t = target();
        targetProblem.setText(Double.isNaN(t) ? "give a loss above 0" : "");
        List<Row> next = new ArrayList<>();
        for (RunGroup g : groups) {
            next.add(Row.of(g, Double.isNaN(t) ? Double.NEGATIVE_INFINITY : t));
        }
        String selected = table.getSelectionModel().getSelectedItem() == null ? null
                : table.getSelectionModel().getSelectedItem().run();
        rows.setAll(next);
        if (selected != null) {
            table.getItems().stream().filter(r -> r.run().equals(selected)).findFirst()
                    .ifPresent(r -> table.getSelectionModel().select(r));
        }
    }

    /** Selects the row of {@code run} without telling the listener twice. */
    void select(String run) {
        table.getItems().stream().filter(r -> r.run().equals(run)).findFirst().ifPresent(r -> {
            if (table.getSelectionModel().getSelectedItem() != r) {
                table.getSelectionModel().select(r);
            }
            table.scrollTo(r);
        });
    }

    /** The table as CSV, in its current order: a header, then one line per run. */
    public String csv() {
        StringBuilder b = new StringBuilder();
        b.append(String.join(",", COLUMNS.stream().map(c -> c.title().replace(' ', '_').replace("/", "_per_")).toList()))
                .append('\n');
        for (Row r : table.getItems()) {
            List<String> cells = new ArrayList<>();
            for (Column c : COLUMNS) {
                Object v = c.value().apply(r);
                cells.add(v instanceof Double d ? (Double.isFinite(d) ? Double.toString(d) : "") : csvText(String.valueOf(v)));
            }
            b.append(String.join(",", cells)).append('\n');
        }
        return b.toString();
    }

    /**
     * Writes {@link #csv()} to {@code file} (replaced in one rename).
     *
     * @throws java.io.IOException with one line naming the file and the reason
     */
    public void writeCsv(java.nio.file.Path file) throws java.io.IOException {
        dev.descent.ui.charts.ChartFile.writeText(file, csv());
    }

    private static String csvText(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static TableColumn<Row, Object> column(Column c) {
        TableColumn<Row, Object> column = new TableColumn<>();
        column.setId("compare-col-" + c.title().replace(' ', '-').replace("/", "-per-"));
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(c.value().apply(cell.getValue())));
        column.setComparator(SummaryTable::compare);
        // the width follows the text's size and fits the title (with an em for the sort arrow and the
        // header's padding), so presenter mode's larger text is not cut to "fin…" and "0.0…": the table
        // scrolls sideways instead
        Label title = new Label(c.title());
        title.setMinWidth(Region.USE_PREF_SIZE);
        title.getStyleClass().add(HEADER);
        column.setGraphic(title);
        double ems = c.title().equals("run") ? RUN_COLUMN_EMS : COLUMN_EMS;
        column.setPrefWidth(ems * BASE_FONT);
        // a width the user dragged grows and shrinks with the text (not reset to the fitted one)
        title.fontProperty().addListener((o, was, font) -> column.setPrefWidth(Math.ceil(Math.max(
                Math.max(ems * font.getSize(), title.prefWidth(-1) + 2.5 * font.getSize()),
                column.getWidth() * font.getSize() / was.getSize()))));
        column.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item instanceof Double d ? Numbers.format(d) : String.valueOf(item));
            }
        });
        return column;
    }

    /** Numbers by value with blanks (NaN) after them; text alphabetically. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            if (Double.isNaN(x) || Double.isNaN(y)) {
                return Double.isNaN(x) == Double.isNaN(y) ? 0 : Double.isNaN(x) ? 1 : -1;
            }
            return Double.compare(x, y);
        }
        if (a instanceof Comparable ca && b != null && a.getClass() == b.getClass()) {
            return ca.compareTo(b);
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SummaryTable(%d rows)", rows.size());
    }
}
