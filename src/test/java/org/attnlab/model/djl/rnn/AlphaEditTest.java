package org.attnlab.model.djl.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.Precision;
import org.attnlab.model.djl.rnn.RnnAttentionConfig.Attention;
import org.attnlab.model.djl.rnn.RnnAttentionConfig.Encoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Edits of alpha on a float64 BiLSTM, against the same alpha computed by hand and fed back with Replace,
 * and against the output layer written in Java over the unedited forward's hidden states (which shows
 * the hidden states are not recomputed).
 */
class AlphaEditTest {

    private static DjlRnnAttentionModel model;
    private static TokenizedText input;
    private static ForwardResult plain;
    private static double[] alpha;

    @BeforeAll
    static void create() {
        model = TinyRnnModels.create(Encoder.BILSTM, Attention.ADDITIVE, Precision.FLOAT64, 12);
        input = model.tokenize(TinyRnnModels.SENTENCES.get(4), false);
        plain = model.forward(input, ForwardOptions.EVERYTHING);
        double[][] captured = new double[1][];
        model.forwardEdited(input, List.of(List.of(new AttentionEdit.Apply(0, 0, a -> {
            captured[0] = a[0].clone();
            return a;
        }))), ForwardOptions.OUTPUT_ONLY);
        alpha = captured[0];
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void attentionIsADistributionOverTheWordsOnly() {
        float[] a = plain.attentions()[0][0][0];
        assertEquals(input.length(), a.length);
        assertEquals(0.0, a[0], 0.0);
        assertEquals(0.0, a[a.length - 1], 0.0);
        double sum = 0;
        for (int t = 0; t < a.length; t++) {
            assertTrue(input.special()[t] || a[t] > 0, "a word gets positive attention");
            sum += a[t];
        }
        assertEquals(1.0, sum, 1e-6);
    }

    @Test
    void zeroKeysIsTheRenormalisedEraseWithHiddenStatesFixed() {
        int[] erased = {2, 5};
        double[] expected = alpha.clone();
        double kept = 1 - alpha[2] - alpha[5];
        for (int t = 0; t < expected.length; t++) {
            expected[t] = t == 2 || t == 5 ? 0 : alpha[t] / kept;
        }
        List<ForwardResult> out = model.forwardEdited(input, List.of(
                List.of(new AttentionEdit.ZeroKeys(0, 0, erased)),
                List.of(new AttentionEdit.Replace(0, 0, new double[][] {expected}))), ForwardOptions.EVERYTHING);
        assertArrayEquals(out.get(1).probabilities(), out.get(0).probabilities(), 1e-12);
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t], out.get(0).attentions()[0][0][0][t], 1e-7);
        }
        assertArrayEquals(javaOutput(expected), out.get(0).probabilities(), 1e-6);
        System.out.printf("erase: max |dp| %.3e%n", maxDiff(out.get(0).probabilities(), plain.probabilities()));
        assertTrue(maxDiff(out.get(0).probabilities(), plain.probabilities()) > 1e-4, "erasing changes the output");
        for (int t = 0; t < input.length(); t++) {
            assertArrayEquals(plain.lastHiddenState()[t], out.get(0).lastHiddenState()[t], 0f, "hidden states kept");
        }
    }

    @Test
    void erasingEveryKeyLeavesZeroAttentionAndTheOutputBias() {
        int[] all = new int[input.length()];
        for (int t = 0; t < all.length; t++) {
            all[t] = t;
        }
        ForwardResult out = model.forwardEdited(input, List.of(List.of(new AttentionEdit.ZeroKeys(0, AttentionEdit.ALL_HEADS,
                all))), ForwardOptions.EVERYTHING).get(0);
        for (float a : out.attentions()[0][0][0]) {
            assertEquals(0.0, a, 0.0);
        }
        assertArrayEquals(RnnGradientFiniteDifferenceTest.softmax(model.parameter("output.bias")), out.probabilities(), 1e-12);
    }

    @Test
    void permutingUniformAttentionChangesNothingButPermutingRealAttentionDoes() {
        int n = input.length();
        double[] uniform = new double[n];
        for (int t = 1; t < n - 1; t++) {
            uniform[t] = 1.0 / (n - 2);
        }
        int[] permutation = new int[n];
        for (int t = 0; t < n; t++) {
            permutation[t] = t == 0 || t == n - 1 ? t : n - 1 - t;
        }
        AttentionEdit replace = new AttentionEdit.Replace(0, 0, new double[][] {uniform});
        AttentionEdit permute = new AttentionEdit.PermuteKeys(0, 0, permutation);
        List<ForwardResult> out = model.forwardEdited(input,
                List.of(List.of(replace), List.of(replace, permute), List.of(permute)), ForwardOptions.EVERYTHING);
        assertArrayEquals(out.get(0).probabilities(), out.get(1).probabilities(), 1e-12);
        double[] permuted = new double[n];
        for (int t = 0; t < n; t++) {
            permuted[t] = alpha[permutation[t]];
            assertEquals(permuted[t], out.get(2).attentions()[0][0][0][t], 1e-7);
        }
        assertArrayEquals(javaOutput(permuted), out.get(2).probabilities(), 1e-6);
        System.out.printf("permute: max |dp| %.3e%n", maxDiff(out.get(2).probabilities(), plain.probabilities()));
        assertTrue(maxDiff(out.get(2).probabilities(), plain.probabilities()) > 1e-4, "permuting changes the output");
    }

    @Test
    void replacingAlphaWithItselfOrNoEditChangesNothing() {
        List<ForwardResult> out = model.forwardEdited(input,
                List.of(List.of(), List.of(new AttentionEdit.Replace(0, AttentionEdit.ALL_HEADS, new double[][] {alpha}))),
                ForwardOptions.EVERYTHING);
        assertArrayEquals(plain.probabilities(), out.get(0).probabilities(), 0.0);
        assertArrayEquals(plain.attentions()[0][0][0], out.get(0).attentions()[0][0][0], 0f);
        assertArrayEquals(plain.probabilities(), out.get(1).probabilities(), 1e-15);
        assertArrayEquals(javaOutput(alpha), plain.probabilities(), 1e-6);
    }

    @Test
    void editsThatDoNotFitTheModelAreRefused() {
        int n = input.length();
        List<AttentionEdit> bad = new ArrayList<>(List.of(
                new AttentionEdit.ZeroKeys(1, 0, new int[] {1}),
                new AttentionEdit.ZeroKeys(0, 1, new int[] {1}),
                new AttentionEdit.ZeroKeys(0, 0, new int[] {n}),
                new AttentionEdit.PermuteKeys(0, 0, new int[] {1, 0}),
                new AttentionEdit.Replace(0, 0, new double[n][n])));
        for (AttentionEdit e : bad) {
            assertThrows(IllegalArgumentException.class, () -> model.forwardEdited(input, List.of(List.of(e)),
                    ForwardOptions.OUTPUT_ONLY), e.toString());
        }
        AttentionEdit wrongShape = new AttentionEdit.Apply(0, 0, a -> new double[][] {{1}});
        assertThrows(IllegalArgumentException.class, () -> model.forwardEdited(input, List.of(List.of(wrongShape)),
                ForwardOptions.OUTPUT_ONLY));
    }

    private static double maxDiff(double[] a, double[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }

    /** Probabilities from the output layer in Java over the unedited forward's (float32) hidden states. */
    private static double[] javaOutput(double[] weights) {
        float[][] h = plain.lastHiddenState();
        double[][] states = new double[h.length][h[0].length];
        for (int t = 0; t < h.length; t++) {
            for (int k = 0; k < h[0].length; k++) {
                states[t][k] = h[t][k];
            }
        }
        return RnnGradientFiniteDifferenceTest.softmax(RecurrentReferenceTest.output(model, weights, states));
    }
}
