package dev.descent.experiment;

import java.nio.file.Path;
import java.util.List;

/**
 * An experiment file that cannot be read, with every problem found in it. Each problem is one line of
 * the form {@code <location>: <what is wrong>; <what is valid>}, ready to show to the person who wrote
 * the file; the message is the problems joined with {@code "; "}.
 */
public class ExperimentException extends Exception {
    private final transient Path file;
    private final List<String> problems;

    /**
     * @param file     the file the problems were found in, or null for text not read from a file
     * @param problems at least one problem
     */
    public ExperimentException(Path file, List<String> problems) {
        super(String.join("; ", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an ExperimentException needs at least one problem");
        }
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    /** An exception for text that was not read from a file. */
    public ExperimentException(List<String> problems) {
        this(null, problems);
    }

    /** The problems, one line each, in the order they were found. */
    public List<String> problems() {
        return problems;
    }

    /** The file the problems were found in, or null. */
    public Path file() {
        return file;
    }

    /** The same problems, found in {@code file}. */
    ExperimentException in(Path file) {
        ExperimentException copy = new ExperimentException(file, problems);
        copy.setStackTrace(getStackTrace());
        return copy;
    }
}
