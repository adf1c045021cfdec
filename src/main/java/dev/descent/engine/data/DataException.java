package dev.descent.engine.data;

/**
 * Data that cannot be read or generated, with a one-line message saying what, where and what would be
 * valid (e.g. "row 14 has 3 cells but the header has 4"). The file, if any, is named by the caller.
 */
public class DataException extends Exception {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
