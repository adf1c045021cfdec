package dev.descent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which arguments open the window: what a file manager passes when an associated file is opened. */
class MainTest {

    @Test
    void noArgumentsOrOneExperimentOrLessonFileOpenTheWindow() {
        assertTrue(Main.opensWindow(new String[0]));
        for (String file : new String[] {"spiral.descent", "/home/me/Spiral.DESCENT", "spiral.json", "intro.descent-lesson"}) {
            assertTrue(Main.opensWindow(new String[] {file}), file);
        }
    }

    @Test
    void commandsAndOtherFilesGoToTheCommandLine() {
        assertFalse(Main.opensWindow(new String[] {"run", "spiral.descent"}));
        assertFalse(Main.opensWindow(new String[] {"--help"}));
        assertFalse(Main.opensWindow(new String[] {"spiral.csv"}));
        assertFalse(Main.opensWindow(new String[] {"a.descent", "b.descent"}), "two files: the command line explains");
    }
}
