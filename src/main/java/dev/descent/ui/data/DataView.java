package dev.descent.ui.data;

import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.Task;
import dev.descent.engine.graph.Problem;
import dev.descent.engine.train.LockstepComparison;
import dev.descent.ui.model.DataModel;
import dev.descent.ui.model.RunColors;
import dev.descent.ui.model.SelectionModel;
import dev.descent.ui.model.Theme;
import dev.descent.ui.model.TrainingSession;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * The dataset, drawn: a scatter coloured by class (or y against x for regression) with the focus run's
 * decision boundary (or prediction curve) behind it, or thumbnails for image data. The boundary is
 * refreshed from the run's own thread through {@link LockstepComparison#predict} at most
 * {@value #REQUESTS_PER_SECOND} times a second with at most one request outstanding, and once more
 * after training ends or a step is taken. Redraws only when something it shows changed. FX thread
 * only.
 */
public final class DataView extends VBox {
    /** Most prediction requests per second while training. */
    static final int REQUESTS_PER_SECOND = 3;
    private static final long MIN_INTERVAL = TimeUnit.SECONDS.toNanos(1) / REQUESTS_PER_SECOND;
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(3);

    static final String STYLE = "data-view";
    static final String TITLE = "data-title";
    static final String NOTE = "data-note";

    private final DataModel data;
    private final TrainingSession session;
    private final SelectionModel selection;
    private final Theme theme;
    private final LongSupplier clock;
    private final Label title = new Label();
    private final Label note = new Label();
    /** One canvas per {@link DataPainter.Layer}, bottom to top. */
    private final Canvas canvas = new Canvas();
    private final Canvas pointsLayer = new Canvas();
    private final Canvas curveLayer = new Canvas();
    /** Whether the points layer was last drawn over a boundary (its grid lines are fainter then). */
    private boolean pointsOverBoundary;
    private final Throttle throttle = new Throttle(MIN_INTERVAL, TIMEOUT);

    private Dataset dataset;
    private PlotRange range;
    private PredictionGrid grid;
    /** The comparison the current picture belongs to, and the dataset it was trained on. */
    private LockstepComparison comparison;
    private Dataset trainedOn;
    private int focus;
    /** Steps of the focus run when the last request was sent (-1: none since the picture was cleared). */
    private long requestedSteps = -1;
    private long generation;
    private double[] predictions;
    private WritableImage boundary;
    private double[] curveY;
    private long shownSteps = -1;
    private long requests;

    public DataView(DataModel data, TrainingSession session, SelectionModel selection, Theme theme) {
        this(data, session, selection, theme, System::nanoTime);
    }

    DataView(DataModel data, TrainingSession session, SelectionModel selection, Theme theme, LongSupplier clock) {
        this.data = data;
        this.session = session;
        this.selection = selection;
        this.theme = theme;
        this.clock = clock;
        setId("data-view");
        getStyleClass().add(STYLE);
        getStylesheets().add(DataView.class.getResource("data.css").toExternalForm());
        title.getStyleClass().add(TITLE);
        note.getStyleClass().add(NOTE);
        title.setMinWidth(0);
        note.setMinWidth(0);
        // a narrow panel (presenter mode's large text) wraps the title and the note instead of cutting them
        title.setWrapText(true);
        note.setWrapText(true);
        // and keeps the lines it wraps to: a label's minimum is one line, so a short panel cut it to one
        // line and "…"; the map below gives way instead
        title.setMinHeight(Region.USE_PREF_SIZE);
        note.setMinHeight(Region.USE_PREF_SIZE);
        Pane holder = new Pane(canvas, pointsLayer, curveLayer);
        holder.setMinSize(0, 0);
        for (Canvas layer : new Canvas[] {canvas, pointsLayer, curveLayer}) {
            layer.widthProperty().bind(holder.widthProperty());
            layer.heightProperty().bind(holder.heightProperty());
            layer.setMouseTransparent(true);
        }
        canvas.widthProperty().addListener(o -> paint());
        canvas.heightProperty().addListener(o -> paint());
        VBox.setVgrow(holder, Priority.ALWAYS);
        getChildren().addAll(title, note, holder);
        setMinSize(0, 0);

        data.datasetProperty().addListener(o -> onData());
        data.loadingProperty().addListener(o -> onData());
        data.problems().addListener((ListChangeListener<Problem>) c -> updateText());
        session.frameProperty().addListener(o -> onFrame());
        session.comparisonProperty().addListener(o -> onFrame());
        selection.focusRunProperty().addListener(o -> onFrame());
        javafx.beans.InvalidationListener restyle = o -> {
            if (boundary != null) {
                boundary = grid.image(predictions, palette().background());
            }
            paint();
        };
        theme.darkProperty().addListener(restyle);
        theme.presenterProperty().addListener(restyle);
        onData();
    }

    private void onData() {
        Dataset now = data.dataset();
        if (now == dataset) {
            updateText();
            return;
        }
        dataset = now;
        range = now == null ? null : PlotRange.of(now);
        grid = gridFor(now, range);
        clearPrediction();
        updateText();
        paint();
        onFrame();
    }

    private static PredictionGrid gridFor(Dataset d, PlotRange range) {
        if (d == null || d.isImages()) {
            return null;
        }
        if (d.task() == Task.CLASSIFICATION && d.features() == 2) {
            return PredictionGrid.boundary(range, PredictionGrid.BOUNDARY_CELLS);
        }
        if (d.task() == Task.REGRESSION && d.features() == 1) {
            return PredictionGrid.curve(range, PredictionGrid.CURVE_POINTS);
        }
        return null;
    }

    private void clearPrediction() {
        generation++;
        predictions = null;
        boundary = null;
        curveY = null;
        shownSteps = -1;
        requestedSteps = -1;
        throttle.answered();
    }

    /** Every frame: follow the comparison and the focus run, and ask for predictions when due. */
    private void onFrame() {
        LockstepComparison c = session.comparisonProperty().get();
        int f = focusIndex(c);
        if (c != comparison || f != focus) {
            if (c != comparison) {
                trainedOn = c == null ? null : dataset;
            }
            comparison = c;
            focus = f;
            clearPrediction();
            updateText();
            paint();
        }
        if (c == null || grid == null || f < 0 || dataset != trainedOn) {
            return;
        }
        long steps = c.history(f).trainLoss().totalPoints();
        long now = clock.getAsLong();
        if (steps > 0 && steps != requestedSteps && steps != shownSteps && throttle.mayAsk(now)) {
            request(c, f, steps, now);
        }
    }

    /** Asks run {@code run} to predict the grid; the answer comes back on the FX thread. */
    private void request(LockstepComparison c, int run, long steps, long now) {
        requestedSteps = steps;
        throttle.sent(now);
        requests++;
        long token = generation;
        PredictionGrid asked = grid;
        c.predict(run, asked.rows(), asked.features(), result -> {
            // on the run's thread, between steps: the history says exactly which step these weights are from
            long at = c.history(run).trainLoss().totalPoints();
            Platform.runLater(() -> answered(token, asked, at, result));
        });
    }

    private void answered(long token, PredictionGrid asked, long steps, double[] result) {
        if (token != generation || asked != grid) {
            return; // the picture moved on (reset, another run, other data)
        }
        throttle.answered();
        predictions = result;
        if (asked.isBoundary()) {
            boundary = asked.image(result, palette().background());
        } else {
            curveY = asked.curve(result);
        }
        shownSteps = steps;
        updateText();
        paintPrediction();
        onFrame(); // training may have moved on while we waited
    }

    private int focusIndex(LockstepComparison c) {
        if (c == null) {
            return -1;
        }
        int f = selection.focusRunProperty().get();
        return f >= 0 && f < c.runCount() ? f : 0;
    }

    private void updateText() {
        if (dataset == null) {
            title.setText("Data");
            if (data.loadingProperty().get()) {
                note.setText("Loading the data…");
            } else if (!data.problems().isEmpty()) {
                note.setText("Could not load the data: " + data.problems().get(0).message());
            } else {
                note.setText("No data");
            }
            return;
        }
        title.setText(describe(dataset));
        note.setText(noteText());
    }

    static String describe(Dataset d) {
        String name = d.name().isEmpty() ? "Data" : Character.toUpperCase(d.name().charAt(0)) + d.name().substring(1);
        StringBuilder s = new StringBuilder(name);
        s.append(String.format(Locale.ROOT, " · %,d examples", d.size()));
        if (d.isImages()) {
            s.append(" · ").append(d.imageWidth()).append('×').append(d.imageHeight()).append(" images");
        } else {
            s.append(String.format(Locale.ROOT, " · %,d feature%s", d.features(), d.features() == 1 ? "" : "s"));
        }
        if (d.task() == Task.CLASSIFICATION) {
            s.append(String.format(Locale.ROOT, " · %d classes", d.classCount()));
        } else {
            s.append(d.targetCount() == 1 ? " · regression" : " · regression, " + d.targetCount() + " targets");
        }
        return s.toString();
    }

    private String noteText() {
        if (dataset.isImages()) {
            return String.format(Locale.ROOT, "The first %d examples", Math.min(DataPainter.THUMBNAILS, dataset.size()));
        }
        String thinned = dataset.size() > DataPainter.MAX_POINTS
                ? String.format(Locale.ROOT, " (%,d of them drawn)", (dataset.size() + stride() - 1) / stride()) : "";
        if (grid == null) {
            String axes = dataset.task() == Task.REGRESSION ? "the target against the first feature"
                    : "the first two features";
            return "Showing " + axes + thinned + "; predictions are drawn for one input (regression) or two (classes)";
        }
        String what = grid.isBoundary() ? "Decision boundary" : "Prediction";
        if (comparison == null) {
            return "Train to see the " + what.toLowerCase(Locale.ROOT) + " of the selected run" + thinned;
        }
        if (dataset != trainedOn) {
            return "The data changed since training started: train again to see the " + what.toLowerCase(Locale.ROOT);
        }
        String run = comparison.run(focus).name();
        if (shownSteps < 0) {
            return what + " of " + run + ": waiting for the run…";
        }
        return String.format(Locale.ROOT, "%s of %s after step %,d%s", what, run, shownSteps, thinned);
    }

    private int stride() {
        return Math.max(1, (dataset.size() + DataPainter.MAX_POINTS - 1) / DataPainter.MAX_POINTS);
    }

    private DataPainter.Palette palette() {
        Color bg = Color.web(theme.background());
        Color fg = Color.web(theme.foreground());
        return new DataPainter.Palette(bg, fg, fg.interpolate(bg, 0.35), Color.web(theme.grid()));
    }

    /** Repaints every layer (data, size, theme or run changed). */
    private void paint() {
        paintLayer(canvas, DataPainter.Layer.BACKDROP);
        paintLayer(pointsLayer, DataPainter.Layer.POINTS);
        paintLayer(curveLayer, DataPainter.Layer.CURVE);
        pointsOverBoundary = boundary != null;
    }

    /**
     * Repaints what a new prediction changes: the boundary or the curve. The points layer, thousands of
     * shapes, is left as it is (unless the grid under it must fade for a first boundary), so the renderer
     * only recomposes it.
     */
    private void paintPrediction() {
        if ((boundary != null) != pointsOverBoundary) {
            paint();
        } else if (boundary != null) {
            paintLayer(canvas, DataPainter.Layer.BACKDROP);
        } else {
            paintLayer(curveLayer, DataPainter.Layer.CURVE);
        }
    }

    private void paintLayer(Canvas layer, DataPainter.Layer which) {
        double w = layer.getWidth();
        double h = layer.getHeight();
        if (w <= 0 || h <= 0) {
            return;
        }
        double[] xs = null;
        if (curveY != null) {
            xs = new double[curveY.length];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = grid.curveX(i);
            }
        }
        Color runColor = Color.web(RunColors.of(Math.max(0, focus)));
        // presenter mode draws the same picture at its scale: fonts, margins, points and lines all grow,
        // drawn as vectors at the canvas's own resolution (sharp, unlike a scaled bitmap)
        GraphicsContext g = layer.getGraphicsContext2D();
        double scale = theme.scale();
        g.save();
        g.scale(scale, scale);
        DataPainter.paint(g, w / scale, h / scale,
                new DataPainter.Picture(dataset, range, boundary, xs, curveY, runColor, palette()), which);
        g.restore();
    }

    // ---- for tests ----

    /** The current decision-boundary image, or null. */
    WritableImage boundaryImage() {
        return boundary;
    }

    /** The current regression prediction curve, or null. */
    double[] predictionCurve() {
        return curveY;
    }

    /** Prediction requests sent so far. */
    long requestCount() {
        return requests;
    }

    /** Step of the focus run the shown prediction belongs to, or -1. */
    long shownStep() {
        return shownSteps;
    }

    String titleText() {
        return title.getText();
    }

    String noteText0() {
        return note.getText();
    }
}
