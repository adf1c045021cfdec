package dev.descent.ui.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * The last opened or saved files, most recent first, at most {@link #LIMIT}, kept in a preferences node:
 * the user's own ({@link #forUser()}) in the application, a throw-away one in tests. Files that no longer
 * exist are left out of the list and forgotten at the next change.
 */
public final class RecentFiles {
    static final int LIMIT = 8;
    private static final String KEY = "recentFiles";
    private final Preferences preferences;

    public RecentFiles(Preferences preferences) {
        this.preferences = preferences;
    }

    /** The user's own list, kept between sessions. */
    public static RecentFiles forUser() {
        return new RecentFiles(Preferences.userRoot().node("dev/descent"));
    }

    /** The remembered files that still exist, most recent first. */
    public List<Path> list() {
        List<Path> paths = new ArrayList<>();
        for (String line : preferences.get(KEY, "").split("\n")) {
            if (!line.isBlank()) {
                Path path = Path.of(line);
                if (Files.isRegularFile(path) && !paths.contains(path)) {
                    paths.add(path);
                }
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
        List<Path> kept = new ArrayList<>(paths);
        String value = join(kept);
        while (value.length() > Preferences.MAX_VALUE_LENGTH) { // very long paths: keep the most recent that fit
            kept.remove(kept.size() - 1);
            value = join(kept);
        }
        preferences.put(KEY, value);
        try {
            preferences.flush(); // at once, so a crash does not lose it
        } catch (BackingStoreException e) {
            // the list is kept in memory and written at the next flush or at exit
        }
    }

    private static String join(List<Path> paths) {
        return String.join("\n", paths.stream().map(Path::toString).toList());
    }
}
