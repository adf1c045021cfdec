package dev.descent.ui.race;

import dev.descent.engine.landscape.TestFunction;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.vocab.Choice;
import dev.descent.engine.vocab.Param;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The optimizer race: several optimizers walk the same 2-D test function from the same start, drawn
 * over a filled contour map (log-spaced levels, rendered once into an image per function). Stepping is
 * the engine's {@link dev.descent.engine.landscape.TrajectoryStepper}; this class only schedules and draws.
 * One {@link AnimationTimer} paces the steps at the chosen rate and redraws the overlay.
 */
public final class RaceView extends BorderPane {
    /** Steps per second offered; 0 means full speed (up to {@link #FULL_PER_FRAME} steps per frame). */
    static final int[] SPEEDS = {1, 5, 20, 100, 0};
    static final int FULL_PER_FRAME = 20;
    static final int MAP = 560;
    static final int LEVELS = 24;
    private static final int TRAIL = 60;

    private final Canvas map = new Canvas(MAP, MAP);
    private final Canvas bar = new Canvas(70, MAP);
    private final List<Racer> racers = new ArrayList<>();
    private final VBox legend = new VBox(4);
    private final List<Label> legendLines = new ArrayList<>();
    private final ComboBox<TestFunction> functions = new ComboBox<>();
    private final ComboBox<String> speed = new ComboBox<>();
    private final ComboBox<String> tuned = new ComboBox<>();
    private final Slider lr = new Slider(-5, 0, -2);
    private final Slider momentum = new Slider(0, 0.99, 0.9);
    private final Slider beta1 = new Slider(0, 0.99, 0.9);
    private final Slider beta2 = new Slider(0.9, 0.9999, 0.999);
    private final Label hyper = new Label();
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
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            tick(now);
        }
    };

    public RaceView() {
        setId("race-view");
        map.setId("race-map");
        racers.add(new Racer(Choice.of(OptimizerType.SGD).with("learningRate", 0.001), Color.web("#ffffff")));
        racers.add(new Racer(Choice.of(OptimizerType.MOMENTUM).with("learningRate", 0.001), Color.web("#ff4fa0")));
        racers.add(new Racer(Choice.of(OptimizerType.RMSPROP).with("learningRate", 0.01), Color.web("#ffd21f")));
        racers.add(new Racer(Choice.of(OptimizerType.ADAGRAD).with("learningRate", 0.5), Color.web("#3fe0ff")));
        racers.add(new Racer(Choice.of(OptimizerType.ADAM).with("learningRate", 0.05), Color.web("#7dff5a")));
        functions.getItems().addAll(TestFunction.values());
        functions.setId("race-function");
        functions.setValue(TestFunction.ROSENBROCK);
        functions.setOnAction(e -> setFunction(functions.getValue(), null));
        speed.setId("race-speed");
        for (int s : SPEEDS) {
            speed.getItems().add(s == 0 ? "full" : s + " steps/s");
        }
        speed.setValue("20 steps/s");
        play.setId("race-play");
        play.setOnAction(e -> setPlaying(!playing));
        Button step = new Button("Step");
        step.setId("race-step");
        step.setOnAction(e -> stepAll(1));
        Button reset = new Button("Reset");
        reset.setId("race-reset");
        reset.setOnAction(e -> restart(start));
        HBox toolbar = new HBox(8, new Label("Function"), functions, play, step, reset, new Label("Speed"), speed, status);
        toolbar.setPadding(new Insets(6));
        setTop(toolbar);
        map.setOnMouseClicked(e -> restart(new double[]{toX(e.getX()), toY(e.getY())}));
        setCenter(new HBox(6, map, bar));
        lr.setId("race-lr");
        momentum.setId("race-momentum");
        beta1.setId("race-beta1");
        beta2.setId("race-beta2");
        tuned.setId("race-tuned");
        for (Racer r : racers) {
            tuned.getItems().add(r.name());
            Label line = new Label();
            line.setId("race-legend-" + r.name());
            line.setTextFill(r.color.darker());
            line.setFont(Font.font(14));
            legendLines.add(line);
        }
        legend.setId("race-legend");
        legend.getChildren().addAll(legendLines);
        tuned.setOnAction(e -> syncSliders());
        lr.valueProperty().addListener((o, a, b) -> retune());
        momentum.valueProperty().addListener((o, a, b) -> retune());
        beta1.valueProperty().addListener((o, a, b) -> retune());
        beta2.valueProperty().addListener((o, a, b) -> retune());
        VBox side = new VBox(6, new Label("Legend (current loss)"), legend, new Label("Tune"), tuned,
                new Label("learning rate (log scale)"), lr, new Label("momentum μ"), momentum,
                new Label("β₁"), beta1, new Label("β₂"), beta2, hyper,
                new Label("white arrow: −gradient; coloured: −(first optimizer state)"));
        side.setPadding(new Insets(6));
        side.setPrefWidth(260);
        setRight(side);
        tuned.setValue(racers.get(0).name());
        setFunction(TestFunction.ROSENBROCK, null);
        sceneProperty().addListener((o, a, b) -> {
            if (b == null) {
                timer.stop();
            } else {
                timer.start();
            }
        });
    }

    /** Shows {@code f}, every racer starting at {@code from} (or the function's classic start if null). */
    public void setFunction(TestFunction f, double[] from) {
        view = RaceMap.of(f);
        if (functions.getValue() != f) {
            functions.setValue(f);
        }
        renderContour();
        restart(from == null ? f.start() : from);
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

    /** Steps per second chosen (0 = full speed). */
    int stepsPerSecond() {
        return SPEEDS[Math.max(0, speed.getItems().indexOf(speed.getValue()))];
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

    private void showHyper(Racer r) {
        StringBuilder text = new StringBuilder(r.name());
        for (Param p : r.choice().term().params()) {
            if (p.key().equals("learningRate") || p.key().equals("momentum") || p.key().startsWith("beta")) {
                text.append(String.format(Locale.ROOT, "\n%s = %.4g", p.key(), r.choice().value(p.key())));
            }
        }
        hyper.setText(text.toString());
        hyper.setId("race-hyper");
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
        GraphicsContext g = bar.getGraphicsContext2D();
        g.clearRect(0, 0, bar.getWidth(), bar.getHeight());
        double band = (MAP - 20.0) / LEVELS;
        g.setFont(Font.font(11));
        for (int k = 0; k < LEVELS; k++) {
            g.setFill(levelColor(LEVELS - 1 - k));
            g.fillRect(2, 10 + k * band, 16, band + 1);
        }
        g.setFill(Color.BLACK);
        for (int k = 0; k <= LEVELS; k += 4) {
            double value = Math.pow(10, logMax - k * (logMax - logMin) / LEVELS) + minValue - 1e-3;
            g.fillText(String.format(Locale.ROOT, "%.3g", value), 22, 14 + k * band);
        }
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
        g.setStroke(Color.RED);
        g.setLineWidth(2.5);
        for (double[] m : view.marks()) {
            double px = toPx(m[0]);
            double py = toPy(m[1]);
            g.strokeLine(px - 7, py - 7, px + 7, py + 7);
            g.strokeLine(px - 7, py + 7, px + 7, py - 7);
        }
        for (Racer r : racers) {
            drawPath(g, r);
        }
        for (int i = 0; i < racers.size(); i++) {
            Racer r = racers.get(i);
            legendLines.get(i).setText(String.format(Locale.ROOT, "● %-8s step %d  loss %.4g%s", r.name(),
                    r.walker().stepCount(), r.walker().loss(), r.walker().diverged() ? "  (diverged)" : ""));
        }
        status.setText(String.format(Locale.ROOT, "start (%.3g, %.3g)", start[0], start[1]));
    }

    private void drawPath(GraphicsContext g, Racer r) {
        int n = r.size();
        g.setLineWidth(1.2);
        g.setStroke(r.color.deriveColor(0, 1, 1, 0.35));
        g.beginPath();
        g.moveTo(toPx(r.x(0)), toPy(r.y(0)));
        for (int i = 1; i < n; i++) {
            g.lineTo(toPx(r.x(i)), toPy(r.y(i)));
        }
        g.stroke();
        g.setLineWidth(3);
        int from = Math.max(1, n - TRAIL);
        for (int i = from; i < n; i++) {
            double alpha = 0.3 + 0.7 * (i - from + 1) / (double) (n - from);
            g.setStroke(r.color.deriveColor(0, 1, 1, alpha));
            g.strokeLine(toPx(r.x(i - 1)), toPy(r.y(i - 1)), toPx(r.x(i)), toPy(r.y(i)));
        }
        double px = toPx(r.x(n - 1));
        double py = toPy(r.y(n - 1));
        g.setFill(r.color);
        g.fillOval(px - 6, py - 6, 12, 12);
        g.setStroke(Color.BLACK);
        g.setLineWidth(1);
        g.strokeOval(px - 6, py - 6, 12, 12);
        double[] grad = r.walker().gradient();
        arrow(g, px, py, -grad[0], -grad[1], Color.WHITE);
        for (INDArray s : r.walker().state().values()) {
            arrow(g, px, py, -s.getDouble(0), -s.getDouble(1), r.color);
            break;
        }
    }

    /** A 40 px arrow along (dx, dy) in plane coordinates (nothing if the vector is zero). */
    private void arrow(GraphicsContext g, double px, double py, double dx, double dy, Color color) {
        double sx = dx / (view.maxX() - view.minX());
        double sy = -dy / (view.maxY() - view.minY());
        double len = Math.hypot(sx, sy);
        if (!(len > 0) || !Double.isFinite(len)) {
            return;
        }
        double ux = sx / len * 40;
        double uy = sy / len * 40;
        g.setStroke(color);
        g.setLineWidth(2.5);
        g.strokeLine(px, py, px + ux, py + uy);
        double ax = px + ux;
        double ay = py + uy;
        double bx = -uy * 0.25;
        double by = ux * 0.25;
        g.strokeLine(ax, ay, ax - ux * 0.3 + bx, ay - uy * 0.3 + by);
        g.strokeLine(ax, ay, ax - ux * 0.3 - bx, ay - uy * 0.3 - by);
        arrows++;
    }

    int arrows;

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
}
