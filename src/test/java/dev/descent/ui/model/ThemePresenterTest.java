package dev.descent.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.testing.MemoryPreferences;
import org.junit.jupiter.api.Test;

/** Presenter mode's side of the theme: its light theme is never stored as the user's choice; sizes and colours. */
class ThemePresenterTest {
    @Test
    void theLightThemeOfPresenterModeIsNotRemembered() {
        // given a user who chose the dark theme
        MemoryPreferences preferences = new MemoryPreferences();
        preferences.putBoolean("darkTheme", true);
        Theme theme = new Theme(preferences);
        assertTrue(theme.isDark());
        // when presenter mode switches to light (as PresenterMode.enter does)
        theme.presenterProperty().set(true);
        theme.darkProperty().set(false);
        // then the stored choice is still dark: a window closed while presenting opens dark again
        assertTrue(preferences.getBoolean("darkTheme", false));
        assertTrue(new Theme(preferences).isDark());
    }

    @Test
    void aChoiceMadeOutsidePresenterModeIsRemembered() {
        // given the light theme and presenter mode off
        MemoryPreferences preferences = new MemoryPreferences();
        Theme theme = new Theme(preferences);
        // when the user turns the dark theme on
        theme.darkProperty().set(true);
        // then it is stored
        assertTrue(preferences.getBoolean("darkTheme", false));
    }

    @Test
    void presenterModeScalesByOnePointSixAndDrawsBlackOnWhite() {
        Theme theme = new Theme(null);
        theme.darkProperty().set(true);
        assertEquals(1, theme.scale());
        assertEquals("#0d1117", theme.background());
        theme.presenterProperty().set(true);
        assertEquals(1.6, theme.scale());
        assertEquals("#ffffff", theme.background());
        assertEquals("#000000", theme.foreground());
        theme.presenterProperty().set(false);
        assertFalse(theme.isPresenter());
        assertEquals("#0d1117", theme.background());
    }
}
