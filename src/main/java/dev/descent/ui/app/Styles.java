package dev.descent.ui.app;

/** Style-class names used across the window, defined in descent.css. One place, no inline styles. */
public final class Styles {
    private Styles() {
    }

    public static final String WINDOW = "descent-window";
    public static final String PANEL_TITLE = "panel-title";
    public static final String BLOCKED_REASON = "blocked-reason";
    public static final String STATUS_ITEM = "status-item";
    public static final String MUTED = "muted";
    public static final String DANGER = "danger";
    public static final String PROBLEMS = "problems";
}
