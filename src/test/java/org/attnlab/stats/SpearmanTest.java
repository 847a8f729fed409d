package org.attnlab.stats;

import static org.attnlab.stats.ScipyFixtures.assertAgrees;
import static org.attnlab.stats.ScipyFixtures.number;
import static org.attnlab.stats.ScipyFixtures.numbers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class SpearmanTest {

    @Test
    void agreesWithScipy() {
        for (JsonNode c : ScipyFixtures.section("correlations")) {
            String name = "spearmanr " + c.get("name").asText();
            Correlation r = Spearman.of(numbers(c.get("x")), numbers(c.get("y")));
            assertAgrees(number(c.get("spearmanRho")), r.coefficient(), 0, 1e-15, name + " rho");
            assertAgrees(number(c.get("spearmanP")), r.pValue(), 1e-12, 0, name + " p");
        }
    }

    @Test
    void handComputedCases() {
        // rho = 1 - 6 sum d^2 / (n (n^2 - 1)) = 1 - 12/24; t = 1/sqrt 3 on 1 dof: p = 1 - (2/pi) atan(t) = 2/3.
        Correlation r = Spearman.of(new double[] {1, 2, 3}, new double[] {1, 3, 2});
        assertEquals(0.5, r.coefficient(), 1e-15);
        assertEquals(2.0 / 3, r.pValue(), 1e-14);
        // Ties take their average rank: y's ranks are (1.5, 1.5, 3), whose correlation with (1, 2, 3) is sqrt(3)/2.
        r = Spearman.of(new double[] {1, 2, 3}, new double[] {5, 5, 9});
        assertEquals(Math.sqrt(3) / 2, r.coefficient(), 1e-15);
        // Perfect monotone relation on 4 points: rho = -1, t infinite, p = 0.
        r = Spearman.of(new double[] {1, 2, 3, 4}, new double[] {9, 4, 1, 0});
        assertEquals(-1.0, r.coefficient(), 0);
        assertEquals(0.0, r.pValue(), 0);
    }

    @Test
    void twoPairsHaveACoefficientButNoPValue() {
        Correlation r = Spearman.of(new double[] {1, 2}, new double[] {4, 3});
        assertEquals(-1.0, r.coefficient(), 1e-15);
        assertTrue(Double.isNaN(r.pValue()));
    }

    @Test
    void undefinedInputGivesNaN() {
        KendallTauTest.assertUndefined(Spearman.of(new double[] {1, 2, 3}, new double[] {0, 0, 0}), 3);
        KendallTauTest.assertUndefined(Spearman.of(new double[] {1}, new double[] {1}), 1);
        KendallTauTest.assertUndefined(Spearman.of(new double[] {1, 2, 3}, new double[] {1, Double.NaN, 3}), 3);
        assertThrows(IllegalArgumentException.class, () -> Spearman.of(new double[3], new double[2]));
    }
}
