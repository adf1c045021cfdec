package dev.descent.engine.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Whether a path given as an input file is a regular file, checked from its attributes alone. Opening a
 * FIFO blocks until some other process writes to it, and a device may never end, so anything that is
 * not a regular file (after following links) is refused before it is opened.
 */
public final class RegularFile {
    private static final int TYPE_MASK = 0170000;
    private static final int FIFO = 0010000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;
    private static final int SOCKET = 0140000;

    private RegularFile() {
    }

    /**
     * What {@code file} is if it is not a regular file ("a folder", "a FIFO (named pipe)", "a device",
     * ...), or null if it is one, or does not exist or cannot be examined (opening it then gives the
     * precise reason).
     */
    public static String notRegular(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException | SecurityException e) {
            return null;
        }
        if (attributes.isRegularFile()) {
            return null;
        }
        if (attributes.isDirectory()) {
            return "a folder";
        }
        return switch (unixType(file)) {
            case FIFO -> "a FIFO (named pipe)";
            case CHARACTER_DEVICE, BLOCK_DEVICE -> "a device";
            case SOCKET -> "a socket";
            default -> "not a regular file";
        };
    }

    private static int unixType(Path file) {
        try {
            return ((Integer) Files.getAttribute(file, "unix:mode")) & TYPE_MASK;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return 0;
        }
    }
}
