package org.attnlab.stats;

/**
 * A correlation coefficient with its two-sided p-value under the null hypothesis of no association.
 *
 * @param coefficient the coefficient in [-1, 1], or NaN when it is undefined (see the producing method)
 * @param pValue      the two-sided p-value in [0, 1], or NaN when it is undefined
 * @param n           the number of (x, y) pairs the statistic was computed from
 */
public record Correlation(double coefficient, double pValue, int n) {

    /** The result for input on which the coefficient is not defined. */
    static Correlation undefined(int n) {
        return new Correlation(Double.NaN, Double.NaN, n);
    }
}
