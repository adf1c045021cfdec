package dev.descent.ui.model;

/**
 * When the window's training frames happen (ADR 0007): at most about 30 a second, fewer when the frame
 * work is expensive, so that it stays within {@value #FRAME_BUDGET} of the FX thread; and when the slowly
 * changing figures (progress bars, speeds, the status line) are refreshed, at most 4 times a second,
 * since each change costs a layout and a repaint, and numbers that change 30 times a second cannot be
 * read anyway. FX thread only.
 */
final class FrameClock {
    /** Shortest interval between frames: about 30 a second. */
    static final long FRAME_NANOS = 33_000_000L;
    /** Longest: the charts still move 4 times a second on a slow machine. */
    static final long SLOWEST_FRAME_NANOS = 250_000_000L;
    /** Shortest interval between two refreshes of the figures. */
    static final long FIGURES_NANOS = 250_000_000L;
    /** Frame work may take at most this share of the FX thread (the rest is rendering and input). */
    static final double FRAME_BUDGET = 0.12;

    private long lastFrame;
    private long lastFigures;
    private long interval = FRAME_NANOS;

    /** Whether a frame is due at {@code now}; if so, it starts now. {@code force}: always. */
    boolean frameDue(long now, boolean force) {
        if (!force && now - lastFrame < interval) {
            return false;
        }
        lastFrame = now;
        return true;
    }

    /** Whether this frame refreshes the figures too; {@code force}: always. */
    boolean figuresDue(long now, boolean force) {
        if (force || now - lastFigures >= FIGURES_NANOS) {
            lastFigures = now;
            return true;
        }
        return false;
    }

    /** Runs a frame's work and adapts the interval to what it took. */
    void measure(Runnable work) {
        long start = System.nanoTime();
        work.run();
        long took = System.nanoTime() - start;
        interval = Math.max(FRAME_NANOS, Math.min(SLOWEST_FRAME_NANOS, (long) (took / FRAME_BUDGET)));
    }

    /** The current interval between frames, in nanoseconds. */
    long interval() {
        return interval;
    }
}
