package dev.descent.ui.charts;

import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;

/**
 * The read-out under the mouse: a vertical line at the nearest step, a dot on each curve and a small
 * box with the step and every curve's value there. Drawn as JavaFX nodes over the chart, so moving the
 * mouse never redraws the chart itself. FX thread only.
 */
final class Hover {
    private final ChartViewer viewer;
    private final XYPlot plot;
    private final CurveDataset dataset;
    private final Pane layer = new Pane();
    private final Line line = new Line();
    private final VBox box = new VBox();
    private final List<Circle> dots = new ArrayList<>();
    private boolean inside;
    private double mouseX;
    private XAxis axis = XAxis.STEP;

    Hover(ChartViewer viewer, XYPlot plot, CurveDataset dataset) {
        this.viewer = viewer;
        this.plot = plot;
        this.dataset = dataset;
        layer.setMouseTransparent(true);
        layer.setManaged(true);
        line.getStyleClass().add(ChartsView.HOVER_LINE);
        box.getStyleClass().add(ChartsView.HOVER_BOX);
        box.setManaged(false);
        layer.getChildren().addAll(line, box);
        hide();
        viewer.getCanvas().addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            inside = true;
            mouseX = e.getX();
            update();
        });
        viewer.getCanvas().addEventHandler(MouseEvent.MOUSE_EXITED, e -> {
            inside = false;
            hide();
        });
    }

    Pane layer() {
        return layer;
    }

    /** What the x axis counts, for the read-out's head line (steps unless told). */
    void setAxis(XAxis axis) {
        this.axis = axis;
    }

    /** Re-reads the values under the mouse (after the chart redrew or the mouse moved). */
    void update() {
        ChartRenderingInfo info = viewer.getCanvas().getRenderingInfo();
        if (!inside || info == null || dataset.getSeriesCount() == 0) {
            hide();
            return;
        }
        Rectangle2D area = info.getPlotInfo().getDataArea();
        if (area.getWidth() <= 0 || mouseX < area.getMinX() || mouseX > area.getMaxX()) {
            hide();
            return;
        }
        double step = plot.getDomainAxis().java2DToValue(mouseX, area, plot.getDomainAxisEdge());
        double snapped = Double.NaN;
        for (Curve c : dataset.curves()) {
            int i = c.nearest(step);
            if (i >= 0 && c.line() != Curve.Line.FAINT
                    && (Double.isNaN(snapped) || Math.abs(c.x()[i] - step) < Math.abs(snapped - step))) {
                snapped = c.x()[i];
            }
        }
        if (Double.isNaN(snapped)) {
            hide();
            return;
        }
        double px = plot.getDomainAxis().valueToJava2D(snapped, area, plot.getDomainAxisEdge());
        line.setStartX(px);
        line.setEndX(px);
        line.setStartY(area.getMinY());
        line.setEndY(area.getMaxY());
        line.setVisible(true);

        List<javafx.scene.Node> rows = new ArrayList<>();
        Label head = new Label(axis.describe(snapped));
        head.getStyleClass().add(ChartsView.HOVER_HEAD);
        rows.add(head);
        int dot = 0;
        for (Curve c : dataset.curves()) {
            if (c.line() == Curve.Line.FAINT) {
                continue;
            }
            int i = c.nearest(snapped);
            if (i < 0 || Math.abs(c.x()[i] - snapped) > tolerance(area)) {
                continue;
            }
            double v = c.value(i);
            Color color = fx(c.color());
            String at = axis.describe(c.x()[i]);
            String where = at.equals(head.getText()) ? "" : "  (" + at + ")";
            Label row = new Label(c.label() + "  " + format(v) + where);
            Rectangle swatch = new Rectangle(10, 3, color);
            row.setGraphic(swatch);
            rows.add(row);
            int zeroRow = dataset.isZero(dataset.curves().indexOf(c), i) ? dataset.zeroRow(dataset.curves().indexOf(c)) : -1;
            if (Double.isFinite(c.y()[i]) || zeroRow >= 0) {
                double py = zeroRow >= 0 ? CurveRenderer.markCentre(area, zeroRow)
                        : plot.getRangeAxis().valueToJava2D(c.y()[i], area, plot.getRangeAxisEdge());
                if (py >= area.getMinY() - 1 && py <= area.getMaxY() + 1) {
                    Circle circle = dot(dot++);
                    circle.setCenterX(px);
                    circle.setCenterY(py);
                    circle.setFill(color);
                    circle.setVisible(true);
                }
            }
        }
        for (int i = dot; i < dots.size(); i++) {
            dots.get(i).setVisible(false);
        }
        box.getChildren().setAll(rows);
        box.applyCss();
        box.autosize();
        double w = box.getWidth();
        double x = px + 12 + w > area.getMaxX() ? px - 12 - w : px + 12;
        box.relocate(Math.max(area.getMinX(), x), area.getMinY() + 4);
        box.setVisible(true);
    }

    /** Curves whose nearest point is further than this (in steps) from the line are left out. */
    private double tolerance(Rectangle2D area) {
        double a = plot.getDomainAxis().java2DToValue(area.getMinX(), area, plot.getDomainAxisEdge());
        double b = plot.getDomainAxis().java2DToValue(area.getMinX() + 24, area, plot.getDomainAxisEdge());
        return Math.abs(b - a);
    }

    private Circle dot(int i) {
        while (dots.size() <= i) {
            Circle c = new Circle(4.5);
            c.getStyleClass().add(ChartsView.HOVER_DOT);
            dots.add(c);
            layer.getChildren().add(c);
        }
        return dots.get(i);
    }

    private void hide() {
        line.setVisible(false);
        box.setVisible(false);
        dots.forEach(d -> d.setVisible(false));
    }

    /** Whether the read-out is showing, and its text, for tests. */
    String text() {
        if (!box.isVisible()) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        box.getChildren().forEach(n -> s.append(((Label) n).getText()).append('\n'));
        return s.toString().strip();
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        if (v == 0 || (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5)) {
            return String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
        }
        String[] parts = String.format(Locale.ROOT, "%.3e", v).split("e");
        return parts[0] + "e" + Integer.parseInt(parts[1]);
    }

    private static Color fx(java.awt.Color c) {
        return Color.rgb(c.getRed(), c.getGreen(), c.getBlue(), c.getAlpha() / 255.0);
    }
}
