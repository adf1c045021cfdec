package dev.descent.ui.app;

import java.awt.Desktop;
import java.io.File;
import java.util.Locale;

/**
 * On macOS, receives the files the Finder opens with Descent (a double-click on an experiment or a
 * lesson) through AWT's {@link Desktop#setOpenFileHandler}: the Finder sends them as an Apple event, never
 * as arguments. Elsewhere the file manager passes the file as an argument and nothing here runs.
 *
 * <p>Installed by the {@link Launcher} on the main thread after ND4J has started and before the JavaFX
 * toolkit starts: {@code Desktop.getDesktop()} loads AWT's native libraries, which must not overlap ND4J's
 * (ADR 0009), and the handler must be in place before the event that launched the application is
 * delivered (AWT keeps events that arrive before a handler is set, then hands them to it). On Linux and
 * Windows, and headless, AWT is not touched, so the loading order there is unchanged.
 */
final class MacOpenFiles {
    private MacOpenFiles() {
    }

    /** Whether the handler applies: macOS with a display. */
    static boolean applies(String osName, boolean headless) {
        return !headless && osName != null && osName.toLowerCase(Locale.ROOT).startsWith("mac");
    }

    /** Installs the handler when it applies; files go to {@code requests}. Returns whether it was installed; never throws. */
    static boolean install(OpenFileRequests requests) {
        if (!applies(System.getProperty("os.name"), Boolean.getBoolean("java.awt.headless"))) {
            return false;
        }
        try {
            if (!Desktop.isDesktopSupported() || !Desktop.getDesktop().isSupported(Desktop.Action.APP_OPEN_FILE)) {
                return false;
            }
            Desktop.getDesktop().setOpenFileHandler(event -> requests.deliver(
                    event.getFiles().stream().map(File::toPath).toList()));
            return true;
        } catch (RuntimeException | LinkageError e) {
            if (System.getenv("DESCENT_DEBUG") != null) {
                e.printStackTrace();
            }
            return false; // the window still opens; files then open with File > Open
        }
    }
}
