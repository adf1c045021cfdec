package dev.descent.ui.inside;

import dev.descent.engine.train.LockstepComparison;
import dev.descent.engine.train.RunHistory;
import dev.descent.engine.train.WatchedWeight;
import dev.descent.engine.train.WatchedWeightHistory;
import dev.descent.engine.train.WatchedWeightStep;
import dev.descent.engine.train.WeightMatrix;
import dev.descent.ui.model.RunColors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.Duration;

/**
 * One weight of the shown run, step by step: a chooser of the dense node, its weight matrix as a heatmap
 * (click a cell to watch that weight) with row and column spinners, and a small chart per figure the run
 * publishes for the watched weight over its last {@value WatchedWeightHistory#CAPACITY} steps
 * ({@link WatchedWeightStep}): θ, g, Δθ, each state vector the optimizer reports (by its own symbol and
 * meaning, so no optimizer is special-cased) and |Δθ|/|g|. A stacked seed member keeps no optimizer state
 * of its own: it says so instead. FX thread only.
 */
final class WeightWatchPane extends VBox {
    static final String HELP = "Follow one weight θ = W[i][j] of a dense layer (row i: the input unit, column j:"
            + " the unit it feeds) over the last " + WatchedWeightHistory.CAPACITY + " steps.\nThe heatmap is the"
            + " layer's weight matrix now (blue negative, red positive): click a cell, or set row and column,"
            + " to follow that weight from the next step on.\nθ is the weight after each step, g its gradient on"
            + " the step's batch, Δθ the step the optimizer took (θ ← θ − Δθ).\nBelow them the optimizer's own"
            + " memory for this one weight, as it names it (a velocity, a running mean of g or of g²...),\nand"
            + " |Δθ|/|g|, how far the weight moved per unit of its gradient: η for plain SGD, more while momentum"
            + " builds up,\nand for the adaptive optimizers roughly η/√(mean g²): large where gradients are"
            + " small.";
    /** The effective step's symbol (its chart has a log axis). */
    static final String EFFECTIVE = "|Δθ|/|g|";
    private final ComboBox<String> node = new ComboBox<>();
    private final Spinner<Integer> row = new Spinner<>(new IntegerSpinnerValueFactory(0, 0, 0));
    private final Spinner<Integer> column = new Spinner<>(new IntegerSpinnerValueFactory(0, 0, 0));
    private final WeightMatrixView matrix = new WeightMatrixView();
    private final Label shape = new Label();
    private final Label note = new Label();
    private final FlowPane charts = new FlowPane(14, 6);
    /** The charts by their figure's symbol, in the order shown (θ, g, Δθ, the state vectors, |Δθ|/|g|). */
    private final Map<String, StepLine> lines = new LinkedHashMap<>();
    private final Map<String, Label> titles = new LinkedHashMap<>();
    private List<String> builtSymbols;
    /** The weight the charts' titles name. */
    private WatchedWeight builtFor;
    private LockstepComparison comparison;
    private int run = -1;
    private WatchedWeight watched;
    /** Answers to weight requests older than this are dropped (another run, node or comparison). */
    private long generation;
    private boolean asking;
    private long askedAt = -1;
    private boolean updating;
    /** Why the run refused the weight asked for, or null. */
    private String refused;
    /** The step the matrix shown is from (after it). */
    private long matrixStep;
    /** Told when new plots joined the pane (they need the theme's colours and the view's painter). */
    private final Runnable plotsAdded;

    WeightWatchPane(Runnable plotsAdded) {
        super(4);
        this.plotsAdded = plotsAdded;
        setId("inside-watch");
        node.setId("inside-watch-node");
        row.setId("inside-watch-row");
        column.setId("inside-watch-column");
        matrix.setId("inside-watch-matrix");
        for (Spinner<Integer> s : List.of(row, column)) {
            s.setEditable(true);
            s.setPrefWidth(80);
            s.getValueFactory().setConverter(new Lenient(s));
            s.valueProperty().addListener((o, was, now) -> {
                if (!updating && now != null && watched != null) {
                    watch(new WatchedWeight(watched.nodeId(), row.getValue(), column.getValue()));
                }
            });
        }
        node.setOnAction(e -> {
            String id = node.getValue();
            if (!updating && id != null && watched != null && !id.equals(watched.nodeId())) {
                watch(new WatchedWeight(id, 0, 0));
            }
        });
        matrix.onPick((i, j) -> watch(new WatchedWeight(watched.nodeId(), i, j)));
        Tooltip.install(matrix, new Tooltip("Click a weight to follow it"));
        shape.getStyleClass().add(InsideView.NOTE);
        shape.setWrapText(true);
        note.getStyleClass().add(InsideView.NOTE);
        note.setWrapText(true);
        HBox pick = new HBox(6, new Label("Layer"), node, new Label("row i"), row, new Label("column j"), column);
        pick.setAlignment(Pos.CENTER_LEFT);
        VBox left = new VBox(4, matrix, shape);
        matrix.onScale(f -> { // the matrix's column grows with presenter mode
            left.setMinWidth(f * (WeightMatrixView.MAX_WIDTH + 10));
            left.setMaxWidth(f * (WeightMatrixView.MAX_WIDTH + 10));
            shape.setMaxWidth(f * (WeightMatrixView.MAX_WIDTH + 10));
        });
        matrix.scale(1);
        HBox.setHgrow(charts, Priority.ALWAYS);
        charts.setPrefWrapLength(2 * StepLine.WIDTH + 14);
        HBox body = new HBox(14, left, charts);
        body.setPadding(new Insets(2, 0, 0, 0));
        Label title = new Label("One weight, step by step: θ, its gradient g, the step Δθ and the optimizer's state for it");
        title.getStyleClass().add(InsideView.NODE_NAME);
        Tooltip tip = new Tooltip(HELP);
        tip.setWrapText(true);
        tip.setMaxWidth(560);
        tip.setShowDuration(Duration.seconds(30));
        title.setTooltip(tip);
        getChildren().setAll(title, pick, note, body);
    }

    /**
     * Shows run {@code run} of {@code comparison} with its dense nodes {@code denseNodes}: watches its first
     * weight unless it already watches one there, and stops the run shown before from watching.
     */
    void build(LockstepComparison comparison, int run, List<String> denseNodes) {
        if (this.comparison == comparison && this.run != run && this.run >= 0 && this.run < comparison.runCount()
                && !comparison.isStacked(this.run)) {
            comparison.watch(this.run, null); // one watched run at a time
        }
        this.comparison = comparison;
        this.run = run;
        generation++;
        asking = false;
        askedAt = -1;
        updating = true;
        node.getItems().setAll(denseNodes);
        updating = false;
        matrix.show(null, -1, -1);
        builtSymbols = null;
        charts.getChildren().clear();
        lines.clear();
        if (denseNodes.isEmpty()) {
            watched = null;
            return;
        }
        boolean keep = watched != null && denseNodes.contains(watched.nodeId());
        watch(keep ? watched : new WatchedWeight(denseNodes.get(0), 0, 0));
    }

    /** Follows {@code weight} of the shown run from its next step on. */
    void watch(WatchedWeight weight) {
        boolean otherNode = watched == null || !watched.nodeId().equals(weight.nodeId());
        watched = weight;
        updating = true;
        if (otherNode) { // any row and column until the node's shape is known (a factory clamps to its range)
            ((IntegerSpinnerValueFactory) row.getValueFactory()).setMax(Integer.MAX_VALUE);
            ((IntegerSpinnerValueFactory) column.getValueFactory()).setMax(Integer.MAX_VALUE);
        }
        node.setValue(weight.nodeId());
        row.getValueFactory().setValue(weight.row());
        column.getValueFactory().setValue(weight.column());
        updating = false;
        if (otherNode) {
            generation++;
            asking = false;
            askedAt = -1;
            matrix.show(null, -1, -1);
        } else {
            matrix.show(matrix.matrix(), weight.row(), weight.column());
        }
        refused = null;
        if (comparison != null && !comparison.isStacked(run)) {
            try {
                comparison.watch(run, weight);
            } catch (IllegalArgumentException e) {
                refused = e.getMessage(); // a row or column beyond the matrix, typed before its shape was known
                comparison.watch(run, null);
            }
        }
        updateShape();
    }

    WatchedWeight watched() {
        return watched;
    }

    /**
     * Reads what the run published for its watched weight and asks for its weights when they moved on;
     * {@code marker} is the scrubbed step (marked when it is not the newest).
     */
    void draw(RunHistory history, int marker) {
        if (comparison == null || watched == null) {
            return;
        }
        long steps = history.trainLoss().totalPoints();
        if (!asking && steps != askedAt) {
            ask(steps);
        }
        if (comparison.isStacked(run)) {
            note.setText("This seed trains stacked with the run's other seeds: their optimizer keeps the state of"
                    + " all of them in one block, so no single weight of it can be followed. Its weights are below."
                    + " Seed #0 of a run that is not a sweep point trains alone: pick it to follow a weight.");
            note.setVisible(true);
            note.setManaged(true);
            charts.getChildren().clear();
            lines.clear();
            return;
        }
        List<WatchedWeightStep> all = history.watchedWeight().steps();
        List<WatchedWeightStep> mine = new ArrayList<>();
        for (WatchedWeightStep s : all) {
            if (s.weight().equals(watched)) {
                mine.add(s);
            }
        }
        note.setVisible(mine.isEmpty());
        note.setManaged(mine.isEmpty());
        note.setText(refused != null ? refused : waiting(steps));
        List<String> symbols = mine.isEmpty() ? List.of() : mine.get(0).symbols();
        if (!symbols.equals(builtSymbols) || lines.isEmpty() || !watched.equals(builtFor)) {
            buildCharts(symbols, mine.isEmpty() ? List.of() : mine.get(0).meanings());
        }
        double[] at = new double[mine.size()];
        for (int k = 0; k < at.length; k++) {
            at[k] = mine.get(k).step();
        }
        lines.get("θ").show(at, marker, column(mine, WatchedWeightStep::value));
        lines.get("g").show(at, marker, column(mine, WatchedWeightStep::gradient));
        lines.get("Δθ").show(at, marker, column(mine, WatchedWeightStep::update));
        for (int v = 0; v < symbols.size(); v++) {
            int k = v;
            lines.get(symbols.get(v)).show(at, marker, column(mine, s -> s.state()[k]));
        }
        lines.get(EFFECTIVE).show(at, marker, column(mine, WatchedWeightStep::effectiveStep));
    }

    /** Why the charts are empty: the run follows a weight from its next step on. */
    private String waiting(long steps) {
        var status = comparison.status(run);
        if (status.isFinal()) {
            return "The run has ended (" + status.id() + "): it follows a weight from its next step on, so this one"
                    + " has no steps to show. Choose the weight before or while it trains (Reset, then Train or Step).";
        }
        if (status == dev.descent.engine.train.RunStatus.PAUSED) {
            return "The charts start at the run's next step (it is paused: Step takes one).";
        }
        return "The charts start at the run's next step" + (steps == 0 ? " (train to see them)." : ".");
    }

    private static double[] column(List<WatchedWeightStep> steps, ToDoubleFunction<WatchedWeightStep> f) {
        double[] out = new double[steps.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = f.applyAsDouble(steps.get(k));
        }
        return out;
    }

    private void buildCharts(List<String> symbols, List<String> meanings) {
        builtSymbols = symbols;
        builtFor = watched;
        lines.clear();
        titles.clear();
        List<Node> boxes = new ArrayList<>();
        String at = "W[" + watched.row() + "][" + watched.column() + "]";
        boxes.add(chart("θ", "the weight " + at + " after each step", 0));
        boxes.add(chart("g", "its gradient ∂L/∂θ on the step's batch", 1));
        boxes.add(chart("Δθ", "the step taken: θ ← θ − Δθ", 2));
        for (int v = 0; v < symbols.size(); v++) {
            boxes.add(chart(symbols.get(v), meanings.get(v), 3 + v));
        }
        boxes.add(chart(EFFECTIVE, "effective step: how far θ moved per unit of g", 3 + symbols.size()));
        charts.getChildren().setAll(boxes);
        plotsAdded.run();
    }

    private Node chart(String symbol, String meaning, int colour) {
        StepLine line = new StepLine(Color.web(RunColors.of(colour)), symbol.equals(EFFECTIVE));
        line.setId("inside-watch-" + lines.size());
        lines.put(symbol, line);
        Label name = new Label(symbol + "   " + meaning);
        titles.put(symbol, name);
        name.getStyleClass().add(InsideView.FIGURE_NAME);
        name.maxWidthProperty().bind(line.prefWidthProperty()); // grows with presenter mode
        name.setWrapText(true);
        return new VBox(1, name, line);
    }

    /** Asks the run for the node's weights, answered on the FX thread. */
    private void ask(long steps) {
        asking = true;
        askedAt = steps;
        long token = generation;
        String id = watched.nodeId();
        LockstepComparison c = comparison;
        int r = run;
        c.weights(r, id, m -> {
            // on the run's thread, between steps: the history says which step these weights are from
            long at = c.history(r).trainLoss().totalPoints();
            Platform.runLater(() -> answered(token, m, at));
        });
    }

    private void answered(long token, WeightMatrix m, long step) {
        if (token != generation) {
            return;
        }
        asking = false;
        matrixStep = step;
        if (m == null) {
            return;
        }
        matrix.show(m, watched.row(), watched.column());
        updating = true;
        ((IntegerSpinnerValueFactory) row.getValueFactory()).setMax(m.rows() - 1);
        ((IntegerSpinnerValueFactory) column.getValueFactory()).setMax(m.columns() - 1);
        updating = false;
        updateShape();
    }

    private void updateShape() {
        WeightMatrix m = matrix.matrix();
        if (m == null) {
            shape.setText("");
            return;
        }
        shape.setText(String.format(Locale.ROOT, "%s after step %d: %d inputs (rows i) × %d units (columns j);"
                + " blue < 0 < red, full colour at |w| = %s. Framed: W[%d][%d] = %s", m.nodeId(), matrixStep,
                m.rows(), m.columns(), StepLine.format(matrix.scaleOf()), watched.row(), watched.column(),
                StepLine.format(m.at(Math.min(watched.row(), m.rows() - 1), Math.min(watched.column(), m.columns() - 1)))));
    }

    /** Every plot of the pane (for the theme). */
    List<PlotCanvas> plots() {
        List<PlotCanvas> out = new ArrayList<>(lines.values());
        out.add(matrix);
        return out;
    }

    WeightMatrixView matrixView() {
        return matrix;
    }

    /** The charts by figure symbol: θ, g, Δθ, each state vector's symbol, |Δθ|/|g|. */
    Map<String, StepLine> lines() {
        return lines;
    }

    /** The title above the chart of {@code symbol}. */
    String titleOf(String symbol) {
        return titles.get(symbol).getText();
    }

    String noteText() {
        return note.isVisible() ? note.getText() : "";
    }

    /** Reads a spinner's typed text as a number, keeping its value when the text is not one. */
    private static final class Lenient extends javafx.util.StringConverter<Integer> {
        private final Spinner<Integer> spinner;

        Lenient(Spinner<Integer> spinner) {
            this.spinner = spinner;
        }

        @Override
        public String toString(Integer value) {
            return value == null ? "" : value.toString();
        }

        @Override
        public Integer fromString(String text) {
            try {
                return Math.max(0, Integer.parseInt(text.strip()));
            } catch (NumberFormatException e) {
                return spinner.getValue();
            }
        }
    }
}
