package dev.descent;

import dev.descent.cli.DescentCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Entry point. With arguments: the {@code descent} command line. Without: the window.
 * Does not extend {@code javafx.application.Application}: with JavaFX on the class path ({@code java
 * -jar}), a main class that does would fail with "JavaFX runtime components are missing".
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || (args.length == 1 && args[0].endsWith(".json"))) {
            System.exit(dev.descent.ui.app.Launcher.launch(args));
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(DescentCommand.execute(args, out, err));
    }
}
