package dev.descent.ui.app;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The window JVM's class-data archive (application class-data sharing, "AppCDS"): the classes the window
 * loads (JavaFX, ND4J, Jackson, ours), parsed, verified and laid out once, then mapped into every later
 * window JVM instead of being read from their jars again.
 *
 * <p>Why: without it a quarter to a third of the time to a painted window is class loading (7,700 classes;
 * the JVM's own counters gave 3.0 s of class-loading time, 0.8 s of it verification, in a 7 s start on
 * the project machine); with it the window painted about 2 s sooner (median 7.1 to 5.1 s, interleaved
 * launches). See docs/decisions/0028-class-data-archive.md.
 *
 * <p>The lifecycle, run by the {@link Launcher}'s parent JVM around the window's child JVM:
 * <ol>
 *   <li>the archive's name is a hash of everything the JVM checks it against (this Java, and the path,
 *       size and modification time of every jar on the class path, the main jar's manifest
 *       {@code Class-Path} included), so a rebuilt jar or another Java simply gets an archive of its own;</li>
 *   <li>when it exists, the child maps it ({@code -XX:SharedArchiveFile});</li>
 *   <li>when it does not, the child writes it as it exits ({@code -XX:ArchiveClassesAtExit}) to a
 *       temporary name, and the parent, once the child has ended normally, checks the new archive in a
 *       JVM of its own (a truncated archive crashes the JVM that maps it) and only then renames it into
 *       place; archives of older builds are deleted then;</li>
 *   <li>a child that crashed (exit 134, the JVM's own abort) while mapping the archive loses it, so the
 *       next launch works and writes a fresh one.</li>
 * </ol>
 * The JVM's own messages about archives are turned off ({@code -Xlog:cds=off}): an archive it cannot use
 * is skipped silently and the window starts as it would without one.
 */
final class ClassArchive {
    /** Overrides the folder (tests, {@code tools/launch-stress}). */
    static final String DIRECTORY_PROPERTY = "descent.cache.dir";
    /** {@code -Ddescent.archive=false} starts the window without an archive (to measure what it saves). */
    static final String ENABLED_PROPERTY = "descent.archive";
    /** Exit code of a JVM that aborted (SIGABRT after a fatal error). */
    static final int JVM_ABORTED = 134;
    private static final String PREFIX = "descent-";
    private static final String SUFFIX = ".jsa";
    private static final Duration STALE_TEMPORARY = Duration.ofDays(1);
    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    private final Path directory;
    private final Path archive;
    private final Path writing;
    private final boolean existed;

    private ClassArchive(Path directory, String key) {
        this.directory = directory;
        this.archive = directory.resolve(PREFIX + key + SUFFIX);
        this.writing = directory.resolve(PREFIX + key + SUFFIX + "." + ProcessHandle.current().pid() + ".tmp");
        this.existed = Files.isRegularFile(archive);
    }

    /**
     * The archive for a child JVM of {@code javaHome} on {@code classPath}, in {@code directory}; null when
     * the user chose class-data options of their own or the folder cannot be made.
     */
    static ClassArchive in(Path directory, String javaHome, String vmVersion, String classPath,
                           List<String> userJvmOptions) {
        for (String option : userJvmOptions) {
            if (option.startsWith("-Xshare") || option.contains("SharedArchiveFile")
                    || option.contains("ArchiveClassesAtExit") || option.contains("SharedClassListFile")) {
                return null;
            }
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException | SecurityException e) {
            return null;
        }
        return new ClassArchive(directory, key(javaHome, vmVersion, classPath));
    }

    /** {@link #in} the user's cache folder ({@link #userDirectory()}); null when turned off. */
    static ClassArchive forUser(String classPath, List<String> userJvmOptions) {
        if ("false".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY))) {
            return null;
        }
        return in(userDirectory(), System.getProperty("java.home"), System.getProperty("java.vm.version"),
                classPath, userJvmOptions);
    }

    /**
     * {@code descent.cache.dir} if set; else on Linux {@code $XDG_CACHE_HOME/descent} ({@code ~/.cache/descent}),
     * on Windows {@code %LOCALAPPDATA%\Descent\Cache}, on macOS {@code ~/Library/Caches/Descent}.
     */
    static Path userDirectory() {
        String override = System.getProperty(DIRECTORY_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath();
        }
        String home = System.getProperty("user.home");
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String local = System.getenv("LOCALAPPDATA");
            return (local == null ? Path.of(home, "AppData", "Local") : Path.of(local)).resolve("Descent").resolve("Cache");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Caches", "Descent");
        }
        String cache = System.getenv("XDG_CACHE_HOME");
        return (cache == null || cache.isBlank() ? Path.of(home, ".cache") : Path.of(cache)).resolve("descent");
    }

    /** The archive's file (it may not exist yet). */
    Path file() {
        return archive;
    }

    /** The child JVM's options: map the archive if it exists, else write it at exit. */
    List<String> jvmOptions() {
        List<String> options = new ArrayList<>(QUIET);
        options.add(existed ? "-XX:SharedArchiveFile=" + archive : "-XX:ArchiveClassesAtExit=" + writing);
        return options;
    }

    /**
     * After the child ended with {@code exitCode}: keep a newly written archive once {@code java} maps it
     * cleanly with {@code checkOptions} (the child's class path and collector), or drop an archive the
     * child crashed on. Never throws: the archive only saves time.
     */
    void afterChild(int exitCode, String java, List<String> checkOptions) {
        try {
            if (existed) {
                if (exitCode == JVM_ABORTED) {
                    Files.deleteIfExists(archive); // maybe not the archive's fault, but the next start must work
                }
                return;
            }
            if (exitCode == 0 && Files.isRegularFile(writing) && mapsCleanly(java, checkOptions)) {
                moveIntoPlace();
                deleteOthers();
            }
        } catch (IOException | RuntimeException e) {
            // an archive is an optimization: without it the next start is only slower
        } finally {
            try {
                Files.deleteIfExists(writing);
            } catch (IOException e) {
                // left for deleteOthers of a later start
            }
        }
    }

    /** Whether a JVM with the child's class path maps the new archive ({@code -Xshare:on} fails otherwise). */
    private boolean mapsCleanly(String java, List<String> checkOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(QUIET);
        command.add("-Xshare:on");
        command.add("-XX:SharedArchiveFile=" + writing);
        command.addAll(checkOptions);
        command.add("-version");
        Process check = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!check.waitFor(30, TimeUnit.SECONDS)) {
                check.destroyForcibly();
                return false;
            }
            return check.exitValue() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            check.destroyForcibly();
            return false;
        }
    }

    private void moveIntoPlace() throws IOException {
        try {
            Files.move(writing, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(writing, archive, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Archives of other builds, and temporary files a killed launch left over a day ago. */
    private void deleteOthers() throws IOException {
        Instant stale = Instant.now().minus(STALE_TEMPORARY);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (!name.startsWith(PREFIX) || file.equals(archive)) {
                    continue;
                }
                boolean oldArchive = name.endsWith(SUFFIX);
                boolean staleTemporary = name.endsWith(".tmp")
                        && Files.getLastModifiedTime(file).compareTo(FileTime.from(stale)) < 0;
                if (oldArchive || staleTemporary) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /**
     * SHA-256 (first 16 hex digits) of this Java and of every class-path jar's absolute path, size and
     * modification time, the main jars' manifest {@code Class-Path} entries included.
     */
    static String key(String javaHome, String vmVersion, String classPath) {
        StringBuilder text = new StringBuilder(javaHome).append('\n').append(vmVersion).append('\n');
        for (Path entry : classPathFiles(classPath)) {
            text.append(entry).append('\t');
            try {
                text.append(Files.size(entry)).append('\t').append(Files.getLastModifiedTime(entry).toMillis());
            } catch (IOException e) {
                text.append("missing");
            }
            text.append('\n');
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The class path's entries as absolute paths, each jar followed by the jars its manifest names. */
    static List<Path> classPathFiles(String classPath) {
        List<Path> files = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry).toAbsolutePath().normalize();
            files.add(path);
            if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
                try (JarFile jar = new JarFile(path.toFile())) {
                    Manifest manifest = jar.getManifest();
                    String named = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
                    if (named != null) {
                        for (String relative : named.trim().split("\\s+")) {
                            files.add(path.resolveSibling(relative).normalize());
                        }
                    }
                } catch (IOException | IllegalArgumentException e) {
                    // an unreadable jar: the JVM reports it when it starts; the key stays this jar's path
                }
            }
        }
        return files;
    }
}
