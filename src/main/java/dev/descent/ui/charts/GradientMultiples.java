package dev.descent.ui.charts;

import dev.descent.engine.train.LockstepComparison;
import dev.descent.ui.model.RunColors;
import dev.descent.ui.model.Theme;
import dev.descent.ui.model.TrainingSession;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.data.Range;
import org.jfree.data.general.DatasetUtils;

/**
 * The gradient norm by layer of every run side by side, one small chart per run of the file (its first
 * member; each sweep point is a run), all on one shared y range, the union of what every chart draws
 * (log10 of the L2 norms), so a run whose gradients vanish or explode stands out at a glance. Redraws at
 * most {@value #REFRESH_MILLIS} ms apart, and only while showing. FX thread only.
 */
public final class GradientMultiples extends dev.descent.ui.CellGrid {
    /** Shortest time between two redraws of every cell. */
    static final long REFRESH_MILLIS = 500;
    /** Most cells drawn: each is a full chart (as many as the boundaries above). */
    public static final int MAX_CELLS = 36;
    /** The smallest a cell is readable at, before the presenter's scale: a title, a plot with its axes. */
    static final double CELL_WIDTH = 220;
    static final double CELL_HEIGHT = 150;

    private final TrainingSession session;
    private final List<GradientChart> cells = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private LockstepComparison shown;
    private long last;
    private ChartPalette palette;
    private final Theme theme;
    private Range shared;

    public GradientMultiples(TrainingSession session, Theme theme) {
        super(CELL_WIDTH, CELL_HEIGHT);
        this.session = session;
        setId("gradient-multiples");
        getStylesheets().add(ChartsView.class.getResource("charts.css").toExternalForm());
        scaleWith(theme);
        rebuild(Map.of()); // until the first Train: what will show here
        palette = ChartPalette.of(theme);
        this.theme = theme;
        javafx.beans.InvalidationListener restyle = o -> {
            palette = ChartPalette.of(theme);
            cells.forEach(c -> {
                c.applyTheme(palette);
                c.applyScale(theme.scale());
            });
        };
        theme.darkProperty().addListener(restyle);
        theme.presenterProperty().addListener(restyle);
        session.frameProperty().addListener((o, was, now) -> refreshIfDue());
        session.comparisonProperty().addListener((o, was, now) -> refresh());
        dev.descent.ui.Shown.onShown(this, this::refresh);
    }

    private void refreshIfDue() {
        if (dev.descent.ui.Shown.isShown(this) && System.currentTimeMillis() - last >= REFRESH_MILLIS) {
            refresh();
        }
    }

    /** Reads every run now and redraws each cell, then puts every cell on the shared range. */
    public void refresh() {
        last = System.currentTimeMillis();
        LockstepComparison c = session.comparisonProperty().get();
        Map<String, Integer> firsts = firstMembers(c);
        if (c != shown || firsts.size() != cells.size()) {
            shown = c;
            rebuild(firsts);
        }
        if (c == null) {
            return;
        }
        List<ChartInput.Run> runs = new ArrayList<>(c.runCount());
        for (int i = 0; i < c.runCount(); i++) {
            runs.add(new ChartInput.Run(c.run(i).name(), Color.decode(RunColors.of(i)), c.history(i), -1, c.run(i).group()));
        }
        List<Integer> focus = new ArrayList<>(firsts.values());
        Range union = null;
        for (int k = 0; k < cells.size(); k++) {
            GradientChart chart = cells.get(k);
            chart.refresh(new ChartInput(c, runs, focus.get(k), c.totalSteps()), false);
            Range r = DatasetUtils.findRangeBounds(chart.dataset(), false);
            if (r != null && Double.isFinite(r.getLowerBound()) && Double.isFinite(r.getUpperBound())) {
                union = union == null ? r : Range.combine(union, r);
            }
        }
        if (union != null) {
            double pad = Math.max(0.1, union.getLength() * 0.04);
            shared = new Range(Math.floor((union.getLowerBound() - pad) * 2) / 2, Math.ceil((union.getUpperBound() + pad) * 2) / 2);
            for (GradientChart chart : cells) {
                chart.fixRange(shared.getLowerBound(), shared.getUpperBound());
            }
        }
    }

    /** Each run of the file (sweep points apart) and the index of its first member, in member order. */
    private static Map<String, Integer> firstMembers(LockstepComparison c) {
        Map<String, Integer> firsts = new LinkedHashMap<>();
        for (int i = 0; c != null && i < c.runCount() && firsts.size() < MAX_CELLS; i++) {
            String group = c.run(i).group() == null ? c.run(i).name() : c.run(i).group();
            firsts.putIfAbsent(group, i);
        }
        return firsts;
    }

    private void rebuild(Map<String, Integer> firsts) {
        cells.clear();
        names.clear();
        shared = null;
        if (firsts.isEmpty()) {
            javafx.scene.control.Label none = new javafx.scene.control.Label("Press Train to see every run's gradients side by side");
            none.getStyleClass().add("chart-note");
            showMessage(none);
            return;
        }
        List<javafx.scene.layout.Region> nodes = new ArrayList<>();
        for (String name : firsts.keySet()) {
            GradientChart chart = new GradientChart();
            chart.compact();
            // no y-axis title in a cell: the heading above the grid says what the axis is, and the title
            // ran up the cell's left edge into the run's name (and was cut: "norm, log scale")
            chart.plot().getRangeAxis().setLabel(null);
            chart.applyTheme(palette);
            chart.applyScale(theme.scale());
            chart.node().getStyleClass().add("gradient-multiple");
            chart.node().setUserData(name);
            cells.add(chart);
            names.add(name);
            nodes.add(chart.node());
        }
        showCells(nodes);
    }

    /** Paints cell {@code k}'s chart, {@code width × height} pixels at the origin of {@code g}, as vectors. FX thread. */
    public void paintCell(int k, java.awt.Graphics2D g, double width, double height) {
        cells.get(k).draw(g, new java.awt.geom.Rectangle2D.Double(0, 0, width, height));
    }

    /** The runs shown, one per cell, in cell order. */
    public List<String> runs() {
        return List.copyOf(names);
    }

    /** The y range every cell shows (log10 of the norm), or null before any point. */
    public Range sharedRange() {
        return shared;
    }

    /** Cell {@code k}'s y axis range. */
    public Range rangeOf(int k) {
        return cells.get(k).plot().getRangeAxis().getRange();
    }

    /** Points cell {@code k} draws. */
    public int pointsOf(int k) {
        return cells.get(k).dataset().pointCount();
    }

    /** Cell {@code k}'s y-axis title (null: none). */
    public String axisLabelOf(int k) {
        return cells.get(k).plot().getRangeAxis().getLabel();
    }

    /** Cell {@code k}'s title. */
    public String titleOf(int k) {
        return cells.get(k).titleText();
    }
}
