package dev.descent.ui.runs;

import dev.descent.ui.model.RunRow;
import java.util.List;
import java.util.function.BiPredicate;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;

/**
 * The cells of the runs table. Rows are two lines high so a narrow panel still shows everything: the
 * run's name over its optimizer, learning rate and schedule; its status and speed over a progress bar.
 * Cells bind to the row's properties, which the session updates in place while training.
 */
final class RunCells {
    private RunCells() {
    }

    /** The run's colour, the one its curves have in the charts. */
    static final class SwatchCell extends TableCell<RunRow, RunRow> {
        private final Circle dot = new Circle(6);

        SwatchCell() {
            dot.getStyleClass().add("run-swatch");
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            getStyleClass().add("runs-swatch-cell");
        }

        @Override
        protected void updateItem(RunRow row, boolean empty) {
            super.updateItem(row, empty);
            dot.fillProperty().unbind();
            if (empty || row == null) {
                setGraphic(null);
            } else {
                // a data colour (the run's curves), not a theme one
                dot.fillProperty().bind(Bindings.createObjectBinding(() -> row.colorProperty().get() == null
                        ? Color.GRAY : Color.web(row.colorProperty().get()), row.colorProperty()));
                setGraphic(dot);
            }
        }
    }

    /**
     * The run's name (editable in place: Enter commits, Escape cancels) over "optimizer · η … · schedule".
     * Committing calls {@code rename(index, name)}, which says whether the name was taken.
     */
    static final class RunCell extends TableCell<RunRow, RunRow> {
        /** Texts, not labels: a label whose text is within a pixel of its width cuts it ("cons…"). */
        private final Text name = new Text();
        private final Text details = new Text();
        private final VBox box = new VBox(0, name, details);
        /** One per cell, not one per update: a tooltip is a popup window of its own, costly to make. */
        private final Tooltip tip = new Tooltip();
        private final BiPredicate<Integer, String> rename;
        private TextField editor;

        RunCell(BiPredicate<Integer, String> rename) {
            this.rename = rename;
            name.getStyleClass().add("runs-name");
            details.getStyleClass().add("runs-details");
            box.setAlignment(Pos.CENTER_LEFT);
            box.setMinWidth(0);
            // a narrow column (presenter mode's large text) wraps the name and details instead of cutting them
            javafx.beans.binding.DoubleBinding room = Bindings.createDoubleBinding(
                    () -> Math.max(1, getWidth() - snappedLeftInset() - snappedRightInset()),
                    widthProperty(), paddingProperty());
            details.wrappingWidthProperty().bind(room);
            name.wrappingWidthProperty().bind(room);
            getStyleClass().add("runs-run-cell");
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        }

        @Override
        protected void updateItem(RunRow row, boolean empty) {
            super.updateItem(row, empty);
            name.textProperty().unbind();
            details.textProperty().unbind();
            tip.textProperty().unbind();
            if (empty || row == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            name.textProperty().bind(row.nameProperty());
            details.textProperty().bind(Bindings.concat(row.optimizerProperty(), " · η ", row.learningRateProperty(),
                    " · ", row.scheduleProperty()));
            tip.textProperty().bind(Bindings.concat(row.nameProperty(), "\nOptimizer: ", row.optimizerProperty(),
                    "\nLearning rate η: ", row.learningRateProperty(), "\nSchedule: ", row.scheduleProperty(),
                    "\nDouble-click or F2 to rename"));
            setTooltip(tip);
            setGraphic(isEditing() && editor != null ? editor : box);
        }

        @Override
        public void startEdit() {
            if (isEmpty() || getItem() == null) {
                return;
            }
            super.startEdit();
            if (!isEditing()) {
                return;
            }
            editor = new TextField(getItem().nameProperty().get());
            editor.getStyleClass().add("runs-name-editor");
            editor.setOnAction(e -> commitName());
            editor.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.ESCAPE) {
                    cancelEdit();
                    e.consume();
                }
            });
            editor.focusedProperty().addListener((o, was, now) -> {
                if (!now && isEditing()) {
                    commitName();
                }
            });
            setGraphic(editor);
            editor.selectAll();
            editor.requestFocus();
        }

        private void commitName() {
            String text = editor.getText();
            int index = getIndex();
            cancelEdit();
            rename.test(index, text);
        }

        @Override
        public void cancelEdit() {
            super.cancelEdit();
            editor = null;
            setGraphic(isEmpty() ? null : box);
        }

        /** The in-place editor while renaming, else null (for tests). */
        TextField editor() {
            return editor;
        }
    }

    /**
     * "training  3,200/s" over a progress bar; diverged and failed runs in the danger colour. The status
     * is never cut ("diverged at st…" said nothing): its column widens to fit it, and the tooltip gives
     * the whole story (why the run diverged and what to try).
     */
    static final class StatusCell extends TableCell<RunRow, RunRow> {
        private static final List<String> STYLES = List.of("status-ready", "status-training", "status-paused",
                "status-completed", "status-diverged", "status-stopped", "status-failed", "status-other");
        private final Label status = new Label();
        private final Label speed = new Label();
        private final ProgressBar bar = new ProgressBar(0);
        private final VBox box;
        /** One per cell, not one per update (see {@link RunCell}). */
        private final Tooltip tip = new Tooltip();
        /** Whether the column is too narrow for the status on one line: "diverged at" over "step 3". */
        private final javafx.beans.property.BooleanProperty narrow = new javafx.beans.property.SimpleBooleanProperty();
        /** Measures the status on one line, in the label's font. */
        private final javafx.scene.text.Text oneLine = new javafx.scene.text.Text();

        StatusCell() {
            tip.setWrapText(true);
            tip.setMaxWidth(420);
            status.getStyleClass().add("runs-status");
            speed.getStyleClass().add("runs-speed");
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            HBox line = new HBox(6, status, gap, speed);
            line.setAlignment(Pos.CENTER_LEFT);
            bar.setMaxWidth(Double.MAX_VALUE);
            bar.getStyleClass().addAll("small", "runs-progress");
            box = new VBox(3, line, bar);
            box.setAlignment(Pos.CENTER_LEFT);
            box.setMinWidth(0);
            getStyleClass().add("runs-status-cell");
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            status.setMinWidth(Region.USE_PREF_SIZE);
            speed.setMinWidth(0);
            // shown only when it gets its whole width (it stays laid out, so it shows again when it does)
            javafx.beans.InvalidationListener fit = o -> speed.setVisible(speed.getText() == null
                    || speed.getText().isEmpty() || speed.getWidth() >= speed.prefWidth(-1) - 0.5);
            speed.widthProperty().addListener(fit);
            speed.textProperty().addListener(fit);
            status.textProperty().addListener((o, was, now) -> {
                status.getStyleClass().removeAll(STYLES);
                if (now != null) {
                    status.getStyleClass().add(styleOf(now));
                }
                requestLayout();
            });
        }

        /**
         * Widens the column (never narrows it) so that the status fits on one line beside its speed, as far
         * as the table has room; it always gets the width of its status on two lines ("diverged at" over
         * "step 3"). Where the table has no room for one line (presenter mode's large text in a narrow
         * panel), the status breaks and the speed is left out rather than cut to "10…", which reads as
         * another number.
         */
        @Override
        protected void layoutChildren() {
            super.layoutChildren();
            if (getItem() == null || getGraphic() == null) {
                return;
            }
            String text = getItem().statusProperty().get();
            oneLine.setFont(status.getFont());
            double insets = snappedLeftInset() + snappedRightInset();
            double whole = width(text);
            double room = getWidth() - insets;
            narrow.set(room > 0 && whole > room + 0.5);
            javafx.scene.control.TableColumn<RunRow, ?> column = getTableColumn();
            if (column != null) {
                double least = 0;
                for (String line : shown(text == null ? "" : text, true).split("\n")) {
                    least = Math.max(least, width(line));
                }
                least = Math.ceil(insets + least + 2);
                double wanted = Math.ceil(insets + whole + 6 + speed.prefWidth(-1) + 2);
                double target = Math.max(least, Math.min(wanted, roomInTable(column)));
                if (column.getMinWidth() < target) {
                    column.setMinWidth(target);
                }
                if (getTableView() != null && sumOfWidths(getTableView()) > getTableView().getWidth()) {
                    // a larger least width widens this column but narrows no other: the table's resize policy
                    // fits them all again (as when the table itself is resized)
                    javafx.scene.control.TableView<RunRow> table = getTableView();
                    javafx.application.Platform.runLater(() -> table.getColumnResizePolicy()
                            .call(new javafx.scene.control.TableView.ResizeFeatures<>(table, null, 0.0)));
                }
            }
        }

        /**
         * The most this column can have while the table's other columns keep their least widths (and its vertical
         * scroll bar, where it shows): a wider least width would push the column past the table's edge.
         */
        private double roomInTable(javafx.scene.control.TableColumn<RunRow, ?> column) {
            javafx.scene.control.TableView<RunRow> table = getTableView();
            if (table == null || table.getWidth() <= 0) {
                return Double.MAX_VALUE;
            }
            double others = 0;
            for (javafx.scene.control.TableColumn<RunRow, ?> c : table.getVisibleLeafColumns()) {
                if (c != column) {
                    others += c.getMinWidth();
                }
            }
            return table.getWidth() - table.snappedLeftInset() - table.snappedRightInset() - verticalScrollBar(table)
                    - others;
        }

        /** Width of the table's vertical scroll bar where it shows, else 0. */
        private static double verticalScrollBar(javafx.scene.control.TableView<RunRow> table) {
            for (javafx.scene.Node n : table.lookupAll(".scroll-bar")) {
                if (n instanceof javafx.scene.control.ScrollBar bar
                        && bar.getOrientation() == javafx.geometry.Orientation.VERTICAL && bar.isVisible()) {
                    return bar.getWidth();
                }
            }
            return 0;
        }

        private static double sumOfWidths(javafx.scene.control.TableView<RunRow> table) {
            double sum = 0;
            for (javafx.scene.control.TableColumn<RunRow, ?> c : table.getVisibleLeafColumns()) {
                sum += c.getWidth();
            }
            return sum;
        }

        /** Width of {@code text} on one line in the status's font. */
        private double width(String text) {
            oneLine.setText(text == null ? "" : text);
            return oneLine.getLayoutBounds().getWidth();
        }

        @Override
        protected void updateItem(RunRow row, boolean empty) {
            super.updateItem(row, empty);
            status.textProperty().unbind();
            speed.textProperty().unbind();
            bar.progressProperty().unbind();
            tip.textProperty().unbind();
            if (empty || row == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            status.textProperty().bind(Bindings.createStringBinding(() -> shown(row.statusProperty().get(),
                    narrow.get()), row.statusProperty(), narrow));
            speed.textProperty().bind(row.speedProperty());
            bar.progressProperty().bind(row.progressProperty());
            tip.textProperty().bind(Bindings.createStringBinding(() -> tooltip(row.statusProperty().get(),
                    row.detailProperty().get()), row.statusProperty(), row.detailProperty()));
            setTooltip(tip);
            setGraphic(box);
        }

        /** "diverged at step 3" and, on the next line, why ("diverged: the loss became Infinity …"). */
        /**
         * The status as the cell shows it: where its column is too narrow for one line, "diverged at step 3"
         * breaks before "step" (cut, it read "diverged at step" and lost the number).
         */
        static String shown(String status, boolean narrow) {
            if (status == null || !narrow) {
                return status;
            }
            int at = status.indexOf(" step ");
            return at < 0 ? status : status.substring(0, at) + "\n" + status.substring(at + 1);
        }

        static String tooltip(String status, String detail) {
            String s = status == null ? "" : status;
            return detail == null || detail.isBlank() ? s : s + "\n" + detail;
        }

        /** The status label (for tests). */
        Label status() {
            return status;
        }

        static String styleOf(String status) {
            if (status.startsWith("diverged")) {
                return "status-diverged";
            }
            return switch (status) {
                case "ready" -> "status-ready";
                case "training" -> "status-training";
                case "paused" -> "status-paused";
                case "completed" -> "status-completed";
                case "stopped" -> "status-stopped";
                case "failed" -> "status-failed";
                default -> "status-other";
            };
        }
    }
}
