package org.attnlab.model.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.attnlab.data.Checksums;

/**
 * One SHA-256 over the files a model directory is loaded from (sorted relative paths with each file's SHA-256),
 * leaving out training's reports ({@code training.json}, {@code test-predictions.jsonl}) and hidden files: it
 * changes exactly when the model does. A model trained against another records that model's fingerprint, so it is
 * retrained when the other is.
 */
public final class DirectoryFingerprint {

    private static final Set<String> REPORTS = Set.of(TrainingRecord.FILE, TrainingRecord.PREDICTIONS);

    private DirectoryFingerprint() {
    }

    /** The fingerprint of the model directory {@code dir}. */
    public static String sha256(Path dir) {
        StringBuilder lines = new StringBuilder();
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> files = walk.filter(Files::isRegularFile)
                    .filter(p -> !REPORTS.contains(dir.relativize(p).toString()))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
            for (Path p : files) {
                lines.append(dir.relativize(p).toString().replace('\\', '/')).append(' ').append(Checksums.sha256(p))
                        .append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot read the model directory (" + e.getMessage() + ")", e);
        }
        return Checksums.sha256(lines.toString());
    }
}
