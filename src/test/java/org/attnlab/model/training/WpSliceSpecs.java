package org.attnlab.model.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attnlab.config.TrainingSpec;
import org.attnlab.config.YamlFiles;
import org.attnlab.testing.UciYelpSlice;

/** Tiny BiLSTM specs on the committed UCI Yelp slice for the Wiegreffe &amp; Pinter model tests. */
final class WpSliceSpecs {

    private WpSliceSpecs() {
    }

    /**
     * Copies the slice into {@code dir} and writes a tiny additive BiLSTM spec beside it ({@code epochs} passes over
     * the 800 training sentences); returns the spec file.
     */
    static Path baseSpec(Path dir, String name, int epochs) throws IOException {
        return baseSpec(dir, name, epochs, 0);
    }

    /** As {@link #baseSpec(Path, String, int)} on the first {@code maxTrain} training sentences (0 = all 800). */
    static Path baseSpec(Path dir, String name, int epochs, int maxTrain) throws IOException {
        UciYelpSlice.copyInto(dir);
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, """
                name: %s
                dataset: %s
                model: {kind: rnn, encoder: bilstm, attention: additive, embedding_dim: 16, hidden_size: 8, min_count: 1,
                        attention_dim: 6}
                training: {epochs: %d, batch_size: 16, learning_rate: 3.0e-3, weight_decay: 0.0, seed: 1, max_length: 32,
                           max_train_examples: %d}
                """.formatted(name, UciYelpSlice.FILE, epochs, maxTrain));
        return file;
    }

    static TrainingSpec read(Path specFile) throws IOException {
        return YamlFiles.read(specFile, TrainingSpec.class);
    }
}
