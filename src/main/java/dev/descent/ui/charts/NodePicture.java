package dev.descent.ui.charts;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.MultipleGradientPaint;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Border;
import javafx.scene.layout.BorderStroke;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Paint;
import javafx.scene.paint.Stop;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.Shape;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * Paints a laid-out JavaFX node and everything visible under it onto a {@link Graphics2D}, as vectors
 * (for {@link ChartFile}: the same calls give an SVG or a PNG): regions' background fills and borders,
 * rectangles, lines, polylines, polygons, circles and text (labels' text included), each with the
 * transform that places it under the root. This covers what the Compare tab's band chart and stability
 * map are made of (shapes and labels, not canvases or charts); anything else (images, canvases, effects,
 * clips) is left out. FX thread only.
 */
public final class NodePicture {
    private NodePicture() {
    }

    /** Paints {@code root} with its top-left corner at the origin of {@code g}. */
    public static void paint(Graphics2D g, Node root) {
        Bounds bounds = root.getLayoutBounds();
        javafx.scene.transform.Transform toRoot;
        try {
            toRoot = root.getLocalToSceneTransform().createInverse();
        } catch (javafx.scene.transform.NonInvertibleTransformException e) {
            return;
        }
        AffineTransform base = g.getTransform();
        g.translate(-bounds.getMinX(), -bounds.getMinY());
        paintTree(g, root, toRoot, g.getTransform());
        g.setTransform(base);
    }

    private static void paintTree(Graphics2D g, Node node, javafx.scene.transform.Transform toRoot, AffineTransform origin) {
        if (!node.isVisible() || node.getOpacity() <= 0) {
            return;
        }
        javafx.scene.transform.Transform t = toRoot.createConcatenation(node.getLocalToSceneTransform());
        g.setTransform(origin);
        g.transform(new AffineTransform(t.getMxx(), t.getMyx(), t.getMxy(), t.getMyy(), t.getTx(), t.getTy()));
        if (node instanceof Region region) {
            paintRegion(g, region);
        } else if (node instanceof Shape shape) {
            paintShape(g, shape);
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                paintTree(g, child, toRoot, origin);
            }
        }
    }

    private static void paintRegion(Graphics2D g, Region region) {
        double w = region.getWidth();
        double h = region.getHeight();
        Background background = region.getBackground();
        if (background != null) {
            for (BackgroundFill fill : background.getFills()) {
                if (!setPaint(g, fill.getFill(), 0, 0, w, h)) {
                    continue;
                }
                double x = fill.getInsets().getLeft();
                double y = fill.getInsets().getTop();
                double fw = w - x - fill.getInsets().getRight();
                double fh = h - y - fill.getInsets().getBottom();
                double r = fill.getRadii() == null ? 0 : fill.getRadii().getTopLeftHorizontalRadius();
                g.fill(r > 0 ? new RoundRectangle2D.Double(x, y, fw, fh, 2 * r, 2 * r) : new Rectangle2D.Double(x, y, fw, fh));
            }
        }
        Border border = region.getBorder();
        if (border != null) {
            for (BorderStroke stroke : border.getStrokes()) {
                double width = stroke.getWidths().getTop();
                if (width <= 0 || !setPaint(g, stroke.getTopStroke(), 0, 0, w, h)) {
                    continue;
                }
                g.setStroke(new BasicStroke((float) width));
                double r = stroke.getRadii() == null ? 0 : stroke.getRadii().getTopLeftHorizontalRadius();
                double half = width / 2;
                g.draw(r > 0 ? new RoundRectangle2D.Double(half, half, w - width, h - width, 2 * r, 2 * r)
                        : new Rectangle2D.Double(half, half, w - width, h - width));
            }
        }
    }

    private static void paintShape(Graphics2D g, Shape shape) {
        java.awt.Shape outline = outline(shape);
        if (outline == null) {
            return;
        }
        Bounds b = shape.getLayoutBounds();
        if (!(shape instanceof Text) && !(shape instanceof Line) && !(shape instanceof Polyline)
                && setPaint(g, shape.getFill(), b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight())) {
            g.fill(outline);
        }
        if (shape instanceof Text text) {
            paintText(g, text);
            return;
        }
        if (shape.getStrokeWidth() > 0 && setPaint(g, shape.getStroke(), b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight())) {
            List<Double> dashes = shape.getStrokeDashArray();
            float[] dash = null;
            if (!dashes.isEmpty()) {
                dash = new float[dashes.size()];
                for (int i = 0; i < dash.length; i++) {
                    dash[i] = dashes.get(i).floatValue();
                }
            }
            g.setStroke(new BasicStroke((float) shape.getStrokeWidth(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f));
            g.draw(outline);
        }
    }

    /** The shape's outline in its own coordinates, or null for a kind this does not draw. */
    private static java.awt.Shape outline(Shape shape) {
        if (shape instanceof Rectangle r) {
            return r.getArcWidth() > 0
                    ? new RoundRectangle2D.Double(r.getX(), r.getY(), r.getWidth(), r.getHeight(), r.getArcWidth(), r.getArcHeight())
                    : new Rectangle2D.Double(r.getX(), r.getY(), r.getWidth(), r.getHeight());
        }
        if (shape instanceof Line l) {
            return new Line2D.Double(l.getStartX(), l.getStartY(), l.getEndX(), l.getEndY());
        }
        if (shape instanceof Circle c) {
            return new java.awt.geom.Ellipse2D.Double(c.getCenterX() - c.getRadius(), c.getCenterY() - c.getRadius(),
                    2 * c.getRadius(), 2 * c.getRadius());
        }
        if (shape instanceof Polygon p) {
            return path(p.getPoints(), true);
        }
        if (shape instanceof Polyline p) {
            return path(p.getPoints(), false);
        }
        if (shape instanceof Text) {
            return new Rectangle2D.Double();
        }
        return null;
    }

    private static Path2D path(List<Double> points, boolean closed) {
        Path2D path = new Path2D.Double();
        for (int i = 0; i + 1 < points.size(); i += 2) {
            if (i == 0) {
                path.moveTo(points.get(i), points.get(i + 1));
            } else {
                path.lineTo(points.get(i), points.get(i + 1));
            }
        }
        if (closed && points.size() >= 4) {
            path.closePath();
        }
        return path;
    }

    /** A text node's string on its baseline, in its font and fill (a label's text is such a node). */
    private static void paintText(Graphics2D g, Text text) {
        String s = text.getText();
        if (s == null || s.isEmpty() || !setPaint(g, text.getFill(), 0, 0, 1, 1)) {
            return;
        }
        Font font = text.getFont();
        String style = font.getStyle().toLowerCase(java.util.Locale.ROOT);
        int awtStyle = (style.contains("bold") ? java.awt.Font.BOLD : 0)
                | (style.contains("italic") || style.contains("oblique") ? java.awt.Font.ITALIC : 0);
        g.setFont(new java.awt.Font(font.getFamily(), awtStyle, 1).deriveFont((float) font.getSize()));
        Bounds b = text.getLayoutBounds();
        g.drawString(s, (float) b.getMinX(), (float) (b.getMinY() + text.getBaselineOffset()));
    }

    /** Sets {@code paint} on {@code g} for a box (x, y, w, h); false when there is nothing to paint. */
    private static boolean setPaint(Graphics2D g, Paint paint, double x, double y, double w, double h) {
        if (paint instanceof Color c) {
            if (c.getOpacity() <= 0) {
                return false;
            }
            g.setPaint(awt(c));
            return true;
        }
        if (paint instanceof LinearGradient lg) {
            double sx = lg.isProportional() ? x + lg.getStartX() * w : lg.getStartX();
            double sy = lg.isProportional() ? y + lg.getStartY() * h : lg.getStartY();
            double ex = lg.isProportional() ? x + lg.getEndX() * w : lg.getEndX();
            double ey = lg.isProportional() ? y + lg.getEndY() * h : lg.getEndY();
            List<Stop> stops = lg.getStops();
            float[] fractions = new float[stops.size()];
            java.awt.Color[] colours = new java.awt.Color[stops.size()];
            for (int i = 0; i < fractions.length; i++) {
                // java.awt wants strictly increasing fractions
                fractions[i] = (float) Math.min(1, Math.max(stops.get(i).getOffset(), i == 0 ? 0 : fractions[i - 1] + 1e-6));
                colours[i] = awt(stops.get(i).getColor());
            }
            if (fractions.length < 2 || (sx == ex && sy == ey)) {
                g.setPaint(colours.length == 0 ? java.awt.Color.BLACK : colours[0]);
                return colours.length > 0;
            }
            g.setPaint(new java.awt.LinearGradientPaint((float) sx, (float) sy, (float) ex, (float) ey, fractions, colours,
                    MultipleGradientPaint.CycleMethod.NO_CYCLE));
            return true;
        }
        return false;
    }

    private static java.awt.Color awt(Color c) {
        return new java.awt.Color((float) c.getRed(), (float) c.getGreen(), (float) c.getBlue(), (float) c.getOpacity());
    }
}
