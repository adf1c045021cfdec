package dev.descent.ui.data;

import javafx.scene.paint.Color;

/**
 * One colour per class, distinct from the run colours (which mean "this optimizer" elsewhere in the
 * window) and readable on light and dark backgrounds (after ColorBrewer Set1, yellow replaced).
 */
final class ClassColors {
    private static final Color[] COLORS = {Color.web("#e41a1c"), Color.web("#377eb8"), Color.web("#4daf4a"),
            Color.web("#984ea3"), Color.web("#ff7f00"), Color.web("#a65628"), Color.web("#f781bf"),
            Color.web("#17becf"), Color.web("#999999"), Color.web("#bcbd22")};

    private ClassColors() {
    }

    static Color of(int k) {
        return COLORS[Math.floorMod(k, COLORS.length)];
    }
}
