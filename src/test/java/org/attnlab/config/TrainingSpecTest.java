package org.attnlab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec files bind to records; every mistake is one message naming the file and the key. */
class TrainingSpecTest {

    private static final String VALID = """
            name: minilm-uci-yelp
            dataset: uci-yelp
            model:
              kind: transformer
              base: minilm
            training:
              epochs: 2
              batch_size: 16
              learning_rate: 5.0e-5
              seed: 3
              max_length: 64
            """;

    @TempDir Path tmp;

    @Test
    void validSpecBindsWithDefaults() throws Exception {
        TrainingSpec s = YamlFiles.read(write(VALID), TrainingSpec.class);
        assertEquals("cls-pooler", s.model().pooling());
        assertEquals("top-2", s.model().trainable());
        assertEquals(16, s.training().batchSize());
        assertEquals(0, s.training().maxTrainExamples());
    }

    @Test
    void everyMistakeNamesFileAndKey() throws Exception {
        expect(VALID.replace("batch_size", "batchsize"), "batchsize: unknown key");
        expect(VALID.replace("kind: transformer", "kind: svm"), "model.kind: transformer or rnn, got svm");
        expect(VALID.replace("epochs: 2", "epochs: 0"), "training.epochs: must be >= 1, got 0");
        expect(VALID.replace("  base: minilm\n", "  base: minilm\n  encoder: bilstm\n"), "apply to kind rnn only");
        expect(VALID.replace("seed: 3", "seed: three"), "training.seed");
        expect("name: [", "not valid YAML");
        ConfigException missing = assertThrows(ConfigException.class, () -> YamlFiles.read(tmp.resolve("nope.yaml"), TrainingSpec.class));
        assertTrue(missing.getMessage().endsWith("nope.yaml: no such file"), missing.getMessage());
    }

    private void expect(String yaml, String fragment) throws Exception {
        Path f = write(yaml);
        ConfigException e = assertThrows(ConfigException.class, () -> YamlFiles.read(f, TrainingSpec.class));
        assertTrue(e.getMessage().startsWith(f.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    private Path write(String yaml) throws Exception {
        Path f = Files.createTempFile(tmp, "spec", ".yaml");
        Files.writeString(f, yaml);
        return f;
    }
}
