package dev.descent.engine.data;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.zip.ZipException;

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

    /**
     * Why an input or output operation failed, in words, never "null": the exception's own message, or
     * for the exceptions Java throws without one (a gzip header cut short, an unnamed failure) what
     * they mean.
     */
    public static String reasonOf(IOException e) {
        if (e instanceof FileSystemException fs) {
            if (fs.getReason() != null && !fs.getReason().isBlank()) {
                return fs.getReason();
            }
            if (e instanceof NoSuchFileException) {
                return "no such file";
            }
            if (e instanceof AccessDeniedException) {
                return "permission denied";
            }
        }
        if (e.getMessage() != null && !e.getMessage().isBlank()) {
            return e.getMessage();
        }
        if (e instanceof EOFException) {
            return "the data ends too early";
        }
        if (e instanceof ZipException) {
            return "the compressed data is damaged";
        }
        return "an input or output error (" + e.getClass().getSimpleName() + ")";
    }
}
