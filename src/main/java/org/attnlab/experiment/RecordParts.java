package org.attnlab.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.attnlab.io.AtomicFiles;
import org.attnlab.io.Directories;

/**
 * Records computed outside the process that holds the run's {@link RunLock} (e.g. by Spark tasks), waiting
 * in {@code <run>/parts/*.part} to be appended to the records files. Each part is written whole and
 * atomically by one task attempt (a retried or speculative attempt replaces it with the same bytes), so a
 * part is either absent or complete. The lock holder appends them in the local order ({@link SuiteRunner}
 * takes them instead of recomputing), whichever engine it runs on: a killed distributed run's finished
 * parts are never recomputed, and the parts directory is removed once every record is in place.
 * A line of a part is {@code <experiment type id> TAB <record line>}.
 */
public final class RecordParts {

    private static final String SUFFIX = ".part";

    private RecordParts() {
    }

    /** {@code <run>/parts/}. */
    public static Path dir(Path runDir) {
        return runDir.resolve("parts");
    }

    /** One line of a part: the record {@code line} of experiment type {@code typeId}. */
    public static String entry(String typeId, String line) {
        return typeId + "\t" + line;
    }

    /** Writes {@code <run>/parts/<name>.part} atomically. */
    public static void write(Path runDir, String name, List<String> entries) {
        StringBuilder text = new StringBuilder();
        entries.forEach(e -> text.append(e).append('\n'));
        try {
            AtomicFiles.writeString(dir(runDir).resolve(name + SUFFIX), text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(dir(runDir) + ": cannot write part " + name + " (" + e.getMessage() + ")", e);
        }
    }

    /** Every finished part's records, keyed by {@link #key}; none when there is no parts directory. */
    public static Map<String, String> read(Path runDir) {
        Map<String, String> out = new HashMap<>();
        Path dir = dir(runDir);
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)
                    && !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                for (String entry : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    int tab = entry.indexOf('\t');
                    if (tab <= 0) {
                        throw new IllegalArgumentException(f + ": not a records part line: " + entry);
                    }
                    com.fasterxml.jackson.databind.JsonNode r = org.attnlab.io.Json.MAPPER.readTree(entry.substring(tab + 1));
                    out.put(key(entry.substring(0, tab), r.path("model").asText(), r.path("id").asText()), entry.substring(tab + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot read parts (" + e.getMessage() + ")", e);
        }
        return out;
    }

    public static String key(String typeId, String model, String id) {
        return typeId + "\u0000" + model + "\u0000" + id;
    }

    /** Removes the parts once their records are in the records files. */
    public static void clear(Path runDir) {
        Directories.deleteQuietly(dir(runDir));
    }
}
