package dev.descent.ui.app;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.application.Application;

/**
 * Starts the window. A separate class so that {@code Main}, which must not extend
 * {@link Application} on the class path, can call it.
 *
 * <p>The window needs JVM options that {@code java -jar} cannot carry ({@link #WINDOW_JVM_OPTIONS}).
 * When the JVM was started without them, and without other garbage-collector options chosen by the user,
 * the launcher starts the window in a child JVM with them, passing on the user's own JVM options,
 * class path and arguments, and returns the child's exit code. See
 * docs/decisions/0008-window-jvm-options.md.
 */
public final class Launcher {
    /**
     * A young generation small enough that G1's collections, which the trainers' ND4J garbage triggers
     * several times a second, pause for a few milliseconds, not the 30–200 ms of G1's default sizing:
     * those pauses were the window's longest frames. The bench profile and {@code mvn javafx:run} pass
     * the same options (LauncherTest holds the pom to this list).
     */
    public static final List<String> WINDOW_JVM_OPTIONS = List.of("-XX:+UseG1GC", "-Xmn24m");
    /** Set in the child JVM, so it never starts another. */
    static final String RELAUNCHED = "descent.relaunched";
    /** {@code -Ddescent.relaunch=false} keeps the window in the first JVM. */
    static final String RELAUNCH = "descent.relaunch";

    private Launcher() {
    }

    /** Opens the window; returns when it closes. Returns 1 if no display is available. */
    public static int launch(String[] args) {
        List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (needsChild(jvm, System.getProperty(RELAUNCHED), System.getProperty(RELAUNCH))) {
            String java = javaExecutable();
            String classPath = absolute(System.getProperty("java.class.path"));
            ClassArchive archive = ClassArchive.forUser(classPath, jvm);
            List<String> command = childCommand(java, jvm, archive == null ? List.of() : archive.jvmOptions(),
                    classPath, args);
            Optional<Integer> code = runChild(command);
            if (code.isPresent()) {
                if (archive != null) {
                    List<String> check = new ArrayList<>(jvm);
                    check.addAll(WINDOW_JVM_OPTIONS);
                    check.addAll(List.of("-cp", classPath));
                    archive.afterChild(code.get(), java, check);
                }
                return code.get();
            }
        }
        return launchHere(args);
    }

    /**
     * Whether the window should run in a child JVM: not already in one, not turned off, and the user has
     * not chosen memory or collector options (or a debugger) that a child would override or break.
     */
    static boolean needsChild(List<String> jvmOptions, String relaunched, String relaunch) {
        if (relaunched != null || "false".equalsIgnoreCase(relaunch)) {
            return false;
        }
        for (String option : jvmOptions) {
            if (option.startsWith("-Xmn") || option.startsWith("-XX:NewSize") || option.startsWith("-XX:MaxNewSize")
                    || option.matches("-XX:[+-]Use\\w*GC") || option.startsWith("-agentlib:jdwp")
                    || option.startsWith("-Xrunjdwp")) {
                return false;
            }
        }
        return true;
    }

    /**
     * The child's command line: the same Java, the user's options plus ours and the class archive's
     * ({@link ClassArchive}), the same class path and arguments.
     */
    static List<String> childCommand(String java, List<String> jvmOptions, List<String> archiveOptions,
                                     String classPath, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(WINDOW_JVM_OPTIONS);
        command.addAll(archiveOptions);
        command.add("-D" + RELAUNCHED + "=true");
        command.add("-cp");
        command.add(classPath);
        command.add("dev.descent.Main");
        command.addAll(List.of(args));
        return command;
    }

    /** The class path with every entry absolute, so the class archive matches from any working directory. */
    static String absolute(String classPath) {
        List<String> entries = new ArrayList<>();
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry).toAbsolutePath().normalize().toString());
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static String javaExecutable() {
        return javaExecutable(ProcessHandle.current().info().command(), System.getProperty("java.home"));
    }

    /**
     * The {@code java} that runs the child: this process's own program when it is a {@code java}, else the
     * {@code java} of this JVM's runtime. An installed Descent runs from a launcher ({@code bin/descent}) that
     * would take the child's JVM options for command-line arguments; its runtime has {@code bin/java}.
     */
    static String javaExecutable(Optional<String> command, String javaHome) {
        return command.filter(c -> Path.of(c).getFileName().toString().matches("java(\\.exe)?"))
                .orElse(Path.of(javaHome, "bin", "java").toString());
    }

    /** Runs the child to its end; empty if it could not be started (the window then opens here). */
    private static Optional<Integer> runChild(List<String> command) {
        Process child;
        try {
            child = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
        Thread stopChild = new Thread(child::destroy, "descent-stop-window");
        Runtime.getRuntime().addShutdownHook(stopChild);
        try {
            return Optional.of(child.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroy();
            return Optional.of(130);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopChild);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it stops the child
            }
        }
    }

    private static int launchHere(String[] args) {
        NativeStartup.startEngine(); // before the toolkit loads a single native library
        MacOpenFiles.install(OpenFileRequests.SYSTEM); // macOS only: AWT's libraries, after ND4J's
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
