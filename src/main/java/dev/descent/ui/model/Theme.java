package dev.descent.ui.model;

import java.util.prefs.Preferences;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * Light or dark, and whether presenter mode is on. The window applies the matching AtlantaFX stylesheet;
 * views that draw their own pixels (charts, the data view, the canvas) listen and repaint. Dark is
 * remembered between sessions; presenter mode is not.
 *
 * <p>Presenter mode (a projector): high-contrast colours (black on white, on the light theme, which
 * presenter mode switches to without remembering it) and every self-drawn font and stroke
 * {@link #scale()} times its usual size.
 */
public final class Theme {
    private static final String KEY = "darkTheme";
    private final BooleanProperty dark = new SimpleBooleanProperty();
    private final BooleanProperty presenter = new SimpleBooleanProperty();
    /** How much larger presenter mode draws fonts and strokes. */
    public static final double PRESENTER_SCALE = 1.6;

    public Theme(Preferences preferences) {
        dark.set(preferences != null && preferences.getBoolean(KEY, false));
        dark.addListener((o, was, now) -> {
            if (preferences != null && !presenter.get()) { // presenter mode's light theme is not the user's choice
                preferences.putBoolean(KEY, now);
            }
        });
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    public boolean isDark() {
        return dark.get();
    }

    /** Presenter mode's colours and sizes (set by {@code ui.present.PresenterMode}). */
    public BooleanProperty presenterProperty() {
        return presenter;
    }

    public boolean isPresenter() {
        return presenter.get();
    }

    /** Factor for self-drawn fonts and strokes: {@link #PRESENTER_SCALE} in presenter mode, else 1. */
    public double scale() {
        return isPresenter() ? PRESENTER_SCALE : 1;
    }

    public void toggle() {
        dark.set(!dark.get());
    }

    /** Background for self-drawn views. */
    public String background() {
        return isPresenter() ? "#ffffff" : isDark() ? "#0d1117" : "#ffffff";
    }

    /** Text and axis colour for self-drawn views. */
    public String foreground() {
        return isPresenter() ? "#000000" : isDark() ? "#c9d1d9" : "#24292f";
    }

    /** Grid-line colour for self-drawn views. */
    public String grid() {
        return isPresenter() ? "#8c959f" : isDark() ? "#30363d" : "#d0d7de";
    }
}
