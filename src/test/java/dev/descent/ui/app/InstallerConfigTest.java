package dev.descent.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The installers' configuration (installer/, the pom's installer profile) says what the rest of Descent
 * says: the window's JVM options, the version, the menu categories, and a file handed to the window.
 */
class InstallerConfigTest {
    private static final Path JPACKAGE = Path.of("installer", "jpackage");

    private static List<String> javaOptions(String argFile) throws IOException {
        List<String> options = new ArrayList<>();
        Matcher m = Pattern.compile("--java-options\\s+(\\S+)").matcher(Files.readString(JPACKAGE.resolve(argFile)));
        while (m.find()) {
            options.add(m.group(1));
        }
        return options;
    }

    @Test
    void theWindowsLauncherCarriesTheWindowsJvmOptionsSoNoChildJvmIsStarted() throws Exception {
        List<String> options = javaOptions("app.args");
        assertEquals(Launcher.WINDOW_JVM_OPTIONS, options);
        // and with them the launcher keeps the window in its own JVM
        assertFalse(Launcher.needsChild(options, null, null));
    }

    @Test
    void theCommandLineLauncherKeepsTheJvmDefaults() throws Exception {
        String cli = Files.readString(JPACKAGE.resolve("cli.properties"));
        assertTrue(cli.lines().anyMatch(line -> line.equals("java-options=")), "the command line's JVM options are emptied");
        assertTrue(cli.contains("win-console=true"), "the Windows command line needs a console");
    }

    @Test
    void thePackageVersionIsTheProjectVersionInNumbers() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher project = Pattern.compile("<artifactId>descent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        Matcher installer = Pattern.compile("<installer.version>([^<]+)</installer.version>").matcher(pom);
        assertTrue(project.find() && installer.find());
        assertEquals(project.group(1).replace("-SNAPSHOT", ""), installer.group(1));
        assertTrue(installer.group(1).matches("\\d+(\\.\\d+){0,3}"), "jpackage takes numbers only: " + installer.group(1));
    }

    @Test
    void theMenuEntryIsEducationAndScienceAndHandsTheFileToTheWindow() throws Exception {
        String desktop = Files.readString(Path.of("installer", "linux", "Descent.desktop"));
        assertTrue(desktop.contains("\nCategories=Education;Science;\n"), desktop);
        assertTrue(desktop.contains("\nExec=APPLICATION_LAUNCHER %f\n"), "one file, as Main.opensWindow takes it");
        // the task bar matches the window to this entry by the stage's WM_CLASS, the application's class name
        assertTrue(desktop.contains("\nStartupWMClass=" + DescentApp.class.getName() + "\n"), desktop);
    }

    @Test
    void everyAssociatedExtensionOpensTheWindow() throws Exception {
        for (String association : List.of("experiment.properties", "lesson.properties")) {
            Matcher m = Pattern.compile("(?m)^extension=(\\S+)$").matcher(Files.readString(JPACKAGE.resolve(association)));
            assertTrue(m.find(), association);
            assertTrue(dev.descent.MainAccess.opensWindow("file." + m.group(1)), association);
        }
    }
}
