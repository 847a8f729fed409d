package org.attnlab.stats;

import static org.attnlab.stats.ScipyFixtures.assertAgrees;
import static org.attnlab.stats.ScipyFixtures.number;
import static org.attnlab.stats.ScipyFixtures.numbers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DivergencesTest {

    private static final double LN2 = Math.log(2);

    @Test
    void agreesWithNumpy() {
        for (JsonNode c : ScipyFixtures.section("divergences")) {
            String name = c.get("name").asText();
            double[] p = numbers(c.get("p"));
            double[] q = numbers(c.get("q"));
            assertAgrees(number(c.get("jsd")), Divergences.jensenShannon(p, q), 1e-13, 1e-17, name + " jsd");
            assertAgrees(number(c.get("tvd")), Divergences.totalVariation(p, q), 1e-14, 1e-17, name + " tvd");
            assertAgrees(number(c.get("klPQ")), Divergences.kullbackLeibler(p, q), 1e-13, 1e-17, name + " kl(p||q)");
            assertAgrees(number(c.get("klQP")), Divergences.kullbackLeibler(q, p), 1e-13, 1e-17, name + " kl(q||p)");
        }
    }

    @Test
    void handComputedCases() {
        double[] half = {0.5, 0.5};
        double[] skewed = {0.9, 0.1};
        assertEquals(0.4, Divergences.totalVariation(half, skewed), 1e-15);
        // 0.5 ln(0.5/0.9) + 0.5 ln(0.5/0.1) = 0.5 ln(25/9) = ln(5/3).
        assertEquals(Math.log(5.0 / 3), Divergences.kullbackLeibler(half, skewed), 1e-15);
        // m = (0.7, 0.3): 0.5 [0.5 ln(0.5/0.7) + 0.5 ln(0.5/0.3)] + 0.5 [0.9 ln(0.9/0.7) + 0.1 ln(0.1/0.3)].
        double expected = 0.5 * (0.5 * Math.log(5.0 / 7) + 0.5 * Math.log(5.0 / 3))
                + 0.5 * (0.9 * Math.log(9.0 / 7) + 0.1 * Math.log(1.0 / 3));
        assertEquals(expected, Divergences.jensenShannon(half, skewed), 1e-15);
        assertEquals(LN2, Divergences.jensenShannon(new double[] {1, 0, 0}, new double[] {0, 0.5, 0.5}), 1e-15);
        assertEquals(1.0, Divergences.totalVariation(new double[] {1, 0}, new double[] {0, 1}), 0);
        assertEquals(Double.POSITIVE_INFINITY, Divergences.kullbackLeibler(new double[] {0.5, 0.5}, new double[] {1, 0}));
        assertEquals(0.0, Divergences.kullbackLeibler(new double[] {1, 0}, new double[] {0.5, 0.5}) - LN2, 1e-15);
    }

    @Test
    void boundsOnRandomDistributions() {
        Random random = new Random(3);
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + random.nextInt(50);
            double[] p = randomDistribution(random, n);
            double[] q = randomDistribution(random, n);
            double jsd = Divergences.jensenShannon(p, q);
            double tvd = Divergences.totalVariation(p, q);
            assertEquals(jsd, Divergences.jensenShannon(q, p), 1e-15, "symmetric");
            assertEquals(0.0, Divergences.jensenShannon(p, p), 0, "zero on itself");
            // Pinsker on each half gives JSD >= TVD^2 / 2; Lin (1991) gives JSD <= TVD ln 2 <= ln 2.
            assertTrue(jsd >= tvd * tvd / 2 - 1e-15 && jsd <= tvd * LN2 + 1e-15,
                    "trial " + trial + ": jsd " + jsd + ", tvd " + tvd);
            assertTrue(tvd <= 1 + 1e-15, "tvd " + tvd);
            assertTrue(Divergences.kullbackLeibler(p, q) >= 2 * tvd * tvd - 1e-12, "Pinsker");
        }
    }

    @Test
    void rejectsWhatIsNotAProbabilityVector() {
        double[] ok = {0.5, 0.5};
        assertThrows(IllegalArgumentException.class, () -> Divergences.jensenShannon(ok, new double[] {1.5, -0.5}));
        assertThrows(IllegalArgumentException.class, () -> Divergences.totalVariation(new double[] {Double.NaN, 1}, ok));
        assertThrows(IllegalArgumentException.class, () -> Divergences.kullbackLeibler(ok, new double[] {Double.POSITIVE_INFINITY, 0}));
        assertThrows(IllegalArgumentException.class, () -> Divergences.jensenShannon(ok, new double[] {1}));
    }

    /** Some entries exactly zero, so that the 0 log 0 convention is exercised. */
    private static double[] randomDistribution(Random random, int n) {
        double[] d = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            d[i] = random.nextInt(4) == 0 ? 0 : -Math.log(random.nextDouble());
            sum += d[i];
        }
        if (sum == 0) {
            d[0] = sum = 1;
        }
        for (int i = 0; i < n; i++) {
            d[i] /= sum;
        }
        return d;
    }
}
