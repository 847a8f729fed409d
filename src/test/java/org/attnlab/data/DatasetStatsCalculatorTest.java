package org.attnlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetStatsCalculatorTest {

    /** Counts characters, so that expected values are easy to work out by hand. */
    private static final TokenCounter CHARS = new TokenCounter() {
        @Override
        public String description() {
            return "characters";
        }

        @Override
        public int[] count(List<String> texts) {
            return texts.stream().mapToInt(String::length).toArray();
        }
    };

    private static Dataset tiny() {
        Provenance p = new Provenance("src", "f", "sha", "lic", "cite", 7, 1, 1, List.of("step"), "by hand");
        return new Dataset("tiny", List.of("a", "b"),
                List.of(new Example("1", "xx yy", "a"), new Example("2", "x", "b"), new Example("3", "x y z w", "a")),
                List.of(new Example("4", "abcd", "b")),
                List.of(new Example("5", "ab", "a")), p);
    }

    @Test
    void countsPerSplitAndLabelAndLengths() {
        DatasetStats s = new DatasetStatsCalculator(CHARS).compute(tiny());
        assertEquals(5, s.total());
        assertEquals(7, s.rawCount());
        assertEquals(1, s.duplicatesRemoved());
        assertEquals(List.of("train", "dev", "test"), List.copyOf(s.splits().keySet()));
        SplitStats train = s.splits().get("train");
        assertEquals(3, train.count());
        assertEquals(Map.of("a", 2, "b", 1), train.labels());
        assertEquals(List.of("a", "b"), List.copyOf(train.labels().keySet()), "label order kept");
        // chars: 5, 1, 7 -> mean 4.33, median 5, p90 7, max 7; words: 2, 1, 4
        assertEquals(new LengthSummary(4.33, 5, 7, 7), train.tokens());
        assertEquals(new LengthSummary(2.33, 2, 4, 4), train.words());
        assertEquals(Map.of("a", 0, "b", 1), s.splits().get("dev").labels(), "labels without examples are listed with 0");
        SplitStats all = s.all();
        assertEquals(5, all.count());
        // chars 5,1,7,4,2 -> sorted 1,2,4,5,7
        assertEquals(new LengthSummary(3.8, 4, 7, 7), all.tokens());
        assertEquals("characters", s.tokenizer());
        assertEquals(Checksums.sha256("1\n2\n3"), train.idsSha256());
        assertNotEquals(train.idsSha256(), all.idsSha256());
    }

    @Test
    void lengthSummaryMedianOfEvenCountAndEmpty() {
        assertEquals(new LengthSummary(2.5, 2.5, 4, 4), LengthSummary.of(new int[] {4, 1, 3, 2}));
        assertEquals(new LengthSummary(0, 0, 0, 0), LengthSummary.of(new int[0]));
        assertEquals(0, DatasetStatsCalculator.words("   "));
    }

    @Test
    void wordPieceCountsRealTokensWithoutSpecialTokensOrTruncation() throws IOException {
        try (WordPieceTokenCounter wp = WordPieceTokenCounter.fromClasspath()) {
            // "hello world" -> [hello, world]; "unaffable" -> [una, ##ffa, ##ble]
            int[] c = wp.count(List.of("Hello world", "unaffable", "hello ".repeat(300).strip()));
            assertEquals(2, c[0]);
            assertEquals(3, c[1]);
            assertEquals(300, c[2], "no truncation at 128 and no [CLS]/[SEP]");
            assertTrue(wp.description().contains("all-MiniLM-L6-v2"));
        }
    }
}
