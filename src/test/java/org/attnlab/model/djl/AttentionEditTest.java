package org.attnlab.model.djl;

import static org.attnlab.testing.Differences.maxAbsDiff;
import static org.attnlab.testing.Differences.toDouble;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.Precision;
import org.attnlab.model.hf.BertConfig;
import org.attnlab.model.hf.HfModelDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attention edits on a small random BERT in float64, against independent ways of computing the same thing. */
class AttentionEditTest {

    @TempDir static Path tmp;
    private static Path dir;
    private static DjlBertModel model;
    private static TokenizedText input;

    @BeforeAll
    static void load() throws Exception {
        dir = RandomBertDirectory.write(tmp.resolve("edit"),
                RandomBertDirectory.smallConfig(List.of("neg", "pos"), BertConfig.Pooling.MEAN), 11);
        model = DjlBertModel.load(dir, Precision.FLOAT64);
        input = model.tokenize("an uneven but often moving portrait", false);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void zeroingAKeyAndRenormalisingEqualsMaskingItOutOfThatLayersSoftmax() throws Exception {
        int n = input.length();
        int heads = model.info().heads();
        for (int layer = 0; layer < model.info().layers(); layer++) {
            for (int key : new int[] {0, 2, n - 1}) {
                for (int head : new int[] {AttentionEdit.ALL_HEADS, 1}) {
                    ForwardResult edited = model.forwardEdited(input,
                            List.of(List.of(new AttentionEdit.ZeroKeys(layer, head, new int[] {key}))),
                            ForwardOptions.EVERYTHING).get(0);
                    double[] reference = forwardWithKeyMaskedInSoftmax(layer, head, key, heads, n);
                    assertArrayEquals(reference, edited.probabilities(), 1e-12,
                            "layer " + layer + " head " + head + " key " + key);
                    for (int h = 0; h < heads; h++) {
                        boolean erased = head == AttentionEdit.ALL_HEADS || head == h;
                        for (int i = 0; i < n; i++) {
                            assertEquals(erased ? 0.0 : edited.attentions()[layer][h][i][key] , edited.attentions()[layer][h][i][key], 0.0);
                            assertEquals(1.0, sum(edited.attentions()[layer][h][i]), 1e-6);
                        }
                    }
                }
            }
        }
    }

    /** The independent path: run the encoder with an additive -1e9 on {@code key} in one layer's scores. */
    private static double[] forwardWithKeyMaskedInSoftmax(int layer, int head, int key, int heads, int n) {
        HfModelDirectory d = new HfModelDirectory(dir);
        BertConfig config = BertConfig.read(d.config());
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            BertEncoder encoder = new BertEncoder(config, BertWeights.read(d.weights(), config, m, DataType.FLOAT64));
            PaddedBatch one = PaddedBatch.of(m, List.of(input), DataType.FLOAT64);
            double[] bias = new double[heads * n];
            for (int h = 0; h < heads; h++) {
                if (head == AttentionEdit.ALL_HEADS || head == h) {
                    bias[h * n + key] = -1e9;
                }
            }
            NDArray masked = m.create(bias, new Shape(1, heads, 1, n));
            NDArray scale = m.create(1.0 / Math.sqrt(config.headSize()));
            NDArray x = encoder.embeddingOutput(one.ids(), encoder.wordEmbeddings(one.ids()));
            for (int l = 0; l < config.layers(); l++) {
                x = encoder.layer(l, x, l == layer ? masked : one.maskBias(), scale, AttentionHook.NONE);
            }
            return encoder.logits(x, one.realTokens(), one.tokenCounts()).softmax(-1).toDoubleArray();
        }
    }

    @Test
    void replacingAttentionWithItselfChangesNothing() {
        try (DjlBertModel f32 = DjlBertModel.load(dir)) {
            ForwardResult plain = f32.forward(input, ForwardOptions.EVERYTHING);
            for (int layer = 0; layer < f32.info().layers(); layer++) {
                List<AttentionEdit> itself = new ArrayList<>();
                for (int h = 0; h < f32.info().heads(); h++) {
                    itself.add(new AttentionEdit.Replace(layer, h, toDouble(plain.attentions()[layer][h])));
                }
                ForwardResult edited = f32.forwardEdited(input, List.of(itself), ForwardOptions.EVERYTHING).get(0);
                assertArrayEquals(plain.probabilities(), edited.probabilities(), 1e-6);
                assertTrue(maxAbsDiff(plain.lastHiddenState(), edited.lastHiddenState()) <= 1e-6);
                ForwardResult applied = f32.forwardEdited(input,
                        List.of(List.of(new AttentionEdit.Apply(layer, AttentionEdit.ALL_HEADS, a -> a))),
                        ForwardOptions.EVERYTHING).get(0);
                assertTrue(maxAbsDiff(plain.lastHiddenState(), applied.lastHiddenState()) <= 1e-6);
            }
        }
    }

    @Test
    void permutingKeysMovesColumnsAndTheIdentityPermutationChangesNothing() {
        int n = input.length();
        int[] identity = new int[n];
        int[] reverse = new int[n];
        for (int j = 0; j < n; j++) {
            identity[j] = j;
            reverse[j] = n - 1 - j;
        }
        ForwardResult plain = model.forward(input, ForwardOptions.EVERYTHING);
        List<ForwardResult> out = model.forwardEdited(input, List.of(
                List.of(new AttentionEdit.PermuteKeys(1, AttentionEdit.ALL_HEADS, identity)),
                List.of(new AttentionEdit.PermuteKeys(1, 2, reverse))), ForwardOptions.EVERYTHING);
        assertArrayEquals(plain.probabilities(), out.get(0).probabilities(), 1e-12);
        // Layer 0 is below the edit: shared and unchanged. Layer 1, head 2: columns reversed.
        assertEquals(plain.attentions()[0][2][3][1], out.get(1).attentions()[0][2][3][1], 0.0);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(plain.attentions()[1][2][i][n - 1 - j], out.get(1).attentions()[1][2][i][j], 1e-7);
                assertEquals(plain.attentions()[1][0][i][j], out.get(1).attentions()[1][0][i][j], 1e-7);
            }
        }
        assertTrue(Math.abs(plain.probabilities()[0] - out.get(1).probabilities()[0]) > 1e-6,
                "reversing a head's keys should move the output of a random model");
    }

    @Test
    void manyEditSetsInOneCallEqualTheSameEditsOneByOne() {
        int n = input.length();
        List<List<AttentionEdit>> sets = new ArrayList<>();
        sets.add(List.of());
        for (int v = 0; v < DjlBertModel.MAX_BATCH + 8; v++) {
            sets.add(List.of(new AttentionEdit.ZeroKeys(v % 2, v % 5 == 0 ? AttentionEdit.ALL_HEADS : v % 4,
                    new int[] {v % n})));
        }
        List<ForwardResult> batched = model.forwardEdited(input, sets, ForwardOptions.EVERYTHING);
        assertEquals(sets.size(), batched.size());
        assertArrayEquals(model.forward(input, ForwardOptions.OUTPUT_ONLY).probabilities(), batched.get(0).probabilities(), 1e-12);
        for (int v = 0; v < sets.size(); v += 7) {
            ForwardResult alone = model.forwardEdited(input, List.of(sets.get(v)), ForwardOptions.EVERYTHING).get(0);
            assertArrayEquals(alone.probabilities(), batched.get(v).probabilities(), 1e-12, "edit set " + v);
            assertTrue(maxAbsDiff(alone.attentions()[1][3], batched.get(v).attentions()[1][3]) <= 1e-7);
        }
    }

    @Test
    void erasingEveryKeyLeavesZeroRowsNotNaN() {
        int n = input.length();
        int[] all = new int[n];
        for (int j = 0; j < n; j++) {
            all[j] = j;
        }
        ForwardResult r = model.forwardEdited(input, List.of(List.of(new AttentionEdit.ZeroKeys(0, 0, all))),
                ForwardOptions.EVERYTHING).get(0);
        assertEquals(0.0, sum(r.attentions()[0][0][0]), 0.0);
        assertTrue(Double.isFinite(r.probabilities()[0]));
    }

    @Test
    void editsNamingMissingLayersHeadsOrKeysAreRejected() {
        int n = input.length();
        assertThrows(IllegalArgumentException.class, () -> model.forwardEdited(input,
                List.of(List.of(new AttentionEdit.ZeroKeys(2, 0, new int[] {0}))), ForwardOptions.OUTPUT_ONLY));
        assertThrows(IllegalArgumentException.class, () -> model.forwardEdited(input,
                List.of(List.of(new AttentionEdit.ZeroKeys(0, 4, new int[] {0}))), ForwardOptions.OUTPUT_ONLY));
        assertThrows(IllegalArgumentException.class, () -> model.forwardEdited(input,
                List.of(List.of(new AttentionEdit.ZeroKeys(0, 0, new int[] {n}))), ForwardOptions.OUTPUT_ONLY));
        assertThrows(IllegalArgumentException.class, () -> model.forwardEdited(input,
                List.of(List.of(new AttentionEdit.PermuteKeys(0, 0, new int[] {1, 0}))), ForwardOptions.OUTPUT_ONLY));
        assertThrows(IllegalArgumentException.class, () -> new AttentionEdit.PermuteKeys(0, 0, new int[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> model.forwardEdited(input,
                List.of(List.of(new AttentionEdit.Replace(0, 0, new double[2][2]))), ForwardOptions.OUTPUT_ONLY));
    }

    static double sum(float[] row) {
        double s = 0;
        for (float v : row) {
            s += v;
        }
        return s;
    }
}
