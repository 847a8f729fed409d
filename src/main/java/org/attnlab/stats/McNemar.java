package org.attnlab.stats;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.special.Gamma;

/**
 * McNemar's test on a 2x2 table of paired binary outcomes, from its two discordant cells: in Serrano
 * and Smith's single-weight test, {@code b} instances whose decision flipped only when the top-attention
 * item was erased and {@code c} whose decision flipped only when the random item was. The concordant
 * cells (both or neither flipped) do not enter the test.
 *
 * <p>The default, {@link #pValue}, is the exact test at every size: under the null hypothesis b is
 * Binomial(b + c, 1/2), so the exact two-sided p-value is valid for any counts and needs no
 * large-sample threshold (the common advice is the exact test only when b + c is below about 25).
 * It equals {@code scipy.stats.binomtest(b, b + c, 0.5).pvalue} and statsmodels'
 * {@code mcnemar(table, exact=True)}. The chi-square statistic with Edwards' continuity correction is
 * offered for comparison with published tables.
 */
public final class McNemar {

    private McNemar() {
    }

    /** The default p-value: {@link #exactPValue}. */
    public static double pValue(int b, int c) {
        return exactPValue(b, c);
    }

    /**
     * Exact two-sided p-value {@code min(1, 2 P(X <= min(b, c)))} with {@code X ~ Binomial(b + c, 1/2)};
     * 1 when {@code b + c = 0} (no discordant pair, no evidence either way).
     *
     * @throws IllegalArgumentException if a count is negative
     * @throws ArithmeticException if {@code b + c} overflows an int
     */
    public static double exactPValue(int b, int c) {
        requireCounts(b, c);
        int n = Math.addExact(b, c);
        int k = Math.min(b, c);
        if (2 * k >= n) {
            return 1.0;
        }
        // The lower tail as a sum of probabilities, smallest first: 1 - upper tail (Commons Math's
        // cumulativeProbability) cancels to 0 below 1e-16 (b = 0, c = 100 gives 1.6e-30), and the
        // regularised incomplete beta I_{1/2}(n - k, k + 1) loses up to 1e-11 relative once b + c is in
        // the tens of thousands; these saddle-point terms stay within about 2e-14 of the exact rational value.
        // No random generator: the distribution is only evaluated, never sampled.
        BinomialDistribution binomial = new BinomialDistribution(null, n, 0.5);
        double tail = 0;
        for (int i = 0; i <= k; i++) {
            tail += binomial.probability(i);
        }
        return Math.min(1.0, 2 * tail);
    }

    /**
     * Chi-square statistic with continuity correction {@code (|b - c| - 1)^2 / (b + c)}, with
     * {@code |b - c| - 1} floored at 0; NaN when {@code b + c = 0}. The floor makes b = c give 0 (p = 1,
     * as the exact test); statsmodels and R's {@code mcnemar.test} apply no floor and give
     * {@code 1 / (b + c)} there, the only inputs on which this differs from them.
     *
     * @throws IllegalArgumentException if a count is negative
     */
    public static double chiSquare(int b, int c) {
        requireCounts(b, c);
        double corrected = Math.max(0, Math.abs((long) b - c) - 1);
        return corrected * corrected / ((long) b + c);
    }

    /**
     * Upper-tail p-value of {@link #chiSquare} under chi-square with one degree of freedom; NaN when
     * {@code b + c = 0}.
     *
     * @throws IllegalArgumentException if a count is negative
     */
    public static double chiSquarePValue(int b, int c) {
        // The chi-square(1) survival function is Q(1/2, x/2), computed as the upper tail directly.
        return Gamma.regularizedGammaQ(0.5, chiSquare(b, c) / 2);
    }

    private static void requireCounts(int b, int c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("counts must be non-negative: b = " + b + ", c = " + c);
        }
    }
}
