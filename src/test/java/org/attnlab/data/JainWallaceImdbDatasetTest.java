package org.attnlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.attnlab.data.JainWallaceImdbDataset.LongTrainReviews;
import org.junit.jupiter.api.Test;

/** imdb-jw's and imdb-jw-truncated's filtering and split proportions on synthetic reviews of known lengths. */
class JainWallaceImdbDatasetTest {

    private static Dataset build(LongTrainReviews longTrainReviews, List<SourceRecord> records) {
        return new JainWallaceImdbDataset(longTrainReviews).build(records, "synthetic", "abc", DatasetCatalog.SPLIT_SEED);
    }

    private static SourceRecord review(int i, String text, int label) {
        Map<String, String> f = new HashMap<>();
        f.put("t", text);
        f.put("s", Integer.toString(label));
        return new SourceRecord("reviews.json", 1, i, f, Set.of());
    }

    /** A review of exactly {@code n} Keras words, made unique by its index, with punctuation and a break tag. */
    private static String words(int n, int index) {
        StringBuilder b = new StringBuilder("Review" + index + ",<br />");
        for (int k = 1; k < n - 2; k++) { // review<i>, br, n - 3 words, end
            b.append(" w").append(k % 7);
        }
        return b.append(" End!").toString();
    }

    @Test
    void dropsLongAndShortReviewsWholeAndSplitsInTheirProportions() {
        List<SourceRecord> records = new ArrayList<>();
        int[] lengths = {6, 7, 120, 399, 400, 450};
        int i = 0;
        for (int copy = 0; copy < 100; copy++) {
            for (int n : lengths) {
                records.add(review(i, words(n, i), i % 2));
                i++;
            }
        }
        records.add(review(i, records.get(2).fields().get("t").replace(",", " ;"), 1)); // same words as review 2
        Dataset d = build(LongTrainReviews.DROPPED, records);
        assertEquals("imdb-jw", d.name());
        assertEquals("imdb-jw", d.testSplitOf());
        assertEquals(1, d.provenance().duplicatesRemoved());
        for (Example e : d.all()) {
            int n = e.text().split(" ").length;
            assertTrue(n == 7 || n == 120 || n == 399, e.id() + " has " + n + " words: 6, 400 and 450 are dropped, nothing is cut");
            assertEquals(KerasWords.words(e.text()), List.of(e.text().split(" ")), "text is its Keras words");
            assertFalse(e.text().contains("<br"), e.id());
            assertTrue(e.text().startsWith("review") && e.text().contains(" br "), e.text().substring(0, 20));
        }
        // 600 reviews, stratified 50/50: per label the two halves' survivors add up to the label's survivors
        // (negative: the 100 of 120 words; positive: the 100 of 7 and the 100 of 399); dev is round(20%)
        // of the train half's survivors, test round(20%) of the test half's, per label.
        Map<String, Integer> survivors = Map.of("negative", 100, "positive", 200);
        for (String label : d.labels()) {
            long train = d.train().stream().filter(e -> e.label().equals(label)).count();
            long dev = d.dev().stream().filter(e -> e.label().equals(label)).count();
            long test = d.test().stream().filter(e -> e.label().equals(label)).count();
            long trainHalf = train + dev;
            assertEquals(Math.round(trainHalf * 0.2), dev, label);
            assertEquals(Math.round((survivors.get(label) - trainHalf) * 0.2), test, label);
            assertTrue(trainHalf > survivors.get(label) / 4 && trainHalf < survivors.get(label) * 3 / 4, label + " " + trainHalf);
        }
        Set<String> ids = d.all().stream().map(Example::id).collect(Collectors.toSet());
        assertEquals(d.size(), ids.size());
    }

    @Test
    void truncatedCutsLongTrainHalfReviewsTo399WordsAndKeepsImdbJwsTestSplit() {
        List<SourceRecord> records = new ArrayList<>();
        int[] lengths = {3, 6, 7, 120, 399, 400, 450};
        Map<String, Integer> wordsOfId = new HashMap<>();
        int i = 0;
        for (int copy = 0; copy < 100; copy++) {
            for (int n : lengths) {
                records.add(review(i, words(n, i), i % 2));
                wordsOfId.put(String.format("imdb-%05d", i), n);
                i++;
            }
        }
        Dataset filtered = build(LongTrainReviews.DROPPED, records);
        Dataset truncated = build(LongTrainReviews.CUT, records);
        assertEquals("imdb-jw-truncated", truncated.name());
        assertEquals("imdb-jw", truncated.testSplitOf(), "a suite draws its test sample as imdb-jw's");

        // The test split is imdb-jw's: same examples (ids and texts), same order. Cutting the test half too would
        // bring its 400- and 450-word reviews into test, cut: this fails then.
        assertEquals(filtered.test(), truncated.test());
        for (Example e : truncated.test()) {
            int n = wordsOfId.get(e.id());
            assertTrue(n > 6 && n < 400, e.id() + ": a test review of " + n + " words");
        }

        Map<String, Example> filteredTrainHalf = byId(filtered.train(), filtered.dev());
        Map<String, Example> truncatedTrainHalf = byId(truncated.train(), truncated.dev());
        int cut = 0;
        for (Example e : truncatedTrainHalf.values()) {
            int original = wordsOfId.get(e.id());
            assertTrue(original > 6, e.id() + ": reviews of 6 words or fewer are dropped in both");
            String[] words = e.text().split(" ");
            if (original >= 400) {
                cut++;
                assertEquals(399, words.length, e.id() + " was " + original + " words");
                String raw = records.get(Integer.parseInt(e.id().substring(5))).fields().get("t");
                assertEquals(String.join(" ", KerasWords.words(raw).subList(0, 399)), e.text(), "its first 399 words");
                assertFalse(filteredTrainHalf.containsKey(e.id()), e.id() + " is dropped from imdb-jw");
            } else {
                assertEquals(original, words.length, e.id() + " is not cut");
                assertEquals(filteredTrainHalf.get(e.id()), e, "a review under 400 words is imdb-jw's");
            }
        }
        // Every imdb-jw train-half review is kept; the long ones are the only additions. Lengths 400 and 450 of
        // different labels: 200 long reviews, about half of each label in the train half.
        assertTrue(truncatedTrainHalf.keySet().containsAll(filteredTrainHalf.keySet()));
        assertEquals(filteredTrainHalf.size() + cut, truncatedTrainHalf.size());
        assertTrue(cut > 50 && cut < 150, cut + " long train-half reviews");
        assertTrue(truncated.all().stream().anyMatch(e -> wordsOfId.get(e.id()) == 450), "a 450-word review is kept, cut");
        assertTrue(truncated.provenance().preprocessing().get(3).contains("of which " + cut + " of 400 words or more cut to their first 399"),
                truncated.provenance().preprocessing().get(3));
        // dev is 20% of the larger train half, per label
        for (String label : truncated.labels()) {
            long dev = truncated.dev().stream().filter(e -> e.label().equals(label)).count();
            long trainHalf = truncatedTrainHalf.values().stream().filter(e -> e.label().equals(label)).count();
            assertEquals(Math.round(trainHalf * 0.2), dev, label);
        }
    }

    private static Map<String, Example> byId(List<Example> a, List<Example> b) {
        Map<String, Example> out = new HashMap<>();
        for (Example e : a) {
            out.put(e.id(), e);
        }
        for (Example e : b) {
            out.put(e.id(), e);
        }
        return out;
    }
}
