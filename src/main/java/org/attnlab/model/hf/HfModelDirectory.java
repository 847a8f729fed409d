package org.attnlab.model.hf;

import java.nio.file.Files;
import java.nio.file.Path;
import org.attnlab.model.ModelException;

/**
 * A Hugging Face–layout model directory: {@code config.json}, {@code model.safetensors} (HF tensor
 * names, HF {@code [out, in]} orientation) and {@code tokenizer.json}.
 */
public record HfModelDirectory(Path root) {

    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "model.safetensors";
    public static final String TOKENIZER = "tokenizer.json";

    public Path config() {
        return root.resolve(CONFIG);
    }

    public Path weights() {
        return root.resolve(WEIGHTS);
    }

    public Path tokenizer() {
        return root.resolve(TOKENIZER);
    }

    /** Fails with one message naming the first missing file. */
    public HfModelDirectory requireComplete() {
        if (!Files.isDirectory(root)) {
            throw new ModelException(root + ": not a model directory (it does not exist or is not a directory)");
        }
        for (Path p : new Path[] {config(), weights(), tokenizer()}) {
            if (!Files.isRegularFile(p)) {
                throw new ModelException(p + ": missing; a model directory needs " + CONFIG + ", " + WEIGHTS
                        + " and " + TOKENIZER);
            }
        }
        return this;
    }
}
