package org.attnlab.model.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.attnlab.data.Dataset;
import org.attnlab.data.Example;
import org.attnlab.data.Split;
import org.attnlab.model.training.ClassificationScores;
import org.junit.jupiter.api.Test;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;

/** The Tribuo bag-of-words baseline on the committed real UCI sentences (no network). */
class BowLogisticBaselineTest {

    private static final List<String> LABELS = List.of("neg", "pos");

    @Test
    void fitsItsTrainingSentencesFarBetterThanTheMajorityClass() {
        List<Example> sentences = RealSentences.all();
        assertTrue(sentences.size() >= 50, "expected the committed slices, got " + sentences.size());
        long positives = sentences.stream().filter(e -> e.label().equals("pos")).count();
        double majority = Math.max(positives, sentences.size() - positives) / (double) sentences.size();

        ClassificationScores s = new BowLogisticBaseline(BowSettings.DEFAULT).fit(LABELS, sentences).score(sentences);

        assertEquals(sentences.size(), s.n());
        // A linear model over unigrams+bigrams can separate ~60 distinct sentences; 5 epochs get most of the way.
        assertTrue(s.accuracy() >= majority + 0.25, "accuracy " + s.accuracy() + " vs majority " + majority);
        assertTrue(s.macroF1() >= 0.75, "macro-F1 " + s.macroF1());
        assertTrue(s.aucRoc() >= 0.9, "AUC " + s.aucRoc());
    }

    @Test
    void sameSeedGivesIdenticalScoresAndProbabilities() {
        Dataset d = RealSentences.dataset("sentences", "neg", "pos");
        BowLogisticBaseline.Trained a = new BowLogisticBaseline(BowSettings.DEFAULT).fit(d.labels(), d.train());
        BowLogisticBaseline.Trained b = new BowLogisticBaseline(BowSettings.DEFAULT).fit(d.labels(), d.train());

        assertEquals(a.score(d.test()), b.score(d.test()));
        assertEquals(probabilities(a, d.test()), probabilities(b, d.test()));
        assertEquals(a.score(d.test()), new BowLogisticBaseline(BowSettings.DEFAULT).trainAndScore(d, Split.TEST));
    }

    @Test
    void theSeedIsUsed() {
        Dataset d = RealSentences.dataset("sentences", "neg", "pos");
        BowLogisticBaseline.Trained a = new BowLogisticBaseline(BowSettings.DEFAULT).fit(d.labels(), d.train());
        BowLogisticBaseline.Trained c = new BowLogisticBaseline(BowSettings.DEFAULT.withSeed(2)).fit(d.labels(), d.train());

        // Another example order gives other SGD steps, hence (slightly) other probabilities.
        assertTrue(!probabilities(a, d.test()).equals(probabilities(c, d.test())));
    }

    @Test
    void aTextOfOnlyUnseenWordsIsStillPredicted() {
        BowLogisticBaseline.Trained t = new BowLogisticBaseline(BowSettings.DEFAULT).fit(LABELS, RealSentences.all());
        List<Example> unseen = List.of(new Example("u1", "zyzzyva quokka", "pos"), new Example("u2", "xylem", "neg"));

        ClassificationScores s = t.score(unseen);

        assertEquals(2, s.n());
    }

    @Test
    void meanWordsCountsWordsAndPunctuation() {
        double mean = BowLogisticBaseline.meanWords(List.of(new Example("a", "Not good.", "neg"),
                new Example("b", "A great touch !", "pos")));
        assertEquals((3 + 4) / 2.0, mean, 1e-12);
    }

    @Test
    void badInputIsRejected() {
        BowLogisticBaseline bow = new BowLogisticBaseline(BowSettings.DEFAULT);
        assertThrows(IllegalArgumentException.class, () -> bow.fit(LABELS, List.of()));
        assertThrows(IllegalArgumentException.class, () -> bow.fit(List.of("pos"), RealSentences.all()));
        BowLogisticBaseline.Trained t = bow.fit(LABELS, RealSentences.all());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.score(List.of(new Example("x", "fine", "neutral"))));
        assertTrue(e.getMessage().contains("neutral") && e.getMessage().contains("[neg, pos]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.score(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new BowSettings(2, 1, 0, 0.1, 1));
    }

    private static List<List<Double>> probabilities(BowLogisticBaseline.Trained t, List<Example> examples) {
        // Scored through the public API, then read back per example from Tribuo's predictions.
        return t.evaluation(examples).getPredictions().stream()
                .map((Prediction<Label> p) -> LABELS.stream().map(l -> p.getOutputScores().get(l).getScore()).toList())
                .toList();
    }
}
