package dev.descent.lesson;

import java.util.List;

/**
 * The lessons that ship with Descent, one file each in {@code sample-data/lessons/} (and, in the jar, under
 * {@value #RESOURCES}), in the order of the syllabus.
 */
public final class BuiltInLessons {
    /** Where the jar holds the lesson files and the data files they name. */
    public static final String RESOURCES = "/dev/descent/examples/lessons/";

    /** File names, in the order the start page lists them. */
    public static final List<String> FILES = List.of(
            "initialization.lesson.json",
            "input-normalization.lesson.json",
            "batch-layer-norm.lesson.json",
            "activations.lesson.json",
            "optimizers.lesson.json",
            "loss-landscape.lesson.json",
            "learning-rate.lesson.json",
            "schedules.lesson.json");

    /** Data files the lessons name by a relative path. */
    public static final List<String> DATA_FILES = List.of("stretched-moons.csv");

    private BuiltInLessons() {
    }
}
