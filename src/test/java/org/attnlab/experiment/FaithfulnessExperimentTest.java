package org.attnlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.attnlab.explain.AttentionView;
import org.attnlab.explain.Instance;
import org.attnlab.testing.ToyAttentionModel;
import org.junit.jupiter.api.Test;

/**
 * {@code faithfulness} on the toy model, whose output is sigmoid(Σ softmax(s)·v + b): removing tokens renormalises
 * the softmax over the rest, so each comprehensiveness and sufficiency value is recomputed here from that formula
 * and the measure's own ranking; ALTI, which needs a transformer's layers, is recorded as not applicable.
 */
class FaithfulnessExperimentTest {

    private static final Map<String, double[]> WORDS = Map.of("great", new double[] {2, 3}, "bad", new double[] {0, -2},
            "plot", new double[] {1, 0.5}, "dull", new double[] {1.5, -1}, "fine", new double[] {0.5, 1});
    private static final ToyAttentionModel MODEL = new ToyAttentionModel(WORDS, 0);

    private static FaithfulnessExperiment.Result run(String text, List<Double> fractions) {
        Experiment<FaithfulnessExperiment.Result> e = FaithfulnessType.INSTANCE.create(
                new FaithfulnessType.Settings(List.of("attention", "alti"), fractions, null, null, null),
                new ExperimentContext(AttentionView.DEFAULT, 1));
        return e.run(new Instance(MODEL, text, MODEL.tokenize(text, false), 1));
    }

    @Test
    void comprehensivenessAndSufficiencyOfAttentionEqualTheModelsFormula() {
        String text = "great bad plot dull fine";
        String[] words = text.split(" ");
        FaithfulnessExperiment.Result r = run(text, List.of(0.2, 0.4, 0.6));
        FaithfulnessExperiment.Scores s = r.scores().get("attention");
        // Attention ranks by score s: great (2), dull (1.5), plot (1), fine (0.5), bad (0).
        List<List<String>> top = List.of(List.of("great"), List.of("great", "dull"), List.of("great", "dull", "plot"));
        double p = probability(words, w -> true);
        boolean positive = p > 0.5;
        double[] comp = new double[3];
        double[] suff = new double[3];
        for (int k = 0; k < 3; k++) {
            List<String> t = top.get(k);
            double without = probability(words, w -> !t.contains(w));
            double only = probability(words, t::contains);
            comp[k] = positive ? p - without : without - p; // p(ŷ) with ŷ the predicted class
            suff[k] = positive ? p - only : only - p;
            assertEquals(comp[k], s.comprehensiveness()[k], 1e-9, "comprehensiveness at " + (k + 1));
            assertEquals(suff[k], s.sufficiency()[k], 1e-9, "sufficiency at " + (k + 1));
            assertEquals(k + 1, s.tokens()[k]);
        }
        assertEquals((comp[0] + comp[1] + comp[2]) / 3, s.aopcComprehensiveness(), 1e-9);
        assertEquals((suff[0] + suff[1] + suff[2]) / 3, s.aopcSufficiency(), 1e-9);
        assertEquals(1.0, r.scores().get("loo").tauWithLoo(), 1e-12, "loo against itself");
        assertTrue(r.scores().containsKey("random"), "the baseline is always there");
        assertTrue(r.notApplicable().containsKey("alti"), r.notApplicable().toString());
        assertEquals("remove", r.deletion());
    }

    @Test
    void settingsAddTheBaselineAndCheckFractions() {
        assertEquals(List.of("attention", "random", "loo"),
                new FaithfulnessType.Settings(List.of("attention"), null, null, null, null).measures());
        assertThrows(IllegalArgumentException.class, () -> new FaithfulnessType.Settings(null, List.of(0.5, 0.2), null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new FaithfulnessType.Settings(null, List.of(0.0), null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new FaithfulnessType.Settings(null, null, "drop", null, null));
        assertNull(run("great", List.of(0.5)), "one real token does not qualify");
    }

    /** P(pos) with only the words {@code kept} accepts attended (softmax of their scores); none kept gives the bias. */
    private static double probability(String[] words, java.util.function.Predicate<String> kept) {
        double norm = 0;
        double z = 0;
        for (String w : words) {
            if (kept.test(w)) {
                norm += Math.exp(WORDS.get(w)[0]);
            }
        }
        for (String w : words) {
            if (kept.test(w)) {
                z += Math.exp(WORDS.get(w)[0]) / norm * WORDS.get(w)[1];
            }
        }
        return 1 / (1 + Math.exp(-(z + ToyAttentionModel.BIAS)));
    }
}
