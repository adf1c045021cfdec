package dev.descent.ui.app;

import javafx.application.Application;

/**
 * Starts the window. A separate class so that {@code Main}, which must not extend
 * {@link Application} on the class path, can call it.
 */
public final class Launcher {
    private Launcher() {
    }

    /** Opens the window; returns when it closes. Returns 1 if no display is available. */
    public static int launch(String[] args) {
        try {
            Application.launch(DescentApp.class, args);
            return 0;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            System.err.println("error: cannot open the window: " + root + "; the command line still works: descent --help");
            if (System.getenv("DESCENT_DEBUG") != null) {
                e.printStackTrace();
            }
            return 1;
        }
    }
}
