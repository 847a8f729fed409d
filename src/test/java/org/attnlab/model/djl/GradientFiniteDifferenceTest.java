package org.attnlab.model.djl;

import static org.attnlab.model.djl.FiniteDifferences.STEP;
import static org.attnlab.model.djl.FiniteDifferences.nudge;
import static org.attnlab.model.djl.FiniteDifferences.maxRelativeError;
import static org.attnlab.model.djl.FiniteDifferences.attentionGradientError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.GradientRequest;
import org.attnlab.model.Gradients;
import org.attnlab.model.OutputTarget;
import org.attnlab.model.Precision;
import org.attnlab.model.hf.BertConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gradients against central finite differences, in float64 on a small random BERT. The oracle is
 * the forward pass alone: perturb an input embedding or one attention probability, re-run, compare.
 */
class GradientFiniteDifferenceTest {

    private static final double MAX_RELATIVE_ERROR = 1e-4;

    @TempDir static Path tmp;
    private static DjlBertModel model;
    private static TokenizedText input;

    @BeforeAll
    static void load() throws Exception {
        Path dir = RandomBertDirectory.write(tmp.resolve("fd"),
                RandomBertDirectory.smallConfig(List.of("neg", "pos", "neutral"), BertConfig.Pooling.CLS_POOLER), 7);
        model = DjlBertModel.load(dir, Precision.FLOAT64);
        input = model.tokenize("the film was not bad at all", false);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void embeddingGradientMatchesFiniteDifferences() {
        for (OutputTarget target : List.of(OutputTarget.probability(1), OutputTarget.logit(2))) {
            Gradients g = model.gradients(input, target);
            int n = input.length();
            int d = g.embeddings()[0].length;
            double[][] fd = new double[n][d];
            for (int t = 0; t < n; t++) {
                for (int k = 0; k < d; k++) {
                    fd[t][k] = (output(target, t, k, STEP) - output(target, t, k, -STEP)) / (2 * STEP);
                }
            }
            double err = maxRelativeError(flatten(g.embeddings()), flatten(fd));
            System.out.printf("embedding gradient (%s): max relative error vs finite differences %.2e%n", target, err);
            assertTrue(err <= MAX_RELATIVE_ERROR, "relative error " + err);
            assertEquals(value(target, null), g.value(), 1e-12);
            for (int t = 0; t < n; t++) {
                double dot = 0;
                double sq = 0;
                double[] e = wordEmbedding(t);
                for (int k = 0; k < d; k++) {
                    dot += fd[t][k] * e[k];
                    sq += fd[t][k] * fd[t][k];
                }
                assertEquals(dot, g.gradTimesInput()[t], 1e-6 * (1 + Math.abs(dot)));
                assertEquals(Math.sqrt(sq), g.gradL2()[t], 1e-6 * (1 + Math.sqrt(sq)));
            }
        }
    }

    @Test
    void attentionGradientMatchesFiniteDifferences() {
        double err = attentionGradientError(model, input);
        int n = input.length();
        int entries = model.info().layers() * model.info().heads() * n * n;
        System.out.printf("attention gradient: max relative error vs finite differences %.2e over %d entries%n", err, entries);
        assertTrue(err <= MAX_RELATIVE_ERROR, "relative error " + err);
    }

    @Test
    void attentionGradientIsTakenAtTheEditedAttention() {
        // Uniform attention in layer 1: the gradient must be the one at the replaced matrix.
        int n = input.length();
        double[][] uniform = new double[n][n];
        for (double[] row : uniform) {
            java.util.Arrays.fill(row, 1.0 / n);
        }
        AttentionEdit replace = new AttentionEdit.Replace(1, AttentionEdit.ALL_HEADS, uniform);
        Gradients g = model.gradients(input, GradientRequest.of(OutputTarget.probability(2)).withEdits(List.of(replace)));
        List<List<AttentionEdit>> edits = List.of(
                List.of(replace, nudge(1, 3, 2, 4, STEP)), List.of(replace, nudge(1, 3, 2, 4, -STEP)));
        List<ForwardResult> out = model.forwardEdited(input, edits, ForwardOptions.OUTPUT_ONLY);
        double fd = (out.get(0).probabilities()[2] - out.get(1).probabilities()[2]) / (2 * STEP);
        assertEquals(fd, g.attentions()[1][3][2][4], 1e-4 * Math.abs(fd) + 1e-9);
    }

    @Test
    void detachedGradientIsTheGradientWithEveryAttentionMatrixHeldFixed() {
        int n = input.length();
        int layers = model.info().layers();
        // Record the exact (float64) attention of every layer and head at the unperturbed input ...
        double[][][][] frozen = new double[layers][model.info().heads()][][];
        List<AttentionEdit> record = new ArrayList<>();
        List<AttentionEdit> hold = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < model.info().heads(); h++) {
                int layer = l;
                int head = h;
                record.add(new AttentionEdit.Apply(l, h, a -> {
                    frozen[layer][head] = a;
                    return a;
                }));
                hold.add(new AttentionEdit.Apply(l, h, a -> frozen[layer][head]));
            }
        }
        model.logitsWithEmbeddingOffset(input, new double[n][16], record);
        // ... then differentiate the output with those matrices substituted: that is "attention detached".
        OutputTarget target = OutputTarget.probability(1);
        Gradients g = model.gradients(input, GradientRequest.of(target).detached());
        Gradients attached = model.gradients(input, GradientRequest.of(target));
        double[] fd = new double[n * 16];
        for (int t = 0; t < n; t++) {
            for (int k = 0; k < 16; k++) {
                double[][] plus = new double[n][16];
                double[][] minus = new double[n][16];
                plus[t][k] = STEP;
                minus[t][k] = -STEP;
                fd[t * 16 + k] = (softmax(model.logitsWithEmbeddingOffset(input, plus, hold))[1]
                        - softmax(model.logitsWithEmbeddingOffset(input, minus, hold))[1]) / (2 * STEP);
            }
        }
        double err = maxRelativeError(flatten(g.embeddings()), fd);
        System.out.printf("detached-attention embedding gradient: max relative error %.2e%n", err);
        assertTrue(err <= MAX_RELATIVE_ERROR, "relative error " + err);
        assertTrue(maxRelativeError(flatten(attached.embeddings()), fd) > 1e-2, "detaching must change the gradient");
    }

    @Test
    void scaledEmbeddingGradientIsTheGradientAtTheScaledInput() {
        int n = input.length();
        double alpha = 0.3;
        Gradients g = model.gradients(input, GradientRequest.of(OutputTarget.probability(0)).scaled(alpha));
        double[][] scaledOffset = new double[n][16];
        for (int u = 0; u < n; u++) {
            double[] e = wordEmbedding(u);
            for (int j = 0; j < 16; j++) {
                scaledOffset[u][j] = (alpha - 1) * e[j];
            }
        }
        double[] fd = new double[n * 16];
        for (int t = 0; t < n; t++) {
            for (int k = 0; k < 16; k++) {
                double[][] plus = deepCopy(scaledOffset);
                double[][] minus = deepCopy(scaledOffset);
                plus[t][k] += STEP;
                minus[t][k] -= STEP;
                fd[t * 16 + k] = (softmax(model.logitsWithEmbeddingOffset(input, plus, List.of()))[0]
                        - softmax(model.logitsWithEmbeddingOffset(input, minus, List.of()))[0]) / (2 * STEP);
            }
        }
        double err = maxRelativeError(flatten(g.embeddings()), fd);
        System.out.printf("scaled (alpha=%.1f) embedding gradient: max relative error %.2e%n", alpha, err);
        assertTrue(err <= MAX_RELATIVE_ERROR, "relative error " + err);
    }

    private static double output(OutputTarget target, int token, int dim, double delta) {
        double[][] offset = new double[input.length()][16];
        offset[token][dim] = delta;
        return value(target, offset);
    }

    private static double value(OutputTarget target, double[][] offset) {
        double[] logits = model.logitsWithEmbeddingOffset(input,
                offset == null ? new double[input.length()][16] : offset, List.of());
        return target.kind() == OutputTarget.Kind.LOGIT ? logits[target.classIndex()] : softmax(logits)[target.classIndex()];
    }

    /** Softmax computed here, by hand, so the oracle does not reuse the model's own softmax. */
    private static double[] softmax(double[] z) {
        double max = java.util.Arrays.stream(z).max().orElseThrow();
        double[] p = new double[z.length];
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static double[] wordEmbedding(int token) {
        return model.wordEmbedding(input.ids()[token]);
    }

    private static double[] flatten(float[][] m) {
        double[] out = new double[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                out[i * m[0].length + j] = m[i][j];
            }
        }
        return out;
    }

    private static double[][] deepCopy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    private static double[] flatten(double[][] m) {
        double[] out = new double[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, out, i * m[0].length, m[i].length);
        }
        return out;
    }
}
