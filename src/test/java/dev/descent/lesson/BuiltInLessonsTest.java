package dev.descent.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.engine.Engine;
import dev.descent.experiment.ExperimentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in lesson shows its claim through its challenge: the preset does not meet the goal, the
 * shipped solution does. Only the runs the goal measures train (a few hundred steps of small networks).
 */
class BuiltInLessonsTest {
    static final Path DIR = Path.of("sample-data", "lessons");

    @BeforeAll
    static void engine() {
        Engine.initialize();
    }

    static Stream<String> lessons() {
        return BuiltInLessons.FILES.stream();
    }

    @Test
    void theListHoldsEveryLessonFileInTheFolder() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            List<String> found = files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".lesson."))
                    .sorted().toList();
            assertEquals(BuiltInLessons.FILES.stream().sorted().toList(), found);
        }
    }

    @ParameterizedTest
    @MethodSource("lessons")
    void thePresetDoesNotMeetTheChallenge(String file) throws ExperimentException, InterruptedException {
        Lesson lesson = LessonReader.read(DIR.resolve(file));
        Verdict verdict = ChallengeCheck.check(lesson, lesson.experiment());
        assertFalse(verdict.met(), verdict.line());
    }

    @ParameterizedTest
    @MethodSource("lessons")
    void theShippedSolutionMeetsIt(String file) throws ExperimentException, InterruptedException {
        Lesson lesson = LessonReader.read(DIR.resolve(file));
        Verdict verdict = ChallengeCheck.check(lesson, lesson.challenge().solution());
        assertTrue(verdict.met(), verdict.line());
    }

    @ParameterizedTest
    @MethodSource("lessons")
    void everyStepSaysWhatToWatch(String file) throws ExperimentException {
        Lesson lesson = LessonReader.read(DIR.resolve(file));
        assertTrue(lesson.steps().size() >= 3, "a few steps to page through");
        lesson.steps().forEach(step -> assertFalse(step.watch().isEmpty(), step.title()));
    }
}
