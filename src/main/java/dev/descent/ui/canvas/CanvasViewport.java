package dev.descent.ui.canvas;

import dev.descent.ui.model.Theme;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Affine;

/**
 * The pannable, zoomable surface the canvas draws on: a clipped pane holding the world (cards and edges
 * in canvas units) under one scale-and-translate transform, over a dot grid that moves with it. Points
 * here are in the pane's own coordinates ("view"); {@link #toWorld} turns them into canvas units.
 *
 * <p>Until the user zooms or pans, the view follows the pane's size: it keeps the content fitted, either
 * all of it ({@link #fitAll}) or, as when a network is opened, all of it unless that would make it too
 * small to read, in which case it shows the start of it ({@link #fitReadable}).
 */
final class CanvasViewport extends Pane {
    static final double MIN_ZOOM = 0.25;
    static final double MAX_ZOOM = 3;
    /** Fitting never enlarges past this: a two-node network should not fill a projector wall. */
    static final double MAX_FIT_ZOOM = 1.25;
    /** Opening a network never shrinks it below this: a long one starts at its input, readable, instead. */
    static final double READABLE_ZOOM = 0.6;
    private static final double FIT_MARGIN = 32;
    private static final double GRID = 24;

    /** NONE: where the user put it; READABLE, ALL: fitted; MAGNIFIED: a fixed zoom, placed as a fit is. */
    private enum Fit { NONE, READABLE, ALL, MAGNIFIED }

    private final Canvas grid = new Canvas();
    private final Group world;
    private final Affine camera = new Affine();
    private final Supplier<Bounds> content;
    private final Theme theme;
    private final ReadOnlyDoubleWrapper zoom = new ReadOnlyDoubleWrapper(1);
    private double panX;
    private double panY;
    private Fit fit = Fit.READABLE;
    /** The zoom of {@link Fit#MAGNIFIED}. */
    private double magnified = 1;

    /**
     * @param world   what is drawn, in canvas units
     * @param content the part of the world to fit, or null when there is nothing
     */
    CanvasViewport(Group world, Supplier<Bounds> content, Theme theme) {
        this.world = world;
        this.content = content;
        this.theme = theme;
        getStyleClass().add(CanvasStyles.VIEWPORT);
        setMinSize(0, 0);
        setPrefSize(600, 400);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        grid.setManaged(false);
        grid.setMouseTransparent(true);
        world.setManaged(false);
        world.getTransforms().add(camera);
        getChildren().addAll(grid, world);
        widthProperty().addListener((o, was, now) -> resized());
        heightProperty().addListener((o, was, now) -> resized());
        theme.darkProperty().addListener((o, was, now) -> drawGrid());
        setCamera(1, 0, 0);
    }

    /** Adds something drawn in view coordinates above the world (the rubber band). */
    void addOverlay(Node node) {
        node.setManaged(false);
        getChildren().add(node);
    }

    /** The zoom factor: 1 shows canvas units as pixels. */
    ReadOnlyDoubleProperty zoomProperty() {
        return zoom.getReadOnlyProperty();
    }

    double zoom() {
        return zoom.get();
    }

    /** A view point in canvas units. */
    Point2D toWorld(double x, double y) {
        return world.parentToLocal(x, y);
    }

    /** The part of the world in view, in canvas units. */
    Bounds visibleWorld() {
        return world.parentToLocal(new BoundingBox(0, 0, getWidth(), getHeight()));
    }

    /** Zooms by {@code factor} keeping the view point ({@code x}, {@code y}) where it is. */
    void zoomAt(double factor, double x, double y) {
        double s = zoom.get();
        double next = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, s * factor));
        double wx = (x - panX) / s;
        double wy = (y - panY) / s;
        fit = Fit.NONE;
        setCamera(next, x - next * wx, y - next * wy);
    }

    /** Zooms by {@code factor} around the middle of the view. */
    void zoomAtCentre(double factor) {
        zoomAt(factor, getWidth() / 2, getHeight() / 2);
    }

    /** Moves the world by ({@code dx}, {@code dy}) view pixels. */
    void panBy(double dx, double dy) {
        fit = Fit.NONE;
        setCamera(zoom.get(), panX + dx, panY + dy);
    }

    /** Scrolls, keeping the zoom, so that {@code world} (canvas units) is in the middle of the view. */
    void centreOn(Point2D world) {
        fit = Fit.NONE;
        setCamera(zoom.get(), getWidth() / 2 - world.getX() * zoom.get(), getHeight() / 2 - world.getY() * zoom.get());
    }

    /** Fits all of the content, now and whenever the view is resized, until the user zooms or pans. */
    void fitAll() {
        fit = Fit.ALL;
        applyFit();
    }

    /** As {@link #fitAll}, but never below {@link #READABLE_ZOOM}: a long network shows its start. */
    void fitReadable() {
        fit = Fit.READABLE;
        applyFit();
    }

    /**
     * Zooms to {@code zoom} and keeps it, placing the content as a fit does (centred where it fits, its
     * start at the top left where it does not), now and whenever the view is resized, until the user
     * zooms or pans. Presenter mode's larger cards.
     */
    void magnify(double zoom) {
        magnified = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom));
        fit = Fit.MAGNIFIED;
        applyFit();
    }

    /** The camera now, to {@link #restore} later. */
    CanvasCamera camera() {
        return new CanvasCamera(zoom.get(), panX, panY, fit.name());
    }

    /** Puts back a camera from {@link #camera}: the same zoom and scroll, following resizes as it did. */
    void restore(CanvasCamera saved) {
        fit = Fit.valueOf(saved.fit());
        setCamera(saved.zoom(), saved.panX(), saved.panY());
    }

    private void resized() {
        if (fit != Fit.NONE) {
            applyFit();
        } else {
            drawGrid();
        }
    }

    private void applyFit() {
        double w = getWidth();
        double h = getHeight();
        if (w <= 0 || h <= 0) {
            return; // done when the view gets its size
        }
        Bounds b = content.get();
        if (b == null) {
            setCamera(1, 0, 0);
            return;
        }
        double s = Math.min((w - 2 * FIT_MARGIN) / b.getWidth(), (h - 2 * FIT_MARGIN) / b.getHeight());
        s = Math.max(fit == Fit.READABLE ? READABLE_ZOOM : MIN_ZOOM, Math.min(MAX_FIT_ZOOM, s));
        if (fit == Fit.MAGNIFIED) {
            s = magnified;
        }
        double x = b.getWidth() * s <= w - 2 * FIT_MARGIN ? (w - b.getWidth() * s) / 2 : FIT_MARGIN;
        double y = b.getHeight() * s <= h - 2 * FIT_MARGIN ? (h - b.getHeight() * s) / 2 : FIT_MARGIN;
        setCamera(s, x - b.getMinX() * s, y - b.getMinY() * s);
    }

    private void setCamera(double scale, double x, double y) {
        panX = x;
        panY = y;
        camera.setToTransform(scale, 0, x, 0, scale, y);
        zoom.set(scale);
        drawGrid();
    }

    /** A dot every {@value #GRID} canvas units (fewer when zoomed out far), moving with the view. */
    private void drawGrid() {
        double w = getWidth();
        double h = getHeight();
        grid.setWidth(w);
        grid.setHeight(h);
        GraphicsContext g = grid.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        double step = GRID * zoom.get();
        while (step < 14) {
            step *= 2;
        }
        g.setFill(Color.web(theme.grid()));
        double size = zoom.get() >= 0.75 ? 2 : 1.5;
        for (double x = mod(panX, step); x < w; x += step) {
            for (double y = mod(panY, step); y < h; y += step) {
                g.fillRect(x - size / 2, y - size / 2, size, size);
            }
        }
    }

    private static double mod(double v, double m) {
        double r = v % m;
        return r < 0 ? r + m : r;
    }
}
