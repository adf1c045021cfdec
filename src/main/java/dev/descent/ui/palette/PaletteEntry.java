package dev.descent.ui.palette;

import java.util.Locale;

/**
 * One tile of the palette: what it stands for and the text shown with it. The text comes from the
 * engine (a vocabulary entry's {@code @Explained} annotation, or the node type's own summary), so the
 * window and the code never disagree.
 *
 * @param tile    what dragging it carries
 * @param title   display name
 * @param summary one line on what it does
 * @param formula what it computes, in plain Unicode
 * @param source  where the formula comes from, or empty
 * @param icon    Ikonli code of its icon
 * @param group   sub-heading within its section, or empty
 */
public record PaletteEntry(Tile tile, String title, String summary, String formula, String source, String icon,
                           String group) {

    /** Whether the entry's name, id or summary contains {@code query} (case-insensitive); a blank query matches all. */
    public boolean matches(String query) {
        if (query == null || query.isBlank()) {
            return true;
        }
        String q = query.strip().toLowerCase(Locale.ROOT);
        return title.toLowerCase(Locale.ROOT).contains(q)
                || tile.id().toLowerCase(Locale.ROOT).contains(q)
                || tile.id().replace('_', ' ').toLowerCase(Locale.ROOT).contains(q)
                || summary.toLowerCase(Locale.ROOT).contains(q);
    }

    /** The tooltip as plain text: name and id, summary, formula, source. */
    public String tooltipText() {
        StringBuilder b = new StringBuilder(title).append("  (").append(tile.id()).append(")\n")
                .append(summary).append('\n').append(formula);
        if (!source.isEmpty()) {
            b.append("\nSource: ").append(source);
        }
        return b.toString();
    }
}
