package dev.descent.ui.compare;

import dev.descent.engine.train.Spread;
import dev.descent.experiment.SweepPoints;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;

/**
 * The stability map of every swept run: a strip (one axis) or a grid (rows the first axis, columns the
 * second) of cells, each a sweep point coloured by its final or best training loss (the mean over members
 * that did not diverge) on one log colour scale shared by all maps, with a colour bar. A point whose
 * members all diverged is marked ×, one where some did shows the share ({@code 3/8}); a point not started
 * yet is empty, so cells fill in as points train. Hovering a cell shows its numbers; clicking it selects
 * the point's run. FX thread only.
 */
public final class StabilityMap extends HBox {
    public static final String CELL = "map-cell";
    public static final String DIVERGED = "diverged";
    public static final String PENDING = "pending";
    public static final String SELECTED = "selected";

    /** Which loss colours the cells. */
    public enum Metric {
        FINAL("final loss"), BEST("best loss");

        private final String title;

        Metric(String title) {
            this.title = title;
        }

        @Override
        public String toString() {
            return title;
        }
    }

    /** Viridis at five stops: dark (low loss) to yellow (high loss). */
    private static final Color[] SCALE = {Color.web("#440154"), Color.web("#3b528b"), Color.web("#21918c"),
            Color.web("#5ec962"), Color.web("#fde725")};

    private final ObjectProperty<Metric> metric = new SimpleObjectProperty<>(Metric.FINAL);
    private final Consumer<RunGroup> onSelect;
    private final List<StackPane> cells = new ArrayList<>();
    private double logMin;
    private double logMax;

    /** The colour bar, kept beside the maps by the view (it scrolled out of sight at their end). */
    private final StackPane legend = new StackPane();

    /** The colour bar of the last {@link #show}, a node of its own so that it stays in view beside the maps. */
    public StackPane legend() {
        return legend;
    }

    /** @param onSelect called with the point whose cell was clicked */
    public StabilityMap(Consumer<RunGroup> onSelect) {
        this.onSelect = onSelect;
        getStyleClass().add("stability-map");
        setSpacing(12);
    }

    public ObjectProperty<Metric> metricProperty() {
        return metric;
    }

    /** The cells shown, grid by grid, row-major. */
    public List<StackPane> cells() {
        return List.copyOf(cells);
    }

    /** The loss that colours {@code point}'s cell, or NaN. */
    double value(RunGroup point) {
        Spread s = metric.get() == Metric.FINAL ? point.finalTrainLoss() : point.bestTrainLoss();
        return s.mean();
    }

    /** The grids' point names of the last {@link #show}: while they stay, the cells are updated in place. */
    private List<String> shownPoints = List.of();
    private final java.util.Map<String, StackPane> cellOf = new java.util.HashMap<>();

    /**
     * Shows every grid of {@code data} on one scale; {@code selectedRun} is outlined. While the grids keep
     * their points the cells stay the same nodes and only change colour, mark and tooltip, so a click that
     * lands while the comparison trains is not lost to a rebuilt cell.
     */
    public void show(CompareData data, String selectedRun) {
        List<String> points = data.grids().stream().flatMap(g -> g.points().stream()).map(RunGroup::name).toList();
        if (!points.isEmpty() && points.equals(shownPoints)) {
            scale(data);
            for (CompareData.Grid grid : data.grids()) {
                grid.points().forEach(p -> update(cellOf.get(p.name()), p, selectedRun));
            }
            legend.getChildren().setAll(colourBar());
            return;
        }
        shownPoints = points;
        getChildren().clear();
        cells.clear();
        cellOf.clear();
        if (data.grids().isEmpty()) {
            Label none = new Label("No swept run: add \"sweep\" to a run to see where training is stable.");
            none.getStyleClass().add("muted");
            none.setWrapText(true); // the Compare view lets the map fill its width: a narrow one wraps this
            getChildren().add(none);
            legend.getChildren().clear();
            return;
        }
        scale(data);
        for (CompareData.Grid grid : data.grids()) {
            getChildren().add(grid(grid, selectedRun));
        }
        legend.getChildren().setAll(colourBar());
    }

    private double scaleLow;
    private double scaleHigh;

    /** One log scale for every map: from the lowest to the highest loss of any point. */
    private void scale(CompareData data) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (CompareData.Grid grid : data.grids()) {
            for (RunGroup p : grid.points()) {
                double v = value(p);
                if (Double.isFinite(v) && v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo == Double.POSITIVE_INFINITY) {
            lo = 0.1;
            hi = 1;
        }
        scaleLow = lo;
        scaleHigh = hi;
        logMin = Math.log10(lo);
        logMax = Math.max(Math.log10(hi), logMin + 1e-9);
    }

    /** The colour of {@code loss} on the log scale of the last {@link #show}. */
    Color colourOf(double loss) {
        double t = (Math.log10(loss) - logMin) / (logMax - logMin);
        t = Math.max(0, Math.min(1, Double.isFinite(t) ? t : 0));
        double at = t * (SCALE.length - 1);
        int i = Math.min(SCALE.length - 2, (int) at);
        return SCALE[i].interpolate(SCALE[i + 1], at - i);
    }

    private VBox grid(CompareData.Grid grid, String selectedRun) {
        GridPane pane = new GridPane();
        pane.getStyleClass().add("map-grid");
        pane.setHgap(2);
        pane.setVgap(2);
        String rowKey = grid.axes().get(0);
        boolean twoAxes = grid.axes().size() > 1;
        List<String> rowLabels = labels(grid.values().get(0));
        for (int r = 0; r < grid.rows(); r++) {
            Label label = new Label(SweepPoints.label(rowKey) + "=" + rowLabels.get(r));
            label.getStyleClass().add("map-axis-label");
            pane.add(label, 0, r + (twoAxes ? 1 : 0));
        }
        if (twoAxes) {
            List<String> columnLabels = labels(grid.values().get(1));
            for (int c = 0; c < grid.columns(); c++) {
                Label label = new Label(SweepPoints.label(grid.axes().get(1)) + "=" + columnLabels.get(c));
                label.getStyleClass().add("map-axis-label");
                pane.add(label, c + 1, 0);
            }
        }
        for (int r = 0; r < grid.rows(); r++) {
            for (int c = 0; c < grid.columns(); c++) {
                StackPane cell = cell(grid.at(r, c), selectedRun);
                cells.add(cell);
                pane.add(cell, c + 1, r + (twoAxes ? 1 : 0));
            }
        }
        Label title = new Label(grid.run());
        title.getStyleClass().add("map-title");
        return new VBox(4, title, pane);
    }

    private StackPane cell(RunGroup point, String selectedRun) {
        StackPane cell = new StackPane();
        cell.getStyleClass().add(CELL);
        cell.setUserData(point.name());
        cell.setPrefSize(46, 30);
        cell.setMinSize(30, 22);
        Label mark = new Label();
        mark.getStyleClass().add("map-mark");
        cell.getChildren().add(mark);
        Tooltip tip = new Tooltip();
        tip.setShowDelay(Duration.millis(150));
        Tooltip.install(cell, tip);
        cell.getProperties().put(TIP, tip);
        cellOf.put(point.name(), cell);
        update(cell, point, selectedRun);
        return cell;
    }

    private static final String TIP = "descent.map.tooltip";

    /** Sets {@code cell}'s colour, mark, outline, tooltip and click to those of {@code point} now. */
    private void update(StackPane cell, RunGroup point, String selectedRun) {
        double v = value(point);
        Label mark = (Label) cell.getChildren().get(0);
        cell.getStyleClass().removeAll(PENDING, DIVERGED, SELECTED);
        mark.getStyleClass().removeAll("on-light", "on-dark");
        mark.setText("");
        cell.setBackground(null);
        if (!point.started()) {
            cell.getStyleClass().add(PENDING);
        } else if (point.divergedCount() == point.members().size()) {
            cell.getStyleClass().add(DIVERGED);
            mark.setText("×");
        } else {
            if (Double.isFinite(v) && v > 0) {
                cell.setBackground(new Background(new BackgroundFill(colourOf(v), null, null)));
                mark.getStyleClass().add(colourOf(v).getBrightness() > 0.6 ? "on-light" : "on-dark");
            }
            if (point.divergedCount() > 0) {
                mark.setText(point.divergedCount() + "/" + point.members().size());
            }
        }
        if (point.name().equals(selectedRun)) {
            cell.getStyleClass().add(SELECTED);
        }
        ((Tooltip) cell.getProperties().get(TIP)).setText(describe(point));
        cell.setOnMouseClicked(e -> onSelect.accept(point));
    }

    /** The numbers a cell's tooltip shows. */
    static String describe(RunGroup point) {
        StringBuilder b = new StringBuilder(point.name());
        if (!point.started()) {
            return b.append("\nnot started").toString();
        }
        Spread last = point.finalTrainLoss();
        Spread best = point.bestTrainLoss();
        b.append(String.format(Locale.ROOT, "\nfinal loss %s", spread(last)));
        b.append(String.format(Locale.ROOT, "\nbest loss %s", spread(best)));
        Spread val = point.finalValidationLoss();
        if (val.count() > 0) {
            b.append("\nvalidation loss ").append(spread(val));
        }
        b.append('\n').append(point.divergedCount()).append(" of ").append(point.members().size())
                .append(point.members().size() == 1 ? " member" : " members").append(" diverged");
        if (point.divergedAt() > 0) {
            b.append(" (first at step ").append(point.divergedAt()).append(')');
        }
        return b.toString();
    }

    private static String spread(Spread s) {
        if (s.count() == 0) {
            return "–";
        }
        return s.count() == 1 ? Numbers.format(s.mean()) : Numbers.format(s.mean()) + " ± " + Numbers.format(s.std());
    }

    private static List<String> labels(List<Double> values) {
        return values.stream().map(Numbers::format).toList();
    }

    private VBox colourBar() {
        double lo = scaleLow;
        double hi = scaleHigh;
        List<Stop> stops = new ArrayList<>();
        for (int i = 0; i < SCALE.length; i++) {
            stops.add(new Stop(i / (double) (SCALE.length - 1), SCALE[SCALE.length - 1 - i]));
        }
        Rectangle bar = new Rectangle(14, 120, new LinearGradient(0, 0, 0, 1, true, CycleMethod.NO_CYCLE, stops));
        bar.getStyleClass().add("map-colour-bar");
        Label top = new Label(Numbers.format(hi));
        Label middle = new Label(Numbers.format(Math.sqrt(lo * hi)));
        Label bottom = new Label(Numbers.format(lo));
        VBox ticks = new VBox(top, new javafx.scene.layout.Region(), middle, new javafx.scene.layout.Region(), bottom);
        ticks.getChildren().forEach(n -> n.getStyleClass().add("map-tick"));
        javafx.scene.layout.VBox.setVgrow(ticks.getChildren().get(1), javafx.scene.layout.Priority.ALWAYS);
        javafx.scene.layout.VBox.setVgrow(ticks.getChildren().get(3), javafx.scene.layout.Priority.ALWAYS);
        ticks.setPrefHeight(120);
        HBox barWithTicks = new HBox(4, bar, ticks);
        barWithTicks.setAlignment(Pos.CENTER_LEFT);
        Label title = new Label("log " + metric.get());
        title.getStyleClass().add("map-title");
        Label diverged = new Label("× diverged");
        diverged.getStyleClass().add("muted");
        VBox box = new VBox(4, title, barWithTicks, diverged);
        box.getStyleClass().add("map-legend");
        return box;
    }
}
