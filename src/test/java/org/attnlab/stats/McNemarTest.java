package org.attnlab.stats;

import static org.attnlab.stats.ScipyFixtures.assertAgrees;
import static org.attnlab.stats.ScipyFixtures.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class McNemarTest {

    @Test
    void agreesWithScipy() {
        for (JsonNode c : ScipyFixtures.section("mcnemar")) {
            int b = c.get("b").intValue();
            int cc = c.get("c").intValue();
            String name = "b=" + b + " c=" + cc;
            assertAgrees(number(c.get("exactP")), McNemar.exactPValue(b, cc), 1e-12, 0, name + " exact p");
            assertAgrees(number(c.get("chiSquare")), McNemar.chiSquare(b, cc), 1e-15, 0, name + " chi2");
            assertAgrees(number(c.get("chiSquareP")), McNemar.chiSquarePValue(b, cc), 1e-12, 0, name + " chi2 p");
        }
    }

    @Test
    void handComputedCases() {
        // n = 9, P(X <= 2) = (1 + 9 + 36) / 2^9.
        assertEquals(2 * 46 / 512.0, McNemar.exactPValue(2, 7), 1e-16);
        assertEquals(McNemar.exactPValue(2, 7), McNemar.exactPValue(7, 2), 0);
        assertEquals(16.0 / 9, McNemar.chiSquare(2, 7), 1e-15);
        // No flips on one side out of 100: 2 / 2^100, far below what 1 - cdf could represent.
        assertEquals(Math.scalb(1.0, -99), McNemar.exactPValue(0, 100), 1e-12 * Math.scalb(1.0, -99));
        assertEquals(1.0, McNemar.exactPValue(4, 4), 0);
        assertEquals(0.0, McNemar.chiSquare(4, 4), 0);
        assertEquals(1.0, McNemar.chiSquarePValue(4, 4), 0);
    }

    @Test
    void defaultIsTheExactTest() {
        assertEquals(McNemar.exactPValue(10, 25), McNemar.pValue(10, 25), 0);
        assertTrue(McNemar.pValue(10, 25) != McNemar.chiSquarePValue(10, 25));
    }

    @Test
    void noDiscordantPairs() {
        assertEquals(1.0, McNemar.pValue(0, 0), 0);
        assertTrue(Double.isNaN(McNemar.chiSquare(0, 0)));
        assertTrue(Double.isNaN(McNemar.chiSquarePValue(0, 0)));
    }

    @Test
    void rejectsNegativeCounts() {
        assertThrows(IllegalArgumentException.class, () -> McNemar.pValue(-1, 3));
        assertThrows(IllegalArgumentException.class, () -> McNemar.chiSquare(3, -1));
    }
}
