package dev.descent.ui.lessons;

import dev.descent.experiment.ExperimentException;
import dev.descent.lesson.BuiltInLessons;
import dev.descent.lesson.Lesson;
import dev.descent.lesson.LessonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in lessons, read from the jar. They are copied once to a temporary folder with the data files
 * they name, so their relative paths work as they do in {@code sample-data/lessons/}.
 */
final class LessonLibrary {
    private static Path folder;

    private LessonLibrary() {
    }

    /** Every built-in lesson, in the syllabus' order. */
    static List<Lesson> builtIn() {
        List<Lesson> lessons = new ArrayList<>();
        for (String file : BuiltInLessons.FILES) {
            lessons.add(builtIn(file));
        }
        return lessons;
    }

    /** The built-in lesson in {@code file} (one of {@link BuiltInLessons#FILES}). */
    static Lesson builtIn(String file) {
        try {
            return LessonReader.read(folder().resolve(file));
        } catch (ExperimentException e) {
            throw new IllegalStateException("built-in lesson " + file + " does not read: " + e.getMessage(), e);
        }
    }

    private static synchronized Path folder() {
        if (folder != null) {
            return folder;
        }
        try {
            Path dir = Files.createTempDirectory("descent-lessons");
            dir.toFile().deleteOnExit();
            List<String> all = new ArrayList<>(BuiltInLessons.FILES);
            all.addAll(BuiltInLessons.DATA_FILES);
            for (String name : all) {
                try (InputStream in = LessonLibrary.class.getResourceAsStream(BuiltInLessons.RESOURCES + name)) {
                    if (in == null) {
                        throw new IllegalStateException("the jar has no " + BuiltInLessons.RESOURCES + name);
                    }
                    Path target = dir.resolve(name);
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    target.toFile().deleteOnExit();
                }
            }
            folder = dir;
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the built-in lessons to a temporary folder", e);
        }
    }
}
