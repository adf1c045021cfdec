package dev.descent.ui.canvas;

import dev.descent.engine.graph.Edge;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.shape.CubicCurveTo;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import javafx.scene.shape.Polygon;
import javafx.util.Duration;

/**
 * One edge: a smooth curve from the output port of one card to the input port of another, an arrowhead
 * at the input and a label with the shape it carries ("N × 16"). A curve that would pass behind another
 * card arches over it; a label that would sit on a card goes above the two cards instead. In canvas units.
 */
final class EdgeView extends Group {
    private static final double ARROW_LENGTH = 9;
    private static final double ARROW_HALF_WIDTH = 5;
    private static final int SAMPLES = 24;
    /** How far an edge arching over cards passes above their tops. */
    private static final double ARCH_CLEARANCE = 36;

    private final Edge edge;
    private final Path line = new Path();
    private final Path hit = new Path();
    private final Polygon arrow = new Polygon();
    private final Label label = new Label();
    private final Tooltip tooltip = new Tooltip();
    private Point2D middle = Point2D.ZERO;
    private Bounds fromCard;
    private Bounds toCard;

    EdgeView(Edge edge) {
        this.edge = edge;
        getStyleClass().add(CanvasStyles.EDGE);
        line.getStyleClass().add(CanvasStyles.EDGE_LINE);
        line.setMouseTransparent(true);
        hit.getStyleClass().add(CanvasStyles.EDGE_HIT);
        arrow.getStyleClass().add(CanvasStyles.EDGE_ARROW);
        arrow.setMouseTransparent(true);
        label.getStyleClass().add(CanvasStyles.EDGE_LABEL);
        label.setMouseTransparent(true);
        label.setVisible(false);
        label.widthProperty().addListener((o, was, now) -> placeLabel());
        label.heightProperty().addListener((o, was, now) -> placeLabel());
        tooltip.setShowDelay(Duration.millis(500));
        Tooltip.install(hit, tooltip);
        tooltip.setText(edge.toString());
        getChildren().addAll(line, arrow, hit, label);
    }

    Edge edge() {
        return edge;
    }

    /** Shows the shape the edge carries, or hides the label when it is not known (null). */
    void showShape(String shape) {
        boolean known = shape != null;
        label.setText(known ? shape : "");
        label.setVisible(known);
        tooltip.setText(NodeLabels.edgeTooltip(edge, shape));
    }

    String shapeText() {
        return label.isVisible() ? label.getText() : null;
    }

    /**
     * Draws the edge from {@code from}'s output port to {@code to}'s input port, clear of the other cards.
     * A forward edge is one S-curve, lifted over any card in its way; an edge that runs backwards (a
     * network wrapped onto several rows, or a cycle) leaves to the right, runs back through the gap
     * between the rows (or under both cards) and comes into the port from the left.
     *
     * @param from   the source card's rectangle
     * @param to     the target card's rectangle
     * @param others every card's rectangle (the two ends are skipped)
     */
    void route(Bounds from, Bounds to, List<Bounds> others) {
        double sx = from.getMaxX();
        double sy = from.getMinY() + from.getHeight() / 2;
        double tipX = to.getMinX() - NodeView.PORT_RADIUS;
        double ey = to.getMinY() + to.getHeight() / 2;
        double ex = tipX - ARROW_LENGTH + 1;
        List<PathElement> path = new ArrayList<>();
        path.add(new MoveTo(sx, sy));
        double mx;
        double my;
        if (ex - sx >= -20) {
            double bend = Math.max(20, Math.abs(ex - sx) / 2);
            double c1y = sy;
            double c2y = ey;
            double top = obstacleTop(sx, sy, sx + bend, c1y, ex - bend, c2y, ex, ey, from, to, others);
            if (!Double.isNaN(top)) {
                // a cubic whose two control points are raised by h peaks 0.75 h above its ends; clear the
                // card tops and the shape labels that float above them
                double lift = (Math.min(sy, ey) - top + ARCH_CLEARANCE) / 0.75;
                c1y -= lift;
                c2y -= lift;
            }
            path.add(new CubicCurveTo(sx + bend, c1y, ex - bend, c2y, ex, ey));
            mx = (sx + tipX) / 2; // the middle of the gap between the cards
            my = cubic(sy, c1y, c2y, ey, 0.5);
        } else {
            double channel;
            if (to.getMinY() > from.getMaxY() + 8) {
                channel = (from.getMaxY() + to.getMinY()) / 2;
            } else if (from.getMinY() > to.getMaxY() + 8) {
                channel = (to.getMaxY() + from.getMinY()) / 2;
            } else {
                channel = Math.max(from.getMaxY(), to.getMaxY()) + 26;
            }
            double reach = Math.min(44, 12 + Math.min(Math.abs(channel - sy), Math.abs(channel - ey)) * 0.75);
            path.add(new CubicCurveTo(sx + reach, sy, sx + reach, channel, sx, channel));
            path.add(new LineTo(ex, channel));
            path.add(new CubicCurveTo(ex - reach, channel, ex - reach, ey, ex, ey));
            mx = (sx + ex) / 2;
            my = channel;
        }
        line.getElements().setAll(path);
        hit.getElements().setAll(path);
        arrow.getPoints().setAll(tipX, ey, tipX - ARROW_LENGTH, ey - ARROW_HALF_WIDTH, tipX - ARROW_LENGTH,
                ey + ARROW_HALF_WIDTH);
        middle = new Point2D(mx, my);
        fromCard = from;
        toCard = to;
        placeLabel();
    }

    /** The top of the highest card (other than the ends) that the curve would pass through, or NaN. */
    private static double obstacleTop(double x0, double y0, double x1, double y1, double x2, double y2, double x3,
                                      double y3, Bounds from, Bounds to, List<Bounds> others) {
        double top = Double.NaN;
        for (int i = 1; i < SAMPLES; i++) {
            double t = i / (double) SAMPLES;
            double x = cubic(x0, x1, x2, x3, t);
            double y = cubic(y0, y1, y2, y3, t);
            for (Bounds b : others) {
                if (b.equals(from) || b.equals(to)) {
                    continue;
                }
                if (x > b.getMinX() - 6 && x < b.getMaxX() + 6 && y > b.getMinY() - 6 && y < b.getMaxY() + 6) {
                    top = Double.isNaN(top) ? b.getMinY() : Math.min(top, b.getMinY());
                }
            }
        }
        return top;
    }

    /** On the middle of the route, or, where that would cover a card, above the two cards. */
    private void placeLabel() {
        if (fromCard == null) {
            return;
        }
        double w = labelWidth();
        double h = labelHeight();
        double x = middle.getX();
        double y = middle.getY();
        Bounds onRoute = new BoundingBox(x - w / 2, y - h / 2, w, h);
        if (intersects(onRoute, fromCard, 1) || intersects(onRoute, toCard, 1)) {
            y = Math.min(fromCard.getMinY(), toCard.getMinY()) - h / 2 - 3;
        }
        label.relocate(x - w / 2, y - h / 2);
    }

    private double labelWidth() {
        return label.getWidth() > 0 ? label.getWidth() : 7 * label.getText().length() + 14;
    }

    private double labelHeight() {
        return label.getHeight() > 0 ? label.getHeight() : 18;
    }

    private static boolean intersects(Bounds a, Bounds b, double slack) {
        return a.getMinX() < b.getMaxX() + slack && a.getMaxX() > b.getMinX() - slack
                && a.getMinY() < b.getMaxY() + slack && a.getMaxY() > b.getMinY() - slack;
    }

    private static double cubic(double p0, double p1, double p2, double p3, double t) {
        double u = 1 - t;
        return u * u * u * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t * t * t * p3;
    }

    /** Whether {@code world} (canvas units) is on the edge's wide, invisible hit stroke. */
    boolean hits(Point2D world) {
        return hit.contains(world);
    }

    /** The middle of the route, where the label goes when there is room, in canvas units. */
    Point2D midpoint() {
        return middle;
    }

    Label label() {
        return label;
    }
}
