package org.attnlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.attnlab.explain.AttentionView;
import org.attnlab.explain.Instance;
import org.attnlab.testing.ToyAttentionModel;
import org.junit.jupiter.api.Test;

/**
 * {@code efficient-attention} on the hand-analysable toy model, whose output is sigmoid(α·v + b) with
 * one-dimensional values v: the value matrix has rank 1, so the efficient row keeps at most two tokens and
 * both effective and efficient attention leave α·v, and so the output, unchanged. Sufficiency and necessity
 * are recomputed here from the model's formula: erasing tokens renormalises the softmax over the rest.
 */
class EfficientAttentionExperimentTest {

    /** word: {score s, value v}; attention = softmax(s) over the real tokens. */
    private static final Map<String, double[]> WORDS = Map.of("great", new double[] {2, 3}, "bad", new double[] {0, -2},
            "plot", new double[] {1, 0.5}, "dull", new double[] {1.5, -1}, "fine", new double[] {0.5, 1});
    private static final ToyAttentionModel MODEL = new ToyAttentionModel(WORDS, 0);

    private static EfficientAttentionExperiment.Result run(String text) {
        Experiment<EfficientAttentionExperiment.Result> e = EfficientAttentionType.INSTANCE.create(
                new EfficientAttentionType.Settings(null, null, null), new ExperimentContext(AttentionView.DEFAULT, 1));
        return e.run(new Instance(MODEL, text, MODEL.tokenize(text, false), 1));
    }

    @Test
    void efficientAndEffectiveAttentionKeepTheOutputAndTheSupportIsAtMostRankPlusOne() {
        for (String text : List.of("great bad plot dull", "fine dull bad", "great fine plot dull bad fine")) {
            EfficientAttentionExperiment.Result r = run(text);
            assertEquals(0, r.layer());
            assertEquals(1, r.heads().size());
            assertEquals(1, r.heads().get(0).rank(), text);
            assertTrue(r.support().size() >= 1 && r.support().size() <= 2, text + ": support " + r.support());
            // Attention and values reach the experiment as float32 (as every engine returns them): exact up to that.
            assertEquals(0.0, r.efficientTvd(), 1e-7, text);
            assertEquals(0.0, r.effectiveTvd(), 1e-7, text);
            assertEquals(List.of("attention~gradient", "attention~loo", "effective-attention~gradient",
                    "effective-attention~loo", "efficient-attention~gradient", "efficient-attention~loo"),
                    List.copyOf(r.kendall().keySet()));
        }
    }

    @Test
    void sufficiencyAndNecessityEqualTheModelsFormula() {
        for (String text : List.of("great bad plot dull", "fine dull bad", "bad bad great", "dull fine plot bad great")) {
            EfficientAttentionExperiment.Result r = run(text);
            String[] words = text.split(" ");
            double p = probability(words, i -> true);
            // Positions in the records count [CLS] as 0, so word i is position i + 1.
            double keep = probability(words, i -> r.support().contains(i + 1));
            double drop = probability(words, i -> !r.support().contains(i + 1));
            assertEquals((keep > 0.5) == (p > 0.5), r.sufficient(), text);
            assertEquals(Math.abs(keep - p), r.sufficiencyTvd(), 1e-7, text);
            assertEquals((drop > 0.5) != (p > 0.5), r.necessary(), text);
            assertEquals(Math.abs(drop - p), r.necessityTvd(), 1e-7, text);
        }
    }

    @Test
    void oneRealTokenDoesNotQualify() {
        assertNull(run("great"));
        assertFalse(run("great bad").support().isEmpty());
    }

    /** P(pos) with only the kept words attended: softmax of their scores, renormalised; none kept gives the bias. */
    private static double probability(String[] words, java.util.function.IntPredicate kept) {
        double norm = 0;
        double z = 0;
        for (int i = 0; i < words.length; i++) {
            if (kept.test(i)) {
                norm += Math.exp(WORDS.get(words[i])[0]);
            }
        }
        for (int i = 0; i < words.length; i++) {
            if (kept.test(i)) {
                z += Math.exp(WORDS.get(words[i])[0]) / norm * WORDS.get(words[i])[1];
            }
        }
        return 1 / (1 + Math.exp(-(z + ToyAttentionModel.BIAS)));
    }
}
