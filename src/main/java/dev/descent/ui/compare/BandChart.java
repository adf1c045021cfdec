package dev.descent.ui.compare;

import dev.descent.engine.train.DownsampledSeries;
import dev.descent.ui.model.RunColors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Polyline;
import javafx.scene.text.Text;

/**
 * The training loss of every run as its mean curve over the members that did not diverge, with a band:
 * mean ± one standard deviation, minimum to maximum, or every member as a thin line (a diverged member's
 * line is dashed and ends where it diverged). Log loss axis, step axis from 0. Shapes, not a canvas, so
 * each band and curve is a node (style classes {@link #BAND}, {@link #MEAN}, {@link #MEMBER}, the run's
 * name as user data). FX thread only.
 */
public final class BandChart extends Region {
    public static final String BAND = "compare-band";
    public static final String MEAN = "compare-mean";
    public static final String MEMBER = "compare-member";
    public static final String SELECTED = "selected";
    /** Most points drawn per curve: more than a chart's width in pixels gains nothing. */
    static final int MAX_POINTS = 600;
    private static final double LEFT = 48;
    private static final double BOTTOM = 22;
    private static final double TOP = 8;
    private static final double RIGHT = 10;

    /** What the band shows. */
    public enum Mode {
        STD("±1 std"), MIN_MAX("min–max"), MEMBERS("members");

        private final String title;

        Mode(String title) {
            this.title = title;
        }

        @Override
        public String toString() {
            return title;
        }
    }

    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.STD);
    private final Pane plot = new Pane();
    private CompareData data = CompareData.EMPTY;
    private String selected;
    private double maxStep = 1;
    private double logMin = -1;
    private double logMax = 0;

    public BandChart() {
        getStyleClass().add("compare-band-chart");
        getChildren().add(plot);
        mode.addListener((o, was, now) -> redraw());
        setMinSize(200, 120);
        setPrefSize(480, 260);
    }

    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    /** Shows {@code data}, emphasising the run named {@code selectedRun} (or none). */
    public void show(CompareData data, String selectedRun) {
        this.data = data;
        this.selected = selectedRun;
        redraw();
    }

    /** Draws now if the chart has a size (so what is shown matches the data at once), else at layout. */
    private void redraw() {
        if (getWidth() > 0 && getHeight() > 0) {
            draw();
        } else {
            requestLayout();
        }
    }

    private double drawnWidth = -1;
    private double drawnHeight = -1;

    /** Draws again only when the size changed: a layout pass is not a reason to rebuild every shape. */
    @Override
    protected void layoutChildren() {
        plot.resizeRelocate(0, 0, getWidth(), getHeight());
        if (getWidth() != drawnWidth || getHeight() != drawnHeight) {
            draw();
        }
    }

    /** The horizontal pixel of {@code step}. */
    double xOf(double step) {
        return LEFT + (getWidth() - LEFT - RIGHT) * step / maxStep;
    }

    /** The vertical pixel of {@code loss} on the log axis (a loss at or below 0 sits at the bottom). */
    double yOf(double loss) {
        double log = loss > 0 ? Math.log10(loss) : logMin;
        double t = (Math.max(logMin, Math.min(logMax, log)) - logMin) / (logMax - logMin);
        return TOP + (getHeight() - TOP - BOTTOM) * (1 - t);
    }

    private void draw() {
        drawnWidth = getWidth();
        drawnHeight = getHeight();
        plot.getChildren().clear();
        List<RunGroup> runs = data.runs();
        List<Band> bands = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        maxStep = 1;
        for (RunGroup run : runs) {
            Band band = run.band();
            bands.add(band);
            for (int i = 0; i < band.size(); i++) {
                // the axis follows the mean curves: a band's lower end near 0 or a diverging member's
                // last losses would stretch it over many decades; what lies outside is drawn at the edge
                maxStep = Math.max(maxStep, band.steps()[i]);
                if (band.mean()[i] > 0) {
                    lo = Math.min(lo, band.mean()[i]);
                    hi = Math.max(hi, band.mean()[i]);
                }
            }
            if (mode.get() == Mode.MEMBERS) {
                for (MemberTrace m : run.members()) {
                    DownsampledSeries.Snapshot s = m.trainLoss();
                    for (int i = 0; i < s.size(); i++) {
                        maxStep = Math.max(maxStep, s.steps()[i]);
                        if (!m.diverged() && Double.isFinite(s.means()[i]) && s.means()[i] > 0) {
                            lo = Math.min(lo, s.means()[i]);
                            hi = Math.max(hi, s.means()[i]);
                        }
                    }
                }
            }
        }
        if (lo == Double.POSITIVE_INFINITY) {
            lo = 0.1;
            hi = 1;
        }
        logMin = Math.floor(Math.log10(lo));
        logMax = Math.max(logMin + 1, Math.ceil(Math.log10(hi)));
        axes();
        for (int r = 0; r < runs.size(); r++) {
            RunGroup run = runs.get(r);
            Color colour = Color.web(RunColors.of(r));
            boolean emphasised = selected == null || selected.equals(run.name());
            Band band = bands.get(r);
            if (mode.get() == Mode.MEMBERS) {
                for (MemberTrace m : run.members()) {
                    Polyline line = polyline(m.trainLoss().steps(), m.trainLoss().means(), m.trainLoss().size());
                    line.getStyleClass().add(MEMBER);
                    if (m.diverged()) {
                        line.getStrokeDashArray().setAll(4.0, 3.0);
                    }
                    line.setStroke(colour.deriveColor(0, 1, 1, emphasised ? 0.55 : 0.2));
                    line.setUserData(run.name());
                    plot.getChildren().add(line);
                }
            } else if (band.size() > 0) {
                Polygon area = new Polygon();
                int step = stride(band.size());
                List<Double> points = new ArrayList<>();
                for (int i = 0; i < band.size(); i += step) {
                    points.add(xOf(band.steps()[i]));
                    points.add(yOf(ends(band, i)[1]));
                }
                for (int i = lastIndex(band.size(), step); i >= 0; i -= step) {
                    points.add(xOf(band.steps()[i]));
                    points.add(yOf(ends(band, i)[0]));
                }
                area.getPoints().setAll(points);
                area.getStyleClass().add(BAND);
                area.setFill(colour.deriveColor(0, 1, 1, emphasised ? 0.25 : 0.08));
                area.setStroke(null);
                area.setUserData(run.name());
                plot.getChildren().add(area);
            }
            if (band.size() > 0) {
                Polyline mean = polyline(band.steps(), band.mean(), band.size());
                mean.getStyleClass().add(MEAN);
                if (selected != null && selected.equals(run.name())) {
                    mean.getStyleClass().add(SELECTED);
                }
                mean.setStroke(colour.deriveColor(0, 1, 1, emphasised ? 1 : 0.35));
                mean.setStrokeWidth(selected != null && selected.equals(run.name()) ? 2.5 : 1.5);
                mean.setUserData(run.name());
                plot.getChildren().add(mean);
            }
        }
    }

    /** The band's lower and upper end at point {@code i} in the current mode. */
    private double[] ends(Band band, int i) {
        if (mode.get() == Mode.MIN_MAX) {
            return new double[]{band.min()[i], band.max()[i]};
        }
        double low = band.mean()[i] - band.std()[i];
        return new double[]{low > 0 ? low : band.min()[i], band.mean()[i] + band.std()[i]};
    }

    private void axes() {
        double bottom = getHeight() - BOTTOM;
        Line x = new Line(LEFT, bottom, getWidth() - RIGHT, bottom);
        Line y = new Line(LEFT, TOP, LEFT, bottom);
        x.getStyleClass().add("compare-axis");
        y.getStyleClass().add("compare-axis");
        plot.getChildren().addAll(x, y);
        int every = decadesPerLabel(bottom - TOP, logMax - logMin);
        for (int d = (int) logMin; d <= (int) logMax; d++) {
            if (Math.floorMod(d, every) != 0) {
                continue;
            }
            Text t = new Text(4, yOf(Math.pow(10, d)) + 4, "1e" + d);
            t.getStyleClass().add("compare-tick");
            plot.getChildren().add(t);
        }
        Text end = new Text(getWidth() - RIGHT - 60, getHeight() - 6, String.format(Locale.ROOT, "step %,.0f", maxStep));
        end.getStyleClass().add("compare-tick");
        Text start = new Text(LEFT, getHeight() - 6, "0");
        start.getStyleClass().add("compare-tick");
        plot.getChildren().addAll(end, start);
    }

    /** Labels at least this many pixels apart on the loss axis: a label's height and some air. */
    static final double LABEL_SPACING = 16;

    /**
     * Every how many decades the loss axis is labelled so that labels never overlap: the smallest of 1, 2,
     * 5, 10, 20, ... with {@code k * height / decades >= }{@value #LABEL_SPACING}.
     */
    static int decadesPerLabel(double height, double decades) {
        double perDecade = height / Math.max(1, decades);
        for (int k : new int[] {1, 2, 5, 10, 20, 50, 100}) {
            if (k * perDecade >= LABEL_SPACING) {
                return k;
            }
        }
        return 100;
    }

    private Polyline polyline(double[] xs, double[] ys, int n) {
        Polyline line = new Polyline();
        List<Double> points = new ArrayList<>();
        int step = stride(n);
        for (int i = 0; i < n; i += step) {
            if (Double.isFinite(ys[i])) {
                points.add(xOf(xs[i]));
                points.add(yOf(ys[i]));
            }
        }
        if (n > 0 && (n - 1) % step != 0 && Double.isFinite(ys[n - 1])) {
            points.add(xOf(xs[n - 1]));
            points.add(yOf(ys[n - 1]));
        }
        line.getPoints().setAll(points);
        return line;
    }

    private static int stride(int n) {
        return Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
    }

    private static int lastIndex(int n, int step) {
        return ((n - 1) / step) * step;
    }
}
