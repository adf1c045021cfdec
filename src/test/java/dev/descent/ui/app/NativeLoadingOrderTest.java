package dev.descent.ui.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The window's JVM loads ND4J's native libraries (through JavaCPP) before the JavaFX toolkit or AWT
 * loads any of theirs: JavaCPP looks up symbols from inside glibc's {@code dl_iterate_phdr}, which
 * deadlocks against a {@code dlopen} on another thread (issue 7: a black window that never answered).
 * Runs the real launcher in a JVM of its own, headless (Monocle), with the JVM's library log on.
 */
class NativeLoadingOrderTest {
    private static final Pattern LOADED = Pattern.compile("Loaded library (\\S+?),? handle");

    @Test
    void ndFourJsLibrariesAreAllLoadedBeforeTheToolkitLoadsAny() throws Exception {
        // given the window started as java -jar starts it, in a JVM of its own
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xlog:library=info:stdout",
                "-Ddescent.relaunch=false", "-Dtestfx.headless=true", "-Dprism.order=sw", "-Dprism.text=t2k",
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Djava.awt.headless=true",
                "-Djava.util.prefs.userRoot=" + Path.of(System.getProperty("java.io.tmpdir"), "descent-probe-prefs"),
                "-cp", System.getProperty("java.class.path"), StartupProbe.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> libraries = new ArrayList<>();
        boolean shown = false;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                Matcher m = LOADED.matcher(line);
                if (m.find()) {
                    libraries.add(m.group(1));
                }
                shown |= line.contains(StartupProbe.SHOWN);
            }
        } finally {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        // then the window showed, and every JavaCPP library was loaded before the first toolkit one
        assertTrue(shown, "the window never showed; libraries loaded: " + libraries);
        int lastEngine = -1;
        int firstToolkit = -1;
        for (int i = 0; i < libraries.size(); i++) {
            String name = Path.of(libraries.get(i)).getFileName().toString();
            if (isEngine(libraries.get(i))) {
                lastEngine = i;
            } else if (firstToolkit < 0 && name.matches("lib(glass|prism|javafx|decora|awt|fontmanager|jfx).*")) {
                firstToolkit = i;
            }
        }
        assertTrue(lastEngine >= 0, "ND4J's native libraries were loaded: " + libraries);
        assertTrue(firstToolkit >= 0, "the toolkit's native libraries were loaded: " + libraries);
        assertTrue(lastEngine < firstToolkit, "ND4J's last library (" + libraries.get(lastEngine)
                + ") loaded after the toolkit's first (" + libraries.get(firstToolkit) + "): " + libraries);
    }

    private static boolean isEngine(String path) {
        return path.contains("/.javacpp/") || path.contains("bytedeco") || path.contains("nd4j");
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
