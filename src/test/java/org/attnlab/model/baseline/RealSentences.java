package org.attnlab.model.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attnlab.data.Dataset;
import org.attnlab.data.Example;
import org.attnlab.data.FileFormat;
import org.attnlab.data.Provenance;
import org.attnlab.data.UserDatasetLoader;
import org.attnlab.data.UserDatasetSpec;

/**
 * The real UCI sentiment sentences committed under {@code src/test/resources/data} (see NOTICE.md there):
 * the three {@code uci-*-slice.json} files and the three {@code user-*} files, without repeated texts,
 * labelled {@code neg}/{@code pos} (the labels of {@code TestModels.minilmClassifier()}). Read without
 * any network access.
 */
public final class RealSentences {

    private RealSentences() {
    }

    /** Every distinct sentence, in file order, labelled {@code neg} or {@code pos}. */
    public static List<Example> all() {
        Map<String, Example> byText = new LinkedHashMap<>();
        try {
            for (String set : List.of("amazon", "imdb", "yelp")) {
                JsonNode array = new ObjectMapper().readTree(path("uci-" + set + "-slice.json").toFile());
                for (JsonNode o : array) {
                    if (!o.path("class").isNull()) { // the trailing null-class placeholder
                        add(byText, set, o.path("text").asText(), o.path("class").asInt() == 1);
                    }
                }
            }
            addUser(byText, "user-yelp.csv", FileFormat.CSV, "sentence", "sentiment", "pos");
            addUser(byText, "user-amazon.tsv", FileFormat.TSV, "text", "label", "positive");
            addUser(byText, "user-imdb.jsonl", FileFormat.JSONL, "text", "label", "1");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(byText.values());
    }

    /** A dataset of {@link #all()} with the given two label names: every fourth sentence tests, the rest train. */
    public static Dataset dataset(String name, String negative, String positive) {
        List<Example> train = new ArrayList<>();
        List<Example> test = new ArrayList<>();
        List<Example> all = all();
        for (int i = 0; i < all.size(); i++) {
            Example e = all.get(i);
            Example relabelled = new Example(e.id(), e.text(), e.label().equals("pos") ? positive : negative);
            (i % 4 == 3 ? test : train).add(relabelled);
        }
        Provenance p = new Provenance("src/test/resources/data", "uci-*-slice.json, user-*", "none",
                "see NOTICE.md", "Kotzias et al. 2015", all.size(), 0, 0, List.of(), "every fourth to test");
        return new Dataset(name, List.of(negative, positive), train, List.of(), test, p);
    }

    private static void addUser(Map<String, Example> byText, String file, FileFormat format, String textField,
                                String labelField, String positiveLabel) throws IOException {
        Dataset d = UserDatasetLoader.load(new UserDatasetSpec(path(file), format, textField, labelField, List.of(),
                null, null));
        for (Example e : d.all()) {
            add(byText, file, e.text(), e.label().equals(positiveLabel));
        }
    }

    private static void add(Map<String, Example> byText, String source, String text, boolean positive) {
        String t = text.strip();
        byText.putIfAbsent(t, new Example(source + "-" + byText.size(), t, positive ? "pos" : "neg"));
    }

    private static Path path(String name) {
        URL url = RealSentences.class.getClassLoader().getResource("data/" + name);
        if (url == null) {
            throw new IllegalStateException("missing test resource data/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
