package org.attnlab.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one way attnlab writes a single file: into a hidden temporary file beside it, forced to disk, then
 * renamed over the target in one atomic step. A reader (or a run killed mid-write) sees the old file or
 * the new one, never half of either. Directories use {@link Directories}.
 */
public final class AtomicFiles {

    /** Writes the bytes of a file to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code file} atomically and returns it. The temporary file gets the default permissions, not
     * {@code Files.createTempFile}'s owner-only 0600, which the file would keep after the rename. Where the
     * file system cannot rename atomically, a plain replacing move is the fallback.
     */
    public static Path write(Path file, Content content) throws IOException {
        Path parent = Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = parent.resolve("." + file.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(out);
            }
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void writeString(Path file, String text) throws IOException {
        write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Pretty-printed JSON with a final newline. */
    public static void writeJson(Path file, JsonNode node) throws IOException {
        writeJson(file, node, Json.MAPPER);
    }

    /** Any value as pretty-printed JSON through {@code mapper}, with a final newline. */
    public static void writeJson(Path file, Object value, ObjectMapper mapper) throws IOException {
        write(file, out -> {
            out.write(mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
            out.write('\n');
        });
    }
}
