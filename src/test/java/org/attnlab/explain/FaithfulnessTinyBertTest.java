package org.attnlab.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.attnlab.data.TokenizedText;
import org.attnlab.explain.faithfulness.Faithfulness;
import org.attnlab.explain.faithfulness.FaithfulnessResult;
import org.attnlab.explain.faithfulness.TokenDeletion;
import org.attnlab.model.Precision;
import org.attnlab.model.djl.DjlBertModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both deletions on a real (tiny, float64) BERT against the reference forward of {@link TinyBert}: removal runs the
 * shortened id sequence, masking gives the deleted keys no attention in every layer. Many variants of different
 * lengths share one padded batch, so this also checks that padding changes nothing.
 */
class FaithfulnessTinyBertTest {

    @TempDir static Path tmp;
    private static TinyBert reference;
    private static DjlBertModel model;

    @BeforeAll
    static void load() throws Exception {
        reference = TinyBert.write(tmp.resolve("two"), 2, 21);
        model = DjlBertModel.load(reference.dir, Precision.FLOAT64);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void removalAndMaskingMatchTheReferenceForward() {
        TokenizedText t = model.tokenize("the film was not bad at all, and the music was lovely", false);
        Instance x = new Instance(model, "x", t, 0);
        Map<String, double[]> scores = new LinkedHashMap<>();
        scores.put("random", new RandomOrderMeasure(3).explain(x).scores());
        scores.put("rollout", new RolloutMeasure(0).explain(x).scores());
        int n = t.length();
        int y = x.predicted();
        double p0 = reference.forward(t.ids()).probabilities()[y];
        for (TokenDeletion deletion : TokenDeletion.values()) {
            Faithfulness f = new Faithfulness(Faithfulness.ERASER_FRACTIONS, deletion);
            Map<String, FaithfulnessResult> results = f.evaluate(x, scores);
            for (Map.Entry<String, double[]> e : scores.entrySet()) {
                FaithfulnessResult r = results.get(e.getKey());
                assertEquals(p0, r.probability(), 1e-12);
                Integer[] order = java.util.stream.IntStream.range(1, n - 1).boxed().toArray(Integer[]::new);
                java.util.Arrays.sort(order, (a, b) -> Double.compare(e.getValue()[b], e.getValue()[a]));
                for (int k = 0; k < r.tokens().length; k++) {
                    boolean[] top = new boolean[n];
                    for (int i = 0; i < r.tokens()[k]; i++) {
                        top[order[i]] = true;
                    }
                    boolean[] rest = new boolean[n];
                    for (int i = 1; i < n - 1; i++) {
                        rest[i] = !top[i];
                    }
                    String what = deletion + " " + e.getKey() + " k=" + r.fractions()[k];
                    assertEquals(p0 - probability(t.ids(), top, deletion, y), r.comprehensiveness()[k], 1e-9, what);
                    assertEquals(p0 - probability(t.ids(), rest, deletion, y), r.sufficiency()[k], 1e-9, what);
                }
            }
            System.out.printf("%s: AOPC comprehensiveness random %.4f rollout %.4f%n", deletion,
                    results.get("random").aopcComprehensiveness(), results.get("rollout").aopcComprehensiveness());
        }
        assertTrue(n > 12, "long enough for distinct top-k sets");
    }

    private static double probability(long[] ids, boolean[] out, TokenDeletion deletion, int y) {
        if (deletion == TokenDeletion.MASK) {
            return reference.forward(ids, -1, -1, out).probabilities()[y];
        }
        long[] kept = java.util.stream.IntStream.range(0, ids.length).filter(i -> !out[i]).mapToLong(i -> ids[i]).toArray();
        return reference.forward(kept).probabilities()[y];
    }
}
