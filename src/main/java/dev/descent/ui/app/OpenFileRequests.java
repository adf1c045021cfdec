package dev.descent.ui.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Files the operating system asks the window to open while it runs: on macOS the Finder sends them as an
 * Apple event ({@link MacOpenFiles}), not as command-line arguments, and the first one can arrive before
 * the window exists. No JavaFX here.
 *
 * <p>The lifecycle, in order:
 * <ol>
 *   <li>{@link #deliver} may be called on any thread, any number of times; before a receiver is attached
 *       the files are kept;</li>
 *   <li>{@link #attach} (once, when the window can open files) returns what was kept, oldest first, for
 *       the caller to open as if given on the command line;</li>
 *   <li>after that each delivery goes to the receiver through its executor (the JavaFX thread).</li>
 * </ol>
 */
final class OpenFileRequests {
    /** The one instance that the system's handler and the window share. */
    static final OpenFileRequests SYSTEM = new OpenFileRequests();

    private final List<Path> kept = new ArrayList<>();
    private Consumer<Path> receiver;
    private Executor executor;

    /** The system asks to open {@code files}; Descent holds one experiment at a time, so the first is opened. */
    void deliver(List<Path> files) {
        if (files.isEmpty()) {
            return;
        }
        Path file = files.get(0);
        Consumer<Path> to;
        Executor on;
        synchronized (this) {
            if (receiver == null) {
                kept.add(file);
                return;
            }
            to = receiver;
            on = executor;
        }
        on.execute(() -> to.accept(file));
    }

    /** From now on deliveries go to {@code receiver} on {@code executor}; returns the files kept until now. */
    synchronized List<Path> attach(Consumer<Path> receiver, Executor executor) {
        if (this.receiver != null) {
            throw new IllegalStateException("a receiver is already attached");
        }
        this.receiver = receiver;
        this.executor = executor;
        List<Path> before = List.copyOf(kept);
        kept.clear();
        return before;
    }
}
