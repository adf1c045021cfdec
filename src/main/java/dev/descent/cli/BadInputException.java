package dev.descent.cli;

/**
 * Input the command cannot use: printed as one line {@code error: <where>: <what>} and exit code 2,
 * never a stack trace.
 */
public final class BadInputException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String where;

    /**
     * @param where the file at fault, or where no file is: the option ({@code --steps}) or the command
     *              ({@code generate})
     * @param what  what is wrong and what would be valid
     */
    public BadInputException(String where, String what) {
        super(what);
        this.where = java.util.Objects.requireNonNull(where, "where");
    }

    /** The one-line message. */
    public String line() {
        return ("error: " + where + ": " + getMessage()).strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
