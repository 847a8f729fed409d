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

class KendallTauTest {

    @Test
    void agreesWithScipy() {
        for (JsonNode c : ScipyFixtures.section("correlations")) {
            String name = "kendalltau " + c.get("name").asText();
            Correlation r = KendallTau.of(numbers(c.get("x")), numbers(c.get("y")));
            assertAgrees(number(c.get("kendallTau")), r.coefficient(), 0, 1e-15, name + " tau");
            assertAgrees(number(c.get("kendallP")), r.pValue(), 1e-12, 0, name + " p");
            assertEquals(c.get("x").size(), r.n(), name + " n");
        }
    }

    @Test
    void handComputedCases() {
        // One discordant pair of three: tau = (2 - 1) / 3; exact p = 2 P(at most 1 inversion) = 2 * 3/6.
        Correlation r = KendallTau.of(new double[] {1, 2, 3}, new double[] {1, 3, 2});
        assertEquals(1.0 / 3, r.coefficient(), 1e-15);
        assertEquals(1.0, r.pValue(), 0);
        // Perfect order of four: exact p = 2 / 4!.
        r = KendallTau.of(new double[] {1, 2, 3, 4}, new double[] {10, 20, 30, 40});
        assertEquals(1.0, r.coefficient(), 0);
        assertEquals(2.0 / 24, r.pValue(), 1e-17);
        // Tau-b with ties: pairs (1,2) tied in x, (2,3) tied in y, (1,3) concordant: S = 1, (P-X)(P-Y) = 4.
        r = KendallTau.of(new double[] {1, 1, 2}, new double[] {1, 2, 2});
        assertEquals(0.5, r.coefficient(), 1e-15);
    }

    @Test
    void exactPValueMatchesEnumerationOfAllPermutations() {
        for (int n : new int[] {7, 8}) {
            // permutationsWith[k]: how many permutations of n items have k inversions; example[k]: one of them.
            int pairs = n * (n - 1) / 2;
            long[] permutationsWith = new long[pairs + 1];
            double[][] example = new double[pairs + 1][];
            enumerate(new double[n], new boolean[n], 0, permutationsWith, example);
            long all = 0;
            for (long count : permutationsWith) {
                all += count;
            }
            double[] identity = new double[n];
            for (int i = 0; i < n; i++) {
                identity[i] = i;
            }
            for (int k = 0; k <= pairs; k++) {
                long atMost = 0;
                for (int j = 0; j <= Math.min(k, pairs - k); j++) {
                    atMost += permutationsWith[j];
                }
                double expected = Math.min(1.0, 2.0 * atMost / all);
                assertEquals(expected, KendallTau.of(identity, example[k]).pValue(), 1e-15, "n=" + n + ", " + k + " inversions");
            }
        }
    }

    private static void enumerate(double[] perm, boolean[] used, int position, long[] permutationsWith, double[][] example) {
        if (position == perm.length) {
            int inversions = 0;
            for (int i = 0; i < perm.length; i++) {
                for (int j = i + 1; j < perm.length; j++) {
                    inversions += perm[i] > perm[j] ? 1 : 0;
                }
            }
            permutationsWith[inversions]++;
            example[inversions] = perm.clone();
            return;
        }
        for (int v = 0; v < perm.length; v++) {
            if (!used[v]) {
                used[v] = true;
                perm[position] = v;
                enumerate(perm, used, position + 1, permutationsWith, example);
                used[v] = false;
            }
        }
    }

    @Test
    void matchesQuadraticCountOnRandomTiedData() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 2 + random.nextInt(80);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = random.nextInt(1 + trial % 10);
                y[i] = x[i] * (trial % 3 - 1) + random.nextInt(4);
            }
            assertAgrees(bruteForceTauB(x, y), KendallTau.of(x, y).coefficient(), 0, 1e-14, "trial " + trial);
        }
    }

    @Test
    void symmetricAndAntisymmetric() {
        Random random = new Random(11);
        double[] x = new double[60];
        double[] y = new double[60];
        double[] negY = new double[60];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextInt(10);
            y[i] = x[i] + random.nextGaussian() * 3;
            negY[i] = -y[i];
        }
        Correlation xy = KendallTau.of(x, y);
        assertEquals(xy, KendallTau.of(y, x));
        Correlation negated = KendallTau.of(x, negY);
        assertEquals(-xy.coefficient(), negated.coefficient(), 1e-15);
        assertEquals(xy.pValue(), negated.pValue(), 1e-15);
        assertTrue(xy.coefficient() > 0.3 && xy.pValue() < 1e-3, xy.toString());
    }

    @Test
    void undefinedInputGivesNaN() {
        assertUndefined(KendallTau.of(new double[] {2, 2, 2}, new double[] {1, 2, 3}), 3);
        assertUndefined(KendallTau.of(new double[] {1}, new double[] {1}), 1);
        assertUndefined(KendallTau.of(new double[0], new double[0]), 0);
        assertUndefined(KendallTau.of(new double[] {1, Double.NaN, 3}, new double[] {1, 2, 3}), 3);
        assertThrows(IllegalArgumentException.class, () -> KendallTau.of(new double[2], new double[3]));
    }

    static void assertUndefined(Correlation r, int n) {
        assertTrue(Double.isNaN(r.coefficient()) && Double.isNaN(r.pValue()), r.toString());
        assertEquals(n, r.n());
    }

    /** Tau-b straight from its definition, over all pairs. */
    private static double bruteForceTauB(double[] x, double[] y) {
        long concordant = 0;
        long discordant = 0;
        long tiedX = 0;
        long tiedY = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                double product = Math.signum(x[i] - x[j]) * Math.signum(y[i] - y[j]);
                concordant += product > 0 ? 1 : 0;
                discordant += product < 0 ? 1 : 0;
                tiedX += x[i] == x[j] ? 1 : 0;
                tiedY += y[i] == y[j] ? 1 : 0;
            }
        }
        long pairs = (long) x.length * (x.length - 1) / 2;
        return (concordant - discordant) / Math.sqrt((double) (pairs - tiedX) * (pairs - tiedY));
    }
}
