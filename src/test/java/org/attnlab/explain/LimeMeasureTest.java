package org.attnlab.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** LIME on bag-of-words models whose per-word effects are known. */
class LimeMeasureTest {

    private static final Map<String, Double> LINEAR_WEIGHTS = Map.of("great", 0.12, "good", 0.06, "film", 0.0,
            "plot", 0.01, "dull", -0.05, "awful", -0.10, "un", -0.03, "##real", 0.07);

    private static final Map<String, Double> LOGISTIC_WEIGHTS = Map.of("great", 2.0, "good", 1.0, "fine", 0.3,
            "plot", 0.0, "dull", -0.7, "awful", -1.6);

    private static Instance instance(BagOfWordsModel model, String id, String text) {
        return new Instance(model, id, model.tokenize(text, false), 1);
    }

    @Test
    void onAModelLinearInTheWordsTheScoresAreTheWordsExactEffects() {
        BagOfWordsModel model = new BagOfWordsModel(LINEAR_WEIGHTS, BagOfWordsModel.Link.LINEAR);
        // P(pos) = 0.5 + 0.18: pos is explained, and each word's effect on P(pos) is its weight; the two
        // pieces of "unreal" are deleted together, so both carry the word's effect -0.03 + 0.07.
        Instance x = instance(model, "1", "great film un ##real dull plot good");
        assertEquals(1, x.predicted());
        double[] lime = new LimeMeasure(500, 3).explain(x).scores();
        assertArrayEquals(new double[] {0, 0.12, 0, 0.04, 0.04, -0.05, 0.01, 0.06, 0}, lime, 1e-9);

        // P(pos) = 0.26: neg is explained, so the effects change sign; a repeated word is two words.
        Instance y = instance(model, "2", "awful dull plot awful");
        assertEquals(0, y.predicted());
        assertArrayEquals(new double[] {0, 0.10, 0.05, -0.01, 0.10, 0}, new LimeMeasure(500, 3).explain(y).scores(),
                1e-9);
    }

    @Test
    void onALogisticModelTheScoresRankTheWordsAsTheirWeightsDo() {
        BagOfWordsModel model = new BagOfWordsModel(LOGISTIC_WEIGHTS, BagOfWordsModel.Link.LOGISTIC);
        String text = "great plot dull good awful fine";
        Instance x = instance(model, "1", text);
        assertEquals(1, x.predicted());
        double[] lime = new LimeMeasure(LimeMeasure.DEFAULT_SAMPLES, LimeMeasure.DEFAULT_SEED).explain(x).scores();
        List<String> words = List.of(text.split(" "));
        double[] real = Arrays.copyOfRange(lime, 1, lime.length - 1);
        assertEquals(List.of("great", "good", "fine", "plot", "dull", "awful"), byScore(words, real),
                "scores " + Arrays.toString(real));
        for (int k = 0; k < words.size(); k++) {
            double w = LOGISTIC_WEIGHTS.get(words.get(k));
            assertTrue(w == 0 || Math.signum(w) == Math.signum(real[k]),
                    words.get(k) + ": weight " + w + ", lime " + real[k]);
        }
        assertEquals(0.0, lime[0]);
        assertEquals(0.0, lime[lime.length - 1]);
    }

    @Test
    void aFixedSeedGivesIdenticalScoresAndAnotherSeedOrInstanceDifferentOnes() {
        BagOfWordsModel model = new BagOfWordsModel(LOGISTIC_WEIGHTS, BagOfWordsModel.Link.LOGISTIC);
        String text = "great plot dull good awful fine";
        double[] first = new LimeMeasure(200, 11).explain(instance(model, "a", text)).scores();
        double[] again = new LimeMeasure(200, 11).explain(instance(model, "a", text)).scores();
        double[] otherSeed = new LimeMeasure(200, 12).explain(instance(model, "a", text)).scores();
        double[] otherInstance = new LimeMeasure(200, 11).explain(instance(model, "b", text)).scores();
        assertArrayEquals(first, again, 0.0);
        assertFalse(Arrays.equals(first, otherSeed));
        assertFalse(Arrays.equals(first, otherInstance));
    }

    @Test
    void allSamplesReachTheModelInOneBatchedCall() {
        BagOfWordsModel model = new BagOfWordsModel(LOGISTIC_WEIGHTS, BagOfWordsModel.Link.LOGISTIC);
        Instance x = instance(model, "1", "great plot dull good awful fine");
        x.predicted();
        int before = model.calls().size();
        new LimeMeasure(300, 1).explain(x);
        List<Integer> lime = model.calls().subList(before, model.calls().size());
        // The input plus 300 samples, less the few (1 in 64 here) that deleted every word.
        assertEquals(1, lime.size(), "forward calls " + lime);
        assertTrue(lime.get(0) > 270 && lime.get(0) <= 301, "batch of " + lime.get(0));
    }

    @Test
    void fewerThanTwoWordsScoreZeroWithoutSampling() {
        BagOfWordsModel model = new BagOfWordsModel(LINEAR_WEIGHTS, BagOfWordsModel.Link.LINEAR);
        for (String text : List.of("great", "un ##real")) {
            Instance x = instance(model, "1", text);
            x.predicted();
            int before = model.calls().size();
            double[] lime = new LimeMeasure(100, 1).explain(x).scores();
            assertArrayEquals(new double[x.input().length()], lime, 0.0, text);
            assertEquals(before, model.calls().size(), text);
        }
    }

    /** {@code words} from the highest score to the lowest. */
    private static List<String> byScore(List<String> words, double[] scores) {
        return IntStream.range(0, words.size()).boxed()
                .sorted(Comparator.comparingDouble((Integer k) -> scores[k]).reversed())
                .map(words::get).toList();
    }
}
