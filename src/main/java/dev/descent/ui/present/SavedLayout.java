package dev.descent.ui.present;

import dev.descent.ui.canvas.CanvasCamera;
import java.util.List;

/**
 * The window as it was before presenter mode, everything leaving puts back.
 *
 * @param dividers   each split pane's divider positions, in the order {@link PresenterMode} finds the
 *                   split panes (all of them, before any pane is hidden)
 * @param hidden     the panes presenter mode took out of their split panes, with where they were
 * @param window     the window's place, size and state
 * @param dark       whether the dark theme was on
 * @param canvas     where the canvas looked
 */
record SavedLayout(List<double[]> dividers, List<HiddenPane> hidden, WindowState window, boolean dark,
                   CanvasCamera canvas) {

    /** A pane taken out of a split pane: its id, the split pane's position in the list, its index there. */
    record HiddenPane(String id, int splitPane, int index) {
    }

    /** A window's bounds and state. */
    record WindowState(double x, double y, double width, double height, boolean fullScreen, boolean maximized) {
    }
}
