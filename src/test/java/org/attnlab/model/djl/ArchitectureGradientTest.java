package org.attnlab.model.djl;

import static org.attnlab.model.djl.FiniteDifferences.STEP;
import static org.attnlab.model.djl.FiniteDifferences.maxRelativeError;
import static org.attnlab.model.djl.FiniteDifferences.attentionGradientError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.attnlab.data.TokenizedText;
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
            double err = attentionGradientError(model, input);
            int n = input.length();
            int entries = model.info().layers() * model.info().heads() * n * n;
            System.out.printf("%s attention gradient: max relative error %.2e over %d entries%n", name, err, entries);
            assertTrue(err <= MAX_RELATIVE_ERROR, name + ": relative error " + err);
        }
    }
}
