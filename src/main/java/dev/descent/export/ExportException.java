package dev.descent.export;

/**
 * An export that cannot be made, with one line saying why: bad input (an unknown run, a directory that
 * cannot be written, an experiment that cannot train), never a stack trace.
 */
public final class ExportException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String where;

    /**
     * @param where what is at fault when it is not the experiment itself (the output directory, say), or
     *              {@code null} for the experiment
     * @param what  what is wrong and what would be valid
     */
    public ExportException(String where, String what) {
        super(what);
        this.where = where;
    }

    /** What is at fault, or {@code null} when it is the experiment (the caller knows its file). */
    public String where() {
        return where;
    }
}
