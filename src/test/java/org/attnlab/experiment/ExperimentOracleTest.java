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
import org.attnlab.explain.Measures;
import org.attnlab.testing.ToyAttentionModel;
import org.junit.jupiter.api.Test;

/** Experiments on the hand-analysable toy model, against values worked out on paper. */
class ExperimentOracleTest {

    /** great: s=2 v=3; bad: s=0 v=-2; plot: s=1 v=0.5; fine: s=1 v=0.2; superb: s=0 v=2; slow: s=0.5 v=-0.3. */
    private static final ToyAttentionModel MODEL = new ToyAttentionModel(Map.of(
            "great", new double[] {2, 3}, "bad", new double[] {0, -2}, "plot", new double[] {1, 0.5},
            "a", new double[] {0, 1}, "b", new double[] {0, -0.4}, "c", new double[] {0, 0.7},
            "fine", new double[] {1, 0.2}, "superb", new double[] {0, 2}, "slow", new double[] {0.5, -0.3}), 0);

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

    /** P(pos) of the toy model when attention ∝ {@code weights} over tokens of values {@code values}: by hand. */
    private static double handProbability(double[] weights, double[] values) {
        double sum = 0;
        double z = 0;
        for (int t = 0; t < weights.length; t++) {
            sum += weights[t];
            z += weights[t] * values[t];
        }
        return sigmoid(z / sum + ToyAttentionModel.BIAS);
    }

    /** Jensen-Shannon divergence of two Bernoulli outputs as H(m) - (H(p) + H(q)) / 2, in nats. */
    private static double binaryJsd(double p, double q) {
        return entropy((p + q) / 2) - (entropy(p) + entropy(q)) / 2;
    }

    private static double entropy(double p) {
        return -(p * Math.log(p) + (1 - p) * Math.log(1 - p));
    }

    private static ErasureSingleExperiment.Result erase(String text) {
        return (ErasureSingleExperiment.Result) new ErasureSingleExperiment(AttentionView.DEFAULT, Erasure.LAST_LAYER, 4)
                .run(instance(text));
    }

    private static void assertErased(ErasureSingleExperiment.Erased e, int position, String token, double attention,
                                     double jsd, boolean flipped) {
        assertEquals(position, e.position(), token);
        assertEquals(token, e.token());
        assertEquals(attention, e.attention(), 1e-7, token);
        assertEquals(jsd, e.jsd(), 1e-12, token);
        assertEquals(flipped, e.flipped(), token);
    }

    @Test
    void attentionTimesGradientSignOrdersUnlikeAttentionTimesGradientAndItsDecisionFlipFollowsThatOrder() {
        // fine, superb, slow: alpha ∝ (e, 1, e^0.5); z = (0.2e + 2 - 0.3e^0.5)/(e + 1 + e^0.5) - 0.1 > 0: "pos",
        // so dp/dalpha_t = p(1-p) v_t has the sign of v: (+, +, -).
        // alpha·g ∝ alpha·v = (0.101, 0.373, -0.092): superb, fine, slow.
        // alpha·sign(g) = (alpha_fine, alpha_superb, -alpha_slow) = (0.507, 0.186, -0.307): fine, superb, slow.
        // Erasing superb first flips at once: z = (0.2e - 0.3e^0.5)/(e + e^0.5) - 0.1 < 0. Erasing fine first
        // does not, z = (2 - 0.3e^0.5)/(1 + e^0.5) - 0.1 > 0; then superb: z = -0.3 - 0.1 < 0, a flip after 2.
        // Attention order (fine, slow, superb) flips only when all are gone (z = -0.1).
        Instance x = instance("fine superb slow");
        double e = Math.E;
        double sum = e + 1 + Math.sqrt(e);
        assertEquals(1, x.predicted());
        double[] sign = Measures.byId("attention-x-gradient-sign", Measures.Settings.DEFAULT).explain(x).scores();
        double[] expected = {0, e / sum, 1 / sum, -Math.sqrt(e) / sum, 0};
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t], sign[t], 1e-7, "token " + t);
        }
        double[] times = Measures.byId("attention-x-gradient", Measures.Settings.DEFAULT).explain(x).scores();
        assertTrue(times[2] > times[1] && times[1] > times[3], "alpha·g puts superb before fine");
        assertTrue(sign[1] > sign[2] && sign[2] > sign[3], "alpha·sign(g) puts fine before superb");

        DecisionFlipType.Settings settings = new DecisionFlipType.Settings(
                List.of("attention-x-gradient", "attention-x-gradient-sign"), 0, null, null, null);
        List<org.attnlab.explain.ImportanceMeasure> rankers = settings.rankers().stream()
                .map(id -> Measures.byId(id, Measures.Settings.DEFAULT)).toList();
        DecisionFlipExperiment.Result r = new DecisionFlipExperiment(AttentionView.DEFAULT, rankers, 0,
                Erasure.LAST_LAYER, 1).run(x);
        assertEquals(1, r.orderings().get("attention-x-gradient-desc").erased());
        DecisionFlipExperiment.Flip bySign = r.orderings().get("attention-x-gradient-sign-desc");
        assertEquals(2, bySign.erased());
        assertEquals(2.0 / 3, bySign.fraction(), 1e-12);
        assertEquals((e + 1) / sum, bySign.attentionMass(), 1e-7);
        assertEquals(3, r.orderings().get("attention-desc").erased());
    }

    @Test
    void singleErasuresOfTheTopSecondAndLowestTokenMatchForwardsWorkedOutByHand() {
        // great (s=2, v=3), bad (s=0, v=-2), plot (s=1, v=0.5): alpha ∝ (e^2, 1, e), so top = great (1),
        // second = plot (3), lowest = bad (2). Each erasure leaves the other two weights, renormalised.
        double e = Math.E;
        double sum = e * e + 1 + e;
        double p0 = handProbability(new double[] {e * e, 1, e}, new double[] {3, -2, 0.5});
        double pTop = handProbability(new double[] {1, e}, new double[] {-2, 0.5});
        double pSecond = handProbability(new double[] {e * e, 1}, new double[] {3, -2});
        double pLowest = handProbability(new double[] {e * e, e}, new double[] {3, 0.5});
        ErasureSingleExperiment.Result r = erase("great bad plot");
        assertErased(r.top(), 1, "great", e * e / sum, binaryJsd(p0, pTop), true);
        assertErased(r.second(), 3, "plot", e / sum, binaryJsd(p0, pSecond), false);
        assertErased(r.lowest(), 2, "bad", 1 / sum, binaryJsd(p0, pLowest), false);
        // The random token is another real one, and its erasure is the same forward as that token's own.
        ErasureSingleExperiment.Erased same = r.random().position() == 3 ? r.second() : r.lowest();
        assertNotEquals(1, r.random().position());
        assertEquals(same, r.random());
        assertEquals(r.top().jsd() - r.random().jsd(), r.deltaJsd(), 0.0);
        assertEquals(r.top().attention() - r.random().attention(), r.deltaAttention(), 0.0);
    }

    @Test
    void tiedAttentionGivesTopAndSecondToTheEarliestAndLowestToTheLastPosition() {
        // a, c, b all have s = 0: uniform attention, a three-way tie; values 1, 0.7, -0.4.
        double p0 = handProbability(new double[] {1, 1, 1}, new double[] {1, 0.7, -0.4});
        ErasureSingleExperiment.Result r = erase("a c b");
        double[] pair = {1, 1};
        assertErased(r.top(), 1, "a", 1.0 / 3, binaryJsd(p0, handProbability(pair, new double[] {0.7, -0.4})), false);
        assertErased(r.second(), 2, "c", 1.0 / 3, binaryJsd(p0, handProbability(pair, new double[] {1, -0.4})), false);
        assertErased(r.lowest(), 3, "b", 1.0 / 3, binaryJsd(p0, handProbability(pair, new double[] {1, 0.7})), false);
    }

    @Test
    void withTwoRealTokensTheSecondTheLowestAndTheRandomAreTheOtherToken() {
        double e = Math.E;
        double p0 = handProbability(new double[] {e * e, 1}, new double[] {3, -2});
        ErasureSingleExperiment.Result r = erase("great bad");
        double[] one = {1};
        assertErased(r.top(), 1, "great", e * e / (e * e + 1), binaryJsd(p0, handProbability(one, new double[] {-2})), true);
        double jsdBad = binaryJsd(p0, handProbability(one, new double[] {3}));
        for (ErasureSingleExperiment.Erased other : List.of(r.second(), r.lowest(), r.random())) {
            assertErased(other, 2, "bad", 1 / (e * e + 1), jsdBad, false);
        }
    }

    @Test
    void summaryGivesEachErasureKindsMeanJsdAndFlipFractionAndReadsRecordsWrittenBeforeSecondAndLowest() {
        List<ResultRecord<ErasureSingleExperiment.Result>> records = new java.util.ArrayList<>();
        List<String> texts = List.of("great bad plot", "a c b", "great bad");
        for (String text : texts) {
            Instance x = instance(text);
            ErasureSingleExperiment.Result r = erase(text);
            InstanceRecord common = new InstanceRecord("toy", text, "pos", "pos", x.probabilities(), x.input().tokens(),
                    x.input().special(), Map.of());
            com.fasterxml.jackson.databind.node.ObjectNode line = Records.encode(common, r);
            assertEquals(r, Records.decode(line, ErasureSingleExperiment.Result.class, null, 1).result());
            records.add(Records.decode(line, ErasureSingleExperiment.Result.class, null, 1));
        }
        // A record of the earlier shape: no second, no lowest.
        com.fasterxml.jackson.databind.node.ObjectNode old = Records.encode(records.get(1).instance(), records.get(1).result());
        old.remove(List.of("second", "lowest"));
        ErasureSingleExperiment.Result oldResult = Records.decode(old, ErasureSingleExperiment.Result.class, null, 4).result();
        assertNull(oldResult.second());
        assertNull(oldResult.lowest());
        assertEquals(records.get(1).result().top(), oldResult.top());
        records.add(new ResultRecord<>(records.get(1).instance(), oldResult));

        ErasureSingleType.Summary s = ErasureSingleType.INSTANCE.summarize(records);
        assertEquals(List.of("top", "second", "lowest", "random"), List.copyOf(s.erasures().keySet()));
        Map<String, java.util.function.Function<ErasureSingleExperiment.Result, ErasureSingleExperiment.Erased>> fields =
                Map.of("top", ErasureSingleExperiment.Result::top, "second", ErasureSingleExperiment.Result::second,
                        "lowest", ErasureSingleExperiment.Result::lowest, "random", ErasureSingleExperiment.Result::random);
        for (String kind : ErasureSingleType.KINDS) {
            java.util.function.Function<ErasureSingleExperiment.Result, ErasureSingleExperiment.Erased> field = fields.get(kind);
            List<ErasureSingleExperiment.Erased> erased = records.stream().map(rec -> field.apply(rec.result()))
                    .filter(java.util.Objects::nonNull).toList();
            ErasureSingleType.KindSummary k = s.erasures().get(kind);
            int expectedCount = kind.equals("second") || kind.equals("lowest") ? 3 : 4;
            assertEquals(expectedCount, k.jsd().count(), kind);
            assertEquals(erased.stream().mapToDouble(ErasureSingleExperiment.Erased::jsd).sum() / expectedCount,
                    k.jsd().mean(), 1e-14, kind);
        }
        // Only erasing "great" flips (two of the four records have it as the top token).
        assertEquals(2, s.erasures().get("top").flipped());
        assertEquals(0.5, s.erasures().get("top").flipFraction(), 0.0);
        assertEquals(0.0, s.erasures().get("second").flipFraction(), 0.0);
        assertEquals(0.0, s.erasures().get("lowest").flipFraction(), 0.0);
        assertEquals(0.0, s.erasures().get("random").flipFraction(), 0.0);
        assertEquals(2, s.flips().onlyTop(), "the top-vs-random table is unchanged");
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
