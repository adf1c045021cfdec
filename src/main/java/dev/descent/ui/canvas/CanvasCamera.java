package dev.descent.ui.canvas;

/**
 * Where the canvas looks and how it follows resizing, to be put back later (presenter mode saves it on
 * entering and restores it on leaving).
 *
 * @param zoom the zoom factor (1 shows canvas units as pixels)
 * @param panX where canvas x = 0 is in the view, in pixels
 * @param panY where canvas y = 0 is in the view, in pixels
 * @param fit  how the view follows resizing: where the user put it, fitted, or magnified
 */
public record CanvasCamera(double zoom, double panX, double panY, String fit) {
}
