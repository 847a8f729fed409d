package org.attnlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.attnlab.explain.AttentionView;
import org.attnlab.explain.Instance;
import org.attnlab.explain.LeaveOneOutMeasure;
import org.attnlab.testing.ToyAttentionModel;
import org.junit.jupiter.api.Test;

/** Experiments on the hand-analysable toy model, against values worked out on paper. */
class ExperimentOracleTest {

    /** great: s=2 v=3; bad: s=0 v=-2; plot: s=1 v=0.5. */
    private static final ToyAttentionModel MODEL = new ToyAttentionModel(Map.of(
            "great", new double[] {2, 3}, "bad", new double[] {0, -2}, "plot", new double[] {1, 0.5},
            "a", new double[] {0, 1}, "b", new double[] {0, -0.4}, "c", new double[] {0, 0.7}), 0);

    private static Instance instance(String text) {
        return new Instance(MODEL, text, MODEL.tokenize(text, false), 1);
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void leaveOneOutOnAUniformAttentionBagOfWordsEqualsItsAnalyticValue() {
        // Equal scores: uniform attention, so z is the mean of the values: a linear bag of words.
        Instance x = instance("a b c");
        double b = ToyAttentionModel.BIAS;
        double z = (1 - 0.4 + 0.7) / 3 + b;
        double[] loo = new LeaveOneOutMeasure().explain(x).scores();
        assertEquals(0.0, loo[0], 0.0);
        assertEquals(Math.abs(sigmoid(z) - sigmoid((-0.4 + 0.7) / 2 + b)), loo[1], 1e-12);
        assertEquals(Math.abs(sigmoid(z) - sigmoid((1 + 0.7) / 2 + b)), loo[2], 1e-12);
        assertEquals(Math.abs(sigmoid(z) - sigmoid((1 - 0.4) / 2 + b)), loo[3], 1e-12);
        assertEquals(0.0, loo[4], 0.0);
    }

    @Test
    void permutingUniformAttentionChangesNothing() {
        PermutationExperiment.Result r = (PermutationExperiment.Result)
                new PermutationExperiment(30, AttentionView.DEFAULT, 1).run(instance("a b c"));
        assertEquals(0.0, r.medianTvd(), 1e-15);
        for (double tvd : r.tvds()) {
            assertEquals(0.0, tvd, 1e-15);
        }
        assertEquals(1.0 / 3, r.maxAttention(), 1e-7);
    }

    @Test
    void permutingPeakedAttentionDoesChangeTheOutput() {
        PermutationExperiment.Result r = (PermutationExperiment.Result)
                new PermutationExperiment(30, AttentionView.DEFAULT, 1).run(instance("great bad plot"));
        assertTrue(r.medianTvd() > 0.05, "median " + r.medianTvd());
    }

    @Test
    void decisionFlipOnAHandBuiltThreeTokenModelFlipsWhereExpected() {
        // alpha ∝ (e^2, e^0, e^1); z = (3e^2 - 2 + 0.5e)/(e^2 + 1 + e) - 0.1 > 0: positive.
        // Erase "great" (most attended): z = (-2 + 0.5e)/(1 + e) - 0.1 < 0: flips after 1 of 3.
        // Ascending order erases "bad" first: z = (3e^2 + 0.5e)/(e^2 + e) - 0.1 > 0, then "plot": z = 3 - 0.1 > 0,
        // then "great": no attention left, z = -0.1: flips only when all 3 are erased.
        Instance x = instance("great bad plot");
        DecisionFlipExperiment.Result r = (DecisionFlipExperiment.Result) new DecisionFlipExperiment(
                AttentionView.DEFAULT, List.of(), 0, Erasure.LAST_LAYER, 1).run(x);
        double e = Math.E;
        DecisionFlipExperiment.Flip desc = r.orderings().get("attention-desc");
        assertTrue(desc.flipped());
        assertEquals(1, desc.erased());
        assertEquals(1.0 / 3, desc.fraction(), 1e-12);
        assertEquals(e * e / (e * e + 1 + e), desc.attentionMass(), 1e-7);
        DecisionFlipExperiment.Flip asc = r.orderings().get("attention-asc");
        assertTrue(asc.flipped());
        assertEquals(3, asc.erased());
        assertEquals(1.0, asc.fraction(), 0.0);
        assertEquals(1.0, asc.attentionMass(), 1e-7);
        assertEquals(3, r.real());
    }

    @Test
    void singleErasureComparesTheTopTokenWithAnotherOne() {
        Instance x = instance("great bad plot");
        ErasureSingleExperiment.Result r = (ErasureSingleExperiment.Result)
                new ErasureSingleExperiment(AttentionView.DEFAULT, Erasure.LAST_LAYER, 4).run(x);
        assertEquals(1, r.top().position());
        assertEquals("great", r.top().token());
        assertTrue(r.top().flipped());
        assertNotEquals(r.top().position(), r.random().position());
        assertEquals(r.top().jsd() - r.random().jsd(), r.deltaJsd(), 0.0);
        assertTrue(r.top().jsd() > 0 && r.top().jsd() <= Math.log(2));
    }

    @Test
    void instancesWithOneRealTokenDoNotQualify() {
        assertNull(new ErasureSingleExperiment(AttentionView.DEFAULT, Erasure.LAST_LAYER, 4).run(instance("great")));
        assertNull(new DecisionFlipExperiment(AttentionView.DEFAULT, List.of(), 2, Erasure.LAST_LAYER, 1).run(instance("great")));
    }

    @Test
    void adversarialAttentionKeepsTheOutputWithinEpsilonAndFindsFarDistributions() {
        // "a" and "c" have values 1 and 0.7 and equal scores: mass can move between tokens of similar value
        // while the output stays put, so distributions far from the original exist within epsilon.
        Instance x = instance("a c a c b");
        AdversarialExperiment.Result r = new AdversarialExperiment(AttentionView.DEFAULT, 5, 300, 0.01, 0.05, 7).run(x);
        assertNull(r.unsupported());
        assertEquals(5, r.adversaries().size());
        double best = 0;
        for (AdversarialExperiment.Adversary a : r.adversaries()) {
            assertTrue(a.jsd() >= 0 && a.jsd() <= Math.log(2) + 1e-12);
            if (a.tvd() <= 0.05) {
                best = Math.max(best, a.jsd());
            }
        }
        assertEquals(best, r.maxJsdWithinEpsilon(), 0.0);
        assertTrue(best > 0.1, "max JSD within epsilon " + best);
        // Every adversary's output change, recomputed through the model itself with its attention put in.
        for (AdversarialExperiment.Adversary a : r.adversaries()) {
            double[] p = MODEL.forwardEdited(x.input(), List.of(List.of(new org.attnlab.model.AttentionEdit.Replace(0, 0,
                    new double[][] {a.attention()}))), org.attnlab.model.ForwardOptions.OUTPUT_ONLY).get(0).probabilities();
            assertEquals(a.tvd(), Math.abs(p[1] - x.probabilities()[1]), 1e-7);
            assertEquals(0.0, a.attention()[0], 0.0);
        }
    }
}
