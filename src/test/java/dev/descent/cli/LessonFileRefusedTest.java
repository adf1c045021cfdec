package dev.descent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A lesson file given to a command for experiments is refused with one line that says what it is and which
 * command takes it (it printed a page of "unknown top-level key" problems before), before anything is written.
 */
class LessonFileRefusedTest {
    private static final Path LESSON = Path.of("sample-data/lessons/initialization.lesson.json");

    @ParameterizedTest
    @ValueSource(strings = {"validate", "run", "export"})
    void aCommandForExperimentsRefusesALessonInOneLine(String command) {
        Descent r = command.equals("export")
                ? Descent.run(command, LESSON.toString(), "--pytorch", "target/never-written")
                : Descent.run(command, LESSON.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("error: " + LESSON + ": this is a lesson, not an experiment: check its challenge with"
                + " 'descent lesson check " + LESSON + "', or open it in the window ('descent " + LESSON + "')",
                r.err().strip());
        assertFalse(Files.exists(Path.of("target/never-written")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"validate", "run"})
    void theInstallersLessonExtensionIsALessonToo(String command) {
        Path lesson = Path.of("elsewhere/mine.descent-lesson");
        Descent r = Descent.run(command, lesson.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("this is a lesson, not an experiment"), r.err());
    }

    @Test
    void anAttemptThatIsALessonIsRefusedByLessonCheck() {
        Descent r = Descent.run("lesson", "check", LESSON.toString(), "--attempt", LESSON.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: " + LESSON + ": this is a lesson, not an experiment"), r.err());
    }
}
