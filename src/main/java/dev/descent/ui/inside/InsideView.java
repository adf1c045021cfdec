package dev.descent.ui.inside;

import dev.descent.engine.graph.ActivationFunction;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.Saturation;
import dev.descent.engine.train.DownsampledSeries;
import dev.descent.engine.train.Histogram;
import dev.descent.engine.train.LockstepComparison;
import dev.descent.engine.train.MetricLayout;
import dev.descent.engine.train.RunHistory;
import dev.descent.engine.train.Snapshot;
import dev.descent.engine.train.SnapshotLayout;
import dev.descent.engine.train.Snapshots;
import dev.descent.ui.model.RunColors;
import dev.descent.ui.model.SelectionModel;
import dev.descent.ui.model.Theme;
import dev.descent.ui.model.TrainingSession;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.animation.AnimationTimer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.Duration;

/**
 * The Inside tab: why a run trains well or badly. For the chosen run: each activation node's distribution
 * over the steps (a strip), its histogram now over the initial one and its saturated or dead share; what
 * goes into and comes out of each normalization node; the gradient heatmap of every run on one colour
 * scale; the update-to-weight ratio per layer against the 10⁻³ rule of thumb; what the optimizer's state
 * does, per layer (its effective learning rate ‖Δθ‖₂/‖g‖₂ and the RMS of each state vector it reports
 * through {@link dev.descent.engine.optim.StateVector}, so no optimizer is special-cased here); each dense
 * layer's weights now over the initial ones. A time scrub shows the histograms and markers as they were at a recorded
 * step.
 *
 * <p>Reads only what the runs publish (their bounded {@link Snapshots} and {@link RunHistory}), at most
 * {@value #REFRESHES_PER_SECOND} times a second on {@link TrainingSession#frameProperty()}, and only while
 * {@link #activeProperty()} is on (its tab is showing): training never waits for it. FX thread only.
 */
public final class InsideView extends BorderPane {
    static final int REFRESHES_PER_SECOND = 4;
    /**
     * Canvas pixels painted in one pulse at most (at least one plot): a refresh spreads its figures over a
     * few pulses instead of rasterizing all of them in one (the software pipeline took 50 ms for them).
     */
    static final double PIXELS_PER_PULSE = 120_000;
    static final String STYLE = "inside-view";
    static final String SECTION = "inside-section";
    static final String NOTE = "inside-note";
    static final String NODE_NAME = "inside-node";
    static final String FIGURE = "inside-figure";
    static final String FIGURE_NAME = "inside-figure-name";
    static final String RATIO_HELP = "Update-to-weight ratio ‖Δθ‖₂ / ‖θ‖₂: how far one step moves a layer's"
            + " parameters, relative to their size.\nA common rule of thumb (Karpathy, CS231n) puts it near 1e-3"
            + " (the shaded band, 10^-3.5 to 10^-2.5):\nmuch below, the layer hardly learns (learning rate too"
            + " low, or vanishing gradients);\nmuch above, it is thrown around (learning rate too high, likely"
            + " to diverge).";

    static final String STATE_HELP = "What the optimizer does with each layer's gradient, over the steps (one line"
            + " per layer, log axis).\nEffective learning rate ‖Δθ‖₂ / ‖g‖₂: how far a step moved the layer per unit of"
            + " gradient. For plain SGD it is η;\nmomentum raises it while gradients agree, the adaptive optimizers"
            + " (RMSprop, Adagrad, Adam...) give each weight its own\nstep, so a layer with small gradients gets a"
            + " large rate. Clipping shows as a dip.\nBelow it, each vector of state the optimizer keeps, as its root"
            + " mean square over the layer's weights:\nmomentum's velocity, the accumulators of squared gradients"
            + " (Adagrad's only grows, so its steps only shrink),\nAdam's first moment m (a running mean of g) and"
            + " second moment v (of g²).";

    private final TrainingSession session;
    private final Theme theme;
    private final InsideModel model = new InsideModel();
    private final BooleanProperty active = new SimpleBooleanProperty(true);
    private final ComboBox<String> runChooser = new ComboBox<>();
    private final Slider scrub = new Slider(1, 1, 1);
    private final Label stepLabel = new Label();
    private final ToggleButton live = new ToggleButton("Live");
    private final VBox content = new VBox();
    private final ScrollPane scroll = new ScrollPane();
    /** Plots told to redraw and not painted yet, oldest first. */
    private final Set<PlotCanvas> pending = new LinkedHashSet<>();
    /** Paints pending plots on screen, {@value #PIXELS_PER_PULSE} pixels' worth a pulse; runs while any wait. */
    private final AnimationTimer painter = new AnimationTimer() {
        @Override
        public void handle(long now) {
            paintPending();
        }
    };
    private boolean painting;
    private final Label empty = new Label("Train to see inside the network: activations, gradients, update sizes"
            + " and weights appear here step by step.");
    // per-run figures, rebuilt when the run or its layout changes
    private final Map<String, ActivationRow> activations = new LinkedHashMap<>();
    private final Map<String, HistogramView[]> norms = new LinkedHashMap<>();
    private final Map<String, HistogramView> weights = new LinkedHashMap<>();
    private final List<GradientHeatmap> heatmaps = new ArrayList<>();
    private final Label heatmapScale = new Label();
    private final LayerLogChart ratios = LayerLogChart.ratios();
    // the optimizer's state: effective rate and one chart per state vector, rebuilt when the vectors change
    private final VBox stateBox = new VBox(3);
    private final Label optimizerFormula = new Label();
    private final LayerLogChart effectiveRates = LayerLogChart.plain();
    private final Map<String, LayerLogChart> stateCharts = new LinkedHashMap<>();
    private List<String> builtSymbols;
    private final WeightWatchPane watch = new WeightWatchPane(this::applyTheme);
    private SnapshotLayout built;
    private int builtRun = -1;
    private LockstepComparison builtFor;
    private long lastRefresh;
    private boolean updatingScrub;

    public InsideView(SelectionModel selection, TrainingSession session, Theme theme) {
        this.session = session;
        this.theme = theme;
        setId("inside");
        getStyleClass().add(STYLE);
        getStylesheets().add(InsideView.class.getResource("inside.css").toExternalForm());
        setTop(controls());
        scroll.setContent(content);
        scroll.setFitToWidth(true);
        // what scrolls into view or resizes is painted then
        scroll.vvalueProperty().addListener((o, was, now) -> startPainting());
        scroll.viewportBoundsProperty().addListener((o, was, now) -> startPainting());
        content.setPadding(new Insets(6, 10, 10, 10));
        content.setSpacing(4);
        setCenter(scroll);
        empty.setWrapText(true);
        empty.getStyleClass().add(NOTE);

        session.comparisonProperty().addListener((o, was, now) -> {
            model.setComparison(now);
            refresh(true);
        });
        session.frameProperty().addListener((o, was, now) -> refresh(false));
        selection.focusRunProperty().addListener((o, was, now) -> model.setRun(now.intValue()));
        model.runProperty().addListener((o, was, now) -> refresh(true));
        model.setComparison(session.comparisonProperty().get());
        active.addListener((o, was, now) -> {
            if (now) {
                refresh(true);
            } else {
                stopPainting();
            }
        });
        theme.darkProperty().addListener((o, was, now) -> refresh(true));
        theme.presenterProperty().addListener((o, was, now) -> {
            applyTheme(); // presenter mode's colours and sizes
            refresh(true);
        });
        refresh(true);
    }

    /** Whether the view is showing; while off it reads and draws nothing. */
    public BooleanProperty activeProperty() {
        return active;
    }

    private Node controls() {
        runChooser.setId("inside-run");
        runChooser.setOnAction(e -> {
            if (runChooser.getSelectionModel().getSelectedIndex() >= 0) {
                model.setRun(runChooser.getSelectionModel().getSelectedIndex());
            }
        });
        scrub.setId("inside-scrub");
        scrub.setBlockIncrement(1);
        scrub.setMajorTickUnit(1);
        HBox.setHgrow(scrub, Priority.ALWAYS);
        scrub.valueProperty().addListener((o, was, now) -> {
            if (!updatingScrub) {
                model.followProperty().set(false);
                model.stepProperty().set((int) Math.round(now.doubleValue()));
                refresh(true);
            }
        });
        Tooltip.install(scrub, new Tooltip("Time scrub: the histograms, heatmaps and markers as they were at this"
                + " step (the last recorded one at or before it)"));
        stepLabel.setId("inside-step");
        stepLabel.setMinWidth(150);
        live.setId("inside-live");
        live.selectedProperty().bindBidirectional(model.followProperty());
        live.setTooltip(new Tooltip("Follow the newest step while training"));
        live.selectedProperty().addListener((o, was, now) -> {
            if (now) {
                refresh(true);
            }
        });
        HBox bar = new HBox(8, new Label("Run"), runChooser, new Label("Step"), scrub, stepLabel, live);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(5, 10, 5, 10));
        bar.getStyleClass().add("inside-controls");
        return bar;
    }

    /** Reads what the runs published and redraws; {@code force}: now, else at most 4 times a second. */
    void refresh(boolean force) {
        if (!active.get()) {
            return;
        }
        long now = System.nanoTime();
        if (!force && now - lastRefresh < 1_000_000_000L / REFRESHES_PER_SECOND) {
            return;
        }
        lastRefresh = now;
        LockstepComparison comparison = model.comparison();
        model.update();
        Snapshots snapshots = model.snapshots();
        if (comparison == null || snapshots == null || snapshots.layout() == null
                || model.history().layout() == null) {
            if (content.getChildren().size() != 1 || content.getChildren().get(0) != empty) {
                content.getChildren().setAll(empty);
                built = null;
            }
            updateScrub();
            return;
        }
        updateRunChooser(comparison);
        if (built != snapshots.layout() || builtRun != model.runProperty().get() || builtFor != comparison) {
            build(comparison, snapshots.layout(), model.history().layout());
        }
        updateScrub();
        draw(comparison, snapshots, model.history());
    }

    private void updateRunChooser(LockstepComparison comparison) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < comparison.runCount(); i++) {
            names.add(comparison.run(i).name());
        }
        if (!runChooser.getItems().equals(names)) {
            runChooser.getItems().setAll(names);
        }
        if (runChooser.getSelectionModel().getSelectedIndex() != model.runProperty().get()) {
            runChooser.getSelectionModel().select(model.runProperty().get());
        }
    }

    private void updateScrub() {
        updatingScrub = true;
        int last = model.lastStepProperty().get();
        scrub.setMax(Math.max(1, last));
        scrub.setValue(model.stepProperty().get());
        updatingScrub = false;
        Snapshots s = model.snapshots();
        Snapshot at = s == null ? null : s.at(model.stepProperty().get());
        stepLabel.setText(at == null ? "no steps yet" : String.format(Locale.ROOT, "step %,d of %,d%s", at.step(), last,
                model.followProperty().get() ? " (live)" : ""));
    }

    private void build(LockstepComparison comparison, SnapshotLayout layout, MetricLayout metrics) {
        built = layout;
        builtRun = model.runProperty().get();
        builtFor = comparison;
        activations.clear();
        norms.clear();
        weights.clear();
        heatmaps.clear();
        List<Node> children = new ArrayList<>();

        children.add(section("Activations", "values over steps (bright = many) · histogram now over initial (grey)",
                "Left: each activation node's outputs over the steps: x = step, y = value, colour = share of the"
                + " batch's values in that bin (√ scale, bright = many). Right: its histogram at the scrubbed step"
                + " (colour) over the initial one (grey). The number and the small red line are the share of"
                + " saturated units (slope below 5% of the function's maximum: a sigmoid near 0 or 1, a tanh near"
                + " ±1) or, for ReLU, of dead ones (z ≤ 0): a deep sigmoid stack piles up at 0 and 1, dead ReLUs"
                + " show as a spike at 0."));
        GridPane grid = figureGrid(3);
        NetworkSpecView spec = new NetworkSpecView(comparison, builtRun);
        for (int i = 0; i < layout.activationNodes().size(); i++) {
            String id = layout.activationNodes().get(i);
            ActivationRow row = new ActivationRow(id, spec.saturationWord(id));
            activations.put(id, row);
            grid.addRow(i, row.label, row.strip, row.histogram);
        }
        children.add(grid);

        if (!layout.normNodes().isEmpty()) {
            children.add(section("Normalization", "what goes in (left) and comes out (right)",
                    "What goes into each batch or layer norm node (left) and what comes out (right), at the"
                    + " scrubbed step (colour) over the first step (grey): the node rescales its inputs to mean 0"
                    + " and spread 1, then γ and β scale and shift them."));
            GridPane normGrid = figureGrid(2);
            for (int i = 0; i < layout.normNodes().size(); i++) {
                String id = layout.normNodes().get(i);
                HistogramView in = new HistogramView();
                HistogramView out = new HistogramView();
                norms.put(id, new HistogramView[] {in, out});
                Label name = nodeName(id + "  in → out");
                normGrid.addRow(i, name, in, out);
            }
            children.add(normGrid);
        }

        children.add(section("Gradient heatmap", "every run, layer × step, colour = log10 ‖gradient‖",
                "Every run side by side: a row per layer (input side on top), x = step, colour = log10 of the"
                + " layer's gradient L2 norm, on one colour scale for all runs. A dark band at the top is a"
                + " vanishing gradient: the layers near the input hardly learn."));
        HBox maps = new HBox(12);
        for (int r = 0; r < comparison.runCount(); r++) {
            GradientHeatmap map = new GradientHeatmap();
            map.setId("inside-heatmap-" + r);
            heatmaps.add(map);
            Label title = new Label(comparison.run(r).name());
            title.setTextFill(Color.web(RunColors.of(r)));
            VBox box = new VBox(2, title, map);
            HBox.setHgrow(box, Priority.ALWAYS);
            map.setMaxWidth(Double.MAX_VALUE);
            maps.getChildren().add(box);
        }
        RampLegend legend = new RampLegend();
        heatmapScale.getStyleClass().add(NOTE);
        children.add(maps);
        children.add(new HBox(8, legend, heatmapScale));

        Label ratioTitle = section("Update-to-weight ratio", "per layer, log axis, green band ≈ 1e-3 (hover)",
                RATIO_HELP);
        Tooltip ratioTip = new Tooltip(RATIO_HELP);
        ratioTip.setShowDuration(Duration.seconds(30));
        Tooltip.install(ratios, ratioTip);
        ratios.setId("inside-ratios");
        children.add(ratioTitle);
        children.add(ratios);

        children.add(section("Optimizer state", "per layer, log axis: effective learning rate and the state the"
                + " optimizer keeps; below, one weight of your choice", STATE_HELP));
        optimizerFormula.setId("inside-optimizer");
        optimizerFormula.getStyleClass().add(NOTE);
        optimizerFormula.setWrapText(true);
        var optimizer = comparison.run(builtRun).optimizer();
        var explained = optimizer.term().explained();
        optimizerFormula.setText(explained.title() + ":  " + explained.formula());
        stateBox.setId("inside-state");
        stateBox.getChildren().clear();
        stateCharts.clear();
        builtSymbols = null;
        children.add(optimizerFormula);
        children.add(stateBox);
        watch.build(comparison, builtRun, layout.denseNodes());
        children.add(watch);

        children.add(section("Weights", "each dense layer now over initial (grey)",
                "Each dense layer's weights (no biases) at the scrubbed step (colour) over the initial ones"
                + " (grey): the initializer's scale, and how training changed it."));
        FlowPane weightPane = new FlowPane(12, 6);
        for (String id : layout.denseNodes()) {
            HistogramView view = new HistogramView();
            view.setPrefSize(210, 60);
            weights.put(id, view);
            weightPane.getChildren().add(new VBox(1, nodeName(id), view));
        }
        children.add(weightPane);
        content.getChildren().setAll(children);
        applyTheme();
    }

    private void applyTheme() {
        Color bg = Color.web(theme.background());
        Color fg = Color.web(theme.foreground());
        Color grid = Color.web(theme.grid());
        List<PlotCanvas> plots = new ArrayList<>();
        for (ActivationRow row : activations.values()) {
            plots.addAll(List.of(row.strip, row.histogram, row.spark));
        }
        norms.values().forEach(v -> plots.addAll(List.of(v)));
        plots.addAll(weights.values());
        plots.addAll(heatmaps);
        plots.add(ratios);
        plots.add(effectiveRates);
        plots.addAll(stateCharts.values());
        plots.addAll(watch.plots());
        for (PlotCanvas plot : plots) {
            plot.scheduler(this::schedule);
            plot.scale(theme.scale()); // before the colours: they redraw
            plot.colours(bg, fg, grid);
        }
    }

    private void draw(LockstepComparison comparison, Snapshots snapshots, RunHistory history) {
        applyThemeIfChanged();
        int step = model.stepProperty().get();
        int last = model.lastStepProperty().get();
        List<Snapshot> all = snapshots.all();
        Snapshot first = snapshots.first();
        Snapshot now = snapshots.at(step);
        SnapshotLayout layout = snapshots.layout();
        Color colour = Color.web(RunColors.of(model.runProperty().get()));
        MetricLayout metrics = history.layout();
        for (int i = 0; i < layout.activationNodes().size(); i++) {
            String id = layout.activationNodes().get(i);
            ActivationRow row = activations.get(id);
            int k = i;
            row.strip.show(all, s -> s.activations().get(k), step);
            row.histogram.show(now.activations().get(i), first.activations().get(i), colour);
            int m = metrics.activationNodes().indexOf(id);
            if (m >= 0 && m < history.saturatedFractions().size()) {
                DownsampledSeries.Snapshot series = history.saturatedFractions().get(m).snapshot();
                row.spark.show(series, last, step);
                double share = Sparkline.valueAt(series, step);
                row.share.setText(Double.isNaN(share) ? "" : String.format(Locale.ROOT, "%s %.0f%%", row.word,
                        100 * share));
            }
        }
        for (int i = 0; i < layout.normNodes().size(); i++) {
            HistogramView[] views = norms.get(layout.normNodes().get(i));
            views[0].show(now.normInputs().get(i), first.normInputs().get(i), colour);
            views[1].show(now.normOutputs().get(i), first.normOutputs().get(i), colour);
        }
        for (int i = 0; i < layout.denseNodes().size(); i++) {
            weights.get(layout.denseNodes().get(i)).show(now.weights().get(i), first.weights().get(i), colour);
        }
        drawHeatmaps(comparison, step);
        List<DownsampledSeries.Snapshot> ratioSeries = new ArrayList<>();
        for (int i = 0; i < metrics.parameterNodes().size() && i < history.updateRatios().size(); i++) {
            ratioSeries.add(history.updateRatios().get(i).snapshot());
        }
        ratios.show(metrics.parameterNodes().subList(0, ratioSeries.size()), ratioSeries, last, step);
        drawState(history, last, step);
        watch.draw(history, model.followProperty().get() ? Integer.MAX_VALUE : step); // live: no marker
    }

    /** The effective rate per layer and each state vector's RMS per layer, as the history holds them. */
    private void drawState(RunHistory history, int last, int step) {
        List<String> symbols = history.stateSymbols();
        if (!symbols.equals(builtSymbols)) {
            buildState(symbols, history.stateMeanings());
        }
        List<String> nodes = history.layout().parameterNodes();
        effectiveRates.show(nodes.subList(0, Math.min(nodes.size(), history.effectiveRates().size())),
                snapshots(history.effectiveRates()), last, step);
        List<List<DownsampledSeries>> rms = history.stateRms();
        for (int v = 0; v < symbols.size() && v < rms.size(); v++) {
            stateCharts.get(symbols.get(v)).show(nodes.subList(0, Math.min(nodes.size(), rms.get(v).size())),
                    snapshots(rms.get(v)), last, step);
        }
    }

    private void buildState(List<String> symbols, List<String> meanings) {
        builtSymbols = symbols;
        stateCharts.clear();
        List<Node> rows = new ArrayList<>();
        effectiveRates.setId("inside-effective-rate");
        rows.add(nodeName("effective learning rate ‖Δθ‖₂ / ‖g‖₂"));
        rows.add(effectiveRates);
        LockstepComparison comparison = model.comparison();
        if (symbols.isEmpty() && comparison != null && comparison.isStacked(model.runProperty().get())) {
            Label none = new Label("This seed trains stacked with the run's other seeds: their optimizer keeps the"
                    + " state of all of them in one block, so no state is shown per seed (its effective rate is).");
            none.getStyleClass().add(NOTE);
            none.setWrapText(true);
            rows.add(none);
        } else if (symbols.isEmpty()) {
            Label none = new Label("This optimizer keeps no state: each step is η·g, so its effective rate is η"
                    + " (below it when the gradient is clipped).");
            none.getStyleClass().add(NOTE);
            rows.add(none);
        }
        for (int v = 0; v < symbols.size(); v++) {
            LayerLogChart chart = LayerLogChart.plain();
            chart.setId("inside-state-" + v);
            stateCharts.put(symbols.get(v), chart);
            rows.add(nodeName("RMS of " + symbols.get(v) + ":  " + meanings.get(v)));
            rows.add(chart);
        }
        stateBox.getChildren().setAll(rows);
        applyTheme();
    }

    private static List<DownsampledSeries.Snapshot> snapshots(List<DownsampledSeries> series) {
        List<DownsampledSeries.Snapshot> out = new ArrayList<>(series.size());
        for (DownsampledSeries s : series) {
            out.add(s.snapshot());
        }
        return out;
    }

    private boolean darkDrawn;

    private void applyThemeIfChanged() {
        if (darkDrawn != theme.isDark()) {
            darkDrawn = theme.isDark();
            applyTheme();
        }
    }

    /** Every run's heatmap on the common log10 range of all their gradient norms. */
    private void drawHeatmaps(LockstepComparison comparison, int step) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        List<List<DownsampledSeries.Snapshot>> all = new ArrayList<>();
        int lastStep = 1;
        for (int r = 0; r < heatmaps.size(); r++) {
            RunHistory h = comparison.history(r);
            List<DownsampledSeries.Snapshot> series = new ArrayList<>();
            for (DownsampledSeries s : h.gradientNorms()) {
                DownsampledSeries.Snapshot snap = s.snapshot();
                series.add(snap);
                for (int i = 0; i < snap.size(); i++) {
                    double v = snap.means()[i];
                    if (v > 0 && Double.isFinite(v)) {
                        low = Math.min(low, Math.log10(v));
                        high = Math.max(high, Math.log10(v));
                    }
                    lastStep = Math.max(lastStep, (int) snap.steps()[i]);
                }
            }
            all.add(series);
        }
        if (low > high) {
            low = -3;
            high = 0;
        }
        for (int r = 0; r < heatmaps.size(); r++) {
            MetricLayout l = comparison.history(r).layout();
            List<String> nodes = l == null ? List.of() : l.parameterNodes();
            heatmaps.get(r).show(nodes.subList(0, Math.min(nodes.size(), all.get(r).size())), all.get(r), low, high,
                    lastStep, step);
        }
        heatmapScale.setText(String.format(Locale.ROOT, "log10 ‖∂L/∂θ‖₂ from %.1f (dark) to %.1f (bright), every run",
                low, high));
    }

    private void schedule(PlotCanvas plot) {
        pending.add(plot);
        startPainting();
    }

    private void startPainting() {
        if (!painting && !pending.isEmpty() && active.get()) {
            painting = true;
            painter.start();
        }
    }

    private void stopPainting() {
        painting = false;
        painter.stop();
    }

    /**
     * Paints the oldest pending plots that are on screen, up to {@link #PIXELS_PER_PULSE} pixels; those
     * scrolled out of view wait until they scroll in. Stops when none on screen wait.
     */
    void paintPending() {
        Bounds view = scroll.localToScene(scroll.getLayoutBounds());
        double painted = 0;
        boolean waiting = false;
        for (Iterator<PlotCanvas> it = pending.iterator(); it.hasNext(); ) {
            PlotCanvas plot = it.next();
            if (plot.getScene() == null) {
                it.remove(); // no longer part of the view
                continue;
            }
            if (!plot.localToScene(plot.getLayoutBounds()).intersects(view)) {
                continue;
            }
            if (painted > 0 && painted + plot.area() > PIXELS_PER_PULSE) {
                waiting = true;
                break;
            }
            it.remove();
            plot.paint();
            painted += Math.max(1, plot.area());
        }
        if (!waiting) {
            stopPainting();
        }
    }

    /** Plots waiting to be painted (for tests). */
    Set<PlotCanvas> pendingPlots() {
        return pending;
    }

    /** A section's title with a one-line hint; {@code help} is its tooltip. */
    private static Label section(String title, String hint, String help) {
        Label label = new Label(title + "  ·  " + hint);
        label.getStyleClass().add(SECTION);
        label.setMaxWidth(Double.MAX_VALUE);
        Tooltip tip = new Tooltip(help);
        tip.setWrapText(true);
        tip.setMaxWidth(520);
        tip.setShowDuration(Duration.seconds(30));
        label.setTooltip(tip);
        return label;
    }

    private static Label nodeName(String id) {
        Label label = new Label(id);
        label.getStyleClass().add(NODE_NAME);
        return label;
    }

    private static GridPane figureGrid(int figures) {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(4);
        ColumnConstraints name = new ColumnConstraints(110);
        grid.getColumnConstraints().add(name);
        for (int i = 0; i < figures - 1; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setHgrow(figures == 3 && i == 0 ? Priority.ALWAYS : Priority.SOMETIMES);
            c.setFillWidth(true);
            if (figures == 3 && i == 0) {
                c.setPercentWidth(60);
            }
            grid.getColumnConstraints().add(c);
        }
        return grid;
    }

    // ---- read by tests: what the figures show ----

    /** The histogram of activation node {@code id} drawn now, or null. */
    Histogram activationHistogram(String id) {
        ActivationRow row = activations.get(id);
        return row == null ? null : row.histogram.now();
    }

    /** The initial (ghosted) histogram of activation node {@code id}, or null. */
    Histogram initialActivationHistogram(String id) {
        ActivationRow row = activations.get(id);
        return row == null ? null : row.histogram.initial();
    }

    /** The saturated or dead share written beside activation node {@code id}. */
    String saturationText(String id) {
        return activations.get(id).share.getText();
    }

    /** The input and output histograms of norm node {@code id} drawn now. */
    Histogram[] normHistograms(String id) {
        HistogramView[] v = norms.get(id);
        return new Histogram[] {v[0].now(), v[1].now()};
    }

    /** The weight histogram of dense node {@code id} drawn now, or null. */
    Histogram weightHistogram(String id) {
        HistogramView view = weights.get(id);
        return view == null ? null : view.now();
    }

    GradientHeatmap heatmap(int run) {
        return heatmaps.get(run);
    }

    LayerLogChart ratioChart() {
        return ratios;
    }

    /** The effective learning rate chart. */
    LayerLogChart effectiveRateChart() {
        return effectiveRates;
    }

    /** The chart of each state vector, by symbol, in the optimizer's order. */
    Map<String, LayerLogChart> stateCharts() {
        return stateCharts;
    }

    /** The optimizer's name and formula above its state. */
    String optimizerText() {
        return optimizerFormula.getText();
    }

    InsideModel model() {
        return model;
    }

    /** The single weight's chooser, matrix and charts. */
    WeightWatchPane watchPane() {
        return watch;
    }

    Slider scrub() {
        return scrub;
    }

    /** One activation node's row: name and share, strip, histogram. */
    private static final class ActivationRow {
        final String word;
        final VBox label;
        final Label share = new Label();
        final Sparkline spark = new Sparkline();
        final StripView strip = new StripView();
        final HistogramView histogram = new HistogramView();

        ActivationRow(String id, String word) {
            this.word = word;
            share.getStyleClass().add(FIGURE);
            label = new VBox(0, nodeName(id), share, spark);
            strip.setMaxWidth(Double.MAX_VALUE);
            histogram.setMaxWidth(Double.MAX_VALUE);
        }
    }

    /** The words the view uses for a run's nodes. */
    private record NetworkSpecView(LockstepComparison comparison, int run) {
        /** "dead" for ReLU-like functions (saturated means z ≤ 0), "saturated" for the others. */
        String saturationWord(String id) {
            NodeSpec node = comparison.run(run).network().node(id).orElse(null);
            if (!(node instanceof NodeSpec.Activation a)) {
                return "saturated";
            }
            Saturation s = ActivationFunction.saturation(a.function());
            return switch (s.kind()) {
                case BELOW, AT_OR_BELOW -> "dead";
                default -> "saturated";
            };
        }
    }

    /** The heatmaps' colour ramp, dark to bright. */
    private static final class RampLegend extends PlotCanvas {
        RampLegend() {
            super(160, 12);
            setMaxSize(160, 12);
        }

        @Override
        void draw(javafx.scene.canvas.GraphicsContext g, double w, double h) {
            for (int x = 0; x < w; x++) {
                g.setFill(Ramp.at(x / (w - 1)));
                g.fillRect(x, 0, 1, h);
            }
        }
    }
}
