package dev.descent.lesson;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Tells a lesson file from an experiment file by its name, the one place that decides it for the window,
 * the command line and the installers' file association. A lesson's name either contains {@code .lesson.}
 * (the built-in ones: {@code initialization.lesson.json}) or ends with {@code .descent-lesson}, the
 * extension the installers associate with Descent. See docs/lesson-format.md.
 */
public final class LessonFiles {
    /** What a lesson's name contains, as the built-in ones do: {@code NAME.lesson.json}. */
    public static final String INFIX = ".lesson.";
    /** The extension the installers associate with Descent for lessons. */
    public static final String EXTENSION = ".descent-lesson";

    private LessonFiles() {
    }

    /** Whether {@code path} names a lesson rather than an experiment (case does not matter). */
    public static boolean isLesson(Path path) {
        Path name = path.getFileName();
        if (name == null) {
            return false;
        }
        String lower = name.toString().toLowerCase(Locale.ROOT);
        return lower.contains(INFIX) || lower.endsWith(EXTENSION);
    }

    /** The name without what makes it a lesson: {@code initialization} for both kinds of name. */
    public static String stem(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        int infix = lower.indexOf(INFIX);
        if (infix >= 0) {
            return fileName.substring(0, infix);
        }
        return lower.endsWith(EXTENSION) ? fileName.substring(0, fileName.length() - EXTENSION.length()) : fileName;
    }
}
