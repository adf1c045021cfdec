package dev.descent.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real named pipe, made by {@code mkfifo}: opening it for reading blocks until someone writes. */
public final class Fifo {
    private Fifo() {
    }

    /** Makes a FIFO at {@code path}. */
    public static Path make(Path path) throws IOException, InterruptedException {
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        if (!mkfifo.waitFor(10, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
            throw new IOException("mkfifo " + path + " failed");
        }
        return path;
    }
}
