package org.attnlab.model.djl.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.attnlab.model.djl.WordPieceVectors;
import org.attnlab.model.hf.HfModelDirectory;
import org.attnlab.testing.TestModels;
import org.junit.jupiter.api.Test;

/**
 * {@code word_vectors: minilm}: the rows are MiniLM's word-piece vectors (tested against ONNX Runtime in
 * WordPieceVectorsOracleTest) brought to 300 dimensions. A vocabulary of fewer than 300 words spans fewer
 * than 300 directions, so the reduction must keep every length and every angle exactly.
 */
class TransformerWordVectorStartTest {

    @Test
    void keepsEveryDotProductOfTheWordPieceVectorsAndLeavesTheSpecialsEmpty() {
        Vocabulary vocabulary = Vocabulary.build(List.of("the film was wonderful", "the acting was unwatchable",
                "i didn't laugh once"), 1, 100, Vocabulary.Words.KERAS, true);
        HfModelDirectory minilm = new HfModelDirectory(TestModels.minilm());
        float[][] rows = WordVectorStart.fromTransformer(minilm, vocabulary, 300);

        List<String> words = new ArrayList<>();
        for (int id = Vocabulary.SPECIALS.size(); id < vocabulary.size(); id++) {
            words.add(vocabulary.token(id));
        }
        float[][] pieces = WordPieceVectors.of(minilm, words);
        assertEquals(vocabulary.size(), rows.length);
        for (int id = 0; id < Vocabulary.SPECIALS.size(); id++) {
            assertNull(rows[id], "special token " + vocabulary.token(id) + " starts at zero");
        }
        int s = Vocabulary.SPECIALS.size();
        for (int a = 0; a < words.size(); a++) {
            assertEquals(300, rows[s + a].length);
            for (int b = 0; b < words.size(); b++) {
                double want = dot(pieces[a], pieces[b]);
                assertEquals(want, dot(rows[s + a], rows[s + b]), 1e-5 * Math.max(1, Math.abs(want)),
                        words.get(a) + " . " + words.get(b));
            }
        }
        assertTrue(dot(pieces[0], pieces[0]) > 0.1, "the oracle rows are not degenerate");
    }

    private static double dot(float[] x, float[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (double) x[i] * y[i];
        }
        return s;
    }
}
