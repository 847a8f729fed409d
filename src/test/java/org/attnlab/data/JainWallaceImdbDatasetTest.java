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
import org.junit.jupiter.api.Test;

/** imdb-jw's filtering and split proportions on synthetic reviews of known lengths. */
class JainWallaceImdbDatasetTest {

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
        Dataset d = JainWallaceImdbDataset.build(records, "synthetic", "abc", DatasetCatalog.SPLIT_SEED);
        assertEquals("imdb-jw", d.name());
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
}
