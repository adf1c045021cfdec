package dev.descent.ui.compare;

import dev.descent.engine.train.LockstepComparison;
import dev.descent.experiment.Experiment;
import dev.descent.ui.charts.ChartFile;
import dev.descent.ui.charts.NodePicture;
import dev.descent.ui.model.SelectionModel;
import dev.descent.ui.model.TrainingSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/**
 * The Compare area: every run as a mean curve with a band over its members, the stability map of every
 * swept run, and the summary table of all runs. It reads what the comparison publishes at most four
 * times a second while its window is showing (a closed Compare window costs nothing), never more often
 * than frames come; each read copies every member's loss series, so it grows with the members. Clicking a map cell or a table
 * row selects that run: it is emphasised here, and the window's selection moves to its run of the file
 * with the point's first member as the focus run (its gradients and decision boundary). FX thread only.
 */
public final class CompareView extends BorderPane {
    /** Shortest time between two reads of the comparison. */
    static final long REFRESH_NANOS = 250_000_000L;

    private final Supplier<CompareData> source;
    private final Consumer<RunGroup> select;
    private final BandChart chart = new BandChart();
    private final StabilityMap map;
    private final SummaryTable table;
    private CompareData data = CompareData.EMPTY;
    private String selected;
    private long lastRefresh;

    /** The Compare area of the window: reads {@code session}'s comparison, selects through {@code selection}. */
    public CompareView(TrainingSession session, SelectionModel selection) {
        this(() -> {
            LockstepComparison c = session.comparisonProperty().get();
            Experiment trained = session.trainedExperiment();
            return c == null || trained == null ? CompareData.EMPTY : CompareData.of(c, trained);
        }, group -> {
            Experiment trained = session.trainedExperiment();
            if (trained == null) {
                return;
            }
            String run = group.sweptRun() != null ? group.sweptRun() : group.name();
            for (int i = 0; i < trained.runs().size(); i++) {
                if (trained.runs().get(i).name().equals(run)) {
                    selection.selectRun(i);
                    break;
                }
            }
            selection.focusRunProperty().set(group.firstIndex());
        });
        session.frameProperty().addListener((o, was, now) -> refreshIfDue());
        session.comparisonProperty().addListener((o, was, now) -> refresh());
        // in a tab: no reads while another tab shows, read at once when it comes back
        dev.descent.ui.Shown.onShown(this, this::refresh);
    }

    /**
     * A Compare area over any data: {@code source} gives what to show at each refresh, {@code select}
     * hears of the run the user picks.
     */
    public CompareView(Supplier<CompareData> source, Consumer<RunGroup> select) {
        this.source = source;
        this.select = select;
        setId("compare");
        getStyleClass().add("compare-view");
        getStylesheets().add(CompareView.class.getResource("compare.css").toExternalForm());
        map = new StabilityMap(this::pick);
        table = new SummaryTable(name -> data.runs().stream().filter(g -> g.name().equals(name)).findFirst()
                .ifPresent(this::pick));
        setTop(toolbar());
        ScrollPane maps = new ScrollPane(map);
        maps.setFitToHeight(true);
        maps.setFitToWidth(true); // as wide as the view, or as wide as its grids (then it scrolls)
        BorderPane mapsWithKey = new BorderPane(maps);
        mapsWithKey.setRight(map.legend());
        BorderPane.setMargin(map.legend(), new javafx.geometry.Insets(4, 4, 4, 8));
        SplitPane upper = new SplitPane(chart, mapsWithKey);
        upper.setDividerPositions(0.55);
        SplitPane all = new SplitPane(upper, table);
        all.setOrientation(Orientation.VERTICAL);
        all.setDividerPositions(0.6);
        setCenter(all);
        chart.modeProperty().addListener((o, was, now) -> show());
        map.metricProperty().addListener((o, was, now) -> show());
    }

    private HBox toolbar() {
        ToggleGroup modes = new ToggleGroup();
        HBox bar = new HBox(4);
        bar.getStyleClass().add("compare-toolbar");
        bar.setAlignment(Pos.CENTER_LEFT);
        Label band = new Label("band");
        bar.getChildren().add(band);
        for (BandChart.Mode m : BandChart.Mode.values()) {
            ToggleButton b = new ToggleButton(m.toString());
            b.setId("compare-band-" + m.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            b.setToggleGroup(modes);
            b.setSelected(m == chart.modeProperty().get());
            b.setOnAction(e -> {
                if (b.isSelected()) {
                    chart.modeProperty().set(m);
                } else {
                    b.setSelected(true); // one mode is always on
                }
            });
            bar.getChildren().add(b);
        }
        ChoiceBox<StabilityMap.Metric> metric = new ChoiceBox<>();
        metric.setId("compare-map-metric");
        metric.getItems().setAll(StabilityMap.Metric.values());
        metric.setValue(map.metricProperty().get());
        map.metricProperty().bind(metric.valueProperty());
        Label colour = new Label("map colour");
        colour.getStyleClass().add("compare-toolbar-gap");
        bar.getChildren().addAll(colour, metric);
        return bar;
    }

    public BandChart chart() {
        return chart;
    }

    public StabilityMap map() {
        return map;
    }

    public SummaryTable table() {
        return table;
    }

    /** The run picked last, or null. */
    public String selectedRun() {
        return selected;
    }

    /** Reads the data again now. */
    public void refresh() {
        lastRefresh = System.nanoTime();
        data = source.get();
        show();
    }

    private void refreshIfDue() {
        if (!dev.descent.ui.Shown.isShown(this) || System.nanoTime() - lastRefresh < REFRESH_NANOS) {
            return;
        }
        refresh();
    }

    private void show() {
        chart.show(data, selected);
        map.show(data, selected);
        table.show(data.runs());
    }

    private void pick(RunGroup group) {
        if (group.name().equals(selected)) {
            return;
        }
        selected = group.name();
        show();
        table.select(group.name());
        select.accept(group);
    }

    /**
     * Writes the band chart and the stability maps with their colour bar, side by side as in the tab, to
     * {@code file}: an SVG (vectors and text) when its name ends in .svg, a PNG when in .png. The whole of
     * the maps is written, also what is scrolled out of view. The view must be laid out (its tab shown
     * once). FX thread.
     *
     * @throws IOException with one line naming the file and the reason
     */
    public void export(Path file) throws IOException {
        ChartFile.formatOf(file); // refuse another ending before drawing
        refresh();
        applyCss();
        layout();
        javafx.scene.Node legend = map.legend();
        double gap = 16;
        double chartW = chart.getWidth();
        double mapW = map.getLayoutBounds().getWidth();
        double legendW = legend.isVisible() ? legend.getLayoutBounds().getWidth() : 0;
        double h = Math.max(chart.getHeight(), Math.max(map.getLayoutBounds().getHeight(), legend.getLayoutBounds().getHeight()));
        int width = (int) Math.ceil(chartW + gap + mapW + gap + legendW);
        int height = (int) Math.ceil(h);
        if (width < 1 || height < 1 || chartW <= 0) {
            throw new IOException("cannot write " + file + ": the Compare tab has not been shown yet");
        }
        java.awt.Color background = background();
        ChartFile.writeImage(file, width, height, (g, w, hh) -> {
            g.setPaint(background);
            g.fillRect(0, 0, w, hh);
            NodePicture.paint(g, chart);
            g.translate(chartW + gap, 0);
            NodePicture.paint(g, map);
            g.translate(mapW + gap, 0);
            NodePicture.paint(g, legend);
        });
    }

    /** The tab's own background colour (the theme's), white if it has none. */
    private java.awt.Color background() {
        for (javafx.scene.Node n = this; n != null; n = n.getParent()) {
            if (n instanceof javafx.scene.layout.Region r && r.getBackground() != null) {
                for (var fill : r.getBackground().getFills()) {
                    if (fill.getFill() instanceof javafx.scene.paint.Color c && c.getOpacity() > 0.99) {
                        return new java.awt.Color((float) c.getRed(), (float) c.getGreen(), (float) c.getBlue());
                    }
                }
            }
        }
        return java.awt.Color.WHITE;
    }

    /** The runs shown. */
    List<RunGroup> runs() {
        return data.runs();
    }
}
