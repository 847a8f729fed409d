package org.attnlab.model.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.Precision;
import org.attnlab.model.hf.BertConfig;
import org.attnlab.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last-layer [CLS]-row shortcut of forwardEdited against the full recomputation of the last layer
 * (shortcuts off): on the real MiniLM in float32, and on a small random BERT in float64 where the two must
 * agree to rounding.
 */
class LastLayerQueryRowsTest {

    @TempDir static Path tmp;

    @Test
    void realMiniLmErasurePrefixesAndPermutationsEqualTheFullRecomputation() {
        try (DjlBertModel model = DjlBertModel.load(TestModels.minilmClassifier())) {
            int longOnes = 0;
            int flips = 0;
            for (String s : TestModels.SENTENCES) {
                TokenizedText input = model.tokenize(s, false);
                longOnes += input.length() > 32 ? 1 : 0;
                flips += compare(model, input, editSets(input, model.info().layers() - 1, new Random(s.hashCode())),
                        1e-6, "'" + s + "'");
            }
            assertTrue(longOnes >= 2, "sentences longer than 32 tokens: " + longOnes);
            // Identical decisions must be checked where decisions change, not only on near-identical outputs.
            assertTrue(flips > 0, "no edit set changed the decision");
        }
    }

    @Test
    void float64RandomBertAgreesToRounding() throws Exception {
        Path dir = RandomBertDirectory.write(tmp.resolve("cls"),
                RandomBertDirectory.smallConfig(List.of("neg", "pos"), BertConfig.Pooling.CLS_POOLER), 5);
        try (DjlBertModel model = DjlBertModel.load(dir, Precision.FLOAT64)) {
            for (String s : TestModels.SENTENCES) {
                TokenizedText input = model.tokenize(s, false);
                compare(model, input, editSets(input, model.info().layers() - 1, new Random(s.length())),
                        1e-12, "'" + s + "'");
            }
        }
    }

    @Test
    void plainForwardOfAPaddedBatchEqualsTheFullLastLayer() throws Exception {
        try (DjlBertModel model = DjlBertModel.load(TestModels.minilmClassifier())) {
            assertForwardMatches(model, 1e-6);
        }
        Path dir = RandomBertDirectory.write(tmp.resolve("cls-forward"),
                RandomBertDirectory.smallConfig(List.of("neg", "pos"), BertConfig.Pooling.CLS_POOLER), 7);
        try (DjlBertModel model = DjlBertModel.load(dir, Precision.FLOAT64)) {
            assertForwardMatches(model, 1e-12);
        }
    }

    /** All sentences as one padded batch, and leave-one-out variants of the longest (equal lengths, no mask). */
    private static void assertForwardMatches(DjlBertModel model, double tolerance) {
        assertTrue(LastLayerQueryRows.appliesToForward(model.encoder().config(), ForwardOptions.OUTPUT_ONLY));
        assertFalse(LastLayerQueryRows.appliesToForward(model.encoder().config(), ForwardOptions.WITH_ATTENTIONS));
        List<TokenizedText> padded = new ArrayList<>();
        TestModels.SENTENCES.forEach(s -> padded.add(model.tokenize(s, false)));
        TokenizedText longest = padded.get(5);
        List<TokenizedText> equal = new ArrayList<>();
        for (int t = 1; t < longest.length() - 1; t++) {
            equal.add(without(longest, t));
        }
        for (List<TokenizedText> batch : List.of(padded, equal)) {
            model.useShortcuts(false);
            List<ForwardResult> full = model.forward(batch, ForwardOptions.OUTPUT_ONLY);
            model.useShortcuts(true);
            List<ForwardResult> fast = model.forward(batch, ForwardOptions.OUTPUT_ONLY);
            double worst = 0;
            for (int i = 0; i < batch.size(); i++) {
                for (int c = 0; c < 2; c++) {
                    worst = Math.max(worst, Math.abs(full.get(i).probabilities()[c] - fast.get(i).probabilities()[c]));
                }
                assertEquals(full.get(i).predicted(), fast.get(i).predicted());
            }
            System.out.printf("plain forward, %d inputs: max |p_fast - p_full| %.2e%n", batch.size(), worst);
            assertTrue(worst <= tolerance, "max |diff| " + worst);
        }
    }

    private static TokenizedText without(TokenizedText x, int t) {
        List<String> tokens = new ArrayList<>(x.tokens());
        tokens.remove(t);
        long[] ids = new long[x.length() - 1];
        boolean[] special = new boolean[x.length() - 1];
        for (int i = 0, j = 0; i < x.length(); i++) {
            if (i != t) {
                ids[j] = x.ids()[i];
                special[j++] = x.special()[i];
            }
        }
        return new TokenizedText(x.text(), tokens, ids, special);
    }

    @Test
    void appliesOnlyToOutputsOfLastLayerEditsUnderACLSHead() throws Exception {
        try (DjlBertModel model = DjlBertModel.load(TestModels.minilmClassifier())) {
            BertConfig config = model.encoder().config();
            int last = config.layers() - 1;
            List<List<AttentionEdit>> lastLayer = List.of(List.of(new AttentionEdit.ZeroKeys(last, -1, new int[] {1})));
            assertTrue(LastLayerQueryRows.applies(config, lastLayer, ForwardOptions.OUTPUT_ONLY));
            assertFalse(LastLayerQueryRows.applies(config, lastLayer, ForwardOptions.WITH_ATTENTIONS));
            assertFalse(LastLayerQueryRows.applies(config, lastLayer, new ForwardOptions(false, true)));
            assertFalse(LastLayerQueryRows.applies(config, lastLayer, new ForwardOptions(false, false, true)));
            assertFalse(LastLayerQueryRows.applies(config, lastLayer, new ForwardOptions(false, false, false, true)));
            assertFalse(LastLayerQueryRows.applies(config, List.of(List.of(), List.of(
                    new AttentionEdit.ZeroKeys(last - 1, -1, new int[] {1}))), ForwardOptions.OUTPUT_ONLY));
            assertFalse(LastLayerQueryRows.applies(config, List.of(List.of(
                    new AttentionEdit.Apply(last, 0, m -> m))), ForwardOptions.OUTPUT_ONLY));
            assertFalse(LastLayerQueryRows.applies(config, List.of(List.of()), ForwardOptions.OUTPUT_ONLY));
        }
        Path mean = RandomBertDirectory.write(tmp.resolve("mean"),
                RandomBertDirectory.smallConfig(List.of("neg", "pos"), BertConfig.Pooling.MEAN), 6);
        try (DjlBertModel model = DjlBertModel.load(mean, Precision.FLOAT64)) {
            BertConfig config = model.encoder().config();
            assertFalse(LastLayerQueryRows.applies(config, List.of(List.of(
                    new AttentionEdit.ZeroKeys(config.layers() - 1, -1, new int[] {1}))), ForwardOptions.OUTPUT_ONLY));
        }
    }

    /**
     * Runs {@code sets} with and without the shortcut; asserts probabilities within {@code tolerance} and the
     * same decisions. Returns how many sets changed the unedited decision.
     */
    private static int compare(DjlBertModel model, TokenizedText input, List<List<AttentionEdit>> sets,
                               double tolerance, String what) {
        assertTrue(LastLayerQueryRows.applies(model.encoder().config(), sets, ForwardOptions.OUTPUT_ONLY));
        model.useShortcuts(false);
        List<ForwardResult> full = model.forwardEdited(input, sets, ForwardOptions.OUTPUT_ONLY);
        model.useShortcuts(true);
        List<ForwardResult> fast = model.forwardEdited(input, sets, ForwardOptions.OUTPUT_ONLY);
        int plain = model.forward(input, ForwardOptions.OUTPUT_ONLY).predicted();
        assertEquals(full.size(), fast.size());
        double worst = 0;
        int flips = 0;
        for (int s = 0; s < sets.size(); s++) {
            for (int c = 0; c < full.get(s).probabilities().length; c++) {
                worst = Math.max(worst, Math.abs(full.get(s).probabilities()[c] - fast.get(s).probabilities()[c]));
            }
            assertEquals(full.get(s).predicted(), fast.get(s).predicted(), what + " set " + s);
            flips += full.get(s).predicted() != plain ? 1 : 0;
        }
        System.out.printf("%s n=%d sets=%d flips=%d max |p_fast - p_full| %.2e%n", what, input.length(), sets.size(),
                flips, worst);
        assertTrue(worst <= tolerance, what + ": max |diff| " + worst);
        return flips;
    }

    /**
     * What the experiments send, on layer {@code last}: every prefix of a random erasure order (decision-flip),
     * single erasures (erasure-single), 40 permutations of the real keys (Jain &amp; Wallace), plus an
     * unedited set, one-head edits, a Replace and an erase-everything set, all in one batch (more than one
     * engine chunk for the longer sentences).
     */
    private static List<List<AttentionEdit>> editSets(TokenizedText input, int last, Random random) {
        int n = input.length();
        List<Integer> real = new ArrayList<>();
        for (int j = 1; j < n - 1; j++) {
            real.add(j);
        }
        List<Integer> order = new ArrayList<>(real);
        java.util.Collections.shuffle(order, random);
        List<List<AttentionEdit>> sets = new ArrayList<>();
        sets.add(List.of());
        for (int k = 1; k <= order.size(); k++) {
            int[] keys = order.subList(0, k).stream().mapToInt(Integer::intValue).toArray();
            sets.add(List.of(new AttentionEdit.ZeroKeys(last, AttentionEdit.ALL_HEADS, keys)));
        }
        for (int j : real) {
            sets.add(List.of(new AttentionEdit.ZeroKeys(last, AttentionEdit.ALL_HEADS, new int[] {j})));
        }
        for (int p = 0; p < 40; p++) {
            List<Integer> shuffled = new ArrayList<>(real);
            java.util.Collections.shuffle(shuffled, random);
            int[] perm = new int[n];
            perm[n - 1] = n - 1;
            for (int j = 1; j < n - 1; j++) {
                perm[j] = shuffled.get(j - 1);
            }
            sets.add(List.of(new AttentionEdit.PermuteKeys(last, AttentionEdit.ALL_HEADS, perm)));
        }
        int[] all = java.util.stream.IntStream.range(0, n).toArray();
        int[] reversed = java.util.stream.IntStream.range(0, n).map(j -> n - 1 - j).toArray();
        double[][] uniform = new double[n][n];
        for (double[] row : uniform) {
            java.util.Arrays.fill(row, 1.0 / n);
        }
        sets.add(List.of(new AttentionEdit.ZeroKeys(last, 1, new int[] {0, n - 1}),
                new AttentionEdit.PermuteKeys(last, 3, reversed)));
        sets.add(List.of(new AttentionEdit.PermuteKeys(last, AttentionEdit.ALL_HEADS, reversed),
                new AttentionEdit.ZeroKeys(last, AttentionEdit.ALL_HEADS, new int[] {n - 1})));
        sets.add(List.of(new AttentionEdit.Replace(last, 2, uniform),
                new AttentionEdit.ZeroKeys(last, AttentionEdit.ALL_HEADS, new int[] {0})));
        sets.add(List.of(new AttentionEdit.ZeroKeys(last, AttentionEdit.ALL_HEADS, all)));
        return sets;
    }
}
