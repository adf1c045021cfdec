package dev.descent.ui.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Finder's open-file handler is installed on macOS with a display only; elsewhere AWT is not touched. */
class MacOpenFilesTest {
    @Test
    void appliesOnMacOsWithADisplay() {
        assertTrue(MacOpenFiles.applies("Mac OS X", false));
    }

    @Test
    void doesNotApplyOnLinuxWindowsOrHeadless() {
        assertFalse(MacOpenFiles.applies("Linux", false));
        assertFalse(MacOpenFiles.applies("Windows 11", false));
        assertFalse(MacOpenFiles.applies("Mac OS X", true));
        assertFalse(MacOpenFiles.applies(null, false));
    }

    @Test
    void installingOffMacOsDoesNothing() {
        // given this machine (the tests run on Linux, headless)
        // when the launcher installs the handler, then it reports that it did not
        assertFalse(MacOpenFiles.install(new OpenFileRequests()));
    }
}
