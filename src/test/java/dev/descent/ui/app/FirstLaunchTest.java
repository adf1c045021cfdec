package dev.descent.ui.app;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first launch, as {@code java -jar descent.jar} makes it with no preferences yet: the lessons' start
 * page opens only after the main window has been through a pulse, so the main window's first frame is
 * never held back by the start page (issue 7: under load the window stayed black while the start page
 * was built). Runs the real launcher in a JVM of its own with {@link FirstLaunchProbe} as the JavaFX
 * preloader: on GTK in a private Xvfb display when Xvfb and GTK 3 are installed (there the start page
 * used to show before the main window's first pulse), else headless with Monocle (which pulses the main
 * window earlier, so it guards the order without reproducing the old one).
 */
class FirstLaunchTest {
    @TempDir
    Path dir;

    @Test
    void startPageOpensAfterTheMainWindowsFirstPulse() throws Exception {
        // given a first launch: empty preferences, no recovery files, a real display when there is one
        Optional<Path> xvfb = onPath("Xvfb").filter(x -> hasGtk());
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Ddescent.relaunch=false",
                "-Djavafx.preloader=" + FirstLaunchProbe.class.getName(),
                "-Djava.util.prefs.userRoot=" + dir.resolve("prefs"),
                "-D" + RecoveryStore.DIRECTORY_PROPERTY + "=" + dir.resolve("recovery")));
        if (xvfb.isEmpty()) {
            System.out.println("FirstLaunchTest: no Xvfb or GTK 3, so the window runs headless (Monocle)");
            command.addAll(List.of("-Dtestfx.headless=true", "-Dprism.order=sw", "-Dprism.text=t2k",
                    "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Djava.awt.headless=true"));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.descent.Main"));
        ProcessBuilder window = new ProcessBuilder(command).redirectErrorStream(true);
        Process display = null;
        if (xvfb.isPresent()) {
            int number = freeDisplay();
            display = new ProcessBuilder(xvfb.get().toString(), ":" + number, "-screen", "0", "1440x900x24", "-nolisten", "tcp")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Path socket = Path.of("/tmp/.X11-unix/X" + number);
            for (int i = 0; i < 100 && !Files.exists(socket); i++) {
                Thread.sleep(100);
            }
            window.environment().put("DISPLAY", ":" + number);
        }
        // when the window starts
        Process process = window.start();
        List<String> output = new ArrayList<>();
        String report = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                output.add(line);
                if (line.startsWith(FirstLaunchProbe.REPORT)) {
                    report = line;
                }
            }
        } finally {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            if (display != null) {
                display.destroy();
            }
        }
        // then the start page opened, after at least one pulse of the main window
        assertNotNull(report, "the start page never showed; the window's output: " + output);
        int pulses = Integer.parseInt(report.substring(FirstLaunchProbe.REPORT.length()).trim());
        assertTrue(pulses >= 1, "the start page showed before the main window's first pulse (" + pulses
                + " pulses); output: " + output);
    }

    private static Optional<Path> onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, program)).filter(Files::isExecutable).findFirst();
    }

    private static boolean hasGtk() {
        return Stream.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib")
                .anyMatch(d -> Files.exists(Path.of(d, "libgtk-3.so.0")));
    }

    private static int freeDisplay() {
        int n = 170 + (int) (ProcessHandle.current().pid() % 50);
        while (Files.exists(Path.of("/tmp/.X" + n + "-lock")) || Files.exists(Path.of("/tmp/.X11-unix/X" + n))) {
            n++;
        }
        return n;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
