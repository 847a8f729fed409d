package org.attnlab.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON Lines file written one whole line at a time (records). One policy for everyone: a last
 * line without its newline is a write that a kill interrupted and is left out (the writer cuts it
 * off when it resumes); any complete line that is not one JSON object is corruption and an error
 * naming the file and line.
 */
public final class JsonLines {

    /** The parsed complete lines, and where the complete lines end (the offset a resumed writer appends at). */
    public record Content(List<JsonNode> lines, long completeBytes) {
        public Content {
            lines = List.copyOf(lines);
        }
    }

    private JsonLines() {
    }

    /** The file's complete lines; an absent file has none. */
    public static Content read(Path file) {
        if (!Files.exists(file)) {
            return new Content(List.of(), 0);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        List<JsonNode> out = new ArrayList<>();
        String[] lines = new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                JsonNode node = Json.MAPPER.readTree(lines[i]);
                if (node == null || !node.isObject()) {
                    throw new IllegalArgumentException(file + ": line " + (i + 1) + ": not a JSON object");
                }
                out.add(node);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(file + ": line " + (i + 1) + ": not valid JSON ("
                        + e.getOriginalMessage() + "); the file is corrupt: restore it or delete the line", e);
            }
        }
        return new Content(out, end);
    }
}
