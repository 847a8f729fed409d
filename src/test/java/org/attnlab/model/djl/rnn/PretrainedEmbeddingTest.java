package org.attnlab.model.djl.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.attnlab.model.Precision;
import org.attnlab.model.TrainingOptions;
import org.attnlab.model.djl.rnn.RnnAttentionConfig.Attention;
import org.attnlab.model.djl.rnn.RnnAttentionConfig.Encoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Word vectors given at creation land in the embedding table (rescaled to unit variance, or raw and then
 * scaled to a given root mean square), a random start scales the same way, and nothing else moves.
 */
class PretrainedEmbeddingTest {

    @TempDir Path tmp;

    @Test
    void givenRowsAreRescaledToUnitVarianceAndTheOtherParametersKeepTheirSeededStart() throws IOException {
        Vocabulary v = TinyRnnModels.vocabulary();
        RnnAttentionConfig c = TinyRnnModels.config(Encoder.BILSTM, Attention.ADDITIVE);
        float[][] vectors = new float[v.size()][];
        int film = v.id("film");
        int plot = v.id("plot");
        // Two rows, entries {2, -2, 4, -4, 0, 0} and {1, 1, 1, 1, 1, 1}: mean 1/2, variance 46/12 - 1/4 = 43/12.
        vectors[film] = new float[] {2, -2, 4, -4, 0, 0};
        vectors[plot] = new float[] {1, 1, 1, 1, 1, 1};
        vectors[Vocabulary.UNK] = new float[] {9, 9, 9, 9, 9, 9}; // a special: must be ignored
        TrainingOptions options = new TrainingOptions(1e-3, 0, 7, "all");
        Map<String, float[]> with = saved(DjlRnnAttentionModel.create(c, v, options, Precision.FLOAT32, vectors), "with");
        Map<String, float[]> without = saved(DjlRnnAttentionModel.create(c, v, options, Precision.FLOAT32), "without");

        double scale = 1 / Math.sqrt(43.0 / 12);
        float[] table = with.get("embedding.weight");
        float[] random = without.get("embedding.weight");
        int dim = c.embeddingDim();
        for (int id = 0; id < v.size(); id++) {
            for (int k = 0; k < dim; k++) {
                double expected = id == film || id == plot ? vectors[id][k] * scale : random[id * dim + k];
                assertEquals(expected, table[id * dim + k], 1e-6, "row " + id + " (" + v.token(id) + "), column " + k);
            }
        }
        assertArrayEquals(new float[dim], java.util.Arrays.copyOfRange(table, 0, dim), "<pad> stays zero");
        assertOnlyTheEmbeddingsDiffer(without, with);
    }

    @Test
    void rawVectorsScaledToAnRmsKeepTheirDirectionsAndZeroRows() throws IOException {
        Vocabulary v = TinyRnnModels.vocabulary();
        RnnAttentionConfig c = TinyRnnModels.config(Encoder.CNN, Attention.ADDITIVE);
        float[][] vectors = new float[v.size()][];
        int film = v.id("film");
        int plot = v.id("plot");
        // Squared lengths 6 and 24 over 12 entries: rms sqrt(30/12); to rms 0.5 the factor is 0.5 / sqrt(2.5) = 1/sqrt(10).
        vectors[film] = new float[] {1, -1, 1, -1, 1, -1};
        vectors[plot] = new float[] {2, 2, 2, 2, 2, 2};
        TrainingOptions options = new TrainingOptions(1e-3, 0, 7, "all");
        Map<String, float[]> scaled = saved(DjlRnnAttentionModel.create(c, v, options, RnnTrainingRecipe.DEFAULT,
                Precision.FLOAT32, EmbeddingStart.raw(vectors).scaledTo(0.5)), "scaled");
        Map<String, float[]> random = saved(DjlRnnAttentionModel.create(c, v, options, Precision.FLOAT32), "random");
        float[] table = scaled.get("embedding.weight");
        int dim = c.embeddingDim();
        double factor = 1 / Math.sqrt(10);
        for (int id = 0; id < v.size(); id++) {
            for (int k = 0; k < dim; k++) {
                double expected = id == film || id == plot ? vectors[id][k] * factor : 0;
                assertEquals(expected, table[id * dim + k], 1e-7, "row " + id + " (" + v.token(id) + "), column " + k);
            }
        }
        assertOnlyTheEmbeddingsDiffer(random, scaled);
    }

    @Test
    void aScaledRandomStartIsTheSameDrawAtTheGivenRms() throws IOException {
        Vocabulary v = TinyRnnModels.vocabulary();
        RnnAttentionConfig c = TinyRnnModels.config(Encoder.BILSTM, Attention.ADDITIVE);
        TrainingOptions options = new TrainingOptions(1e-3, 0, 7, "all");
        float[] unit = saved(DjlRnnAttentionModel.create(c, v, options, Precision.FLOAT32), "unit").get("embedding.weight");
        float[] small = saved(DjlRnnAttentionModel.create(c, v, options, RnnTrainingRecipe.DEFAULT, Precision.FLOAT32,
                EmbeddingStart.random().scaledTo(0.12)), "small").get("embedding.weight");
        int dim = c.embeddingDim();
        double factor = 0.12 / wordRowRms(unit, dim);
        assertTrue(factor > 0.06 && factor < 0.24, "a tiny vocabulary's N(0, 1) draw has rms near 1: factor " + factor);
        for (int i = 0; i < unit.length; i++) {
            assertEquals(unit[i] * factor, small[i], 1e-6, "entry " + i + ": the same draw, one factor, specials too");
        }
        assertEquals(0.12, wordRowRms(small, dim), 1e-6);
    }

    @Test
    void aScaleIsRefusedWhereItHasNoMeaning() {
        float[][] vectors = new float[5][];
        assertThrows(IllegalArgumentException.class, () -> EmbeddingStart.unitVariance(vectors).scaledTo(1));
        assertThrows(IllegalArgumentException.class, () -> EmbeddingStart.random().scaledTo(0));
        assertThrows(IllegalArgumentException.class, () -> EmbeddingStart.random().scaledTo(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new EmbeddingStart(null, true, null));
    }

    @Test
    void vectorsOfTheWrongShapeAreRejected() {
        Vocabulary v = TinyRnnModels.vocabulary();
        RnnAttentionConfig c = TinyRnnModels.config(Encoder.AVERAGE, Attention.DOT);
        TrainingOptions options = new TrainingOptions(1e-3, 0, 7, "all");
        assertThrows(IllegalArgumentException.class,
                () -> DjlRnnAttentionModel.create(c, v, options, Precision.FLOAT32, new float[v.size() - 1][]));
        float[][] wrongDim = new float[v.size()][];
        wrongDim[v.id("film")] = new float[] {1, 2, 3};
        wrongDim[v.id("plot")] = new float[] {1, 2, 3};
        assertThrows(IllegalArgumentException.class,
                () -> DjlRnnAttentionModel.create(c, v, options, Precision.FLOAT32, wrongDim));
    }

    /** Root mean square of the entries of the word rows (past the special tokens) of a flat table. */
    private static double wordRowRms(float[] table, int dim) {
        double sumSq = 0;
        for (int i = Vocabulary.SPECIALS.size() * dim; i < table.length; i++) {
            sumSq += (double) table[i] * table[i];
        }
        return Math.sqrt(sumSq / (table.length - Vocabulary.SPECIALS.size() * dim));
    }

    /** Every tensor but the embedding table is the same in both models (their seeded start). */
    private static void assertOnlyTheEmbeddingsDiffer(Map<String, float[]> expected, Map<String, float[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String name : expected.keySet()) {
            if (!name.equals("embedding.weight")) {
                assertArrayEquals(expected.get(name), actual.get(name), name);
            }
        }
    }

    private Map<String, float[]> saved(DjlRnnAttentionModel model, String name) throws IOException {
        Path dir = tmp.resolve(name);
        try (model) {
            model.save(dir);
        }
        Map<String, float[]> out = new HashMap<>();
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch");
             InputStream in = Files.newInputStream(dir.resolve("model.safetensors"))) {
            for (NDArray a : NDList.decode(m, in)) {
                out.put(a.getName(), a.toFloatArray());
            }
        }
        return out;
    }
}
