package org.attnlab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * An append-only JSON Lines file of records that survives being killed: each record is one
 * {@code write} of one line, forced to disk before the next; on open, a torn last line (a kill in the
 * middle of a write) is cut off, and the (model, id) pairs already present are known, so a resumed
 * run neither redoes nor loses finished instances.
 */
public final class RecordSink implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final Set<String> done = new HashSet<>();
    private final ObjectMapper json;

    public RecordSink(Path file, ObjectMapper json) {
        this.file = file;
        this.json = json;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            recover();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot open records (" + e.getMessage() + ")", e);
        }
    }

    /** Keeps the complete lines, cuts anything after the last newline, and remembers what is done. */
    private void recover() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        if (end < bytes.length) {
            channel.truncate(end);
            channel.force(true);
        }
        for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                JsonNode r = json.readTree(line);
                done.add(key(r.path("model").asText(), r.path("id").asText()));
            }
        }
        channel.position(end);
    }

    public boolean isDone(String model, String id) {
        return done.contains(key(model, id));
    }

    public int size() {
        return done.size();
    }

    public void append(JsonNode record) {
        String model = record.path("model").asText();
        String id = record.path("id").asText();
        try {
            byte[] line = (json.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot append a record (" + e.getMessage() + ")", e);
        }
        done.add(key(model, id));
    }

    private static String key(String model, String id) {
        return model + "\u0000" + id;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot close (" + e.getMessage() + ")", e);
        }
    }
}
