package dev.descent.cli;

import dev.descent.engine.graph.Problem;
import dev.descent.engine.vocab.Shown;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Input the command cannot use: printed as one line {@code error: <where>: <what>} per problem and exit
 * code 2, never a stack trace.
 */
public final class BadInputException extends Exception {
    private static final long serialVersionUID = 1L;
    /** Problems printed at most; a file with more gets one line saying how many were left out. */
    static final int MAX_LINES = 100;
    /** Characters of the {@code where} part kept (a path), before it is cut. */
    static final int MAX_WHERE_CHARS = 240;
    private final String where;
    private final List<String> problems;

    /**
     * @param where the file at fault, or where no file is: the option ({@code --steps}) or the command
     *              ({@code generate})
     * @param what  what is wrong and what would be valid
     */
    public BadInputException(String where, String what) {
        this(where, List.of(what));
    }

    /** Several problems of the same file, one line each. */
    public BadInputException(String where, List<String> problems) {
        super(String.join("; ", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a BadInputException needs at least one problem");
        }
        this.where = Objects.requireNonNull(where, "where");
        this.problems = List.copyOf(problems);
    }

    /**
     * The problems of {@code file}, one line each: {@code error: <file>: <where>: <what>}, the where and what
     * of each {@link Problem} (with the run it belongs to, if any).
     */
    public static BadInputException of(String file, List<Problem> problems) {
        return new BadInputException(file, problems.stream().map(Problem::message).toList());
    }

    /** The first line, for a single problem. */
    public String line() {
        return lines().get(0);
    }

    /** One line per problem (at most {@value #MAX_LINES}, then one saying how many more there are). */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (String problem : problems.subList(0, Math.min(problems.size(), MAX_LINES))) {
            lines.add(line(where, problem));
        }
        if (problems.size() > MAX_LINES) {
            lines.add(line(where, String.format(Locale.ROOT, "%,d more problems not shown; fix these first",
                    problems.size() - MAX_LINES)));
        }
        return lines;
    }

    /** {@code error: <where>: <what>} on one line, with no control characters. */
    static String line(String where, String what) {
        String text = (Shown.text(where, MAX_WHERE_CHARS) + ": " + what).strip().replaceAll("\\s*\\R\\s*", "; ");
        return "error: " + Shown.escaped(text);
    }
}
