package org.attnlab.model.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.attnlab.data.Checksums;

/**
 * One SHA-256 over the files a model directory is loaded from (sorted relative paths with each file's SHA-256),
 * leaving out training's reports ({@code training.json}, {@code test-predictions.jsonl}) and hidden files: it
 * changes exactly when the model does. A model trained against another records that model's fingerprint, so it is
 * retrained when the other is; a suite's run id hashes the same fingerprint of each of its models.
 */
public final class DirectoryFingerprint {

    private static final Set<String> REPORTS = Set.of(TrainingRecord.FILE, TrainingRecord.PREDICTIONS);

    private DirectoryFingerprint() {
    }

    /** The fingerprint of the model directory {@code dir}. */
    public static String sha256(Path dir) {
        return sha256(files(dir));
    }

    /** Every file {@code dir}'s model is loaded from (relative path with '/', sorted) and its SHA-256. */
    public static Map<String, String> files(Path dir) {
        Map<String, String> out = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> files = walk.filter(Files::isRegularFile)
                    .filter(p -> !REPORTS.contains(dir.relativize(p).toString()))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
            for (Path p : files) {
                out.put(dir.relativize(p).toString().replace('\\', '/'), Checksums.sha256(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot read the model directory (" + e.getMessage() + ")", e);
        }
        return out;
    }

    /** One hash over (file, hash) pairs, sorted by file. */
    public static String sha256(Map<String, String> files) {
        StringBuilder lines = new StringBuilder();
        files.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> lines.append(e.getKey()).append(' ').append(e.getValue()).append('\n'));
        return Checksums.sha256(lines.toString());
    }
}
