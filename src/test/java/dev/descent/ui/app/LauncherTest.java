package dev.descent.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When the window gets a JVM of its own, and with what. */
class LauncherTest {

    @Test
    void aPlainJavaJarStartsTheWindowInAChildWithTheWindowsOptions() {
        assertTrue(Launcher.needsChild(List.of(), null, null));
        assertTrue(Launcher.needsChild(List.of("-Xmx8g", "-Dfoo=bar"), null, null));
    }

    @Test
    void theChildAndUsersWhoChoseTheirCollectorOrADebuggerStayInTheirJvm() {
        assertFalse(Launcher.needsChild(List.of(), "true", null), "already the child");
        assertFalse(Launcher.needsChild(List.of(), null, "false"), "turned off");
        for (String chosen : List.of("-XX:+UseZGC", "-XX:+UseG1GC", "-XX:-UseG1GC", "-Xmn64m", "-XX:NewSize=10m",
                "-agentlib:jdwp=transport=dt_socket,server=y,address=5005")) {
            assertFalse(Launcher.needsChild(List.of("-Xmx2g", chosen), null, null), chosen);
        }
    }

    @Test
    void theChildKeepsTheUsersOptionsClassPathAndArguments() {
        List<String> command = Launcher.childCommand("/usr/bin/java", List.of("-Xmx8g"), List.of("-Xlog:cds=off"), "target/descent.jar",
                new String[] {"lesson.json"});
        assertEquals("/usr/bin/java", command.get(0));
        assertEquals("-Xmx8g", command.get(1));
        assertTrue(command.containsAll(Launcher.WINDOW_JVM_OPTIONS));
        assertTrue(command.contains("-D" + Launcher.RELAUNCHED + "=true"));
        assertTrue(command.contains("-Xlog:cds=off"), "the class archive's options");
        int cp = command.indexOf("-cp");
        assertEquals("target/descent.jar", command.get(cp + 1));
        assertEquals(List.of("dev.descent.Main", "lesson.json"), command.subList(cp + 2, command.size()));
    }

    @Test
    void theChildRunsOnJavaEvenWhenAnInstalledLauncherStartedThisJvm() {
        assertEquals("/usr/lib/jvm/jdk/bin/java",
                Launcher.javaExecutable(Optional.of("/usr/lib/jvm/jdk/bin/java"), "/usr/lib/jvm/jdk"));
        assertEquals(Path.of("/opt/descent/lib/runtime", "bin", "java").toString(),
                Launcher.javaExecutable(Optional.of("/opt/descent/bin/descent"), "/opt/descent/lib/runtime"));
        assertEquals(Path.of("/opt/descent/lib/runtime", "bin", "java").toString(),
                Launcher.javaExecutable(Optional.empty(), "/opt/descent/lib/runtime"));
    }

    @Test
    void mvnJavafxRunAndTheBenchmarkUseTheSameOptions() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        for (String option : Launcher.WINDOW_JVM_OPTIONS) {
            assertTrue(pom.contains("<option>" + option + "</option>"), "javafx:run lacks " + option);
            assertTrue(pom.contains("<argument>" + option + "</argument>"), "the UI benchmark lacks " + option);
        }
    }

    @Test
    void theChildsClassPathIsAbsoluteSoItsClassArchiveMatchesFromAnyFolder() {
        String sep = java.io.File.pathSeparator;
        String absolute = Launcher.absolute("target/descent.jar" + sep + sep + "lib/x.jar");
        assertEquals(Path.of("target/descent.jar").toAbsolutePath() + sep + Path.of("lib/x.jar").toAbsolutePath(),
                absolute);
    }
}
