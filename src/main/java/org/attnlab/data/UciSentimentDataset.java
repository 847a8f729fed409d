package org.attnlab.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One of the three UCI Sentiment Labelled Sentences sets (Kotzias et al. 2015): Amazon, IMDB or
 * Yelp, 500 positive and 500 negative sentences each, from the npm package {@code sentiment@5.0.2}
 * ({@code package/test/fixtures/<source>.json}, a JSON array of {@code {"text", "class": 0|1}}
 * with a trailing placeholder whose class is null, which is dropped).
 *
 * <p>Preprocessing: whitespace normalised; duplicates are kept (they are distinct reviews that
 * happen to read the same, e.g. "Great phone!"). Split: seeded stratified 70/15/15.
 */
final class UciSentimentDataset implements BuiltinDataset {

    static final SourceArchive ARCHIVE = new SourceArchive("sentiment-5.0.2.tgz",
            "89302eb03d2005d03b214fe65814bb48adb7d3c42c8ca80bdee6a3ecb7e4480f", 141_649L,
            SourceArchive.Client.NPM, "sentiment@5.0.2");
    static final List<String> LABELS = List.of("negative", "positive");
    static final double DEV = 0.15;
    static final double TEST = 0.15;

    private final String source; // amazon, imdb or yelp

    UciSentimentDataset(String source) {
        this.source = source;
    }

    @Override
    public List<String> labels() {
        return LABELS;
    }

    @Override
    public String name() {
        return "uci-" + source;
    }

    @Override
    public String description() {
        String site = switch (source) {
            case "amazon" -> "Amazon product review";
            case "imdb" -> "IMDB movie review";
            default -> "Yelp restaurant review";
        };
        return site + " sentences, binary sentiment (Kotzias et al. 2015)";
    }

    @Override
    public SourceArchive archive() {
        return ARCHIVE;
    }

    @Override
    public String files() {
        return member();
    }

    String member() {
        return "package/test/fixtures/" + source + ".json";
    }

    @Override
    public String license() {
        return "package sentiment 5.0.2: MIT (Andrew Sliwinski, package.json and LICENSE.md); the sentences are "
                + "the UCI ML Repository's Sentiment Labelled Sentences data set, which UCI lists under CC BY 4.0";
    }

    @Override
    public String citation() {
        return "Dimitrios Kotzias, Misha Denil, Nando de Freitas, Padhraic Smyth. From Group to Individual Labels "
                + "Using Deep Features. KDD 2015, pp. 597-606.";
    }

    @Override
    public int expectedSize() {
        return 1000;
    }

    @Override
    public Dataset load(DatasetFetcher fetcher) throws IOException {
        Path tgz = fetcher.fetch(ARCHIVE);
        List<SourceRecord> records = Archives.readTgzMember(tgz, member(),
                in -> JsonRecordReader.readJsonArray(in, ARCHIVE.fileName() + "!" + member()));
        return build(records, ARCHIVE.describe(), ARCHIVE.sha256(), DatasetCatalog.SPLIT_SEED);
    }

    /** Builds the dataset from the records of the fixture file (or a slice of it). */
    Dataset build(List<SourceRecord> records, String origin, String sha256, long seed) {
        List<Example> kept = new ArrayList<>();
        int unlabelled = 0;
        for (int i = 0; i < records.size(); i++) {
            SourceRecord r = records.get(i);
            if (r.isNull("class")) {
                unlabelled++;
                continue;
            }
            String label = ImdbDataset.sentimentLabel(r, "class");
            String text = TextCleaning.normalizeWhitespace(r.require("text"));
            if (text.isEmpty()) {
                throw r.error("empty text");
            }
            kept.add(new Example(String.format(Locale.ROOT, "%s-%04d", name(), i), text, label));
        }
        StratifiedSplitter splitter = new StratifiedSplitter(DEV, TEST, seed);
        Splits s = splitter.split(kept, LABELS);
        List<String> steps = List.of(
                "drop entries whose class is null (" + unlabelled + ": the file's empty trailing placeholder)",
                "label class=0 -> negative, class=1 -> positive",
                "collapse whitespace runs to one space, trim",
                "duplicate texts kept (distinct reviews with the same wording)");
        Provenance p = new Provenance(origin, member(), sha256, license(), citation(), records.size(),
                unlabelled, 0, steps, "no split in the source; " + splitter.describe() + " => 70/15/15");
        return new Dataset(name(), LABELS, s.train(), s.dev(), s.test(), p);
    }
}
