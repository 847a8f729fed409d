package org.attnlab.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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

    public static void write(Path file, Content content) throws IOException {
        Path parent = Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                content.writeTo(out);
            }
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
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
