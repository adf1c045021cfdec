package dev.descent.cli;

import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentException;
import dev.descent.experiment.ExperimentReader;
import dev.descent.lesson.LessonFiles;
import java.nio.file.Path;

/**
 * Reads the experiment file a command was given, refusing a lesson file with one line that names the
 * command for lessons, rather than a page of "unknown key" problems (a lesson holds an experiment but is
 * not one).
 */
final class ExperimentInput {
    private ExperimentInput() {
    }

    /** The experiment in {@code file}; a lesson file is refused before it is read. */
    static Experiment read(Path file) throws BadInputException, ExperimentException {
        if (LessonFiles.isLesson(file)) {
            throw new BadInputException(file.toString(), lessonMessage(file));
        }
        return ExperimentReader.read(file);
    }

    /** What a command for experiments says of a lesson file. */
    static String lessonMessage(Path file) {
        return "this is a lesson, not an experiment: check its challenge with 'descent lesson check " + file
                + "', or open it in the window ('descent " + file + "')";
    }
}
