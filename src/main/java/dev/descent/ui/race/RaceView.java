package dev.descent.ui.race;

import dev.descent.engine.landscape.TestFunction;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.vocab.Choice;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.StrokeLineCap;
import javafx.util.StringConverter;

/**
 * The optimizer race: several optimizers walk the same 2-D test function from the same start, drawn
 * over a filled contour map (log-spaced levels, rendered once into an image per function) with its colour
 * bar. Stepping is the engine's {@link dev.descent.engine.landscape.TrajectoryStepper}; this class only
 * schedules and draws. One {@link AnimationTimer} paces the steps at the chosen rate and redraws the overlay.
 */
public final class RaceView extends BorderPane {
    /** Steps per second offered; 0 means full speed (up to {@link #FULL_PER_FRAME} steps per frame). */
    static final int[] SPEEDS = {1, 5, 20, 100, 0};
    static final int FULL_PER_FRAME = 20;
    static final int MAP = 560;
    static final int LEVELS = 24;
    /** The trail (the bold, fading end of a path) spans this many seconds of the race at the chosen speed. */
    static final double TRAIL_SECONDS = 1.5;
    /** The shortest trail, in steps (at 1 and 5 steps/s). */
    static final int MIN_TRAIL = 30;
    /** Longest polyline drawn per piece of a path; a longer one is drawn through every k-th point (k = n / this). */
    static final int MAX_PATH_POINTS = 2000;
    /** The race's own contestants, with rates at which each gets somewhere on Rosenbrock's valley. */
    static final List<Choice<OptimizerType>> DEFAULT_RACERS = List.of(
            Choice.of(OptimizerType.SGD).with("learningRate", 0.001),
            Choice.of(OptimizerType.MOMENTUM).with("learningRate", 0.001),
            Choice.of(OptimizerType.RMSPROP).with("learningRate", 0.01),
            Choice.of(OptimizerType.ADAGRAD).with("learningRate", 0.5),
            Choice.of(OptimizerType.ADAM).with("learningRate", 0.05));
    /** One colour per contestant, bright enough on every level of the map (as many as a lesson may race). */
    static final List<Color> COLOURS = List.of(Color.web("#ffffff"), Color.web("#ff4fa0"), Color.web("#ffd21f"),
            Color.web("#3fe0ff"), Color.web("#7dff5a"), Color.web("#ff8c3a"), Color.web("#c9a0ff"),
            Color.web("#ff6b6b"));

    private final Canvas map = new Canvas(MAP, MAP);
    private final Canvas barBands = new Canvas(18, MAP);
    private final Pane bar = new Pane(barBands);
    private final List<Racer> racers = new ArrayList<>();
    private final GridPane legend = new GridPane();
    private final List<Label> stepLabels = new ArrayList<>();
    private final List<Label> lossLabels = new ArrayList<>();
    private final ComboBox<TestFunction> functions = new ComboBox<>();
    private final Label formula = new Label();
    private final ComboBox<String> speed = new ComboBox<>();
    private final ComboBox<String> tuned = new ComboBox<>();
    private final Slider lr = new Slider(-5, 0, -2);
    private final Slider momentum = new Slider(0, 0.99, 0.9);
    private final Slider beta1 = new Slider(0, 0.99, 0.9);
    private final Slider beta2 = new Slider(0.9, 0.9999, 0.999);
    private final Label lrLabel = new Label();
    private final Label momentumLabel = new Label();
    private final Label beta1Label = new Label();
    private final Label beta2Label = new Label();
    private final Label status = new Label();
    private final Button play = new Button("Play");
    private WritableImage contour;
    private RaceMap view;
    private double[] start;
    private double logMin;
    private double logMax;
    private double minValue;
    private boolean playing;
    private long lastStepNanos = -1;
    private double owedSteps;
    private boolean syncing;
    private int arrows;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            tick(now);
        }
    };

    /** The race's own five: SGD, momentum, RMSprop, Adagrad and Adam. */
    public RaceView() {
        this(List.of());
    }

    /**
     * A race of {@code optimizers} (each type once, at most {@link #COLOURS} of them; empty: the race's own
     * five) on Rosenbrock's valley from its classic start.
     */
    public RaceView(List<Choice<OptimizerType>> optimizers) {
        List<Choice<OptimizerType>> contestants = optimizers.isEmpty() ? DEFAULT_RACERS : optimizers;
        if (contestants.size() > COLOURS.size()) {
            throw new IllegalArgumentException("at most " + COLOURS.size() + " optimizers race, got " + contestants.size());
        }
        setId("race-view");
        getStyleClass().add("race-view");
        getStylesheets().add(RaceView.class.getResource("race.css").toExternalForm());
        map.setId("race-map");
        for (int i = 0; i < contestants.size(); i++) {
            racers.add(new Racer(contestants.get(i), COLOURS.get(i)));
        }
        setTop(toolbar());
        map.setOnMouseClicked(e -> restart(new double[]{toX(e.getX()), toY(e.getY())}));
        bar.setId("race-colour-bar");
        formula.setId("race-formula");
        formula.getStyleClass().add("race-formula");
        VBox centre = new VBox(4, formula, new HBox(8, map, bar));
        centre.setPadding(new Insets(0, 6, 6, 6));
        setCenter(centre);
        setRight(side());
        tuned.setValue(racers.get(0).name());
        syncSliders();
        setFunction(TestFunction.ROSENBROCK, null);
        sceneProperty().addListener((o, a, b) -> runTimer());
    }

    /** The frame timer runs only while the race plays in a scene (a closed window stops it: {@link #stop()}). */
    private void runTimer() {
        if (playing && getScene() != null) {
            timer.start();
        } else {
            timer.stop();
        }
    }

    /** Pauses and stops the frame timer, for a window that closes. */
    public void stop() {
        setPlaying(false);
    }

    private HBox toolbar() {
        functions.getItems().addAll(TestFunction.values());
        functions.setId("race-function");
        functions.setConverter(new StringConverter<>() {
            @Override
            public String toString(TestFunction f) {
                return f == null ? "" : RaceMap.title(f);
            }

            @Override
            public TestFunction fromString(String text) {
                return functions.getItems().stream().filter(f -> RaceMap.title(f).equals(text)).findFirst().orElse(null);
            }
        });
        functions.setValue(TestFunction.ROSENBROCK);
        functions.setOnAction(e -> {
            if (functions.getValue() != null && (view == null || functions.getValue() != view.function())) {
                setFunction(functions.getValue(), null);
            }
        });
        speed.setId("race-speed");
        for (int s : SPEEDS) {
            speed.getItems().add(s == 0 ? "full speed" : s == 1 ? "1 step/s" : s + " steps/s");
        }
        speed.setValue("20 steps/s");
        play.setId("race-play");
        play.getStyleClass().add("accent");
        play.setOnAction(e -> setPlaying(!playing));
        Button step = new Button("Step");
        step.setId("race-step");
        step.setOnAction(e -> stepAll(1));
        Button reset = new Button("Reset");
        reset.setId("race-reset");
        reset.setOnAction(e -> restart(start));
        status.setId("race-status");
        status.getStyleClass().add("race-muted");
        HBox toolbar = new HBox(8, new Label("Function"), functions, play, step, reset, new Label("Speed"), speed, status);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new Insets(6));
        return toolbar;
    }

    private VBox side() {
        legend.setId("race-legend");
        legend.setHgap(8);
        legend.setVgap(3);
        Label stepHead = new Label("step");
        Label lossHead = new Label("loss");
        stepHead.getStyleClass().add("race-muted");
        lossHead.getStyleClass().add("race-muted");
        legend.addRow(0, new Label(), new Label(), stepHead, lossHead);
        ColumnConstraints right = new ColumnConstraints();
        right.setHalignment(HPos.RIGHT);
        legend.getColumnConstraints().addAll(new ColumnConstraints(), new ColumnConstraints(), right, right);
        for (int i = 0; i < racers.size(); i++) {
            Racer r = racers.get(i);
            tuned.getItems().add(r.name());
            Circle swatch = new Circle(6, r.color);
            swatch.getStyleClass().add("race-swatch");
            Label name = new Label(r.title());
            Label steps = new Label();
            steps.setId("race-step-" + r.name());
            Label loss = new Label();
            loss.setId("race-loss-" + r.name());
            for (Label l : List.of(name, steps, loss)) {
                l.setMinWidth(Region.USE_PREF_SIZE); // numbers are never cut to "…"
                l.getStyleClass().add("race-legend-text");
            }
            stepLabels.add(steps);
            lossLabels.add(loss);
            legend.addRow(i + 1, swatch, name, steps, loss);
        }
        tuned.setId("race-tuned");
        tuned.setConverter(new StringConverter<>() {
            @Override
            public String toString(String id) {
                return racers.stream().filter(r -> r.name().equals(id)).map(Racer::title).findFirst().orElse("");
            }

            @Override
            public String fromString(String title) {
                return racers.stream().filter(r -> r.title().equals(title)).map(Racer::name).findFirst().orElse(null);
            }
        });
        tuned.setOnAction(e -> syncSliders());
        lr.setId("race-lr");
        momentum.setId("race-momentum");
        beta1.setId("race-beta1");
        beta2.setId("race-beta2");
        lr.valueProperty().addListener((o, a, b) -> retune());
        momentum.valueProperty().addListener((o, a, b) -> retune());
        beta1.valueProperty().addListener((o, a, b) -> retune());
        beta2.valueProperty().addListener((o, a, b) -> retune());
        lrLabel.setId("race-lr-value");
        momentumLabel.setId("race-momentum-value");
        beta1Label.setId("race-beta1-value");
        beta2Label.setId("race-beta2-value");
        Label key = new Label("Arrows show directions at each point: white, downhill (−∇f); solid colour, the"
                + " velocity or first moment (momentum, Adam); dashed, the last step of an optimizer that keeps"
                + " no first moment. Click the map to start there.");
        key.setId("race-key");
        key.setWrapText(true);
        key.getStyleClass().add("race-muted");
        Label legendTitle = new Label("Current loss");
        Label tuneTitle = new Label("Tune, live");
        legendTitle.getStyleClass().add("race-heading");
        tuneTitle.getStyleClass().add("race-heading");
        VBox side = new VBox(6, legendTitle, legend, tuneTitle, tuned,
                lrLabel, lr, momentumLabel, momentum, beta1Label, beta1, beta2Label, beta2, key);
        side.setPadding(new Insets(6, 10, 6, 6));
        side.setPrefWidth(300);
        side.setMinWidth(300);
        return side;
    }

    /** Shows {@code f}, every racer starting at {@code from} (or the function's classic start if null). */
    public void setFunction(TestFunction f, double[] from) {
        double[] at = from == null ? f.start() : from;
        view = RaceMap.of(f).including(at[0], at[1]);
        if (functions.getValue() != f) {
            functions.setValue(f);
        }
        formula.setText("f(x, y) = " + f.formula() + "   ✕ = " + (f == TestFunction.SADDLE ? "saddle point"
                : view.marks().size() > 1 ? "minima" : "minimum"));
        renderContour();
        restart(at);
    }

    /** Every racer back to step 0 at {@code from}, with its current hyperparameters. */
    public void restart(double[] from) {
        start = from.clone();
        for (Racer r : racers) {
            r.restart(view.function(), start);
        }
        owedSteps = 0;
        redraw();
    }

    public void setPlaying(boolean on) {
        playing = on;
        lastStepNanos = -1;
        play.setText(on ? "Pause" : "Play");
        runTimer();
    }

    /** Advances every racer by {@code n} steps (a racer that diverged stays where it was). */
    public void stepAll(int n) {
        for (int i = 0; i < n; i++) {
            for (Racer r : racers) {
                r.step();
            }
        }
        redraw();
    }

    /** Chooses one of {@link #SPEEDS} (0 = full speed). */
    public void setSpeed(int stepsPerSecond) {
        for (int i = 0; i < SPEEDS.length; i++) {
            if (SPEEDS[i] == stepsPerSecond) {
                speed.setValue(speed.getItems().get(i));
                return;
            }
        }
        throw new IllegalArgumentException("no speed of " + stepsPerSecond + " steps/s; offered: 1, 5, 20, 100, 0 (full)");
    }

    public boolean isPlaying() {
        return playing;
    }

    /** Steps per second chosen (0 = full speed). */
    int stepsPerSecond() {
        return SPEEDS[Math.max(0, speed.getItems().indexOf(speed.getValue()))];
    }

    /** Steps drawn bold at the end of each path: {@link #TRAIL_SECONDS} of the race at the chosen speed. */
    int trailSteps() {
        int rate = stepsPerSecond() == 0 ? FULL_PER_FRAME * 60 : stepsPerSecond();
        return Math.max(MIN_TRAIL, (int) Math.round(rate * TRAIL_SECONDS));
    }

    /** Called each frame: pays the steps owed at the chosen rate (frame time {@code now} in ns). */
    void tick(long now) {
        if (!playing) {
            return;
        }
        int rate = stepsPerSecond();
        int due;
        if (rate == 0) {
            due = FULL_PER_FRAME;
        } else {
            if (lastStepNanos < 0) {
                lastStepNanos = now;
                owedSteps = 1;
            } else {
                owedSteps += (now - lastStepNanos) * 1e-9 * rate;
                lastStepNanos = now;
            }
            due = (int) Math.min(owedSteps, Math.max(1, rate / 10.0));
            owedSteps -= due;
            owedSteps = Math.min(owedSteps, 1);
        }
        if (due > 0) {
            stepAll(due);
        }
    }

    /** The landscape shown. */
    public TestFunction function() {
        return view.function();
    }

    /** Where every racer started, a new array. */
    public double[] start() {
        return start.clone();
    }

    /** The contestants as they are tuned now, in legend order. */
    public List<Choice<OptimizerType>> optimizers() {
        return racers.stream().map(Racer::choice).toList();
    }

    List<Racer> racers() {
        return racers;
    }

    RaceMap map() {
        return view;
    }

    double toX(double px) {
        return view.minX() + px / MAP * (view.maxX() - view.minX());
    }

    double toY(double py) {
        return view.maxY() - py / MAP * (view.maxY() - view.minY());
    }

    double toPx(double x) {
        return (x - view.minX()) / (view.maxX() - view.minX()) * MAP;
    }

    double toPy(double y) {
        return (view.maxY() - y) / (view.maxY() - view.minY()) * MAP;
    }

    private void retune() {
        if (syncing) {
            return;
        }
        Racer r = selected();
        Choice<OptimizerType> next = r.choice().with("learningRate", Math.pow(10, lr.getValue()));
        OptimizerType type = r.choice().term();
        if (type.param("momentum").isPresent()) {
            next = next.with("momentum", momentum.getValue());
        }
        if (type.param("beta1").isPresent()) {
            next = next.with("beta1", beta1.getValue()).with("beta2", beta2.getValue());
        }
        r.retune(next);
        showHyper(r);
        redraw();
    }

    private Racer selected() {
        int i = Math.max(0, tuned.getItems().indexOf(tuned.getValue()));
        return racers.get(i);
    }

    private void syncSliders() {
        syncing = true;
        Racer r = selected();
        OptimizerType type = r.choice().term();
        lr.setValue(Math.log10(r.choice().value("learningRate")));
        momentum.setDisable(type.param("momentum").isEmpty());
        beta1.setDisable(type.param("beta1").isEmpty());
        beta2.setDisable(type.param("beta2").isEmpty());
        if (!momentum.isDisabled()) {
            momentum.setValue(r.choice().value("momentum"));
        }
        if (!beta1.isDisabled()) {
            beta1.setValue(r.choice().value("beta1"));
            beta2.setValue(r.choice().value("beta2"));
        }
        syncing = false;
        showHyper(r);
    }

    /** The value of each slider in its title, or why it is off for the optimizer tuned. */
    private void showHyper(Racer r) {
        Choice<OptimizerType> c = r.choice();
        lrLabel.setText(String.format(Locale.ROOT, "learning rate η = %.3g (log scale)", c.value("learningRate")));
        momentumLabel.setText(c.term().param("momentum").isPresent()
                ? String.format(Locale.ROOT, "momentum μ = %.3f", c.value("momentum")) : "momentum μ (" + r.title() + " has none)");
        beta1Label.setText(c.term().param("beta1").isPresent()
                ? String.format(Locale.ROOT, "β₁ = %.3f", c.value("beta1")) : "β₁ (" + r.title() + " has none)");
        beta2Label.setText(c.term().param("beta2").isPresent()
                ? String.format(Locale.ROOT, "β₂ = %.4f", c.value("beta2")) : "β₂ (" + r.title() + " has none)");
    }

    /** Fills the contour image once: log10(f − min + 1e-3) quantized into {@link #LEVELS} bands. */
    private void renderContour() {
        TestFunction f = view.function();
        double[] logs = new double[MAP * MAP];
        minValue = Double.POSITIVE_INFINITY;
        for (int py = 0; py < MAP; py++) {
            for (int px = 0; px < MAP; px++) {
                minValue = Math.min(minValue, f.value(toX(px + 0.5), toY(py + 0.5)));
            }
        }
        logMin = Double.POSITIVE_INFINITY;
        logMax = Double.NEGATIVE_INFINITY;
        for (int py = 0; py < MAP; py++) {
            for (int px = 0; px < MAP; px++) {
                double v = Math.log10(f.value(toX(px + 0.5), toY(py + 0.5)) - minValue + 1e-3);
                logs[py * MAP + px] = v;
                logMin = Math.min(logMin, v);
                logMax = Math.max(logMax, v);
            }
        }
        contour = new WritableImage(MAP, MAP);
        PixelWriter w = contour.getPixelWriter();
        for (int i = 0; i < logs.length; i++) {
            w.setColor(i % MAP, i / MAP, levelColor(level(logs[i])));
        }
        drawColourBar();
    }

    /** The bands from high (top) to low, labelled every fourth level with the value of f there. */
    private void drawColourBar() {
        GraphicsContext g = barBands.getGraphicsContext2D();
        g.clearRect(0, 0, barBands.getWidth(), barBands.getHeight());
        double band = (MAP - 20.0) / LEVELS;
        for (int k = 0; k < LEVELS; k++) {
            g.setFill(levelColor(LEVELS - 1 - k));
            g.fillRect(0, 10 + k * band, 18, band + 1);
        }
        bar.getChildren().setAll(barBands);
        for (int k = 0; k <= LEVELS; k += 4) {
            double value = Math.pow(10, logMax - k * (logMax - logMin) / LEVELS) + minValue - 1e-3;
            Label label = new Label(barLabel(value));
            label.getStyleClass().add("race-bar-label");
            label.setMinWidth(Region.USE_PREF_SIZE);
            label.setLayoutX(24);
            label.setLayoutY(10 + k * band - 9);
            bar.getChildren().add(label);
        }
    }

    /** A colour bar value in at most five characters' worth of digits: 2490, 2.49, 0.0312, 3.1e-3. */
    static String barLabel(double value) {
        double a = Math.abs(value);
        if (a < 5e-4) {
            return a < 1e-12 ? "0" : String.format(Locale.ROOT, "%.1e", value).replace("e-0", "e-");
        }
        if (a >= 1e5) {
            return String.format(Locale.ROOT, "%.1e", value).replace("e+0", "e").replace("e+", "e");
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }

    private int level(double log) {
        return (int) Math.min(LEVELS - 1, Math.max(0, (log - logMin) / (logMax - logMin) * LEVELS));
    }

    /** Dark blue (low) through teal to pale yellow (high), a viridis-like ramp. */
    private static Color levelColor(int k) {
        double t = k / (LEVELS - 1.0);
        return Color.hsb(250 - 190 * t, 0.75 - 0.35 * t, 0.25 + 0.7 * t);
    }

    private void redraw() {
        GraphicsContext g = map.getGraphicsContext2D();
        g.drawImage(contour, 0, 0);
        g.setLineCap(StrokeLineCap.ROUND);
        for (double[] m : view.marks()) {
            double px = toPx(m[0]);
            double py = toPy(m[1]);
            cross(g, px, py, Color.BLACK, 4.5);
            cross(g, px, py, Color.web("#ff3b3b"), 2.5);
        }
        int trail = trailSteps();
        for (Racer r : racers) {
            drawPath(g, r, trail);
        }
        for (Racer r : racers) {
            drawHead(g, r);
        }
        for (int i = 0; i < racers.size(); i++) {
            Racer r = racers.get(i);
            stepLabels.get(i).setText(Integer.toString(r.walker().stepCount()));
            lossLabels.get(i).setText(r.walker().diverged() ? "diverged"
                    : String.format(Locale.ROOT, "%.4g", r.walker().loss()));
        }
        status.setText(String.format(Locale.ROOT, "start (%.3g, %.3g)", start[0], start[1]));
    }

    private static void cross(GraphicsContext g, double px, double py, Color color, double width) {
        g.setStroke(color);
        g.setLineWidth(width);
        g.strokeLine(px - 7, py - 7, px + 7, py + 7);
        g.strokeLine(px - 7, py + 7, px + 7, py - 7);
    }

    /**
     * The path: all of it as a thin line over a dark edge (readable on every level), then its last
     * {@code trail} steps bold, in six pieces that fade in towards the current point.
     */
    private void drawPath(GraphicsContext g, Racer r, int trail) {
        int n = r.size();
        int from = Math.max(0, n - 1 - trail);
        int stride = Math.max(1, from / MAX_PATH_POINTS);
        polyline(g, r, 0, from, stride, Color.color(0, 0, 0, 0.55), 3.4);
        polyline(g, r, 0, from, stride, r.color.deriveColor(0, 1, 1, 0.8), 1.6);
        int pieces = 6;
        for (int p = 0; p < pieces; p++) {
            int a = from + (n - 1 - from) * p / pieces;
            int b = from + (n - 1 - from) * (p + 1) / pieces;
            if (b > a) {
                int step = Math.max(1, (b - a) / MAX_PATH_POINTS);
                polyline(g, r, a, b, step, Color.color(0, 0, 0, 0.6), 5.5);
                polyline(g, r, a, b, step, r.color.deriveColor(0, 1, 1, 0.45 + 0.55 * (p + 1) / pieces), 3.5);
            }
        }
    }

    /** Points {@code from}..{@code to} of the path, every {@code stride}-th one (and the last) when it is long. */
    private void polyline(GraphicsContext g, Racer r, int from, int to, int stride, Color color, double width) {
        if (to <= from) {
            return;
        }
        g.setStroke(color);
        g.setLineWidth(width);
        g.beginPath();
        g.moveTo(toPx(r.x(from)), toPy(r.y(from)));
        for (int i = from + stride; i < to; i += stride) {
            g.lineTo(toPx(r.x(i)), toPy(r.y(i)));
        }
        g.lineTo(toPx(r.x(to)), toPy(r.y(to)));
        g.stroke();
    }

    /** The current point, the downhill arrow, and the velocity or first moment (else the last step). */
    private void drawHead(GraphicsContext g, Racer r) {
        int n = r.size();
        double px = toPx(r.x(n - 1));
        double py = toPy(r.y(n - 1));
        double[] grad = r.walker().gradient();
        arrow(g, px, py, -grad[0], -grad[1], Color.WHITE, false);
        double[] heading = r.walker().heading();
        if (heading != null) {
            arrow(g, px, py, heading[0], heading[1], r.color, false);
        } else if (n > 1) {
            arrow(g, px, py, r.x(n - 1) - r.x(n - 2), r.y(n - 1) - r.y(n - 2), r.color, true);
        }
        g.setFill(r.color);
        g.fillOval(px - 6, py - 6, 12, 12);
        g.setStroke(Color.BLACK);
        g.setLineWidth(1.5);
        g.strokeOval(px - 6, py - 6, 12, 12);
    }

    /** A 40 px arrow along (dx, dy) in plane coordinates over a dark edge (nothing if the vector is zero). */
    private void arrow(GraphicsContext g, double px, double py, double dx, double dy, Color color, boolean dashed) {
        double sx = dx / (view.maxX() - view.minX());
        double sy = -dy / (view.maxY() - view.minY());
        double len = Math.hypot(sx, sy);
        if (!(len > 0) || !Double.isFinite(len)) {
            return;
        }
        double ux = sx / len * 40;
        double uy = sy / len * 40;
        for (int pass = 0; pass < 2; pass++) {
            g.setStroke(pass == 0 ? Color.color(0, 0, 0, 0.6) : color);
            g.setLineWidth(pass == 0 ? 4.5 : 2.5);
            g.setLineDashes(dashed ? new double[]{6, 4} : null);
            g.strokeLine(px, py, px + ux, py + uy);
            g.setLineDashes(null);
            double ax = px + ux;
            double ay = py + uy;
            double bx = -uy * 0.25;
            double by = ux * 0.25;
            g.strokeLine(ax, ay, ax - ux * 0.3 + bx, ay - uy * 0.3 + by);
            g.strokeLine(ax, ay, ax - ux * 0.3 - bx, ay - uy * 0.3 - by);
        }
        arrows++;
    }

    /** Arrows drawn so far (tests check that arrows are drawn). */
    int arrowCount() {
        return arrows;
    }

    Slider learningRateSlider() {
        return lr;
    }

    ComboBox<String> tunedOptimizer() {
        return tuned;
    }

    ComboBox<String> speedControl() {
        return speed;
    }

    ComboBox<TestFunction> functionChooser() {
        return functions;
    }
}
