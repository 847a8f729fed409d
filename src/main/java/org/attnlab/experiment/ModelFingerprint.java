package org.attnlab.experiment;

import java.nio.file.Path;
import java.util.Map;
import org.attnlab.model.training.DirectoryFingerprint;

/**
 * What makes a model directory the model it is: the SHA-256 of every file in it that the model is loaded
 * from (weights, {@code config.json}, tokenizer, vocabulary, ...), so that changing any of them changes
 * the run id. Training's own reports are left out: they describe the model, they do not shape it
 * ({@link DirectoryFingerprint}, which training uses for models derived from others).
 */
public record ModelFingerprint(Map<String, String> files) {

    public ModelFingerprint {
        files = Map.copyOf(files);
    }

    public static ModelFingerprint of(Path dir) {
        return new ModelFingerprint(DirectoryFingerprint.files(dir));
    }

    /** One hash over the sorted (file, hash) pairs. */
    public String sha256() {
        return DirectoryFingerprint.sha256(files);
    }
}
