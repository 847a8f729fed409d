package org.attnlab.experiment;

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
 * What makes a model directory the model it is: the SHA-256 of every file in it that the model is loaded
 * from (weights, {@code config.json}, tokenizer, vocabulary, ...), so that changing any of them changes
 * the run id. Training's own reports are left out: they describe the model, they do not shape it.
 */
public record ModelFingerprint(Map<String, String> files) {

    /** Files that training writes beside the model for people, not for loading. */
    private static final Set<String> REPORTS = Set.of("training.json", "test-predictions.jsonl");

    public ModelFingerprint {
        files = Map.copyOf(files);
    }

    public static ModelFingerprint of(Path dir) {
        Map<String, String> out = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> paths = walk.filter(Files::isRegularFile)
                    .filter(p -> !REPORTS.contains(dir.relativize(p).toString()))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
            for (Path p : paths) {
                out.put(dir.relativize(p).toString().replace('\\', '/'), Checksums.sha256(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot read the model directory (" + e.getMessage() + ")", e);
        }
        return new ModelFingerprint(out);
    }

    /** One hash over the sorted (file, hash) pairs. */
    public String sha256() {
        StringBuilder b = new StringBuilder();
        files.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> b.append(e.getKey()).append(' ').append(e.getValue()).append('\n'));
        return Checksums.sha256(b.toString());
    }
}
