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
    /** PyTorch pickles, which attnlab does not read (they can run code when unpickled). */
    static final String PICKLED_WEIGHTS = "pytorch_model.bin";
    static final String SHARDED_WEIGHTS = "model.safetensors.index.json";

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
        if (!Files.isRegularFile(weights()) && Files.isRegularFile(root.resolve(PICKLED_WEIGHTS))) {
            throw new ModelException(weights() + ": missing; this checkpoint has only " + PICKLED_WEIGHTS
                    + ", which attnlab does not read. Save it as safetensors (in Python: "
                    + "model.save_pretrained(dir, safe_serialization=True)) so that the directory holds " + WEIGHTS);
        }
        if (!Files.isRegularFile(weights()) && Files.isRegularFile(root.resolve(SHARDED_WEIGHTS))) {
            throw new ModelException(weights() + ": missing; this checkpoint is split into shards ("
                    + SHARDED_WEIGHTS + "), which attnlab does not read: save it as one " + WEIGHTS);
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
