package dev.descent.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window JVM's class archive: made by a real JVM at exit, kept only when it maps, used after. */
class ClassArchiveTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String HOME = System.getProperty("java.home");
    private static final String VM = System.getProperty("java.vm.version");

    @TempDir
    Path temp;
    private Path cache;
    private Path jar;

    @BeforeEach
    void aSmallProgramInAJar() throws Exception {
        cache = temp.resolve("cache");
        jar = temp.resolve("hello.jar");
        Path source = temp.resolve("src/Hello.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "public class Hello { public static void main(String[] a) {"
                + " System.out.println(new java.util.TreeMap<String, Integer>(java.util.Map.of(\"a\", 1))); } }");
        Path classes = Files.createDirectories(temp.resolve("classes"));
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                source.toString()));
        writeJar(jar, classes.resolve("Hello.class"), null);
    }

    @Test
    void theFirstChildWritesTheArchiveTheNextMapsIt() throws Exception {
        ClassArchive first = ClassArchive.in(cache, HOME, VM, jar.toString(), List.of());
        assertNotNull(first);
        assertFalse(Files.exists(first.file()));
        String write = option(first.jvmOptions(), "-XX:ArchiveClassesAtExit=");
        assertTrue(write.endsWith(".tmp"), "written under a temporary name: " + write);

        assertEquals(0, run(first.jvmOptions(), List.of()), "the child that writes it");
        assertTrue(Files.isRegularFile(Path.of(write)), "the JVM wrote it at exit");
        first.afterChild(0, JAVA, List.of("-cp", jar.toString()));
        assertTrue(Files.isRegularFile(first.file()), "checked and renamed into place");
        assertFalse(Files.exists(Path.of(write)), "no temporary file left");

        ClassArchive next = ClassArchive.in(cache, HOME, VM, jar.toString(), List.of());
        assertEquals(first.file().toString(), option(next.jvmOptions(), "-XX:SharedArchiveFile="));
        assertEquals(0, run(next.jvmOptions(), List.of("-Xshare:on")), "-Xshare:on fails if it cannot map it");
    }

    @Test
    void aTruncatedArchiveIsNeverKept() throws Exception {
        ClassArchive archive = ClassArchive.in(cache, HOME, VM, jar.toString(), List.of());
        Path write = Path.of(option(archive.jvmOptions(), "-XX:ArchiveClassesAtExit="));
        assertEquals(0, run(archive.jvmOptions(), List.of()));
        byte[] whole = Files.readAllBytes(write);
        Files.write(write, java.util.Arrays.copyOf(whole, whole.length / 3)); // a disk that filled up, a kill
        archive.afterChild(0, JAVA, List.of("-cp", jar.toString()));
        assertFalse(Files.exists(archive.file()), "a JVM that maps a truncated archive crashes");
        assertFalse(Files.exists(write));
    }

    @Test
    void aChildThatFailedLeavesNoArchive() throws Exception {
        ClassArchive archive = ClassArchive.in(cache, HOME, VM, jar.toString(), List.of());
        Path write = Path.of(option(archive.jvmOptions(), "-XX:ArchiveClassesAtExit="));
        assertEquals(0, run(archive.jvmOptions(), List.of()));
        archive.afterChild(1, JAVA, List.of("-cp", jar.toString()));
        assertFalse(Files.exists(archive.file()));
        assertFalse(Files.exists(write));
    }

    @Test
    void aChildThatCrashedOnTheArchiveLosesIt() throws Exception {
        Files.createDirectories(cache);
        ClassArchive made = ClassArchive.in(cache, HOME, VM, jar.toString(), List.of());
        Files.write(made.file(), new byte[] {1, 2, 3});
        ClassArchive used = ClassArchive.in(cache, HOME, VM, jar.toString(), List.of());
        assertEquals(made.file().toString(), option(used.jvmOptions(), "-XX:SharedArchiveFile="));
        used.afterChild(0, JAVA, List.of());
        assertTrue(Files.exists(made.file()), "a normal exit keeps it");
        used.afterChild(ClassArchive.JVM_ABORTED, JAVA, List.of());
        assertFalse(Files.exists(made.file()), "the next start must work");
    }

    @Test
    void aNewArchiveReplacesThoseOfOlderBuilds() throws Exception {
        Files.createDirectories(cache);
        Path older = Files.write(cache.resolve("descent-0123456789abcdef.jsa"), new byte[] {1});
        Path killed = Files.write(cache.resolve("descent-0123456789abcdef.jsa.99.tmp"), new byte[] {1});
        Files.setLastModifiedTime(killed, FileTime.fromMillis(System.currentTimeMillis() - 2 * 86_400_000L));
        Path writing = Files.write(cache.resolve("descent-fedcba9876543210.jsa.98.tmp"), new byte[] {1});
        Path other = Files.write(cache.resolve("notes.txt"), new byte[] {1});
        ClassArchive archive = ClassArchive.in(cache, HOME, VM, jar.toString(), List.of());
        assertEquals(0, run(archive.jvmOptions(), List.of()));
        archive.afterChild(0, JAVA, List.of("-cp", jar.toString()));
        assertTrue(Files.exists(archive.file()));
        assertFalse(Files.exists(older), "an older build's archive");
        assertFalse(Files.exists(killed), "a temporary file a killed launch left days ago");
        assertTrue(Files.exists(writing), "another window may be writing this one now");
        assertTrue(Files.exists(other), "not ours");
    }

    @Test
    void aRebuiltJarOrOneOfItsLibrariesGetsAnArchiveOfItsOwn() throws Exception {
        Path lib = Files.write(temp.resolve("lib.jar"), new byte[] {1});
        Path app = temp.resolve("app.jar");
        writeJar(app, null, "lib.jar");
        String before = ClassArchive.key(HOME, VM, app.toString());
        assertEquals(before, ClassArchive.key(HOME, VM, app.toString()), "the same build, the same archive");
        assertTrue(ClassArchive.classPathFiles(app.toString()).contains(lib.toAbsolutePath().normalize()),
                "the manifest's Class-Path counts");
        Files.write(lib, new byte[] {1, 2});
        String libChanged = ClassArchive.key(HOME, VM, app.toString());
        assertNotEquals(before, libChanged, "a library of another size");
        Files.setLastModifiedTime(app, FileTime.fromMillis(Files.getLastModifiedTime(app).toMillis() - 10_000));
        assertNotEquals(libChanged, ClassArchive.key(HOME, VM, app.toString()), "a jar built again");
        assertNotEquals(before, ClassArchive.key("/other/java", VM, app.toString()), "another Java");
    }

    @Test
    void usersWhoChoseClassDataOptionsOfTheirOwnKeepThem() {
        for (String chosen : List.of("-Xshare:off", "-XX:SharedArchiveFile=/x.jsa", "-XX:ArchiveClassesAtExit=/y.jsa",
                "-XX:SharedClassListFile=/z.lst")) {
            assertNull(ClassArchive.in(cache, HOME, VM, jar.toString(), List.of("-Xmx2g", chosen)), chosen);
        }
        assertNotNull(ClassArchive.in(cache, HOME, VM, jar.toString(), List.of("-Xmx2g")));
    }

    @Test
    void aCacheFolderThatCannotBeMadeMeansNoArchiveNotAnError() throws IOException {
        Path file = Files.write(temp.resolve("a-file"), new byte[] {1});
        assertNull(ClassArchive.in(file.resolve("cache"), HOME, VM, jar.toString(), List.of()));
    }

    private int run(List<String> archiveOptions, List<String> more) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(more);
        command.addAll(archiveOptions);
        command.addAll(List.of("-cp", jar.toString(), "Hello"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        int code = process.waitFor();
        if (code == 0) {
            assertEquals("{a=1}", output.strip(), "only the program's own output: " + output);
        }
        return code;
    }

    private static String option(List<String> options, String prefix) {
        try (Stream<String> matching = options.stream().filter(o -> o.startsWith(prefix))) {
            return matching.findFirst().map(o -> o.substring(prefix.length()))
                    .orElseThrow(() -> new AssertionError("no " + prefix + " in " + options));
        }
    }

    private static void writeJar(Path jar, Path mainClass, String classPath) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (classPath != null) {
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            if (mainClass != null) {
                jarOut.putNextEntry(new JarEntry("Hello.class"));
                jarOut.write(Files.readAllBytes(mainClass));
                jarOut.closeEntry();
            }
        }
    }
}
