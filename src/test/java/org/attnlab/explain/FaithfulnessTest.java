package org.attnlab.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attnlab.data.TokenizedText;
import org.attnlab.explain.faithfulness.Faithfulness;
import org.attnlab.explain.faithfulness.FaithfulnessResult;
import org.attnlab.explain.faithfulness.TokenDeletion;
import org.attnlab.model.NotApplicableException;
import org.attnlab.testing.ToyAttentionModel;
import org.junit.jupiter.api.Test;

/**
 * ERASER comprehensiveness / sufficiency and AOPC on models whose outputs are known in closed form: a linear bag
 * of words (p(pos) = 0.5 + sum of the present words' weights, so every deletion's effect is a sum of weights) and
 * a logistic one worked by hand on five tokens.
 */
class FaithfulnessTest {

    /** Ten words with distinct weights, summing to 0.35: p(pos | all) = 0.85, the predicted class is pos. */
    private static final Map<String, Double> LINEAR = Map.of("a", 0.12, "b", -0.04, "c", 0.09, "d", 0.0, "e", 0.07,
            "f", -0.02, "g", 0.05, "h", 0.03, "i", -0.06, "j", 0.11);
    private static final String TEXT = "a b c d e f g h i j";

    @Test
    void onALinearBagOfWordsTheScoresAreSumsOfTheDeletedWeights() {
        BagOfWordsModel model = new BagOfWordsModel(LINEAR, BagOfWordsModel.Link.LINEAR);
        TokenizedText t = model.tokenize(TEXT, false);
        Instance x = new Instance(model, "x", t, 1);
        double[] byWeight = new double[t.length()];
        double[] byPosition = new double[t.length()];
        for (int p = 1; p < t.length() - 1; p++) {
            byWeight[p] = LINEAR.get(t.tokens().get(p));
            byPosition[p] = -p;
        }
        Map<String, double[]> scores = new LinkedHashMap<>();
        scores.put("weights", byWeight);
        scores.put("position", byPosition);
        Faithfulness f = new Faithfulness(Faithfulness.ERASER_FRACTIONS, TokenDeletion.REMOVE);
        Map<String, FaithfulnessResult> results = f.evaluate(x, scores);
        // 10 real tokens: ceil(0.1), ceil(0.5), ceil(1), ceil(2), ceil(5).
        int[] counts = {1, 1, 1, 2, 5};
        List<List<String>> byWeightTop = List.of(List.of("a"), List.of("a"), List.of("a"), List.of("a", "j"),
                List.of("a", "j", "c", "e", "g"));
        List<List<String>> byPositionTop = List.of(List.of("a"), List.of("a"), List.of("a"), List.of("a", "b"),
                List.of("a", "b", "c", "d", "e"));
        check(results.get("weights"), counts, byWeightTop);
        check(results.get("position"), counts, byPositionTop);
        assertEquals(1, results.get("weights").predicted());
        assertEquals(0.85, results.get("weights").probability(), 1e-12);
        // The full input's forward, then both rankings' deletions as one call, each distinct deletion once: top-1/2/5
        // of each ranking and their complements, with top-1 ("a") shared: 2 x 3 + 2 x 2.
        assertEquals(List.of(1, 10), model.calls());
    }

    /** comprehensiveness = sum of the top's weights, sufficiency = sum of the rest's. */
    private static void check(FaithfulnessResult r, int[] counts, List<List<String>> tops) {
        assertArrayEquals(counts, r.tokens());
        double total = LINEAR.values().stream().mapToDouble(Double::doubleValue).sum();
        double[] comprehensiveness = new double[counts.length];
        double[] sufficiency = new double[counts.length];
        for (int k = 0; k < counts.length; k++) {
            double top = tops.get(k).stream().mapToDouble(LINEAR::get).sum();
            comprehensiveness[k] = top;
            sufficiency[k] = total - top;
        }
        assertArrayEquals(comprehensiveness, r.comprehensiveness(), 1e-12, r.measure());
        assertArrayEquals(sufficiency, r.sufficiency(), 1e-12, r.measure());
        assertEquals(java.util.Arrays.stream(comprehensiveness).average().orElseThrow(), r.aopcComprehensiveness(), 1e-12);
        assertEquals(java.util.Arrays.stream(sufficiency).average().orElseThrow(), r.aopcSufficiency(), 1e-12);
    }

    @Test
    void aopcOnFiveTokensIsTheHandComputation() {
        // Logistic bag of words, s = a + b + c + d + e = 2 - 1 + 0.5 + 1 - 0.5 = 2, p(pos|x) = sigmoid(2).
        BagOfWordsModel model = new BagOfWordsModel(Map.of("a", 2.0, "b", -1.0, "c", 0.5, "d", 1.0, "e", -0.5),
                BagOfWordsModel.Link.LOGISTIC);
        TokenizedText t = model.tokenize("a b c d e", false);
        Instance x = new Instance(model, "x", t, 1);
        // Ranking c > a > e > d > b (positions 3, 1, 5, 4, 2).
        double[] scores = {0, 0.4, 0.0, 0.9, 0.1, 0.2, 0};
        // ERASER fractions on 5 tokens: ceil(.05) = ceil(.25) = ceil(.5) = ceil(1) = 1, ceil(2.5) = 3.
        FaithfulnessResult r = new Faithfulness(Faithfulness.ERASER_FRACTIONS, TokenDeletion.REMOVE)
                .evaluate(x, new Importance("m", scores));
        double p = sigmoid(2);
        double comp1 = p - sigmoid(1.5);          // without c
        double comp3 = p - sigmoid(0);            // without c, a, e: b + d = 0
        double suff1 = p - sigmoid(0.5);          // c alone
        double suff3 = p - sigmoid(2);            // c + a + e = 2
        assertArrayEquals(new int[] {1, 1, 1, 1, 3}, r.tokens());
        assertEquals((4 * comp1 + comp3) / 5, r.aopcComprehensiveness(), 1e-12);
        assertEquals((4 * suff1 + suff3) / 5, r.aopcSufficiency(), 1e-12);
        // Fractions are configurable: 20 % steps remove 1..5 tokens.
        FaithfulnessResult steps = new Faithfulness(List.of(0.2, 0.4, 0.6, 0.8, 1.0), TokenDeletion.REMOVE)
                .evaluate(x, new Importance("m", scores));
        double[] comp = {p - sigmoid(1.5), p - sigmoid(-0.5), p - sigmoid(0), p - sigmoid(-1), p - sigmoid(0)};
        double[] suff = {p - sigmoid(0.5), p - sigmoid(2.5), p - sigmoid(2), p - sigmoid(3), p - sigmoid(2)};
        assertArrayEquals(new int[] {1, 2, 3, 4, 5}, steps.tokens());
        assertArrayEquals(comp, steps.comprehensiveness(), 1e-12);
        assertArrayEquals(suff, steps.sufficiency(), 1e-12);
        assertEquals(java.util.Arrays.stream(comp).sum() / 5, steps.aopcComprehensiveness(), 1e-12);
    }

    @Test
    void tiesGoToTheEarlierPositionAndSpecialTokensStay() {
        BagOfWordsModel model = new BagOfWordsModel(LINEAR, BagOfWordsModel.Link.LINEAR);
        TokenizedText t = model.tokenize("c e g", false);
        Faithfulness f = new Faithfulness(List.of(0.3, 0.6), TokenDeletion.REMOVE);
        // All equal, [CLS] and [SEP] scored highest: they are never ranked, and "c" then "e" come first.
        List<int[]> deletions = f.deletions(t, Map.of("flat", new double[] {9, 1, 1, 1, 9}));
        assertEquals(List.of("[1]", "[1, 2]", "[2, 3]", "[3]"), deletions.stream().map(java.util.Arrays::toString).toList());
        assertEquals(List.of("[CLS]", "g", "[SEP]"), Faithfulness.without(t, new int[] {1, 2}).tokens());
    }

    @Test
    void badSettingsAndInputsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Faithfulness(List.of(), TokenDeletion.REMOVE));
        assertThrows(IllegalArgumentException.class, () -> new Faithfulness(List.of(0.5, 0.1), TokenDeletion.REMOVE));
        assertThrows(IllegalArgumentException.class, () -> new Faithfulness(List.of(0.0), TokenDeletion.REMOVE));
        assertThrows(IllegalArgumentException.class, () -> new Faithfulness(List.of(1.5), TokenDeletion.REMOVE));
        assertThrows(IllegalArgumentException.class, () -> TokenDeletion.of("drop"));
        assertEquals(TokenDeletion.MASK, TokenDeletion.of("mask"));
        BagOfWordsModel model = new BagOfWordsModel(LINEAR, BagOfWordsModel.Link.LINEAR);
        Instance x = new Instance(model, "x", model.tokenize("a b", false), 1);
        Faithfulness f = new Faithfulness(Faithfulness.ERASER_FRACTIONS, TokenDeletion.REMOVE);
        assertThrows(IllegalArgumentException.class, () -> f.evaluate(x, Map.of("short", new double[3])));
        assertEquals(1, Faithfulness.tokensAt(0.01, 7));
        assertEquals(7, Faithfulness.tokensAt(1.0, 7));
        assertEquals(1, Faithfulness.tokensAt(0.1, 10));
        assertEquals(2, Faithfulness.tokensAt(0.11, 10));
    }

    @Test
    void maskingIsNotApplicableWithoutSelfAttention() {
        ToyAttentionModel toy = new ToyAttentionModel(Map.of("good", new double[] {1, 1}, "bad", new double[] {0, -1}), 0);
        Instance x = new Instance(toy, "t", toy.tokenize("good bad", false), 0);
        Faithfulness mask = new Faithfulness(Faithfulness.ERASER_FRACTIONS, TokenDeletion.MASK);
        NotApplicableException e = assertThrows(NotApplicableException.class,
                () -> mask.evaluate(x, Map.of("m", new double[] {0, 1, 2, 0})));
        assertTrue(e.getMessage().contains("toy"), e.getMessage());
        BagOfWordsModel bag = new BagOfWordsModel(LINEAR, BagOfWordsModel.Link.LINEAR);
        Instance y = new Instance(bag, "y", bag.tokenize("a b", false), 1);
        assertThrows(NotApplicableException.class, () -> mask.evaluate(y, Map.of("m", new double[4])));
    }

    @Test
    void randomOrderIsSeededPerInstance() {
        BagOfWordsModel model = new BagOfWordsModel(LINEAR, BagOfWordsModel.Link.LINEAR);
        TokenizedText t = model.tokenize(TEXT, false);
        double[] a = new RandomOrderMeasure(1).explain(new Instance(model, "x", t, 1)).scores();
        double[] again = new RandomOrderMeasure(1).explain(new Instance(model, "x", t, 1)).scores();
        double[] otherInstance = new RandomOrderMeasure(1).explain(new Instance(model, "y", t, 1)).scores();
        double[] otherSeed = new RandomOrderMeasure(2).explain(new Instance(model, "x", t, 1)).scores();
        assertArrayEquals(a, again);
        assertNotEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(otherInstance));
        assertNotEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(otherSeed));
        assertEquals(0, a[0]);
        assertEquals(0, a[a.length - 1]);
        assertTrue(java.util.Arrays.stream(a, 1, a.length - 1).allMatch(v -> v > 0 && v < 1));
    }

    private static double sigmoid(double s) {
        return 1 / (1 + Math.exp(-s));
    }
}
