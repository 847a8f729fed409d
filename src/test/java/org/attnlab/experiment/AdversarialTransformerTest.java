package org.attnlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attnlab.explain.AttentionView;
import org.attnlab.explain.Instance;
import org.attnlab.model.djl.DjlBertModel;
import org.attnlab.testing.TestModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * J&amp;W's adversarial attention on real MiniLM (untrained two-class head): the search edits the last layer's [CLS]
 * row of every head, and every adversary's TVD, measured by re-running the ordinary forward, is within epsilon
 * while its attention has moved.
 */
class AdversarialTransformerTest {

    private static final double EPSILON = 0.05;
    private static DjlBertModel model;

    @BeforeAll
    static void load() {
        model = DjlBertModel.load(TestModels.minilmClassifier());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void everyAdversaryStaysWithinEpsilonOnReRunAndMovesTheAttention() {
        AdversarialExperiment experiment = new AdversarialExperiment(AttentionView.DEFAULT, 5, 300, 0.01, EPSILON, 7);
        for (String text : TestModels.SENTENCES.subList(1, 4)) {
            Instance x = new Instance(model, text, model.tokenize(text, false), 1);
            AdversarialExperiment.Result r = experiment.run(x);
            assertNull(r.unsupported());
            assertEquals(model.info().heads(), r.heads());
            assertEquals(5, r.adversaries().size());
            double best = 0;
            for (AdversarialExperiment.Adversary a : r.adversaries()) {
                assertTrue(a.tvd() <= EPSILON, "re-run TVD " + a.tvd() + " on '" + text + "'");
                assertTrue(a.jsd() > 0 && a.jsd() <= Math.log(2), "head-mean JSD " + a.jsd());
                assertEquals(model.info().heads(), a.jsdPerHead().length);
                for (double j : a.jsdPerHead()) {
                    assertTrue(j > 0 && j <= Math.log(2) + 1e-12, "per-head JSD " + j);
                }
                double sum = 0;
                for (double w : a.attention()) {
                    sum += w;
                }
                assertEquals(1, sum, 1e-6);
                best = Math.max(best, a.jsd());
            }
            assertEquals(best, r.maxJsdWithinEpsilon(), 0);
            System.out.printf("MiniLM adversarial, %d tokens: max head-mean JSD within eps %.3f%n",
                    x.input().length(), r.maxJsdWithinEpsilon());
        }
    }

    @Test
    void specialTokensKeepTheirOriginalWeights() {
        String text = TestModels.SENTENCES.get(1);
        Instance x = new Instance(model, text, model.tokenize(text, false), 1);
        AdversarialExperiment.Result r = new AdversarialExperiment(AttentionView.DEFAULT, 2, 50, 0.01, EPSILON, 3).run(x);
        float[][][] last = x.forward().attentions()[model.info().layers() - 1];
        int n = x.input().length();
        boolean[] real = new boolean[n];
        for (int t : x.realTokens()) {
            real[t] = true;
        }
        for (AdversarialExperiment.Adversary a : r.adversaries()) {
            for (int t = 0; t < n; t++) {
                if (!real[t]) {
                    double mean = 0;
                    for (float[][] head : last) {
                        mean += head[0][t] / last.length;
                    }
                    assertEquals(mean, a.attention()[t], 1e-6, "special token " + t);
                }
            }
        }
    }
}
