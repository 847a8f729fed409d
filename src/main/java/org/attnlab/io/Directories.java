package org.attnlab.io;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * How every stage writes a directory (model, dataset cache entry, report) so that a reader never sees it
 * half-written: build it in a hidden directory beside the target, then swap it in with atomic renames.
 */
public final class Directories {

    private Directories() {
    }

    /**
     * A new, empty, hidden directory beside {@code target}: on the same file system, so the final move is an
     * atomic rename. Created with the default permissions, not {@code Files.createTempDirectory}'s
     * owner-only 0700, which the directory would keep after the move.
     */
    public static Path stageBeside(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path parent = Files.createDirectories(absolute.getParent());
        while (true) {
            Path staged = parent.resolve("." + absolute.getFileName() + ".tmp-"
                    + Long.toHexString(ThreadLocalRandom.current().nextLong()));
            try {
                return Files.createDirectory(staged);
            } catch (FileAlreadyExistsException taken) {
                // another writer drew the same name: draw again
            }
        }
    }

    /**
     * Puts {@code staged} at {@code target}. An existing target is first renamed aside, put back if the
     * second rename fails, and deleted once the new one is in place; between the two renames the target is
     * briefly absent (POSIX cannot swap two directories in one step), never partial.
     */
    public static void replace(Path staged, Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path old = null;
        if (Files.exists(absolute)) {
            old = absolute.resolveSibling("." + absolute.getFileName() + ".old-"
                    + Long.toHexString(ThreadLocalRandom.current().nextLong()));
            Files.move(absolute, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(staged, absolute, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (old != null) {
                Files.move(old, absolute, StandardCopyOption.ATOMIC_MOVE);
            }
            throw e;
        }
        if (old != null) {
            deleteQuietly(old);
        }
    }

    /** Deletes {@code dir} and everything below it; nothing when it does not exist. */
    public static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * {@link #deleteTree}, ignoring failures: for clean-up after an error (the error is what the user must
     * see) and for hidden leftovers, which are harmless.
     */
    public static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException | RuntimeException ignored) {
            // best effort, see above
        }
    }
}
