package dev.descent.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.testing.MemoryPreferences;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecentFilesTest {
    @TempDir
    Path dir;

    private final Preferences store = new MemoryPreferences().node("dev/descent");

    private Path file(String name) throws Exception {
        return Files.writeString(dir.resolve(name), "{}");
    }

    @Test
    void aNewRecentFilesOnTheSameStoreSeesTheFilesMostRecentFirst() throws Exception {
        // given two files opened in one session
        RecentFiles session = new RecentFiles(store);
        session.add(file("a.json"));
        session.add(file("b.json"));
        // when the next session reads the same store
        RecentFiles next = new RecentFiles(store);
        // then it sees them, the last one first
        assertEquals(List.of(dir.resolve("b.json"), dir.resolve("a.json")), next.list());
    }

    @Test
    void theListKeepsTheMostRecentFilesOnlyAndEachOnce() throws Exception {
        RecentFiles recent = new RecentFiles(store);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < RecentFiles.LIMIT + 3; i++) {
            files.add(file("f" + i + ".json"));
            recent.add(files.get(i));
        }
        // when an old one is opened again
        recent.add(files.get(5));
        // then the list is capped, that file is first and not listed twice
        List<Path> listed = recent.list();
        assertEquals(RecentFiles.LIMIT, listed.size());
        assertEquals(files.get(5), listed.get(0));
        assertEquals(1, listed.stream().filter(files.get(5)::equals).count());
        assertEquals(files.get(files.size() - 1), listed.get(1));
    }

    @Test
    void aFileThatNoLongerExistsIsLeftOutAndForgotten() throws Exception {
        RecentFiles recent = new RecentFiles(store);
        Path gone = file("gone.json");
        Path kept = file("kept.json");
        recent.add(gone);
        recent.add(kept);
        // when one file is deleted
        Files.delete(gone);
        // then it is not listed, and the next change drops it from the store too
        assertEquals(List.of(kept), recent.list());
        recent.add(kept);
        assertTrue(!store.get("recentFiles", "").contains("gone.json"), store.get("recentFiles", ""));
    }

    @Test
    void aFileThatFailedToOpenIsRemoved() throws Exception {
        RecentFiles recent = new RecentFiles(store);
        Path a = file("a.json");
        recent.add(a);
        recent.remove(a);
        assertEquals(List.of(), new RecentFiles(store).list());
    }
}
