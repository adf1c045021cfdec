package dev.descent.ui.inside;

import java.util.function.Consumer;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/**
 * A self-drawn plot that fills its region: the canvas follows the region's size and {@link #draw} runs
 * after every resize and every {@link #redraw}: at once, or, with a {@link #scheduler}, when the scheduler
 * calls {@link #paint} (the Inside tab paints a few plots per pulse, and only those on screen). FX thread
 * only.
 */
abstract class PlotCanvas extends Region {
    static final Font SMALL = Font.font(11);
    private final Canvas canvas = new Canvas();
    private Color background = Color.WHITE;
    private Color foreground = Color.BLACK;
    private Color grid = Color.LIGHTGRAY;
    /** Text, lines and the preferred size are this many times their base size (presenter mode: 1.6). */
    private double scale = 1;
    /** Whether the picture is older than the plot's data, size or colours. */
    private boolean stale = true;
    /** Told of every {@link #redraw} instead of painting at once; null: paint at once. */
    private Consumer<PlotCanvas> scheduler;

    /**
     * Strokes one line through the points (x(i), y(i)), i = 0 … count − 1, with the context's stroke; a
     * point whose y is not finite (no value, or nothing to show on a log axis) breaks the line there: a gap,
     * never a drop to the axis.
     */
    static void strokeWithGaps(GraphicsContext g, int count, java.util.function.IntToDoubleFunction x,
                               java.util.function.IntToDoubleFunction y) {
        g.beginPath();
        boolean started = false;
        for (int i = 0; i < count; i++) {
            double yi = y.applyAsDouble(i);
            if (!Double.isFinite(yi)) {
                started = false;
                continue;
            }
            if (started) {
                g.lineTo(x.applyAsDouble(i), yi);
            } else {
                g.moveTo(x.applyAsDouble(i), yi);
                started = true;
            }
        }
        g.stroke();
    }

    PlotCanvas(double prefWidth, double prefHeight) {
        getChildren().add(canvas);
        setPrefSize(prefWidth, prefHeight);
        setMinSize(40, 20);
    }

    /** Colours of the theme: background, text and axes, grid lines. */
    void colours(Color background, Color foreground, Color grid) {
        this.background = background;
        this.foreground = foreground;
        this.grid = grid;
        redraw();
    }

    /**
     * Draws {@code factor} times as large: the same picture through {@link GraphicsContext#scale} (vectors
     * at the canvas's own resolution), the preferred size grown with it.
     */
    void scale(double factor) {
        if (factor == scale) {
            return;
        }
        if (getPrefWidth() > 0 && getPrefHeight() > 0) {
            setPrefSize(getPrefWidth() / scale * factor, getPrefHeight() / scale * factor);
        }
        scale = factor;
        redraw();
    }

    /** How many times its base size the plot draws (1, or presenter mode's factor). */
    double scaleFactor() {
        return scale;
    }

    Color background() {
        return background;
    }

    Color foreground() {
        return foreground;
    }

    Color grid() {
        return grid;
    }

    @Override
    protected void layoutChildren() {
        double w = Math.floor(getWidth());
        double h = Math.floor(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            redraw();
        }
    }

    /** Who paints this plot after a {@link #redraw}; null: it paints at once. */
    void scheduler(Consumer<PlotCanvas> scheduler) {
        this.scheduler = scheduler;
    }

    /** Whether the picture is older than what the plot was told to show. */
    boolean stale() {
        return stale;
    }

    /** Pixels of the canvas (what painting it costs, roughly). */
    double area() {
        return canvas.getWidth() * canvas.getHeight();
    }

    /** Marks the plot to be drawn again at its current size: now, or when its scheduler paints it. */
    final void redraw() {
        stale = true;
        if (scheduler == null) {
            paint();
        } else {
            scheduler.accept(this);
        }
    }

    /** Draws the plot now at its current size. */
    final void paint() {
        stale = false;
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w < 1 || h < 1) {
            return;
        }
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(background);
        g.fillRect(0, 0, w, h);
        g.save();
        g.scale(scale, scale);
        g.setFont(SMALL);
        draw(g, w / scale, h / scale);
        g.restore();
    }

    /** Draws onto a cleared canvas of {@code w} × {@code h}. */
    abstract void draw(GraphicsContext g, double w, double h);
}
