package org.attnlab.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attnlab.io.Json;

/**
 * Reads JSON Lines (one object per line) and JSON arrays of objects into {@link SourceRecord}s.
 * Malformed input raises a {@link DatasetFormatException} with file and line.
 */
public final class JsonRecordReader {

    private static final ObjectMapper MAPPER = Json.PLAIN;

    private JsonRecordReader() {
    }

    /**
     * Reads a JSON Lines file: one JSON object per line, blank lines ignored.
     *
     * @param in   UTF-8 bytes; not closed
     * @param file name of the file for error messages
     */
    public static List<SourceRecord> readJsonLines(InputStream in, String file) throws IOException {
        BufferedReader reader = new BufferedReader(new StringReader(Utf8Text.read(in, file)));
        List<SourceRecord> out = new ArrayList<>();
        long lineNo = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                throw new DatasetFormatException(file, lineNo, "malformed JSON: " + e.getOriginalMessage());
            }
            if (node == null || !node.isObject()) {
                throw new DatasetFormatException(file, lineNo, "expected a JSON object, found "
                        + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
            }
            out.add(toRecord(node, file, lineNo, -1));
        }
        return out;
    }

    /**
     * Reads a file holding one JSON array of objects (as the IMDB and UCI files do), streaming
     * element by element. Each record's line is where its object starts; error messages also give
     * the element index because such files are often one long line.
     *
     * @param in   UTF-8 bytes; not closed
     * @param file name of the file for error messages
     */
    public static List<SourceRecord> readJsonArray(InputStream in, String file) throws IOException {
        List<SourceRecord> out = new ArrayList<>();
        try (JsonParser parser = MAPPER.createParser(in)) { // Jackson decodes UTF-8 strictly, with locations
            parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_ARRAY) {
                throw new DatasetFormatException(file, line(parser.currentTokenLocation()),
                        "expected a JSON array of objects, found " + (first == null ? "an empty file" : first.asString()));
            }
            int index = 0;
            while (true) {
                JsonToken t = parser.nextToken();
                if (t == JsonToken.END_ARRAY) {
                    break;
                }
                long line = line(parser.currentTokenLocation());
                if (t == null) {
                    throw new DatasetFormatException(file, line, "unexpected end of file inside the JSON array");
                }
                if (t != JsonToken.START_OBJECT) {
                    throw new DatasetFormatException(file, line, "element " + index
                            + ": expected a JSON object, found " + t.asString());
                }
                JsonNode node = MAPPER.readTree(parser);
                out.add(toRecord(node, file, line, index));
                index++;
            }
            if (parser.nextToken() != null) {
                throw new DatasetFormatException(file, line(parser.currentTokenLocation()),
                        "unexpected content after the JSON array");
            }
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new DatasetFormatException(file, loc == null ? 0 : line(loc),
                    "malformed JSON" + (loc == null ? "" : " at column " + loc.getColumnNr())
                            + ": " + e.getOriginalMessage());
        }
        return out;
    }

    private static long line(JsonLocation loc) {
        return Math.max(loc.getLineNr(), 0);
    }

    private static SourceRecord toRecord(JsonNode node, String file, long line, int element) {
        Map<String, String> fields = new HashMap<>();
        Set<String> nulls = new HashSet<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode v = e.getValue();
            if (v.isNull()) {
                nulls.add(e.getKey());
            } else if (v.isValueNode()) {
                fields.put(e.getKey(), v.asText());
            } else {
                fields.put(e.getKey(), v.toString());
            }
        }
        return new SourceRecord(file, line, element, fields, nulls);
    }
}
