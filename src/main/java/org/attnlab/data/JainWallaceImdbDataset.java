package org.attnlab.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * IMDB prepared as Jain &amp; Wallace (2019) prepared it ({@code preprocess/IMDB/IMDB.ipynb} and
 * {@code Trainers/DatasetBC.py} of successar/AttentionExplanation), from the same 50,000 reviews as
 * {@code imdb}. Each text is its {@link KerasWords} joined by single spaces (lowercase, punctuation
 * gone, apostrophes kept, {@code <br />} leaves {@code br}).
 *
 * <p>Their source has Maas et al.'s 25k/25k train/test split; ours has none, so a seeded stratified
 * 50/50 partition stands in for it. Then, as their code does: in both halves, reviews of 400 words or
 * more are dropped (never cut) and so are reviews of 6 words or fewer ({@code filterbylength} keeps
 * {@code len > min_length}); dev is 20% of the filtered train half, train the rest; test is a random
 * 20% of the filtered test half, the rest is unused. Our draws are stratified by label and use
 * {@link StratifiedSplitter} with {@link DatasetCatalog#SPLIT_SEED} (theirs: scikit-learn's
 * {@code train_test_split}, unstratified, {@code random_state=1378}). One difference: their length
 * filter with {@code max_length=None} also drops the reviews whose length equals a split's maximum
 * (a handful of 399-word reviews); ours keeps them. Texts whose word sequence repeats an earlier one
 * are dropped first (their data kept IMDB's few duplicates; we keep a duplicate out of train and test).
 */
final class JainWallaceImdbDataset implements BuiltinDataset {

    static final String NAME = "imdb-jw";
    /** Reviews of this many words or more are dropped. */
    static final int MAX_WORDS_EXCLUSIVE = 400;
    /** Reviews of this many words or fewer are dropped. */
    static final int MIN_WORDS_EXCLUSIVE = 6;
    static final double TEST_HALF = 0.5;
    static final double DEV_OF_TRAIN = 0.2;
    static final double TEST_OF_TEST_HALF = 0.2;

    @Override
    public List<String> labels() {
        return ImdbDataset.LABELS;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "IMDB as Jain & Wallace (2019) prepared it: Keras words, < 400 words, their split proportions";
    }

    @Override
    public SourceArchive archive() {
        return ImdbDataset.ARCHIVE;
    }

    @Override
    public String files() {
        return ImdbDataset.MEMBER;
    }

    @Override
    public String license() {
        return ImdbDataset.LICENSE;
    }

    @Override
    public String citation() {
        return ImdbDataset.CITATION;
    }

    @Override
    public int expectedSize() {
        return EXPECTED_SIZE;
    }

    static final int EXPECTED_SIZE = 25_698;

    @Override
    public Dataset load(DatasetFetcher fetcher) throws IOException {
        Path tgz = fetcher.fetch(ImdbDataset.ARCHIVE);
        List<SourceRecord> records = Archives.readTgzMember(tgz, ImdbDataset.MEMBER,
                in -> JsonRecordReader.readJsonArray(in, ImdbDataset.ARCHIVE.fileName() + "!" + ImdbDataset.MEMBER));
        return build(records, ImdbDataset.ARCHIVE.describe(), ImdbDataset.ARCHIVE.sha256(), DatasetCatalog.SPLIT_SEED);
    }

    /** Builds the dataset from the records of {@code reviews.json} (or a slice of it); see the class comment. */
    static Dataset build(List<SourceRecord> records, String source, String sha256, long seed) {
        List<Example> unique = new ArrayList<>();
        Map<String, String> labelOfText = new HashMap<>();
        int duplicates = 0;
        for (int i = 0; i < records.size(); i++) {
            SourceRecord r = records.get(i);
            String text = String.join(" ", KerasWords.words(r.require("t")));
            String label = ImdbDataset.sentimentLabel(r, "s");
            if (text.isEmpty()) {
                throw r.error("review has no words");
            }
            if (labelOfText.putIfAbsent(text, label) != null) {
                duplicates++;
                continue;
            }
            unique.add(new Example(String.format(Locale.ROOT, "imdb-%05d", i), text, label));
        }
        List<String> labels = ImdbDataset.LABELS;
        Splits halves = new StratifiedSplitter(0, TEST_HALF, seed).split(unique, labels);
        List<Example> trainHalf = keptByLength(halves.train());
        List<Example> testHalf = keptByLength(halves.test());
        Splits trainDev = new StratifiedSplitter(DEV_OF_TRAIN, 0, seed).split(trainHalf, labels);
        Splits testPart = new StratifiedSplitter(0, TEST_OF_TEST_HALF, seed).split(testHalf, labels);
        List<String> steps = List.of(
                "label s=0 -> negative, s=1 -> positive",
                "text = Keras text_to_word_sequence (lowercase; the characters " + KerasWords.FILTERS
                        + " and tab/newline replaced by spaces; split on spaces) joined by single spaces",
                "drop reviews whose word sequence equals an earlier review's (first occurrence kept): " + duplicates + " dropped",
                String.format(Locale.ROOT, "in each half of the 50/50 partition keep reviews of %d < words < %d: train half %d of %d, "
                        + "test half %d of %d", MIN_WORDS_EXCLUSIVE, MAX_WORDS_EXCLUSIVE, trainHalf.size(), halves.train().size(),
                        testHalf.size(), halves.test().size()));
        String split = String.format(Locale.ROOT, "no split in the source; seeded stratified 50/50 partition (seed %d) stands in "
                + "for IMDB's train/test; dev = %.0f%% of the filtered train half, test = %.0f%% of the filtered test half "
                + "(Jain & Wallace's proportions; StratifiedSplitter, seed %d)", seed, DEV_OF_TRAIN * 100, TEST_OF_TEST_HALF * 100, seed);
        Provenance p = new Provenance(source, ImdbDataset.MEMBER, sha256, ImdbDataset.LICENSE, ImdbDataset.CITATION,
                records.size(), 0, duplicates, steps, split);
        return new Dataset(NAME, labels, trainDev.train(), trainDev.dev(), testPart.test(), p);
    }

    private static List<Example> keptByLength(List<Example> examples) {
        List<Example> out = new ArrayList<>();
        for (Example e : examples) {
            int words = e.text().split(" ").length;
            if (words > MIN_WORDS_EXCLUSIVE && words < MAX_WORDS_EXCLUSIVE) {
                out.add(e);
            }
        }
        return out;
    }
}
