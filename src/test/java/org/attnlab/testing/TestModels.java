package org.attnlab.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attnlab.model.djl.ClassifierHeads;
import org.attnlab.model.hf.BertConfig;
import org.attnlab.model.hf.ModelCatalog;

/**
 * Real pretrained models for tests, imported once per build into {@code target/test-models} (the
 * weights come from the Maven dependency, as in production).
 */
public final class TestModels {

    private TestModels() {
    }

    private static Path home() {
        return Path.of(System.getProperty("attnlab.test.models", "target/test-models"));
    }

    /** The imported all-MiniLM-L6-v2 encoder directory. */
    public static synchronized Path minilm() {
        return ModelCatalog.resolve("minilm", home());
    }

    /** MiniLM with an untrained two-class head (labels neg, pos; seed 1). */
    public static synchronized Path minilmClassifier() {
        Path dir = home().resolve("minilm-random-head");
        if (!Files.exists(dir)) {
            ClassifierHeads.addRandomHead(minilm(), List.of("neg", "pos"), BertConfig.Pooling.CLS_POOLER, 1, dir);
        }
        return dir;
    }

    /** Real sentences of varied length: short ones, and some longer than 32 tokens. */
    public static final List<String> SENTENCES = List.of(
            "a fine film",
            "The acting was wooden and the plot made no sense.",
            "I laughed, I cried, and I would happily watch it again tomorrow.",
            "Despite a strong opening, the second half drags on far too long and the ending is predictable.",
            "This is one of those rare sequels that improves on the original in almost every way: the characters "
                    + "are sharper, the jokes land, and the soundtrack is wonderful.",
            "I went in with low expectations after reading several lukewarm reviews, but the director's patient, "
                    + "observational style and the lead actress's quietly devastating performance won me over "
                    + "completely by the final scene.",
            "Not bad.");
}
