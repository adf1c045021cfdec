package dev.descent;

/** Lets tests in other packages ask {@link Main} which arguments open the window. */
public final class MainAccess {
    private MainAccess() {
    }

    public static boolean opensWindow(String... args) {
        return Main.opensWindow(args);
    }
}
