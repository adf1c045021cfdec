package dev.descent.ui.data;

import dev.descent.engine.data.Dataset;
import dev.descent.engine.data.Task;
import dev.descent.engine.train.LockstepComparison;
import dev.descent.ui.model.DataModel;
import dev.descent.ui.model.RunColors;
import dev.descent.ui.model.Theme;
import dev.descent.ui.model.TrainingSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * The decision boundary (two-feature classification) or prediction curve (one-feature regression) of
 * every run side by side, one cell per run of the file (its first member; each sweep point is a run), all
 * over the same data rectangle ({@link PlotRange} of the data), live: each cell asks its run to predict at
 * most {@value #REQUESTS_PER_SECOND} times a second while the grid shows, and redraws when it answers.
 * FX thread only.
 */
public final class BoundaryMultiples extends dev.descent.ui.CellGrid {
    static final int REQUESTS_PER_SECOND = 2;
    /** Cells per side of each small boundary (the data view's own has {@link PredictionGrid#BOUNDARY_CELLS}). */
    static final int CELLS = 40;
    /** Most cells shown (a sweep's points beyond it are on the Compare tab's stability map). */
    public static final int MAX_CELLS = 36;
    /** The smallest a cell is readable at, before the presenter's scale: a title over a 160 x 110 picture. */
    static final double CELL_WIDTH = 170;
    static final double CELL_HEIGHT = 140;
    private static final long MIN_INTERVAL = TimeUnit.SECONDS.toNanos(1) / REQUESTS_PER_SECOND;
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(3);

    private final DataModel data;
    private final TrainingSession session;
    private final Theme theme;
    private final List<Cell> cells = new ArrayList<>();
    private LockstepComparison shown;
    private Dataset trainedOn;
    private PlotRange range;
    private PredictionGrid grid;
    private long generation;

    /** One run's picture. */
    private final class Cell extends VBox {
        final String run;
        final int member;
        final Label title = new Label();
        final Canvas backdrop = new Canvas();
        final Canvas points = new Canvas();
        final Canvas curve = new Canvas();
        final Throttle throttle = new Throttle(MIN_INTERVAL, TIMEOUT);
        WritableImage boundary;
        double[] curveY;
        long shownSteps = -1;
        long requestedSteps = -1;

        Cell(String run, int member) {
            this.run = run;
            this.member = member;
            getStyleClass().add("boundary-multiple");
            setUserData(run);
            title.getStyleClass().add(DataView.NOTE);
            title.setMinWidth(0);
            title.setText(run);
            Pane holder = new Pane(backdrop, points, curve);
            holder.setMinSize(0, 0);
            for (Canvas layer : new Canvas[] {backdrop, points, curve}) {
                layer.widthProperty().bind(holder.widthProperty());
                layer.heightProperty().bind(holder.heightProperty());
                layer.setMouseTransparent(true);
            }
            backdrop.widthProperty().addListener(o -> paint());
            backdrop.heightProperty().addListener(o -> paint());
            VBox.setVgrow(holder, Priority.ALWAYS);
            getChildren().addAll(title, holder);
            setMinSize(0, 0);
        }

        void paint() {
            double w = backdrop.getWidth();
            double h = backdrop.getHeight();
            if (w <= 0 || h <= 0 || range == null) {
                return;
            }
            double[] xs = null;
            if (curveY != null) {
                xs = new double[curveY.length];
                for (int i = 0; i < xs.length; i++) {
                    xs[i] = grid.curveX(i);
                }
            }
            DataPainter.Picture p = new DataPainter.Picture(trainedOn, range, boundary, xs, curveY,
                    Color.web(RunColors.of(cells.indexOf(this))), palette());
            DataPainter.paint(backdrop.getGraphicsContext2D(), w, h, p, DataPainter.Layer.BACKDROP);
            DataPainter.paint(points.getGraphicsContext2D(), w, h, p, DataPainter.Layer.POINTS);
            DataPainter.paint(curve.getGraphicsContext2D(), w, h, p, DataPainter.Layer.CURVE);
        }
    }

    public BoundaryMultiples(DataModel data, TrainingSession session, Theme theme) {
        super(CELL_WIDTH, CELL_HEIGHT);
        this.data = data;
        this.session = session;
        this.theme = theme;
        setId("boundary-multiples");
        getStylesheets().add(DataView.class.getResource("data.css").toExternalForm());
        getStyleClass().add(DataView.STYLE);
        scaleWith(theme);
        rebuild(null); // until the first Train: what will show here
        session.frameProperty().addListener(o -> onFrame());
        session.comparisonProperty().addListener(o -> onFrame());
        theme.darkProperty().addListener(o -> cells.forEach(c -> {
            if (c.boundary != null) {
                c.boundary = grid.image(predictionsOf(c), palette().background());
            }
            c.paint();
        }));
        dev.descent.ui.Shown.onShown(this, this::onFrame);
    }

    private final Map<Cell, double[]> answers = new java.util.HashMap<>();

    private double[] predictionsOf(Cell c) {
        return answers.get(c);
    }

    /** Follows the comparison now and asks each run for its picture if due. */
    public void refresh() {
        onFrame();
    }

    /** Every frame while showing: follow the comparison, and ask each run for its picture when due. */
    void onFrame() {
        LockstepComparison c = session.comparisonProperty().get();
        if (c != shown) {
            shown = c;
            trainedOn = c == null ? null : data.dataset();
            rebuild(c);
        }
        if (c == null || grid == null || !dev.descent.ui.Shown.isShown(this) || data.dataset() != trainedOn) {
            return;
        }
        long now = System.nanoTime();
        for (Cell cell : cells) {
            long steps = c.history(cell.member).trainLoss().totalPoints();
            if (steps > 0 && steps != cell.requestedSteps && steps != cell.shownSteps && cell.throttle.mayAsk(now)) {
                request(c, cell, steps, now);
            }
        }
    }

    private void request(LockstepComparison c, Cell cell, long steps, long now) {
        cell.requestedSteps = steps;
        cell.throttle.sent(now);
        long token = generation;
        PredictionGrid asked = grid;
        c.predict(cell.member, asked.rows(), asked.features(), result -> {
            long at = c.history(cell.member).trainLoss().totalPoints();
            Platform.runLater(() -> answered(token, cell, asked, at, result));
        });
    }

    private void answered(long token, Cell cell, PredictionGrid asked, long steps, double[] result) {
        if (token != generation || asked != grid) {
            return;
        }
        cell.throttle.answered();
        answers.put(cell, result);
        if (asked.isBoundary()) {
            cell.boundary = asked.image(result, palette().background());
        } else {
            cell.curveY = asked.curve(result);
        }
        cell.shownSteps = steps;
        cell.title.setText(String.format(Locale.ROOT, "%s · step %,d", cell.run, steps));
        cell.paint();
    }

    private void rebuild(LockstepComparison c) {
        generation++;
        answers.clear();
        cells.clear();
        Dataset d = trainedOn;
        range = d == null ? null : PlotRange.of(d);
        grid = null;
        if (d != null && !d.isImages()) {
            if (d.task() == Task.CLASSIFICATION && d.features() == 2) {
                grid = PredictionGrid.boundary(range, CELLS);
            } else if (d.task() == Task.REGRESSION && d.features() == 1) {
                grid = PredictionGrid.curve(range, PredictionGrid.CURVE_POINTS);
            }
        }
        if (c == null) {
            showMessage(message("Press Train to see every run's decision boundary side by side"));
            return;
        }
        if (grid == null) {
            showMessage(message("Side by side pictures need two-feature classification or one-feature regression data"));
            return;
        }
        Map<String, Integer> firsts = new LinkedHashMap<>();
        for (int i = 0; i < c.runCount() && firsts.size() < MAX_CELLS; i++) {
            String group = c.run(i).group() == null ? c.run(i).name() : c.run(i).group();
            firsts.putIfAbsent(group, i);
        }
        for (Map.Entry<String, Integer> e : firsts.entrySet()) {
            cells.add(new Cell(e.getKey(), e.getValue()));
        }
        showCells(cells);
    }

    private static Label message(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(DataView.NOTE);
        l.setWrapText(true);
        return l;
    }

    private DataPainter.Palette palette() {
        Color bg = Color.web(theme.background());
        Color fg = Color.web(theme.foreground());
        return new DataPainter.Palette(bg, fg, fg.interpolate(bg, 0.35), Color.web(theme.grid()));
    }

    /**
     * Paints cell {@code k} as it shows, {@code width × height} pixels at the origin of {@code g}: its title
     * as text, then its picture (boundary, points and curve) as an image of its three layers. FX thread.
     */
    public void paintCell(int k, java.awt.Graphics2D g, double width, double height) {
        Cell c = cells.get(k);
        javafx.scene.text.Font font = c.title.getFont();
        g.setFont(new java.awt.Font(font.getFamily(), java.awt.Font.PLAIN, (int) Math.round(font.getSize())));
        Color fg = Color.web(theme.foreground());
        g.setPaint(new java.awt.Color((float) fg.getRed(), (float) fg.getGreen(), (float) fg.getBlue()));
        double titleHeight = c.title.getHeight();
        g.drawString(c.title.getText(), (float) c.title.getLayoutX(), (float) (c.title.getLayoutY()
                + (titleHeight + g.getFontMetrics().getAscent() - g.getFontMetrics().getDescent()) / 2));
        javafx.scene.Node holder = c.getChildren().get(1);
        javafx.geometry.Bounds b = holder.getBoundsInParent();
        if (b.getWidth() < 1 || b.getHeight() < 1) {
            return;
        }
        WritableImage shot = holder.snapshot(null, null);
        int w = (int) shot.getWidth();
        int h = (int) shot.getHeight();
        int[] argb = new int[w * h];
        shot.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, w, h, argb, 0, w);
        g.drawImage(image, (int) Math.round(b.getMinX()), (int) Math.round(b.getMinY()),
                (int) Math.round(b.getWidth()), (int) Math.round(b.getHeight()), null);
    }

    // ---- for tests and the window ----

    /** The runs shown, one per cell, in cell order. */
    public List<String> runs() {
        return cells.stream().map(c -> c.run).toList();
    }

    /** The step cell {@code k}'s picture is from, or -1 before its first answer. */
    public long shownStep(int k) {
        return cells.get(k).shownSteps;
    }

    /** Whether cell {@code k} shows a boundary (or a prediction curve). */
    public boolean hasPicture(int k) {
        Cell c = cells.get(k);
        return c.boundary != null || c.curveY != null;
    }

    /** The data rectangle cell {@code k} draws over: {xMin, xMax, yMin, yMax}. */
    public double[] rangeOf(int k) {
        return new double[] {range.xMin(), range.xMax(), range.yMin(), range.yMax()};
    }

    /** Cell {@code k}'s decision-boundary pixels (ARGB, row-major), or null. */
    public int[] boundaryPixels(int k) {
        WritableImage img = cells.get(k).boundary;
        if (img == null) {
            return null;
        }
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        int[] out = new int[w * h];
        img.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), out, 0, w);
        return out;
    }
}
