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

    /** training.json hashes this JSON: a spec without the newer keys must serialise exactly as before them. */
    @Test
    void newerKeysLeaveOlderSpecsIdentity() throws Exception {
        String rnn = """
                name: bilstm-imdb
                dataset: imdb
                model: {kind: rnn, encoder: bilstm, attention: additive}
                training: {epochs: 8, batch_size: 32, learning_rate: 1.0e-3, weight_decay: 1.0e-5, seed: 1, max_length: 256}
                """;
        var json = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(YamlFiles.read(write(rnn), TrainingSpec.class));
        java.util.List<String> model = new java.util.ArrayList<>();
        json.get("model").fieldNames().forEachRemaining(model::add);
        java.util.List<String> training = new java.util.ArrayList<>();
        json.get("training").fieldNames().forEachRemaining(training::add);
        assertEquals(java.util.List.of("kind", "base", "pooling", "trainable", "encoder", "attention", "embeddingDim",
                "hiddenSize", "minCount"), model);
        assertEquals(java.util.List.of("epochs", "batchSize", "learningRate", "weightDecay", "seed", "maxLength",
                "maxTrainExamples", "maxDevExamples", "timeBudgetMinutes"), training);
    }

    @Test
    void recipeKeysAreChecked() throws Exception {
        String rnn = """
                name: x
                dataset: imdb-jw
                model: {kind: rnn, encoder: cnn, attention: additive, tokenizer: keras, min_documents: 10, output: sigmoid}
                training: {epochs: 8, batch_size: 32, learning_rate: 1.0e-3, weight_decay: 1.0e-5, seed: 1, max_length: 401,
                  selection: dev-auc, first_eligible_epoch: 2, attention_weight_decay: 0, pos_weight: balanced, loss_reduction: sum}
                """;
        TrainingSpec s = YamlFiles.read(write(rnn), TrainingSpec.class);
        assertEquals(2, s.training().firstEligibleEpochOrDefault());
        assertEquals(0.0, s.training().attentionWeightDecay());
        expect(rnn.replace("dev-auc", "dev-loss"), "training.selection: dev-accuracy, dev-auc or train-loss, got dev-loss");
        expect(rnn.replace("first_eligible_epoch: 2", "first_eligible_epoch: 9"), "training.first_eligible_epoch: must be in 1..epochs (8)");
        expect(rnn.replace("output: sigmoid", "output: tanh"), "model.output: softmax or sigmoid");
        expect(rnn.replace("tokenizer: keras", "tokenizer: spacy"), "model.tokenizer: regex or keras");
        expect(rnn.replace("pos_weight: balanced", "pos_weight: 2"), "training.pos_weight: balanced");
        expect(VALID.replace("  max_length: 64\n", "  max_length: 64\n  pos_weight: balanced\n"), "apply to model kind rnn only");
        expect(rnn.replace("output: sigmoid", "output: sigmoid, attention_dim: 0"), "model.attention_dim: > 0");
        expect(rnn.replace("output: sigmoid", "output: sigmoid, dropout: 1.0"), "model.dropout: in [0, 1)");
        expect(rnn.replace("output: sigmoid", "output: sigmoid, word_vectors: skipgram, embeddings: minilm"),
                "model.word_vectors: skipgram, a catalog transformer or a word-vector file, and not together with embeddings");
        expect(rnn.replace("output: sigmoid", "output: sigmoid, embedding_scale: 0"), "model.embedding_scale: a finite number > 0");
        expect(rnn.replace("output: sigmoid", "output: sigmoid, embedding_scale: 1, embeddings: minilm"),
                "model.embedding_scale: a finite number > 0, and not together with embeddings");
        assertEquals(0.12, YamlFiles.read(write(rnn.replace("output: sigmoid", "output: sigmoid, embedding_scale: 0.12")),
                TrainingSpec.class).model().embeddingScale());
        expect(rnn.replace("loss_reduction: sum", "loss_reduction: sum, batching: bucketed"),
                "training.batching: windowed or length-sorted, got bucketed");
        TrainingSpec sorted = YamlFiles.read(write(rnn.replace("loss_reduction: sum", "loss_reduction: sum, batching: length-sorted")),
                TrainingSpec.class);
        assertEquals("length-sorted", sorted.training().batchingOrDefault());
        assertEquals("windowed", s.training().batchingOrDefault());
        // The copies a suite makes (another seed; an adversary's selection) keep every other training key.
        assertEquals("length-sorted", sorted.training().withSeed(7).batching());
        assertEquals(7, sorted.training().withSeed(7).seed());
        assertEquals(sorted.training().withSeed(7).withSeed(1), sorted.training());
        TrainingSpec.TrainingSection adversary = sorted.training().withSelection("train-loss", null);
        assertEquals("train-loss", adversary.selection());
        assertEquals(null, adversary.firstEligibleEpoch());
        assertEquals("length-sorted", adversary.batching());
        assertEquals("sum", adversary.lossReduction());
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
