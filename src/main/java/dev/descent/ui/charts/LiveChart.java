package dev.descent.ui.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Stroke;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.block.LengthConstraintType;
import org.jfree.chart.block.RectangleConstraint;
import org.jfree.chart.fx.ChartCanvas;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.fx.FXHints;

/**
 * One live line chart: a JFreeChart XY plot over a {@link CurveDataset}, shown in a {@link ChartViewer}
 * with a hover read-out. Each {@link #refresh} reads what is new, and if anything is, replaces the
 * curves and redraws exactly once (the chart's notifications are held while series, styles and legend
 * change, then released with one event). Subclasses say which curves to draw. FX thread only.
 *
 * <p>Lifecycle: constructed once; {@link #refresh} every frame; {@link #reset} when the comparison
 * changes; {@link #applyTheme} when the theme does; {@link #applyScale} when the size of fonts and strokes
 * does (presenter mode).
 */
abstract class LiveChart {
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    /** The least plot height, in pixels at scale 1, that a legend may leave (see {@link #legendFits}). */
    static final double MIN_PLOT_HEIGHT = 60;
    // Bevel joins and butt caps: a curve has a vertex every half pixel, where round joins look the same
    // and cost the rasterizer a curve each.
    static final Stroke SOLID = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_BEVEL);
    static final Stroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_BEVEL, 1f,
            new float[] {7f, 5f}, 0f);
    static final Stroke FAINT = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_BEVEL);
    /** The chart's own padding below and left of it, in pixels. */
    private static final double CHART_BOTTOM = 6;
    private static final double CHART_LEFT = 12;
    /** Alpha of a faint (raw) curve: visible, but clearly behind the smoothed one. */
    static final int FAINT_ALPHA = 70;

    protected final CurveDataset dataset = new CurveDataset();
    /** Bands behind the curves (a run's spread over its members), drawn before dataset 0. */
    private final BandDataset bandData = new BandDataset();
    private final DeviationRenderer bandRenderer = new DeviationRenderer(true, false);
    /** Alpha of a band's fill. */
    static final float BAND_ALPHA = 0.22f;
    protected final XYPlot plot;
    protected final JFreeChart chart;
    protected final SeriesReader reader = new SeriesReader();
    private final XYLineAndShapeRenderer renderer = new CurveRenderer();
    private final NumberAxis domain = new NumberAxis("step");
    private final TextTitle title = new TextTitle();
    /** A sentence under the title about what the curves cannot show (a gradient of exactly 0, a divergence). */
    private final TextTitle note = new TextTitle();
    private final ChartViewer viewer;
    private final Hover hover;
    private final StackPane node;
    private ChartPalette palette = ChartPalette.LIGHT;
    private List<String> shown = List.of();
    private double domainEnd = Double.NaN;
    private long redraws;
    /** Inside {@link #batch}: axis changes are this chart's own, not the user's. */
    private boolean adjusting;
    /** The user zoomed or panned: the axes stay where they are until a double-click or a reset. */
    private boolean zoomed;
    /** A small multiple: no legend. */
    private boolean compactLegend;
    /** Fonts and strokes are this many times their base size ({@link #applyScale}). */
    private double scale = 1;
    private Stroke solid = SOLID;
    private Stroke dashed = DASHED;
    private Stroke faint = FAINT;

    protected LiveChart(String titleText, ValueAxis rangeAxis) {
        domain.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.getDefault()));
        domain.setAutoRangeIncludesZero(true);
        domain.setLowerMargin(0);
        domain.setUpperMargin(0.02);
        renderer.setDrawSeriesLineAsPath(true);
        renderer.setDefaultCreateEntities(false, false);
        renderer.setAutoPopulateSeriesPaint(false);
        renderer.setAutoPopulateSeriesStroke(false);
        plot = new XYPlot(dataset, domain, rangeAxis, renderer);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        bandRenderer.setAlpha(BAND_ALPHA);
        bandRenderer.setDefaultCreateEntities(false, false);
        bandRenderer.setAutoPopulateSeriesPaint(false);
        bandRenderer.setAutoPopulateSeriesFillPaint(false);
        bandRenderer.setAutoPopulateSeriesStroke(false);
        bandRenderer.setDefaultPaint(new Color(0, 0, 0, 0));
        bandRenderer.setDefaultStroke(new BasicStroke(0f));
        plot.setDataset(1, bandData);
        plot.setRenderer(1, bandRenderer);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE); // bands (1) first, behind the curves (0)
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setNoDataMessageFont(LABEL_FONT);
        styleAxis(rangeAxis);
        styleAxis(domain);
        chart = new JFreeChart(null, TITLE_FONT, plot, false);
        title.setText(titleText);
        title.setFont(TITLE_FONT);
        title.setHorizontalAlignment(HorizontalAlignment.LEFT);
        title.setPadding(new RectangleInsets(6, 8, 4, 8));
        chart.addSubtitle(title);
        note.setFont(LABEL_FONT);
        note.setHorizontalAlignment(HorizontalAlignment.LEFT);
        note.setTextAlignment(HorizontalAlignment.LEFT);
        note.setPadding(new RectangleInsets(0, 8, 4, 8));
        note.setVisible(false);
        chart.addSubtitle(note);
        chart.setPadding(new RectangleInsets(0, 4, CHART_BOTTOM, CHART_LEFT));
        chart.setAntiAlias(true);
        // measure text with AWT, not by laying out a JavaFX Text per string: several times faster
        chart.getRenderingHints().put(FXHints.KEY_USE_FX_FONT_METRICS, false);

        viewer = new ChartViewer(chart, false);
        ChartCanvas canvas = viewer.getCanvas();
        canvas.setTooltipEnabled(false);
        for (String id : List.of("scroll", "anchor", "tooltip")) {
            if (canvas.getMouseHandler(id) != null) {
                canvas.removeAuxiliaryMouseHandler(canvas.getMouseHandler(id));
            }
        }
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                restoreBounds();
            }
        });
        domain.addChangeListener(e -> userMoved());
        rangeAxis.addChangeListener(e -> userMoved());
        hover = new Hover(viewer, plot, dataset);
        node = new StackPane(viewer, hover.layer());
        javafx.beans.InvalidationListener resized = o -> {
            boolean shown = chart.getLegend() != null;
            if (legendWanted && shown != (!compactLegend && legendFits(node.getWidth(), node.getHeight()))) {
                batch(() -> showLegend(true));
            }
        };
        node.widthProperty().addListener(resized);
        node.heightProperty().addListener(resized);
        node.getStyleClass().add(ChartsView.CHART_CELL);
        node.setMinSize(0, 0);
        viewer.setMinSize(0, 0);
    }

    /** An axis changed: if not by this chart, the user zoomed or panned it. */
    private void userMoved() {
        if (!adjusting) {
            zoomed = true;
        }
    }

    /** Whether the user zoomed or panned since the last double-click or reset. */
    final boolean zoomed() {
        return zoomed;
    }

    private void styleAxis(ValueAxis axis) {
        axis.setLabelFont(labelFont());
        axis.setTickLabelFont(labelFont());
        axis.setAxisLineVisible(false);
        axis.setTickMarksVisible(false);
    }

    /**
     * Keeps the note clear of controls laid over the chart's top right: its lines wrap {@code right} pixels
     * short of the right edge (controls beside it), and it starts no higher than {@code below} pixels from
     * the top (controls taller than the title line above it); 0 and 0 give it the whole width under the title.
     */
    final void reserveNote(double right, double below) {
        double r = Math.max(NOTE_SIDE, Math.ceil(right) + NOTE_SIDE);
        double top = Math.max(0, Math.ceil(below - titleLineHeight()));
        RectangleInsets now = note.getPadding();
        if (now.getRight() != r || now.getTop() != top) {
            batch(() -> note.setPadding(new RectangleInsets(top, NOTE_SIDE, 4, r)));
        }
    }

    /** The title's line with its padding, in pixels (as the legend's room is estimated). */
    private double titleLineHeight() {
        return title.getFont().getSize2D() * 1.3 + title.getPadding().getTop() + title.getPadding().getBottom();
    }

    /** The note's padding left and right, in pixels. */
    private static final double NOTE_SIDE = 8;

    /**
     * Leaves {@code pixels} free above the chart's title (for controls laid over the chart that take a
     * second row); 0 gives the whole cell back.
     */
    final void reserveTop(double pixels) {
        double top = Math.max(0, Math.ceil(pixels));
        if (chart.getPadding().getTop() != top) {
            chart.setPadding(new RectangleInsets(top, 4, CHART_BOTTOM, CHART_LEFT));
        }
    }

    /** Where this chart sits in the window. */
    javafx.scene.layout.Region node() {
        return node;
    }

    /** Reads the runs' histories and redraws if anything is new, the curves changed, or {@code force}. */
    final void refresh(ChartInput input, boolean force) {
        reader.begin(input.lastStep());
        List<Curve> curves = curves(input);
        List<BandArea> bands = bands(input);
        java.util.Set<String> outside = keysOutsideTheRange(input);
        String titleText = title(input);
        String noteText = note(input);
        String message = noDataMessage(input);
        LegendItemCollection legend = legend(input);
        List<String> keys = new ArrayList<>(curves.size() + 2);
        for (Curve c : curves) {
            keys.add(c.key());
        }
        for (BandArea b : bands) {
            keys.add(b.key());
        }
        keys.add(outside.toString());
        keys.add(titleText);
        keys.add(noteText);
        keys.add(message);
        for (int i = 0; legend != null && i < legend.getItemCount(); i++) {
            keys.add(legend.get(i).getLabel());
        }
        if (!force && keys.equals(shown) && !reader.changed()) {
            return;
        }
        shown = List.copyOf(keys);
        double total = domainTotal(input);
        double latest = latestStep(curves);
        double end = Double.isNaN(total) ? latest * 1.02 : axisEnd(latest, total); // NaN: no known end, fit the data
        double visible = domain.isAutoRange() && end > 0 ? end : domain.getRange().getLength();
        double perPixel = visible / Math.max(50, dataAreaWidth());
        List<Curve> drawn = new ArrayList<>(curves.size());
        for (Curve c : curves) {
            drawn.add(Curves.decimate(c, perPixel));
        }
        batch(() -> {
            for (int i = 0; i < drawn.size(); i++) {
                Curve c = drawn.get(i);
                Color color = c.line() == Curve.Line.FAINT
                        ? new Color(c.color().getRed(), c.color().getGreen(), c.color().getBlue(), FAINT_ALPHA)
                        : c.color();
                renderer.setSeriesPaint(i, color, false);
                renderer.setSeriesStroke(i, switch (c.line()) {
                    case SOLID -> solid;
                    case DASHED -> dashed;
                    case FAINT -> faint;
                }, false);
            }
            if (end > 0 && (Double.isNaN(domainEnd) || end > domainEnd)) {
                domainEnd = end; // only grows: the curves move across the chart as it trains
                if (!zoomed) {
                    domain.setRange(0, end);
                }
            }
            // after the step axis: the y axis fits the points within the step axis's range, so it must
            // see the new one (set after, the last frame's newest points stayed outside until a redraw)
            for (int i = 0; i < bands.size(); i++) {
                bandRenderer.setSeriesFillPaint(i, bands.get(i).color(), false);
                bandRenderer.setSeriesPaint(i, new Color(0, 0, 0, 0), false);
            }
            bandData.setBands(bands);
            dataset.setCurves(drawn, outside);
            title.setText(titleText);
            showNote(noteText);
            plot.setFixedLegendItems(legend);
            showLegend(legend != null && legend.getItemCount() > 0);
            plot.setNoDataMessage(message);
        });
        hover.update();
    }

    /** The last step any curve reaches, or 0. */
    private static double latestStep(List<Curve> curves) {
        double latest = 0;
        for (Curve c : curves) {
            if (c.size() > 0) {
                latest = Math.max(latest, c.x()[c.size() - 1]);
            }
        }
        return latest;
    }

    /**
     * Where the step axis ends: the next of 10, 20, 50, 100, 200, 500, … past the latest step, never
     * beyond the run's last step. A few single steps fill the chart instead of hugging its left edge;
     * a long run rescales a handful of times, then ends at its last step.
     */
    static double axisEnd(double latest, double total) {
        if (total <= 0) {
            return 0;
        }
        double nice = 10;
        int k = 0;
        while (nice < latest * 1.05 && nice < total) {
            nice *= (k++ % 3 == 1) ? 2.5 : 2; // 10, 20, 50, 100, 200, 500, ...
        }
        return Math.min(total, nice);
    }

    /** Width in pixels of the plot's data area at the last drawing (or an estimate before the first). */
    private double dataAreaWidth() {
        var info = viewer.getCanvas().getRenderingInfo();
        if (info != null && info.getPlotInfo().getDataArea().getWidth() > 0) {
            return info.getPlotInfo().getDataArea().getWidth();
        }
        return viewer.getWidth() > 0 ? viewer.getWidth() - 70 : 400;
    }

    /** Clears the curves and forgets the histories (a new comparison, or Reset). */
    final void reset(ChartInput input) {
        reader.clear();
        shown = List.of();
        domainEnd = Double.NaN;
        zoomed = false;
        batch(() -> {
            dataset.clear();
            bandData.setBands(List.of());
            domain.setAutoRange(true);
            restoreRange(plot.getRangeAxis());
            title.setText(title(input));
            showNote(note(input));
            LegendItemCollection legend = legend(input);
            plot.setFixedLegendItems(legend);
            showLegend(legend != null && legend.getItemCount() > 0);
            plot.setNoDataMessage(noDataMessage(input));
        });
        hover.update();
    }

    /**
     * Where the x axis can end at most, in its own units (the runs' last step by default), or NaN when that
     * is not known in advance (training time): the axis then ends just past the newest point.
     */
    protected double domainTotal(ChartInput input) {
        return input.totalSteps();
    }

    /** Counts the x axis in {@code axis}'s units from now on: its label, ticks and read-out; back to the whole run. */
    protected final void useXAxis(XAxis axis) {
        domainEnd = Double.NaN;
        zoomed = false;
        batch(() -> {
            domain.setLabel(axis.label());
            domain.setStandardTickUnits(axis.whole() ? NumberAxis.createIntegerTickUnits(Locale.getDefault())
                    : NumberAxis.createStandardTickUnits(Locale.getDefault()));
            domain.setAutoRange(true);
        });
        hover.setAxis(axis);
    }

    /** The curves to draw now; read histories through {@link #reader} so unchanged frames cost nothing. */
    protected abstract List<Curve> curves(ChartInput input);

    /** Bands to draw behind the curves; read after {@link #curves}, none by default. */
    protected List<BandArea> bands(ChartInput input) {
        return List.of();
    }

    /** The chart's title line. */
    protected abstract String title(ChartInput input);

    /**
     * Keys of curves drawn but left out of the fitted y range, read after {@link #curves}; none by default.
     * A diverged run's climb to 10⁹ would otherwise squash every other curve flat against the bottom.
     */
    protected java.util.Set<String> keysOutsideTheRange(ChartInput input) {
        return java.util.Set.of();
    }

    /** A sentence under the title, or "" for none; read after {@link #curves}. */
    protected String note(ChartInput input) {
        return "";
    }

    private void showNote(String text) {
        note.setText(text);
        note.setVisible(!text.isEmpty());
    }

    /** Legend entries, or null for none; read after {@link #curves}. */
    protected LegendItemCollection legend(ChartInput input) {
        return null;
    }

    /** What the empty chart says. */
    protected String noDataMessage(ChartInput input) {
        return input.comparison() == null ? "Press Train to see this chart" : "Waiting for the first steps…";
    }

    /** Puts the y axis back to its own range after a zoom: fitted to the data unless overridden. */
    protected void restoreRange(ValueAxis axis) {
        axis.setAutoRange(true);
    }

    /** Replaces the y axis (log or linear), keeping its style; one redraw. */
    protected final void setRangeAxis(ValueAxis axis) {
        styleAxis(axis);
        axis.addChangeListener(e -> userMoved());
        batch(() -> {
            plot.setRangeAxis(axis);
            paintAxis(axis);
        });
        hover.update();
    }

    /** Colours for the theme; one redraw. */
    final void applyTheme(ChartPalette p) {
        palette = p;
        batch(() -> {
            chart.setBackgroundPaint(p.background());
            plot.setBackgroundPaint(p.background());
            plot.setOutlinePaint(p.grid());
            plot.setDomainGridlinePaint(p.grid());
            plot.setRangeGridlinePaint(p.grid());
            plot.setNoDataMessagePaint(p.muted());
            title.setPaint(p.foreground());
            note.setPaint(p.foreground());
            paintAxis(plot.getDomainAxis());
            paintAxis(plot.getRangeAxis());
            if (chart.getLegend() != null) {
                paintLegend(chart.getLegend());
            }
        });
    }

    private void paintAxis(ValueAxis axis) {
        axis.setLabelPaint(palette.muted());
        axis.setTickLabelPaint(palette.foreground());
    }

    private void paintLegend(LegendTitle legend) {
        legend.setBackgroundPaint(palette.background());
        legend.setItemPaint(palette.foreground());
        legend.setItemFont(labelFont());
    }

    /**
     * Draws every font and stroke {@code factor} times its base size (presenter mode: 1.6); one redraw,
     * and the curves take the new strokes at the next {@link #refresh}.
     */
    final void applyScale(double factor) {
        if (factor == scale) {
            return;
        }
        scale = factor;
        solid = scaled(SOLID, factor);
        dashed = scaled(DASHED, factor);
        faint = scaled(FAINT, factor);
        shown = List.of(); // the next refresh restyles every curve
        batch(() -> {
            title.setFont(compactLegend ? labelFont() : scaled(TITLE_FONT, factor));
            note.setFont(labelFont());
            plot.setNoDataMessageFont(labelFont());
            plot.setDomainGridlineStroke(new BasicStroke((float) factor));
            plot.setRangeGridlineStroke(new BasicStroke((float) factor));
            styleAxis(plot.getDomainAxis());
            styleAxis(plot.getRangeAxis());
            if (chart.getLegend() != null) {
                paintLegend(chart.getLegend());
            }
            if (legendWanted) {
                showLegend(true); // larger text: the legend may no longer fit, or fit again
            }
        });
        hover.update();
    }

    /** Whether the legend is drawn (for tests). */
    final boolean hasLegend() {
        return chart.getLegend() != null;
    }

    /** The font of axis labels, ticks, notes and the legend at the current scale. */
    private Font labelFont() {
        return scaled(LABEL_FONT, scale);
    }

    static Font scaled(Font font, double factor) {
        return factor == 1 ? font : font.deriveFont((float) (font.getSize2D() * factor));
    }

    /** {@code stroke} with its width and dashes {@code factor} times as long. */
    static Stroke scaled(Stroke stroke, double factor) {
        if (factor == 1 || !(stroke instanceof BasicStroke b)) {
            return stroke;
        }
        float[] dash = b.getDashArray();
        if (dash != null) {
            dash = dash.clone();
            for (int i = 0; i < dash.length; i++) {
                dash[i] *= (float) factor;
            }
        }
        return new BasicStroke((float) (b.getLineWidth() * factor), b.getEndCap(), b.getLineJoin(), b.getMiterLimit(),
                dash, (float) (b.getDashPhase() * factor));
    }

    /**
     * Whether the legend leaves the plot at least {@link #MIN_PLOT_HEIGHT} (times the scale) in a chart of
     * {@code width} × {@code height}: a short cell (presenter mode beside a lesson, several runs) gave the
     * legend every pixel and showed no curve at all. JFreeChart arranges a legend like the one shown into
     * the width to give its height; the answer is kept until the size, the scale or the labels change (this
     * runs at every refresh). The runs table's swatches still tell the colours apart. A chart not laid out
     * yet (0 × 0) keeps its legend.
     */
    final boolean legendFits(double width, double height) {
        LegendItemCollection items = plot.getFixedLegendItems();
        if (width <= 0 || height <= 0 || items == null || items.getItemCount() == 0) {
            return true;
        }
        List<String> labels = new ArrayList<>(items.getItemCount());
        for (int i = 0; i < items.getItemCount(); i++) {
            labels.add(items.get(i).getLabel());
        }
        List<Object> key = List.of(width, height, scale, note.isVisible(), note.getPadding().getTop(),
                chart.getPadding().getTop(), labels);
        if (!key.equals(fitKey)) {
            fitKey = key;
            LegendTitle legend = newLegend();
            double legendHeight = legend.arrange(MEASURE, new RectangleConstraint(width - CHART_LEFT - 4,
                    null, LengthConstraintType.FIXED, 0, null, LengthConstraintType.NONE)).getHeight();
            Font font = labelFont();
            double titles = scaled(TITLE_FONT, scale).getSize2D() * 1.3 + 10
                    + (note.isVisible() ? font.getSize2D() * 1.3 + 4 * scale + note.getPadding().getTop() : 0);
            double axis = font.getSize2D() * 2.6 + 8;
            double left = height - chart.getPadding().getTop() - CHART_BOTTOM - titles - axis - legendHeight;
            fits = left >= MIN_PLOT_HEIGHT * scale;
        }
        return fits;
    }

    /** A legend as the chart shows it: below the plot, no frame, the theme's colours and fonts. */
    private LegendTitle newLegend() {
        LegendTitle legend = new LegendTitle(plot);
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setFrame(BlockBorder.NONE);
        legend.setItemLabelPadding(new RectangleInsets(2, 4, 2, 10));
        paintLegend(legend);
        return legend;
    }

    /** Whether the chart has legend items to show (the legend may still be left out: {@link #legendFits}). */
    private boolean legendWanted;
    /** What {@link #legendFits} last answered, and for which size, scale and labels. */
    private List<Object> fitKey;
    private boolean fits = true;
    /** Text is measured on this, as JFreeChart measures it when it draws (AWT metrics). */
    private static final java.awt.Graphics2D MEASURE =
            new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_ARGB).createGraphics();

    private void showLegend(boolean visible) {
        legendWanted = visible;
        visible = visible && !compactLegend && legendFits(node == null ? 0 : node.getWidth(),
                node == null ? 0 : node.getHeight());
        LegendTitle legend = chart.getLegend();
        if (visible && legend == null) {
            chart.addLegend(newLegend());
        } else if (!visible && legend != null) {
            chart.removeLegend();
        }
    }

    /** Runs {@code changes} with the chart's notifications held, then redraws once. */
    protected final void batch(Runnable changes) {
        boolean outer = !adjusting;
        adjusting = true;
        chart.setNotify(false);
        try {
            changes.run();
        } finally {
            redraws++;
            chart.setNotify(true);
            if (outer) {
                adjusting = false;
            }
        }
    }

    /** Back to the whole run: x from 0 to the last step, y fitted to the data. */
    final void restoreBounds() {
        zoomed = false;
        batch(() -> {
            if (Double.isNaN(domainEnd)) {
                domain.setAutoRange(true);
            } else {
                domain.setRange(0, domainEnd);
            }
            restoreRange(plot.getRangeAxis());
        });
        hover.update();
    }

    /** Puts the y axis on {@code lower}..{@code upper} (as drawn) and keeps it there: small multiples share one range. */
    final void fixRange(double lower, double upper) {
        ValueAxis axis = plot.getRangeAxis();
        if (axis.isAutoRange() || axis.getLowerBound() != lower || axis.getUpperBound() != upper) {
            batch(() -> axis.setRange(lower, upper));
        }
    }

    /** For a small chart in a grid: no legend, smaller title. */
    /** Whether this chart is a small multiple ({@link #compact()}). */
    protected final boolean isCompact() {
        return compactLegend;
    }

    final void compact() {
        compactLegend = true;
        title.setFont(labelFont());
    }

    /** Draws the chart into {@code area} (for export). */
    final void draw(Graphics2D g, Rectangle2D area) {
        chart.draw(g, area);
    }

    // ---- for tests ----

    CurveDataset dataset() {
        return dataset;
    }

    BandDataset bandData() {
        return bandData;
    }

    XYPlot plot() {
        return plot;
    }

    String titleText() {
        return title.getText();
    }

    /** Space the note leaves at its right, in pixels (for tests). */
    double noteRightPadding() {
        return note.getPadding().getRight();
    }

    /** Where the note starts, in pixels below the chart's top: the title line, then any room kept above it. */
    double noteTop() {
        return titleLineHeight() + note.getPadding().getTop();
    }

    /** The note under the title, "" when none is shown. */
    String noteText() {
        return note.isVisible() ? note.getText() : "";
    }

    /** Chart change events released so far (each is one full redraw). */
    long redraws() {
        return redraws;
    }

    Hover hover() {
        return hover;
    }

    ChartViewer viewer() {
        return viewer;
    }
}
