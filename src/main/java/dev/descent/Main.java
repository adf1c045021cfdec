package dev.descent;

import dev.descent.cli.DescentCommand;
import dev.descent.lesson.LessonFiles;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Entry point. With arguments: the {@code descent} command line. Without: the window.
 * Does not extend {@code javafx.application.Application}: with JavaFX on the class path ({@code java
 * -jar}), a main class that does would fail with "JavaFX runtime components are missing".
 */
public final class Main {
    private Main() {
    }

    /**
     * Files that the window opens when one is the only argument, as a file manager passes it: experiments
     * ({@code .descent}, the extension the installers associate, and {@code .json}) and lessons
     * ({@link LessonFiles#EXTENSION}). See docs/experiment-format.md.
     */
    static final List<String> WINDOW_FILE_EXTENSIONS = List.of(".descent", ".json", LessonFiles.EXTENSION);

    /** Whether these arguments open the window (none, or one file it opens) rather than the command line. */
    static boolean opensWindow(String[] args) {
        if (args.length == 0) {
            return true;
        }
        String name = args[0].toLowerCase(Locale.ROOT);
        return args.length == 1 && WINDOW_FILE_EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    public static void main(String[] args) {
        if (opensWindow(args)) {
            System.exit(dev.descent.ui.app.Launcher.launch(args));
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(DescentCommand.execute(args, out, err));
    }
}
