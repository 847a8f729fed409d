package org.attnlab.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
import org.attnlab.io.Json;
import org.attnlab.io.JsonLines;

/**
 * An append-only JSON Lines file of records that survives being killed: each record is one
 * {@code write} of one line, forced to disk before the next; on open, a torn last line (a kill in the
 * middle of a write) is cut off ({@link JsonLines}' policy), and the (model, id) pairs already present are
 * known, so a resumed run neither redoes nor loses finished instances. One writer per file: the suite
 * run holds the run directory's lock while a sink is open.
 */
public final class RecordSink implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final Set<String> done = new HashSet<>();

    public RecordSink(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JsonLines.Content content = JsonLines.read(file);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            if (channel.size() > content.completeBytes()) {
                channel.truncate(content.completeBytes());
                channel.force(true);
            }
            channel.position(content.completeBytes());
            for (JsonNode r : content.lines()) {
                done.add(key(r.path("model").asText(), r.path("id").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot open records (" + e.getMessage() + ")", e);
        }
    }

    public boolean isDone(String model, String id) {
        return done.contains(key(model, id));
    }

    public int size() {
        return done.size();
    }

    /**
     * Appends one record given as its exact JSON line (no newline), e.g. computed by another process: the
     * bytes written are the line's, so records made anywhere land byte-identical.
     */
    public void append(String line) {
        JsonNode record;
        try {
            record = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not a record line (" + e.getOriginalMessage() + ")", e);
        }
        if (record == null || !record.isObject() || line.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(file + ": not a one-line JSON record: " + line);
        }
        String model = record.path("model").asText();
        String id = record.path("id").asText();
        try {
            ByteBuffer buffer = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
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
