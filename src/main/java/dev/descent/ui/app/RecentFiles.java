package dev.descent.ui.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

/** The last opened or saved files, most recent first, kept in the user's preferences. */
public final class RecentFiles {
    static final int LIMIT = 8;
    private static final String KEY = "recentFiles";
    private final Preferences preferences;

    public RecentFiles(Preferences preferences) {
        this.preferences = preferences;
    }

    /** The user's own list. */
    public static RecentFiles forUser() {
        return new RecentFiles(Preferences.userRoot().node("dev/descent"));
    }

    public List<Path> list() {
        List<Path> paths = new ArrayList<>();
        for (String line : preferences.get(KEY, "").split("\n")) {
            if (!line.isBlank()) {
                paths.add(Path.of(line));
            }
        }
        return paths;
    }

    /** Puts {@code path} first. */
    public void add(Path path) {
        List<Path> paths = list();
        Path normalized = path.toAbsolutePath().normalize();
        paths.remove(normalized);
        paths.add(0, normalized);
        save(paths.subList(0, Math.min(LIMIT, paths.size())));
    }

    /** Drops {@code path}, e.g. after it failed to open. */
    public void remove(Path path) {
        List<Path> paths = list();
        paths.remove(path.toAbsolutePath().normalize());
        save(paths);
    }

    private void save(List<Path> paths) {
        preferences.put(KEY, String.join("\n", paths.stream().map(Path::toString).toList()));
    }
}
