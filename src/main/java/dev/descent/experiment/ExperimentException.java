package dev.descent.experiment;

import dev.descent.engine.graph.Problem;
import java.nio.file.Path;
import java.util.List;

/**
 * An experiment file that cannot be read, or an experiment that cannot train, with every problem found.
 * Each problem says where it is ({@link Problem}); its {@link Problem#message() message} is one line of the
 * form {@code <location>: <what is wrong>; <what is valid>}, ready to show to the person who wrote the
 * file. The exception's own message is the problems' messages joined with {@code "; "}.
 */
public class ExperimentException extends Exception {
    private final transient Path file;
    private final transient List<Problem> problems;

    /**
     * @param file     the file the problems were found in, or null for text not read from a file
     * @param problems at least one problem
     */
    public ExperimentException(Path file, List<Problem> problems) {
        super(String.join("; ", problems.stream().map(Problem::message).toList()));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an ExperimentException needs at least one problem");
        }
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    /** An exception for text that was not read from a file. */
    public ExperimentException(List<Problem> problems) {
        this(null, problems);
    }

    /** An exception with one problem. */
    public ExperimentException(Problem problem) {
        this(null, List.of(problem));
    }

    /** The problems, in the order they were found. */
    public List<Problem> problems() {
        return problems;
    }

    /** Each problem's one-line message, in the order they were found. */
    public List<String> messages() {
        return problems.stream().map(Problem::message).toList();
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
