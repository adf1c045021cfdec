package dev.descent.ui.app;

import dev.descent.ui.model.EngineStatus;

/**
 * Starts ND4J's native libraries before the JavaFX toolkit loads its own, so the two never load at the
 * same time.
 *
 * <p>Why: while ND4J starts, JavaCPP's {@code Loader.addressof} looks up BLAS symbols from inside a
 * {@code dl_iterate_phdr} callback (which holds one of glibc's two loader locks) and calls
 * {@code dlopen} and {@code dlsym} there (which need the other). Any other thread's {@code dlopen} at that
 * moment (the JavaFX thread loading {@code libawt_xawt.so} for a chart's first font, GTK loading a
 * module) holds them in the opposite order, and both wait forever: the window stayed black and the JVM
 * answered neither jstack nor SIGQUIT. Once ND4J has started, nothing calls {@code addressof} again, so
 * later loads on any thread are safe. See docs/decisions/0009-native-libraries-load-before-the-window.md.
 */
final class NativeStartup {
    private static volatile EngineStatus.Outcome outcome;

    private NativeStartup() {
    }

    /** Starts ND4J on the calling thread, before any JavaFX or AWT class is used; never throws. */
    static void startEngine() {
        outcome = EngineStatus.Outcome.startNow();
    }

    /** How {@link #startEngine} went, or null if the window was opened without it (tests). */
    static EngineStatus.Outcome outcome() {
        return outcome;
    }
}
