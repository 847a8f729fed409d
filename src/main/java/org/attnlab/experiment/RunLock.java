package org.attnlab.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One writer per run directory: an exclusive OS lock on {@code <run>/.lock}, held while records are
 * written. The operating system drops the lock when the process ends, however it ends, so a killed run
 * never leaves a stale lock behind; the file itself stays (it is empty and harmless).
 */
public final class RunLock implements AutoCloseable {

    static final String FILE = ".lock";

    /** Another process holds the run; the message says what to do. */
    public static final class BusyException extends IllegalStateException {
        BusyException(String message) {
            super(message);
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the run directory's lock.
     *
     * @throws BusyException when another process (or another run in this JVM) holds it
     */
    public static RunLock acquire(Path runDir) {
        Path file = runDir.resolve(FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot open the run lock (" + e.getMessage() + ")", e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            close(channel);
            throw new UncheckedIOException(file + ": cannot lock (" + e.getMessage() + ")", e);
        }
        if (lock == null) {
            close(channel);
            throw new BusyException(runDir + ": another attnlab process is running this suite into this run "
                    + "directory; wait for it to finish (it resumes from the same records), or run other models with --model");
        }
        try {
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            // the pid is only informative
        }
        return new RunLock(channel, lock);
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing held
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the run lock (" + e.getMessage() + ")", e);
        }
    }
}
