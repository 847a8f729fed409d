package org.attnlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reuters-21578 (Lewis) one-vs-rest topic sets as shipped with Weka: {@code ReutersCorn} and
 * {@code ReutersGrain}, train 1,554 / test 604 documents each (a fifth of the ModApte split), from
 * the Debian package {@code weka} 3.6.14-3 ({@code usr/share/doc/weka/examples/Reuters<Topic>-{train,test}.arff},
 * attributes {@code Text string} and {@code class-att {0,1}}).
 *
 * <p>Preprocessing: ARFF escapes undone; SGML leftovers decoded ({@code &lt;} etc.) and the
 * {@code &#2;}/{@code &#3;} markers removed; whitespace normalised. Labels: class-att 0 -> {@code other},
 * 1 -> the topic. Split: the given train and test are kept; dev is a seeded stratified 15% of train.
 */
final class ReutersDataset implements BuiltinDataset {

    static final SourceArchive ARCHIVE = new SourceArchive("weka_3.6.14-3_all.deb",
            "58ea5ec3b42ca9719be5756d1bd64ebed0e69d16d6fffa200b3cebf4ccccab16", 6_627_440L,
            SourceArchive.Client.APT, "weka=3.6.14-3");
    static final String DIR = "usr/share/doc/weka/examples/";
    static final double DEV = 0.15;

    private final String topic; // Corn or Grain
    private final String trainSha256;
    private final String testSha256;

    ReutersDataset(String topic, String trainSha256, String testSha256) {
        this.topic = topic;
        this.trainSha256 = trainSha256;
        this.testSha256 = testSha256;
    }

    @Override
    public String name() {
        return "reuters-" + topic.toLowerCase(Locale.ROOT);
    }

    @Override
    public String description() {
        return "Reuters-21578 newswire, " + topic.toLowerCase(Locale.ROOT) + " vs other (Weka's ModApte subset)";
    }

    @Override
    public SourceArchive archive() {
        return ARCHIVE;
    }

    @Override
    public String files() {
        return DIR + "Reuters" + topic + "-train.arff, " + DIR + "Reuters" + topic + "-test.arff";
    }

    List<String> members() {
        return List.of(DIR + "Reuters" + topic + "-train.arff", DIR + "Reuters" + topic + "-test.arff");
    }

    @Override
    public List<String> labels() {
        return List.of("other", topic.toLowerCase(Locale.ROOT));
    }

    @Override
    public String license() {
        return "Debian package weka 3.6.14-3: GPL-2+ (debian/copyright: (C) 1998-2008 University of Waikato for all "
                + "files not otherwise mentioned; the ARFFs are not mentioned); the texts are Reuters-21578 "
                + "Distribution 1.0, copyright Reuters Ltd., free distribution for research purposes only";
    }

    @Override
    public String citation() {
        return "David D. Lewis. Reuters-21578 text categorization test collection, Distribution 1.0 (1997); "
                + "ARFF files from Weka 3.6 (Hall et al., The WEKA Data Mining Software: An Update, SIGKDD Explorations 11(1), 2009).";
    }

    @Override
    public int expectedSize() {
        return 1554 + 604;
    }

    @Override
    public Dataset load(DatasetFetcher fetcher) throws IOException {
        List<Path> files = fetcher.debMembers(ARCHIVE, members(), List.of(trainSha256, testSha256));
        ArffData train;
        ArffData test;
        try (InputStream in = Files.newInputStream(files.get(0))) {
            train = ArffReader.read(in, files.get(0).toString());
        }
        try (InputStream in = Files.newInputStream(files.get(1))) {
            test = ArffReader.read(in, files.get(1).toString());
        }
        return build(train, test, ARCHIVE.describe(), ARCHIVE.sha256(), DatasetCatalog.SPLIT_SEED);
    }

    /** Builds the dataset from the parsed train and test ARFFs (or slices of them). */
    Dataset build(ArffData train, ArffData test, String origin, String sha256, long seed) {
        List<Example> trainEx = examples(train, "train");
        List<Example> testEx = examples(test, "test");
        StratifiedSplitter splitter = new StratifiedSplitter(DEV, 0, seed);
        Splits s = splitter.carveDev(trainEx, testEx, labels());
        List<String> steps = List.of(
                "undo ARFF quoting and escapes (\\n, \\', \\\")",
                "remove the SGML markers &#2; and &#3;, decode &lt; &gt; &amp;",
                "collapse whitespace runs (line breaks, indentation) to one space, trim",
                "label class-att 0 -> other, 1 -> " + labels().get(1));
        Provenance p = new Provenance(origin, files(), sha256, license(), citation(),
                train.rows().size() + test.rows().size(), 0, 0, steps,
                "given train/test kept; dev carved from train: " + splitter.describe().replace("test 0.00", "test from the source"));
        return new Dataset(name(), labels(), s.train(), s.dev(), s.test(), p);
    }

    private List<Example> examples(ArffData arff, String part) {
        int text = arff.indexOf("Text");
        int cls = arff.indexOf("class-att");
        if (arff.attributes().get(text).type() != ArffData.Type.STRING
                || !arff.attributes().get(cls).nominal().equals(List.of("0", "1"))) {
            throw new DatasetFormatException(arff.file(), 0, "expected attributes 'Text string' and 'class-att {0,1}', found "
                    + arff.attributes());
        }
        List<Example> out = new ArrayList<>();
        List<ArffData.Row> rows = arff.rows();
        for (int i = 0; i < rows.size(); i++) {
            ArffData.Row row = rows.get(i);
            String raw = row.values().get(text);
            String c = row.values().get(cls);
            if (raw == null || c == null) {
                throw new DatasetFormatException(arff.file(), row.line(), "missing value ('?') for "
                        + (raw == null ? "Text" : "class-att"));
            }
            String cleaned = TextCleaning.decodeReutersSgml(raw);
            if (cleaned.isEmpty()) {
                throw new DatasetFormatException(arff.file(), row.line(), "empty text");
            }
            out.add(new Example(String.format(Locale.ROOT, "%s-%s-%04d", name(), part, i), cleaned,
                    labels().get(Integer.parseInt(c))));
        }
        return out;
    }
}
