package org.attnlab.model.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attnlab.config.TrainingSpec;
import org.attnlab.config.YamlFiles;
import org.attnlab.data.Dataset;
import org.attnlab.io.Json;
import org.attnlab.model.TrainableModel;
import org.attnlab.model.djl.rnn.Vocabulary;
import org.attnlab.model.embedding.PrincipalProjection;
import org.attnlab.model.hf.HfModelDirectory;
import org.attnlab.model.training.SpecTraining;
import org.attnlab.testing.TempHome;
import org.attnlab.testing.TestModels;
import org.attnlab.testing.UciYelpSlice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code word_vectors: minilm} from a spec to the saved embedding table: the catalog name (not a file of that name
 * beside the spec) gives every word its MiniLM word-piece vector reduced to {@code embedding_dim}, at raw scale, and
 * the special tokens zero rows, as J&amp;W's start leaves words without a vector.
 */
class TransformerWordVectorsWiringTest {

    @TempDir Path tmp;
    @RegisterExtension final TempHome home = new TempHome();

    @Test
    void theSavedEmbeddingTableIsTheReducedWordPieceTable() throws Exception {
        UciYelpSlice.copyInto(tmp);
        Files.writeString(tmp.resolve("minilm"), "not a vector file: the catalog name must win\n");
        Path specFile = tmp.resolve("tiny.yaml");
        Files.writeString(specFile, """
                name: tiny
                dataset: %s
                model: {kind: rnn, encoder: average, attention: additive, embedding_dim: 16, hidden_size: 8,
                        min_count: 3, word_vectors: minilm}
                training: {epochs: 1, batch_size: 16, learning_rate: 3.0e-3, weight_decay: 0.0, seed: 1, max_length: 32}
                """.formatted(UciYelpSlice.FILE));
        TrainingSpec spec = YamlFiles.read(specFile, TrainingSpec.class);
        Dataset data = SpecTraining.dataset(spec.dataset(), specFile);
        Path saved = tmp.resolve("saved");
        try (TrainableModel model = TrainableModels.create(spec, data, tmp.resolve("scratch"), tmp)) {
            model.save(saved);
        }
        JsonNode tokensNode = Json.PLAIN.readTree(saved.resolve("vocab.json").toFile()).path("tokens");
        List<String> tokens = new ArrayList<>();
        tokensNode.forEach(t -> tokens.add(t.asText()));
        List<String> words = tokens.subList(Vocabulary.SPECIALS.size(), tokens.size());
        float[][] expected = PrincipalProjection.reduce(WordPieceVectors.of(new HfModelDirectory(TestModels.minilm()), words), 16);
        float[][] table = embeddingTable(saved.resolve("model.safetensors"), tokens.size(), 16);

        assertTrue(words.size() > 50, "a real vocabulary: " + words.size() + " words");
        for (int id = 0; id < Vocabulary.SPECIALS.size(); id++) {
            for (float x : table[id]) {
                assertEquals(0f, x, "special token " + tokens.get(id) + " starts at zero");
            }
        }
        for (int w = 0; w < words.size(); w++) {
            for (int k = 0; k < 16; k++) {
                assertEquals(expected[w][k], table[w + Vocabulary.SPECIALS.size()][k], 1e-6f, words.get(w) + "[" + k + "]");
            }
        }
    }

    private static float[][] embeddingTable(Path weights, int rows, int dim) throws Exception {
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu(), "PyTorch");
             InputStream in = new BufferedInputStream(Files.newInputStream(weights))) {
            for (NDArray a : NDList.decode(manager, in)) {
                if (a.getName().equals("embedding.weight")) {
                    assertEquals(rows * (long) dim, a.size(), "embedding.weight shape " + a.getShape());
                    float[] flat = a.toType(DataType.FLOAT32, false).toFloatArray();
                    float[][] out = new float[rows][dim];
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(flat, r * dim, out[r], 0, dim);
                    }
                    return out;
                }
            }
        }
        throw new AssertionError(weights + ": no embedding.weight");
    }
}
