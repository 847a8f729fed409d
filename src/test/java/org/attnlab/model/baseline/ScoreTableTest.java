package org.attnlab.model.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.attnlab.model.training.ClassificationScores;
import org.junit.jupiter.api.Test;

/** Rendering of the "dataset and model" table. */
class ScoreTableTest {

    private static final ScoreTable TABLE = new ScoreTable("uci-yelp", "test", 150, List.of(
            new ScoreTable.Row("minilm-uci-yelp", "models/minilm-uci-yelp", 64, 15.27, ScoreTable.LengthUnit.TOKENS,
                    new ClassificationScores(150, 0.95333, 0.95331, 0.98881, java.util.Map.of())),
            new ScoreTable.Row("bow-logreg", "baseline", 0, 12.04, ScoreTable.LengthUnit.WORDS,
                    new ClassificationScores(150, 0.8, 0.79, 0.9, java.util.Map.of()))));

    @Test
    void textIsAlignedWithCaptionAndFootnote() {
        String[] lines = TABLE.text().split("\n");
        assertEquals("dataset uci-yelp, test split, n = 150", lines[0]);
        assertTrue(lines[1].startsWith("model "), lines[1]);
        assertTrue(lines[2].startsWith("minilm-uci-yelp  ") && lines[2].contains("0.9533") && lines[2].endsWith("0.9888"),
                lines[2]);
        assertTrue(lines[3].contains(" - ") && lines[3].contains("12.0 w") && lines[3].endsWith("0.9000"), lines[3]);
        // Right-aligned numbers: every row has the same width.
        assertEquals(lines[1].length(), lines[2].length());
        assertEquals(lines[1].length(), lines[3].length());
        assertTrue(lines[4].startsWith("mean len:"), lines[4]);
    }

    @Test
    void markdownIsAProperTable() {
        List<String> rows = TABLE.markdown().lines().filter(l -> l.startsWith("|")).toList();
        assertEquals(4, rows.size()); // header, separator, two models
        assertEquals("| model | max len | mean len | accuracy | macro-F1 | AUC |", rows.get(0));
        assertEquals("|---|---:|---:|---:|---:|---:|", rows.get(1));
        assertEquals("| minilm-uci-yelp | 64 | 15.3 | 0.9533 | 0.9533 | 0.9888 |", rows.get(2));
        for (String r : rows) {
            assertEquals(7, r.chars().filter(c -> c == '|').count(), r);
        }
        assertTrue(TABLE.markdown().startsWith("**dataset uci-yelp, test split, n = 150**\n\n|"));
    }

    @Test
    void jsonKeepsUnroundedValues() throws Exception {
        JsonNode root = new ObjectMapper().readTree(TABLE.json());
        assertEquals("uci-yelp", root.get("dataset").asText());
        assertEquals(150, root.get("n").asInt());
        JsonNode m = root.get("models").get(0);
        assertEquals(64, m.get("max_length").asInt());
        assertEquals(0.95333, m.get("accuracy").asDouble(), 0);
        assertEquals("tokens", m.get("length_unit").asText());
        JsonNode b = root.get("models").get(1);
        assertTrue(b.get("max_length").isNull());
        assertEquals("words", b.get("length_unit").asText());
    }
}
