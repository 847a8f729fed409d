package org.attnlab.model.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.Gradients;
import org.attnlab.model.OutputTarget;
import org.attnlab.model.Precision;
import org.attnlab.testing.ArchitectureFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Gradients of the RoBERTa, DistilBERT and ELECTRA fixture classifiers (small, random) against central
 * finite differences of the forward pass, in float64: with respect to every input (word) embedding
 * entry, ELECTRA's smaller embeddings included, and to every attention probability.
 */
class ArchitectureGradientTest {

    private static final double STEP = 1e-6;
    private static final double MAX_RELATIVE_ERROR = 1e-4;

    @ParameterizedTest
    @ValueSource(strings = {"roberta", "distilbert", "electra"})
    void embeddingGradientMatchesFiniteDifferences(String name) {
        try (DjlBertModel model = DjlBertModel.load(ArchitectureFixtures.dir(name), Precision.FLOAT64)) {
            TokenizedText input = model.tokenize("a bad, boring film!", false);
            OutputTarget target = OutputTarget.logit(1);
            Gradients g = model.gradients(input, target);
            int n = input.length();
            int d = g.embeddings()[0].length;
            assertEquals(model.wordEmbedding(input.ids()[0]).length, d, "gradient is taken at the word embeddings");
            double[] analytic = new double[n * d];
            double[] fd = new double[n * d];
            for (int t = 0; t < n; t++) {
                for (int k = 0; k < d; k++) {
                    double[][] plus = new double[n][d];
                    double[][] minus = new double[n][d];
                    plus[t][k] = STEP;
                    minus[t][k] = -STEP;
                    fd[t * d + k] = (model.logitsWithEmbeddingOffset(input, plus, List.of())[1]
                            - model.logitsWithEmbeddingOffset(input, minus, List.of())[1]) / (2 * STEP);
                    analytic[t * d + k] = g.embeddings()[t][k];
                }
            }
            double err = maxRelativeError(analytic, fd);
            System.out.printf("%s embedding gradient: max relative error vs finite differences %.2e%n", name, err);
            assertTrue(err <= MAX_RELATIVE_ERROR, name + ": relative error " + err);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"roberta", "distilbert", "electra"})
    void attentionGradientMatchesFiniteDifferences(String name) {
        try (DjlBertModel model = DjlBertModel.load(ArchitectureFixtures.dir(name), Precision.FLOAT64)) {
            TokenizedText input = model.tokenize("the movie was great", false);
            Gradients g = model.gradients(input, OutputTarget.probability(0));
            int n = input.length();
            int layers = model.info().layers();
            int heads = model.info().heads();
            List<List<AttentionEdit>> edits = new ArrayList<>();
            for (int l = 0; l < layers; l++) {
                for (int h = 0; h < heads; h++) {
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            edits.add(List.of(nudge(l, h, i, j, STEP)));
                            edits.add(List.of(nudge(l, h, i, j, -STEP)));
                        }
                    }
                }
            }
            List<ForwardResult> out = model.forwardEdited(input, edits, ForwardOptions.OUTPUT_ONLY);
            double[] analytic = new double[layers * heads * n * n];
            double[] fd = new double[analytic.length];
            int e = 0;
            for (int l = 0; l < layers; l++) {
                for (int h = 0; h < heads; h++) {
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            analytic[e] = g.attentions()[l][h][i][j];
                            fd[e] = (out.get(2 * e).probabilities()[0] - out.get(2 * e + 1).probabilities()[0]) / (2 * STEP);
                            e++;
                        }
                    }
                }
            }
            double err = maxRelativeError(analytic, fd);
            System.out.printf("%s attention gradient: max relative error %.2e over %d entries%n", name, err, fd.length);
            assertTrue(err <= MAX_RELATIVE_ERROR, name + ": relative error " + err);
        }
    }

    private static AttentionEdit nudge(int layer, int head, int i, int j, double delta) {
        return new AttentionEdit.Apply(layer, head, m -> {
            m[i][j] += delta;
            return m;
        });
    }

    private static double maxRelativeError(double[] analytic, double[] numeric) {
        double scale = 0;
        for (double v : numeric) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertTrue(scale > 0, "the finite differences are not all zero");
        double worst = 0;
        for (int i = 0; i < analytic.length; i++) {
            double denom = Math.max(Math.abs(numeric[i]), 1e-3 * scale);
            worst = Math.max(worst, Math.abs(analytic[i] - numeric[i]) / denom);
        }
        return worst;
    }
}
