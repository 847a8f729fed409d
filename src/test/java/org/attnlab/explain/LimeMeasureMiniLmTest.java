package org.attnlab.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.attnlab.data.TokenizedText;
import org.attnlab.model.djl.DjlBertModel;
import org.attnlab.testing.TestModels;
import org.junit.jupiter.api.Test;

/** LIME through a real WordPiece model (MiniLM with an untrained head): words, batching and seeding end to end. */
class LimeMeasureMiniLmTest {

    @Test
    void subwordPiecesShareTheirWordsScoreAndASeedRepeatsIt() {
        try (DjlBertModel model = DjlBertModel.load(TestModels.minilmClassifier())) {
            TokenizedText input = model.tokenize("An unwatchable, overlong mess with one good scene.", false);
            List<String> tokens = input.tokens();
            assertTrue(tokens.stream().anyMatch(t -> t.startsWith("##")), "no word was split: " + tokens);
            double[] scores = new LimeMeasure(96, 5).explain(new Instance(model, "u1", input, 0)).scores();
            String shown = tokens + " " + Arrays.toString(scores);
            assertEquals(input.length(), scores.length);
            assertEquals(0.0, scores[0]);
            assertEquals(0.0, scores[scores.length - 1]);
            int nonZero = 0;
            for (int t = 1; t < tokens.size() - 1; t++) {
                if (tokens.get(t).startsWith("##")) {
                    assertEquals(scores[t - 1], scores[t], 0.0, shown);
                } else {
                    nonZero += scores[t] != 0 ? 1 : 0;
                }
            }
            assertTrue(nonZero >= 2, shown);
            // A fresh instance: the same seed draws the same samples, and the model's batches are deterministic.
            double[] again = new LimeMeasure(96, 5).explain(new Instance(model, "u1", input, 0)).scores();
            assertArrayEquals(scores, again, 1e-9);
        }
    }
}
