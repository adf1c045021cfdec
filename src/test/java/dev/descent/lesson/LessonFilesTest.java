package dev.descent.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LessonFilesTest {
    @ParameterizedTest
    @ValueSource(strings = {"initialization.lesson.json", "dir/Initialization.LESSON.json", "mine.descent-lesson",
            "/tmp/x/Mine.Descent-Lesson", "a.lesson.descent"})
    void lessonNamesAreLessons(String name) {
        assertTrue(LessonFiles.isLesson(Path.of(name)), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"moons.json", "moons.descent", "lesson.json", "lessons/moons.json", "my-lesson.json",
            "x.descent-lesson.bak", "/"})
    void experimentNamesAreNot(String name) {
        assertFalse(LessonFiles.isLesson(Path.of(name)), name);
    }

    @ParameterizedTest
    @CsvSource({"initialization.lesson.json, initialization", "Mine.descent-lesson, Mine", "Mine.DESCENT-LESSON, Mine",
            "moons.json, moons.json"})
    void theStemDropsWhatMakesTheNameALesson(String name, String stem) {
        assertEquals(stem, LessonFiles.stem(name));
    }
}
