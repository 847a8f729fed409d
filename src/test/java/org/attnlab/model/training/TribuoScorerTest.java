package org.attnlab.model.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Scores against values worked out by hand. */
class TribuoScorerTest {

    @Test
    void binaryScoresMatchHandComputation() {
        // gold:      neg  pos  pos  neg  pos
        // P(pos):    .2   .9   .4   .6   .7   -> predicted neg pos neg pos pos: 3 of 5 right
        int[] gold = {0, 1, 1, 0, 1};
        double[][] p = {{.8, .2}, {.1, .9}, {.6, .4}, {.4, .6}, {.3, .7}};
        ClassificationScores s = TribuoScorer.score(List.of("neg", "pos"), gold, p);
        assertEquals(5, s.n());
        assertEquals(0.6, s.accuracy(), 1e-12);
        // pos: tp 2, fp 1, fn 1 -> F1 2/3; neg: tp 1, fp 1, fn 1 -> F1 1/2; macro = 7/12
        assertEquals(7.0 / 12, s.macroF1(), 1e-12);
        assertEquals(List.of("neg", "pos"), List.copyOf(s.f1ByLabel().keySet()));
        assertEquals(0.5, s.f1ByLabel().get("neg"), 1e-12);
        assertEquals(2.0 / 3, s.f1ByLabel().get("pos"), 1e-12);
        // AUC of P(pos): positive scores {.9,.4,.7} vs negative {.2,.6}: pairs won 2+1+2 = 5 of 6
        assertEquals(5.0 / 6, s.aucRoc(), 1e-12);
    }

    @Test
    void mismatchedLengthsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> TribuoScorer.score(List.of("a", "b"), new int[] {0, 1}, new double[][] {{1, 0}}));
    }
}
