package dev.descent.cli;

import dev.descent.engine.data.DataException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Marks an output directory as being written by one {@code descent} process: the file
 * {@value #FILE_NAME} in it, locked with {@link FileChannel#tryLock()} for as long as the process writes,
 * and holding the process id while it does. A second writer is refused at once. The operating system
 * releases the lock when the process ends, even when it is killed, so a file left by a killed process
 * does not block a later run.
 *
 * <p>The file stays in the directory (empty once released): removing it would let a process that opened
 * it just before lock a file no longer there, beside a newcomer locking a new one. And within the process
 * the lock file is opened only through this one channel, since closing any other channel to it would
 * release the lock (POSIX record locks belong to the process, not the channel).
 */
final class OutputLock implements AutoCloseable {
    /** The lock file in the output directory. */
    static final String FILE_NAME = ".descent.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code directory} for writing.
     *
     * @throws BadInputException if another process writes there, or the lock file cannot be made
     */
    static OutputLock acquire(Path directory) throws BadInputException {
        Path file = directory.resolve(FILE_NAME);
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                String owner = owner(channel);
                channel.close();
                throw new BadInputException(directory.toString(), "another descent run"
                        + (owner.isEmpty() ? "" : " (process " + owner + ")") + " is writing its results here;"
                        + " wait for it to finish, or give another --out");
            }
            try {
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            return new OutputLock(channel, lock);
        } catch (IOException e) {
            throw new BadInputException(directory.toString(), "cannot lock the output directory: "
                    + DataException.reasonOf(e));
        }
    }

    /** The process id written by the lock's owner, or empty. */
    private static String owner(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
            return !text.isEmpty() && text.chars().allMatch(Character::isDigit) ? text : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Empties the lock file and releases the lock. */
    @Override
    public void close() {
        try {
            channel.truncate(0);
        } catch (IOException ignored) {
            // a stale process id in an unlocked file misleads nobody: it is read only while locked
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // closing the channel releases the lock in any case
        }
    }
}
