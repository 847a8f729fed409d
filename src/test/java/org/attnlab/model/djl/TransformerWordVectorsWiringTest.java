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
 * the special tokens zero rows, as J&amp;W's start leaves words without a vector; {@code embedding_scale} multiplies
 * that table by the one factor that gives its rows the asked root mean square.
 */
class TransformerWordVectorsWiringTest {

    @TempDir Path tmp;
    @RegisterExtension final TempHome home = new TempHome();

    @Test
    void theSavedEmbeddingTableIsTheReducedWordPieceTable() throws Exception {
        Saved s = train("");
        assertTrue(s.words().size() > 50, "a real vocabulary: " + s.words().size() + " words");
        for (int id = 0; id < Vocabulary.SPECIALS.size(); id++) {
            for (float x : s.table()[id]) {
                assertEquals(0f, x, "special token " + s.tokens().get(id) + " starts at zero");
            }
        }
        assertRowsAre(s, 1);
    }

    @Test
    void anEmbeddingScaleMultipliesTheWholeStartToTheGivenRms() throws Exception {
        Saved s = train(", embedding_scale: 0.5");
        double sumSq = 0;
        for (float[] row : s.expected()) {
            for (float x : row) {
                sumSq += (double) x * x;
            }
        }
        assertRowsAre(s, 0.5 / Math.sqrt(sumSq / (s.expected().length * 16.0)));
    }

    private record Saved(List<String> tokens, List<String> words, float[][] expected, float[][] table) {
    }

    /** Trains nothing: saves a fresh model of a 16-d MiniLM-started spec whose model section ends with {@code extra}. */
    private Saved train(String extra) throws Exception {
        UciYelpSlice.copyInto(tmp);
        Files.writeString(tmp.resolve("minilm"), "not a vector file: the catalog name must win\n");
        Path specFile = tmp.resolve("tiny.yaml");
        Files.writeString(specFile, """
                name: tiny
                dataset: %s
                model: {kind: rnn, encoder: average, attention: additive, embedding_dim: 16, hidden_size: 8,
                        min_count: 3, word_vectors: minilm%s}
                training: {epochs: 1, batch_size: 16, learning_rate: 3.0e-3, weight_decay: 0.0, seed: 1, max_length: 32}
                """.formatted(UciYelpSlice.FILE, extra));
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
        return new Saved(tokens, words, expected, embeddingTable(saved.resolve("model.safetensors"), tokens.size(), 16));
    }

    /** Every word row is its reduced word-piece vector times {@code factor}. */
    private static void assertRowsAre(Saved s, double factor) {
        for (int w = 0; w < s.words().size(); w++) {
            for (int k = 0; k < 16; k++) {
                assertEquals(s.expected()[w][k] * factor, s.table()[w + Vocabulary.SPECIALS.size()][k], 1e-6,
                        s.words().get(w) + "[" + k + "]");
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
