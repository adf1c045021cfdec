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
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

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

    /**
     * The .msi's WiX source: well-formed (WiX refuses the rest), read by jpackage from the resource dir
     * windows.args names, and its PATH component is installed by the one feature, for the folder that
     * holds descent-cli.exe, and removed on uninstall. The .msi itself is built by the hosted workflow only.
     */
    @Test
    void theWindowsInstallerPutsTheCommandLineOnThePath() throws Exception {
        String args = Files.readString(JPACKAGE.resolve("windows.args"));
        Matcher dir = Pattern.compile("--resource-dir\\s+(\\S+)").matcher(args);
        assertTrue(dir.find(), "windows.args names a resource dir: " + args);
        Path wxs = Path.of(dir.group(1), "main.wxs");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(wxs.toFile());

        Element environment = (Element) doc.getElementsByTagName("Environment").item(0);
        assertTrue(environment != null, wxs + " sets no environment variable");
        assertEquals("PATH", environment.getAttribute("Name"));
        assertEquals("[INSTALLDIR]", environment.getAttribute("Value"));
        assertEquals("last", environment.getAttribute("Part"));
        assertEquals("no", environment.getAttribute("Permanent"), "uninstalling removes the entry");
        Element component = (Element) environment.getParentNode();
        assertEquals("Component", component.getLocalName());
        assertEquals("INSTALLDIR", ((Element) component.getParentNode()).getAttribute("Id"));

        Element feature = (Element) doc.getElementsByTagName("Feature").item(0);
        List<String> refs = new ArrayList<>();
        for (String tag : List.of("ComponentRef", "ComponentGroupRef")) {
            var nodes = feature.getElementsByTagName(tag);
            for (int i = 0; i < nodes.getLength(); i++) {
                refs.add(((Element) nodes.item(i)).getAttribute("Id"));
            }
        }
        // jpackage's own fragments stay installed beside ours
        assertEquals(List.of(component.getAttribute("Id"), "Shortcuts", "Files", "FileAssociations"), refs);
        // the launcher on the PATH is the one the Windows build names descent-cli
        assertTrue(Files.readString(Path.of("pom.xml")).contains("<installer.cli>descent-cli</installer.cli>"));
    }
}
