package org.attnlab.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The committed real data slice that end-to-end tests train and run on: the 1,000 UCI Yelp sentences (labels
 * negative/positive; see src/test/resources/data/NOTICE.md), copied beside a test's spec or suite, which names it
 * as a data file.
 */
public final class UciYelpSlice {

    /** The file name a spec or suite gives as its {@code dataset}. */
    public static final String FILE = "uci-yelp-sentences.csv";

    private UciYelpSlice() {
    }

    /** Copies the slice into {@code dir}; returns the copy. */
    public static Path copyInto(Path dir) {
        try (InputStream in = UciYelpSlice.class.getResourceAsStream("/data/" + FILE)) {
            Path to = dir.resolve(FILE);
            Files.copy(in, to);
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A model spec for a small BiLSTM on the slice that trains in seconds (one epoch on 200 sentences). */
    public static String tinyBilstmSpec(String name) {
        return """
                name: %s
                dataset: %s
                model: {kind: rnn, encoder: bilstm, attention: additive, embedding_dim: 16, hidden_size: 8, min_count: 1}
                training: {epochs: 1, batch_size: 16, learning_rate: 3.0e-3, weight_decay: 0.0, seed: 1, max_length: 32,
                           max_train_examples: 200}
                """.formatted(name, FILE);
    }
}
