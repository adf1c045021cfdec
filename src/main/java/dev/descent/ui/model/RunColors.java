package dev.descent.ui.model;

/** One distinct colour per run, readable on light and dark backgrounds (Tableau 10). */
public final class RunColors {
    private static final String[] COLORS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#76b7b2",
            "#edc948", "#9c755f", "#ff9da7", "#bab0ac"};

    private RunColors() {
    }

    /** The colour of run {@code index}, as a CSS hex string. */
    public static String of(int index) {
        return COLORS[Math.floorMod(index, COLORS.length)];
    }
}
