package dev.descent.ui.model;

import java.util.prefs.Preferences;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * Light or dark. The window applies the matching AtlantaFX stylesheet; views that draw their own
 * pixels (charts, the data view, the canvas) listen and repaint. Remembered between sessions.
 */
public final class Theme {
    private static final String KEY = "darkTheme";
    private final BooleanProperty dark = new SimpleBooleanProperty();

    public Theme(Preferences preferences) {
        dark.set(preferences != null && preferences.getBoolean(KEY, false));
        dark.addListener((o, was, now) -> {
            if (preferences != null) {
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

    public void toggle() {
        dark.set(!dark.get());
    }

    /** Background for self-drawn views. */
    public String background() {
        return isDark() ? "#0d1117" : "#ffffff";
    }

    /** Text and axis colour for self-drawn views. */
    public String foreground() {
        return isDark() ? "#c9d1d9" : "#24292f";
    }

    /** Grid-line colour for self-drawn views. */
    public String grid() {
        return isDark() ? "#30363d" : "#d0d7de";
    }
}
