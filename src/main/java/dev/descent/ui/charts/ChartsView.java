package dev.descent.ui.charts;

import dev.descent.engine.train.LockstepComparison;
import dev.descent.engine.train.RunStatus;
import dev.descent.engine.train.RunSummary;
import dev.descent.ui.model.ProjectModel;
import dev.descent.ui.model.RunColors;
import dev.descent.ui.model.RunRow;
import dev.descent.ui.model.SelectionModel;
import dev.descent.ui.model.Theme;
import dev.descent.ui.model.TrainingSession;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import javafx.animation.AnimationTimer;
import java.util.List;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;

/**
 * The live charts, in a 2 × 2 grid: loss (with a log-scale toggle and a smoothing slider), the focus
 * run's gradient norm per layer, validation accuracy and learning rate. Redraws only when
 * {@link TrainingSession#frameProperty()} advances (at most ~30 times a second), only the charts whose
 * series have new points, one chart per pulse, each with a single change event; the trainers never
 * wait for it. FX thread only.
 */
public final class ChartsView extends GridPane {
    /** Width and height of one chart in {@link #exportPng}: the image is twice as wide and high. */
    public static final int EXPORT_CHART_WIDTH = 800;
    public static final int EXPORT_CHART_HEIGHT = 500;

    static final String STYLE = "charts-view";
    static final String CHART_CELL = "chart-cell";
    static final String CONTROLS = "chart-controls";
    /** Width of the x-axis chooser at the base font size: room for its longest choice, "Examples". */
    private static final double X_AXIS_CHOOSER_WIDTH = 96;
    /** The band chooser's width: its longest item, "min–max", and the arrow (it asked for 150). */
    private static final double BAND_CHOOSER_WIDTH = 92;
    static final String HOVER_LINE = "chart-hover-line";
    static final String HOVER_BOX = "chart-hover-box";
    static final String HOVER_HEAD = "chart-hover-head";
    static final String HOVER_DOT = "chart-hover-dot";
    /** Smoothing slider: window = 10^(3·position) steps, 0 = raw, 1 = 1,000 steps. */
    private static final double SMOOTHING_DECADES = 3;
    private static final double DEFAULT_SMOOTHING = 1.0 / 3; // 10 steps
    /**
     * Most of the FX thread's time the charts take while training (see {@link #drawNext}). The renderer
     * spends about as much again rasterizing what was drawn. Measured with four runs on two cores: at 0.12
     * the FX thread and renderer took 0.29 cores and training 1.33; at 0.05, 0.19 and 1.42.
     */
    static final double DRAW_BUDGET = 0.06;
    /** The longest wait between two chart draws (see {@link #pauseAfter}). */
    static final long LONGEST_PAUSE_NANOS = 250_000_000L;

    private final ProjectModel project;
    private final SelectionModel selection;
    private final TrainingSession session;
    private final Theme theme;
    private final LossChart loss = new LossChart();
    private final GradientChart gradients = new GradientChart();
    private final RunMetricChart accuracy = RunMetricChart.validationAccuracy();
    private final RunMetricChart learningRate = RunMetricChart.learningRate();
    private final List<LiveChart> charts = List.of(loss, gradients, accuracy, learningRate);
    private final ToggleButton logToggle = new ToggleButton("Log scale");
    private final Slider smoothing = new Slider(0, 1, DEFAULT_SMOOTHING);
    private final Label smoothingLabel = new Label();
    private final javafx.scene.control.ChoiceBox<BandStyle> bandStyle =
            new javafx.scene.control.ChoiceBox<>(javafx.collections.FXCollections.observableArrayList(BandStyle.values()));
    private final javafx.scene.control.ChoiceBox<XAxis> xAxis =
            new javafx.scene.control.ChoiceBox<>(javafx.collections.FXCollections.observableArrayList(XAxis.values()));
    /** Charts with new data not yet drawn, in grid order. */
    private final Set<LiveChart> due = new LinkedHashSet<>();
    /** Runs only while charts are due: one chart per pulse. */
    private final AnimationTimer drawer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            drawNext(now);
        }
    };
    /**
     * Whether the charts are in front (their tab selected): while not, frames draw nothing (the charts took
     * a quarter of the FX thread behind the Inside tab), and they catch up when they come back.
     */
    private final javafx.beans.property.BooleanProperty active = new javafx.beans.property.SimpleBooleanProperty(true);
    private LockstepComparison shown;
    private long nextDraw;
    private boolean first = true;

    public ChartsView(ProjectModel project, SelectionModel selection, TrainingSession session, Theme theme) {
        this.project = project;
        this.selection = selection;
        this.session = session;
        this.theme = theme;
        getStyleClass().add(STYLE);
        setId("charts");
        getStylesheets().add(ChartsView.class.getResource("charts.css").toExternalForm());
        layoutGrid();
        StackPane lossCell = (StackPane) loss.node();
        javafx.scene.layout.FlowPane controls = controls();
        StackPane.setAlignment(controls, Pos.TOP_RIGHT);
        StackPane.setMargin(controls, new javafx.geometry.Insets(0, 0, 0, 56)); // leave the chart's title free
        lossCell.getChildren().add(controls);
        // controls that wrap to a second row push the chart down by that row, so they never cover its note
        controls.heightProperty().addListener((o, was, now) ->
                javafx.application.Platform.runLater(() -> {  // after the layout pass
                    loss.reserveTop(extraRows(controls));
                    placeLossNote(controls, lossCell.getWidth());
                }));
        // the last row sits beside the title and the note's first line: the note wraps left of it, or under it
        controls.widthProperty().addListener((o, was, now) ->
                javafx.application.Platform.runLater(() -> placeLossNote(controls, lossCell.getWidth())));
        // in a narrow cell the smoothing slider's label goes first (its tooltip and position still say it)
        Runnable fit = () -> fitControls(controls, lossCell.getWidth() - 56);
        lossCell.widthProperty().addListener(o -> fit.run());
        lossCell.widthProperty().addListener((o, was, now) ->
                javafx.application.Platform.runLater(() -> placeLossNote(controls, lossCell.getWidth())));
        bandStyle.managedProperty().addListener(o -> fit.run());
        theme.presenterProperty().addListener(o -> javafx.application.Platform.runLater(fit));

        session.frameProperty().addListener((o, was, now) -> onFrame(false));
        selection.focusRunProperty().addListener((o, was, now) -> refresh(gradients, true));
        session.rows().addListener((ListChangeListener<RunRow>) c -> onFrame(true));
        project.experimentProperty().addListener((o, was, now) -> onFrame(true));
        session.dataLoadingProperty().addListener((o, was, now) -> onFrame(true)); // the plans' step counts
        theme.darkProperty().addListener((o, was, now) -> applyTheme());
        theme.presenterProperty().addListener((o, was, now) -> {
            applyTheme();
            onFrame(true);
        });
        active.addListener((o, was, now) -> {
            if (now) {
                onFrame(true);
            } else {
                due.clear();
                drawer.stop();
            }
        });
        applyTheme();
        onFrame(true);
    }

    /** On while the charts are in front; while off, frames draw nothing and the charts catch up when it turns on. */
    public javafx.beans.property.BooleanProperty activeProperty() {
        return active;
    }

    private void layoutGrid() {
        for (int i = 0; i < 2; i++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(50);
            column.setHgrow(Priority.ALWAYS);
            getColumnConstraints().add(column);
        }
        RowConstraints top = new RowConstraints();
        top.setPercentHeight(54);
        top.setVgrow(Priority.ALWAYS);
        RowConstraints bottom = new RowConstraints();
        bottom.setPercentHeight(46);
        bottom.setVgrow(Priority.ALWAYS);
        getRowConstraints().addAll(top, bottom);
        loss.node().setId("chart-loss");
        gradients.node().setId("chart-gradient");
        accuracy.node().setId("chart-accuracy");
        learningRate.node().setId("chart-lr");
        add(loss.node(), 0, 0);
        add(gradients.node(), 1, 0);
        add(accuracy.node(), 0, 1);
        add(learningRate.node(), 1, 1);
        setMinSize(0, 0);
    }

    /**
     * Hides the smoothing label when the controls would not fit in {@code width} on one row with it, and in
     * presenter mode the smoothing slider and its label (kept in the layout, hidden only, the slider pushed
     * Log scale onto a second row and the loss plot down by that row beside a lesson).
     */
    private void fitControls(javafx.scene.layout.FlowPane controls, double width) {
        boolean slider = !theme.isPresenter();
        smoothing.setManaged(slider);
        smoothing.setVisible(slider);
        double row = controls.snappedLeftInset() + controls.snappedRightInset();
        int shown = 0;
        for (javafx.scene.Node n : controls.getChildren()) {
            if (n != smoothingLabel && n.isManaged()) {
                row += n.prefWidth(-1);
                shown++;
            }
        }
        double label = smoothingLabel.prefWidth(-1) + controls.getHgap();
        row += Math.max(0, shown - 1) * controls.getHgap();
        boolean fits = slider && row + label <= width;
        smoothingLabel.setManaged(fits);
        smoothingLabel.setVisible(fits);
    }

    /**
     * The loss chart's note beside the controls' last row while that leaves it at least
     * {@value #NOTE_BESIDE_SHARE} of the cell's width, else under them at the cell's whole width (beside a
     * lesson in presenter mode, one row of controls left it a column a word wide and the plot none).
     */
    private void placeLossNote(javafx.scene.layout.FlowPane controls, double cellWidth) {
        if (cellWidth <= 0) {
            return; // not laid out yet (a tab behind another): placed when it gets its width
        }
        double row = lastRowWidth(controls);
        if (cellWidth - row >= NOTE_BESIDE_SHARE * cellWidth) {
            loss.reserveNote(row, 0);
        } else {
            loss.reserveNote(0, lastRowHeight(controls));
        }
    }

    /** The least share of the loss cell's width its note takes beside the controls. */
    static final double NOTE_BESIDE_SHARE = 0.55;

    /** Height of the controls' last row: how far below the chart's (pushed down) top it reaches. */
    static double lastRowHeight(javafx.scene.layout.FlowPane controls) {
        List<javafx.scene.Node> row = lastRow(controls);
        if (row.isEmpty()) {
            return 0;
        }
        double top = Double.POSITIVE_INFINITY;
        double bottom = 0;
        for (javafx.scene.Node n : row) {
            top = Math.min(top, n.getBoundsInParent().getMinY());
            bottom = Math.max(bottom, n.getBoundsInParent().getMaxY());
        }
        return bottom - top + controls.snappedTopInset() + controls.snappedBottomInset();
    }

    /** Width of the controls' last row (right-aligned), from its leftmost control to the pane's right edge. */
    static double lastRowWidth(javafx.scene.layout.FlowPane controls) {
        double left = controls.getWidth();
        for (javafx.scene.Node n : lastRow(controls)) {
            left = Math.min(left, n.getBoundsInParent().getMinX());
        }
        return Math.max(0, controls.getWidth() - left);
    }

    /**
     * The shown controls of the last row: a row's controls are centred on one line, a few pixels apart in
     * their tops.
     */
    private static List<javafx.scene.Node> lastRow(javafx.scene.layout.FlowPane controls) {
        List<javafx.scene.Node> shown = controls.getChildren().stream().filter(n -> n.isManaged() && n.isVisible()).toList();
        double lastCentre = shown.stream().mapToDouble(n -> n.getBoundsInParent().getCenterY()).max().orElse(0);
        return shown.stream().filter(n -> n.getBoundsInParent().getCenterY() >= lastCentre - ROW_TOLERANCE).toList();
    }

    /** How far apart, in pixels, the centres of two controls of one row may be. */
    private static final double ROW_TOLERANCE = 5;

    /** How much taller than one row the controls are (0 while they fit on one line). */
    private double extraRows(javafx.scene.layout.FlowPane controls) {
        double row = 0;
        for (javafx.scene.Node n : controls.getChildren()) {
            if (n.isManaged()) {
                row = Math.max(row, n.getLayoutBounds().getHeight());
            }
        }
        double oneRow = row + controls.snappedTopInset() + controls.snappedBottomInset();
        return Math.max(0, controls.getHeight() - oneRow);
    }

    /** The loss chart's controls: they wrap onto a second row, right-aligned, when the cell is too narrow. */
    private javafx.scene.layout.FlowPane controls() {
        logToggle.setId("loss-log");
        logToggle.getStyleClass().add("small");
        logToggle.setTooltip(new Tooltip("Logarithmic loss axis: late, small improvements stay visible"));
        logToggle.selectedProperty().addListener((o, was, on) -> {
            loss.setLog(on);
            refresh(loss, true);
        });
        smoothing.setId("loss-smoothing");
        smoothing.setPrefWidth(90);
        smoothing.setMaxWidth(90);
        smoothing.setTooltip(new Tooltip("Average the training loss and the gradient norms over a window of "
                + "steps when drawing (on the log scale, their logarithms: one spike does not draw a long tail); "
                + "the faint line is the raw loss. Far left: no smoothing."));
        smoothing.valueProperty().addListener((o, was, now) -> {
            loss.setWindow(smoothingWindow());
            gradients.setWindow(smoothingWindow());
            smoothingLabel.setText(smoothingText());
            refresh(loss, true);
            refresh(gradients, true);
        });
        loss.setWindow(smoothingWindow());
        gradients.setWindow(smoothingWindow());
        smoothingLabel.setText(smoothingText());
        smoothingLabel.setMinWidth(Region.USE_PREF_SIZE);
        bandStyle.setId("loss-band");
        bandStyle.getStyleClass().add("small");
        bandStyle.setValue(BandStyle.STD);
        bandStyle.setTooltip(new Tooltip("A run with several seeds is drawn as its mean over the members that did "
                + "not diverge, with a band: ±1 standard deviation, lowest to highest member, or every member as a thin line"));
        bandStyle.valueProperty().addListener((o, was, now) -> {
            loss.setBandStyle(now);
            refresh(loss, true);
        });
        xAxis.setId("loss-x-axis");
        xAxis.getStyleClass().add("small");
        xAxis.setValue(XAxis.STEP);
        xAxis.setTooltip(new Tooltip("What the loss chart's x axis counts: steps, epochs, examples seen (steps times "
                + "the run's batch size, the last batch of an epoch as long as it is), or each run's training time "
                + "(pauses left out): runs with other batch sizes or speeds line up by data or by time"));
        xAxis.valueProperty().addListener((o, was, now) -> {
            loss.setXAxis(now);
            refresh(loss, true);
        });
        // the slider gives way first when the cell is narrow; the buttons keep their text
        smoothing.setMinWidth(40);
        bandStyle.setMinWidth(Region.USE_PREF_SIZE);
        bandStyle.setMaxWidth(Region.USE_PREF_SIZE);
        // a ChoiceBox asks for the width of its popup's items, far more than "Examples"; applyTheme scales it
        xAxis.setMinWidth(Region.USE_PREF_SIZE);
        xAxis.setMaxWidth(Region.USE_PREF_SIZE);
        logToggle.setMinWidth(Region.USE_PREF_SIZE);
        javafx.scene.layout.FlowPane box = new javafx.scene.layout.FlowPane(smoothingLabel, smoothing, bandStyle, xAxis, logToggle);
        box.getStyleClass().add(CONTROLS);
        box.setAlignment(Pos.TOP_RIGHT);
        box.setRowValignment(javafx.geometry.VPos.CENTER);
        box.setMinWidth(0);
        box.setMaxHeight(Region.USE_PREF_SIZE);
        box.setPickOnBounds(false);
        return box;
    }

    /** The smoothing window the slider asks for, in steps (1 = raw). */
    double smoothingWindow() {
        double p = smoothing.getValue();
        return p <= 0.005 ? 1 : Math.round(Math.pow(10, SMOOTHING_DECADES * p));
    }

    private String smoothingText() {
        double w = smoothingWindow();
        return w <= 1 ? "Smoothing: off" : String.format(Locale.ROOT, "Smoothing: %,.0f", w);
    }

    /**
     * A new frame of training data: every chart becomes due, and {@link #drawer} redraws the due charts
     * one per pulse, so no pulse pays for four full redraws. Forced frames (a new comparison, Reset, an
     * edit, a new selection) redraw every chart at once, and so does every frame in slow motion, so that
     * the charts end at the status line's step at every moment.
     */
    private void onFrame(boolean force) {
        if (!active.get()) {
            return;
        }
        LockstepComparison c = session.comparisonProperty().get();
        if (adopt(c, force)) {
            force = true;
        }
        if (force || !session.stepRateProperty().get().isFullSpeed()) {
            // in slow motion each chart draws in the frame's own pulse, beside the status line's step (the
            // frame clock keeps the cost within its share: a frame that takes longer comes less often)
            ChartInput input = input(c);
            for (LiveChart chart : charts) {
                chart.refresh(input, force);
            }
            due.clear();
            drawer.stop();
            return;
        }
        due.addAll(charts);
        drawer.start();
    }

    /**
     * Draws the next due chart, unless the charts have used up their share of the FX thread: after a
     * chart that took t to draw, the next waits t / {@value #DRAW_BUDGET}, so on a slow or busy machine
     * the charts update less often instead of taking time from the window and the trainers.
     */
    private void drawNext(long now) {
        if (due.isEmpty()) {
            drawer.stop();
            return;
        }
        long start = System.nanoTime();
        if (start < nextDraw) {
            return;
        }
        LiveChart chart = due.iterator().next();
        due.remove(chart);
        chart.refresh(input(session.comparisonProperty().get()), false);
        nextDraw = start + pauseAfter(System.nanoTime() - start);
    }

    /**
     * How long the charts wait after a draw that took {@code tookNanos}: its cost over
     * {@value #DRAW_BUDGET}, but never more than {@value #LONGEST_PAUSE_NANOS} ns, so that one slow draw
     * (the first ones, before the JIT has compiled JFreeChart, take a few hundred ms) does not leave the
     * other charts, the loss among them, stale for seconds: each chart still redraws about once a second.
     */
    static long pauseAfter(long tookNanos) {
        return Math.min(LONGEST_PAUSE_NANOS, (long) (tookNanos / DRAW_BUDGET));
    }

    private void refresh(LiveChart chart, boolean force) {
        chart.refresh(input(session.comparisonProperty().get()), force);
    }

    /** What the charts draw now (for tests: the same path as a live refresh). */
    ChartInput currentInput() {
        return input(session.comparisonProperty().get());
    }

    private ChartInput input(LockstepComparison c) {
        List<RunRow> rows = session.rows();
        int count = c == null ? rows.size() : c.runCount(); // a run of the table may train many members
        List<ChartInput.Run> runs = new ArrayList<>(count);
        List<RunSummary> summaries = c == null ? List.of() : c.summaries();
        java.util.Map<String, Integer> groups = new java.util.HashMap<>();
        for (int i = 0; i < count; i++) {
            String name = c == null ? rows.get(i).nameProperty().get() : c.run(i).name();
            name = name == null ? "run " + (i + 1) : name;
            String group = c == null || c.run(i).group() == null ? name : c.run(i).group();
            int colour = groups.computeIfAbsent(group, k -> groups.size()); // one colour per run of the file
            RunSummary summary = i < summaries.size() ? summaries.get(i) : null;
            int divergedAt = summary != null && summary.status() == RunStatus.DIVERGED ? summary.divergedAtStep() : -1;
            ChartInput.Pace pace = c == null ? null : new ChartInput.Pace(c.run(i).trainingOf(c.training()).batchSize(),
                    c.trainSize(), c.totalSteps(i));
            runs.add(new ChartInput.Run(name, java.awt.Color.decode(RunColors.of(colour)),
                    c == null ? null : c.history(i), divergedAt, group, pace));
        }
        int focus = selection.focusRunProperty().get();
        if (focus < 0 || focus >= count) {
            focus = count > 0 ? 0 : -1;
        }
        return new ChartInput(c, runs, focus, c == null ? 0 : c.totalSteps(), session.frameStep());
    }

    /** Puts the loss chart on a log (true) or linear y axis, as its Log scale button does. */
    public void setLossLog(boolean log) {
        logToggle.setSelected(log);
    }

    /** Keys of the chart options in the user's preferences. */
    static final String PREF_X_AXIS = "charts.xAxis";
    static final String PREF_LOG = "charts.logScale";
    static final String PREF_SMOOTHING = "charts.smoothing";
    static final String PREF_BAND = "charts.band";

    /**
     * Takes the chart options (x axis, log scale, smoothing, band) from {@code preferences} and keeps them
     * there as the user changes them, so the next session starts with the charts as this one left them.
     * Unknown or damaged values are ignored.
     */
    public void rememberOptions(java.util.prefs.Preferences preferences) {
        xAxis.setValue(option(XAxis.class, preferences.get(PREF_X_AXIS, null), xAxis.getValue()));
        bandStyle.setValue(option(BandStyle.class, preferences.get(PREF_BAND, null), bandStyle.getValue()));
        logToggle.setSelected(preferences.getBoolean(PREF_LOG, logToggle.isSelected()));
        double position = preferences.getDouble(PREF_SMOOTHING, smoothing.getValue());
        if (position >= smoothing.getMin() && position <= smoothing.getMax()) {
            smoothing.setValue(position);
        }
        xAxis.valueProperty().addListener((o, was, now) -> preferences.put(PREF_X_AXIS, now.name()));
        bandStyle.valueProperty().addListener((o, was, now) -> preferences.put(PREF_BAND, now.name()));
        logToggle.selectedProperty().addListener((o, was, now) -> preferences.putBoolean(PREF_LOG, now));
        smoothing.valueChangingProperty().addListener((o, was, changing) -> {
            if (!changing) {
                preferences.putDouble(PREF_SMOOTHING, smoothing.getValue());
            }
        });
        smoothing.valueProperty().addListener((o, was, now) -> {
            if (!smoothing.isValueChanging()) {
                preferences.putDouble(PREF_SMOOTHING, now.doubleValue());
            }
        });
    }

    private static <E extends Enum<E>> E option(Class<E> type, String name, E otherwise) {
        if (name != null) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(name)) {
                    return e;
                }
            }
        }
        return otherwise;
    }

    private void applyTheme() {
        ChartPalette palette = ChartPalette.of(theme);
        for (LiveChart chart : charts) {
            chart.applyTheme(palette);
            chart.applyScale(theme.scale());
        }
        gradients.labelFor(theme.scale());
        xAxis.setPrefWidth(X_AXIS_CHOOSER_WIDTH * theme.scale());
        bandStyle.setPrefWidth(BAND_CHOOSER_WIDTH * theme.scale());
    }

    /**
     * Writes the four charts as one PNG image ({@code 2·EXPORT_CHART_WIDTH × 2·EXPORT_CHART_HEIGHT}
     * pixels, the current theme's colours) to {@code file}, replacing it in one rename so a reader
     * never sees half a file. FX thread.
     */
    public void exportPng(Path file) throws IOException {
        if (ChartFile.formatOf(file) != ChartFile.Format.PNG) {
            throw new IOException("cannot write " + file + ": the file name must end in .png");
        }
        export(file);
    }

    /**
     * Writes the four charts, two by two as in the window, to {@code file}: an SVG (vector shapes and text,
     * JFreeSVG) when its name ends in .svg, a PNG when in .png. FX thread.
     *
     * @throws IOException with one line naming the file and the reason (another ending, a directory that
     *                     cannot be made or written)
     */
    public void export(Path file) throws IOException {
        catchUp();
        int w = EXPORT_CHART_WIDTH;
        int h = EXPORT_CHART_HEIGHT;
        ChartFile.writeImage(file, 2 * w, 2 * h, (g, width, height) -> {
            g.setPaint(ChartPalette.of(theme).background());
            g.fillRect(0, 0, width, height);
            for (int i = 0; i < charts.size(); i++) {
                charts.get(i).draw(g, new Rectangle2D.Double((i % 2) * w, (i / 2) * h, w, h));
            }
        });
    }

    /**
     * Takes {@code c} as the comparison shown: a new one resets every chart (true); the planned schedules
     * are read again then and when {@code replan}.
     */
    private boolean adopt(LockstepComparison c, boolean replan) {
        if (replan || first || c != shown) {
            learningRate.setPlans(c != null ? SchedulePlans.of(c) : SchedulePlans.of(project.experiment(), session.dataset()));
        }
        if (!first && c == shown) {
            return false;
        }
        first = false;
        shown = c;
        ChartInput input = input(c);
        boolean ensembles = MemberGroup.of(input.runs()).stream().anyMatch(MemberGroup::ensemble);
        bandStyle.setVisible(ensembles);
        bandStyle.setManaged(ensembles);
        for (LiveChart chart : charts) {
            chart.reset(input);
        }
        return true;
    }

    /** Brings every chart up to the runs' latest data, wherever its tab is (an export must not be stale). */
    private void catchUp() {
        LockstepComparison c = session.comparisonProperty().get();
        adopt(c, true);
        ChartInput input = input(c);
        for (LiveChart chart : charts) {
            chart.refresh(input, false);
        }
    }

    // ---- for tests ----

    LossChart lossChart() {
        return loss;
    }

    GradientChart gradientChart() {
        return gradients;
    }

    RunMetricChart accuracyChart() {
        return accuracy;
    }

    RunMetricChart learningRateChart() {
        return learningRate;
    }

    ToggleButton logToggle() {
        return logToggle;
    }

    javafx.scene.control.ChoiceBox<BandStyle> bandStyleChoice() {
        return bandStyle;
    }

    javafx.scene.control.ChoiceBox<XAxis> xAxisChoice() {
        return xAxis;
    }

    Slider smoothingSlider() {
        return smoothing;
    }
}
