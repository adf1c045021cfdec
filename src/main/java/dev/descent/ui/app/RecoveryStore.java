package dev.descent.ui.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentException;
import dev.descent.experiment.ExperimentReader;
import dev.descent.experiment.ExperimentWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The folder of recovery files: copies of edited projects that the window writes every few seconds
 * ({@link Autosave}) so that a crash or {@code kill -9} costs at most those seconds. Never the user's
 * own file: the folder is the user's state folder ({@link #forUser()}), one file per open project,
 * named by a random id of the window's session.
 *
 * <p>A recovery file is JSON: {@code format} ("descent-recovery/1"), {@code saved_at} (an instant),
 * {@code owner} (the pid and start instant of the process that writes it), {@code file} (the project's
 * own file, or null for one never saved), {@code base_directory} (what its relative data paths are
 * relative to) and {@code experiment} (the experiment file's tree, as {@link ExperimentWriter} writes
 * it). Written atomically: a temporary file, flushed to disk, renamed over the old copy.
 *
 * <p>A file whose owner is still running belongs to another window and is left alone; any other file
 * is an orphan, offered for restoring at the next start ({@link #orphans()}). No JavaFX here.
 */
public final class RecoveryStore {
    static final String FORMAT = "descent-recovery/1";
    static final String SUFFIX = ".recovery.json";
    /** Overrides the folder (tests, and the kill -9 check of the README). */
    public static final String DIRECTORY_PROPERTY = "descent.recovery.dir";
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private final Path directory;

    public RecoveryStore(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    /**
     * The user's own folder: {@code descent.recovery.dir} if set; else on Linux
     * {@code $XDG_STATE_HOME/descent/recovery} ({@code ~/.local/state/descent/recovery}), on Windows
     * {@code %LOCALAPPDATA%\Descent\Recovery}, on macOS {@code ~/Library/Application Support/Descent/Recovery}.
     */
    public static RecoveryStore forUser() {
        String override = System.getProperty(DIRECTORY_PROPERTY);
        if (override != null && !override.isBlank()) {
            return new RecoveryStore(Path.of(override));
        }
        String home = System.getProperty("user.home");
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String local = System.getenv("LOCALAPPDATA");
            return new RecoveryStore((local == null ? Path.of(home, "AppData", "Local") : Path.of(local))
                    .resolve("Descent").resolve("Recovery"));
        }
        if (os.contains("mac")) {
            return new RecoveryStore(Path.of(home, "Library", "Application Support", "Descent", "Recovery"));
        }
        String state = System.getenv("XDG_STATE_HOME");
        Path base = state == null || state.isBlank() ? Path.of(home, ".local", "state") : Path.of(state);
        return new RecoveryStore(base.resolve("descent").resolve("recovery"));
    }

    public Path directory() {
        return directory;
    }

    /** The process that writes a recovery file; a file whose owner is gone is an orphan. */
    public record Owner(long pid, Instant started) {
        /** This process. */
        public static Owner current() {
            ProcessHandle self = ProcessHandle.current();
            return new Owner(self.pid(), self.info().startInstant().orElse(Instant.EPOCH));
        }

        /** Whether the process still runs (the same one: a pid reused later has another start instant). */
        public boolean alive() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .map(h -> h.info().startInstant().map(started::equals).orElse(true)).orElse(false);
        }
    }

    /**
     * A recovery file as read back.
     *
     * @param path        where it is
     * @param savedAt     when it was written
     * @param owner       who wrote it
     * @param projectFile the project's own file, or null if it was never saved
     * @param experiment  the project as it was then
     */
    public record Copy(Path path, Instant savedAt, Owner owner, Path projectFile, Experiment experiment) {
    }

    /** A new file name for one session's project: {@code <random id>.recovery.json} in the folder. */
    public Path newPath() {
        return directory.resolve(Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + SUFFIX);
    }

    /**
     * Writes {@code experiment} to {@code path} atomically (creating the folder if needed).
     *
     * @throws IOException if the folder or the file cannot be written; the old copy, if any, stays whole
     */
    public void write(Path path, Experiment experiment, Path projectFile, Owner owner, Instant savedAt)
            throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("saved_at", savedAt.toString());
        ObjectNode who = root.putObject("owner");
        who.put("pid", owner.pid());
        who.put("started", owner.started().toString());
        root.put("file", projectFile == null ? null : projectFile.toString());
        root.put("base_directory", experiment.baseDirectory() == null ? null : experiment.baseDirectory().toString());
        root.set("experiment", MAPPER.readTree(ExperimentWriter.toJson(experiment)));
        byte[] bytes = (MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n")
                .getBytes(StandardCharsets.UTF_8);

        Files.createDirectories(directory);
        Path temporary = path.resolveSibling("." + path.getFileName() + "."
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    /**
     * Reads one recovery file.
     *
     * @throws IOException if it cannot be read or is not a recovery file Descent can read back
     */
    public Copy read(Path path) throws IOException {
        JsonNode root = MAPPER.readTree(Files.readString(path));
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException(path.getFileName() + " is not a Descent recovery file");
        }
        String base = root.path("base_directory").isTextual() ? root.path("base_directory").asText() : null;
        String file = root.path("file").isTextual() ? root.path("file").asText() : null;
        Experiment experiment;
        try {
            experiment = ExperimentReader.parse(MAPPER.writeValueAsString(root.path("experiment")),
                    base == null ? null : Path.of(base));
        } catch (ExperimentException e) {
            throw new IOException(path.getFileName() + ": " + e.getMessage(), e);
        }
        Owner owner = new Owner(root.path("owner").path("pid").asLong(-1),
                Instant.parse(root.path("owner").path("started").asText(Instant.EPOCH.toString())));
        return new Copy(path, Instant.parse(root.path("saved_at").asText()), owner,
                file == null ? null : Path.of(file), experiment);
    }

    /**
     * The recovery files no running window owns, newest first. Files that cannot be read are left out
     * (and left where they are); a folder that does not exist or cannot be listed has none.
     */
    public List<Copy> orphans() {
        List<Copy> found = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return found;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path path : files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)
                    && !p.getFileName().toString().startsWith(".")).toList()) {
                try {
                    Copy copy = read(path);
                    if (!copy.owner().alive()) {
                        found.add(copy);
                    }
                } catch (IOException | RuntimeException unreadable) {
                    // not ours to judge: kept for a person to look at
                }
            }
        } catch (IOException unlistable) {
            return found;
        }
        found.sort(Comparator.comparing(Copy::savedAt).reversed());
        return found;
    }

    /** Deletes a recovery file; false if it could not be deleted. */
    public boolean delete(Path path) {
        try {
            Files.deleteIfExists(path);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The folder itself or the nearest of its parents that exists, if it is not a folder. */
    private Path fileInTheWay() {
        for (Path p = directory; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return Files.isDirectory(p) ? null : p;
            }
        }
        return null;
    }

    /** One line saying why {@code e} kept a recovery file from being written in this folder. */
    public String problem(IOException e) {
        String reason;
        Path blocking = fileInTheWay();
        if (blocking != null) {
            reason = blocking + " is a file, not a folder";
        } else if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            reason = "the folder is missing";
        } else if (e instanceof FileSystemException fse && fse.getReason() != null) {
            reason = fse.getReason();
        } else {
            reason = Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
        }
        String line = "Autosave is off: cannot write recovery copies to " + directory + " (" + reason.strip() + ")";
        return line.replaceAll("[\\r\\n\\t]+", " ");
    }
}
