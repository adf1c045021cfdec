package dev.descent.cli;

import dev.descent.engine.Engine;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentException;
import dev.descent.lesson.ChallengeCheck;
import dev.descent.lesson.Lesson;
import dev.descent.lesson.LessonReader;
import dev.descent.lesson.Verdict;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code descent lesson}: lessons from the command line; today one subcommand, {@code check}. */
@Command(name = "lesson",
        mixinStandardHelpOptions = true, versionProvider = DescentCommand.Version.class,
        description = "Lessons: check a challenge.",
        subcommands = {LessonCommand.Check.class})
final class LessonCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code descent lesson check LESSON [--attempt EXPERIMENT | --solution]}: trains the attempt (the
     * lesson's preset by default) and prints whether the challenge is met with the measured value; exit 0
     * met, 3 not met, 2 bad input (an attempt that changes a locked part among them).
     */
    @Command(name = "check",
            mixinStandardHelpOptions = true, versionProvider = DescentCommand.Version.class,
            description = "Trains an attempt at a lesson's challenge (default: the lesson's preset) and prints whether"
                    + " it is met and the measured value.",
            footer = {"", "Exit codes: 0 met, 3 not met, 2 bad input (a locked part changed), 1 internal error."})
    static final class Check implements Callable<Integer> {
        /** The exit code of a challenge not met. */
        static final int NOT_MET = 3;

        @Parameters(index = "0", paramLabel = "LESSON", description = "The lesson file (*.lesson.json).")
        Path lessonFile;

        @ArgGroup(exclusive = true)
        Attempt attempt;

        static final class Attempt {
            @Option(names = "--attempt", paramLabel = "EXPERIMENT", required = true,
                    description = "An experiment file to check instead of the lesson's preset.")
            Path file;

            @Option(names = "--solution", required = true, description = "Check the solution the lesson ships.")
            boolean solution;
        }

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws BadInputException, InterruptedException {
            Lesson lesson;
            try {
                lesson = LessonReader.read(lessonFile);
            } catch (ExperimentException e) {
                throw BadInputException.of(lessonFile.toString(), e.problems());
            }
            Experiment tried = lesson.experiment();
            String where = lessonFile.toString();
            if (attempt != null && attempt.solution) {
                tried = lesson.challenge().solution();
            } else if (attempt != null) {
                where = attempt.file.toString();
                try {
                    tried = ExperimentInput.read(attempt.file);
                } catch (ExperimentException e) {
                    throw BadInputException.of(where, e.problems());
                }
            }
            Engine.initialize();
            Verdict verdict;
            try {
                verdict = ChallengeCheck.check(lesson, tried);
            } catch (ExperimentException e) {
                throw BadInputException.of(where, e.problems());
            }
            CommandLine line = spec.commandLine();
            line.getOut().println(verdict.line());
            return verdict.met() ? 0 : NOT_MET;
        }
    }
}
