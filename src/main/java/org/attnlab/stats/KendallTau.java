package org.attnlab.stats;

import java.math.BigInteger;
import java.util.Arrays;
import org.apache.commons.math3.special.Erf;

/**
 * Kendall's tau-b with its two-sided p-value, computed as {@code scipy.stats.kendalltau(x, y)} does
 * with its defaults (scipy 1.10: {@code method='auto', variant='b'}).
 *
 * <p>Tau-b rather than tau-a because attention and importance vectors do tie (rounded gradients,
 * equal leave-one-out changes, zero attention on padding-like tokens) and tau-b's denominator
 * {@code sqrt((P - X)(P - Y))} keeps a perfect monotone relation at +-1 in their presence; it is also
 * what Jain and Wallace's code got from scipy.
 *
 * <p>The p-value follows scipy's {@code 'auto'} rule: with no ties in either vector and either
 * {@code n <= 33} or at most one discordant (or one concordant) pair, it is exact, from the
 * distribution of the number of inversions of a random permutation; otherwise it is the normal
 * approximation of {@code S = concordant - discordant} with the tie-corrected variance (Kendall 1970,
 * as in scipy). The number of discordant pairs is counted in O(n log n) by Knight's method: sort by
 * (x, y), then count the inversions of y with a merge sort.
 *
 * <p>Degenerate input gives NaN coefficient and NaN p-value, as scipy does: fewer than two pairs, a
 * vector whose values are all equal, or a NaN anywhere. -0.0 and 0.0 count as a tie.
 */
public final class KendallTau {

    /** scipy's bound for the exact test: beyond it the normal approximation is used. */
    private static final int EXACT_MAX_N = 33;

    /** n! as the double nearest to it, for n below 171 (171! overflows a double). */
    private static final double[] FACTORIALS = factorials(171);

    private KendallTau() {
    }

    /**
     * Tau-b of two paired vectors and its two-sided p-value.
     *
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static Correlation of(double[] x, double[] y) {
        Inputs.requireSameLength(x, y);
        int n = x.length;
        if (n < 2 || Inputs.hasNaN(x) || Inputs.hasNaN(y)) {
            return Correlation.undefined(n);
        }
        int[] rx = denseRanks(x);
        int[] ry = denseRanks(y);
        long total = (long) n * (n - 1) / 2;
        Ties xTies = Ties.of(rx, n);
        Ties yTies = Ties.of(ry, n);
        if (xTies.pairs == total || yTies.pairs == total) {
            return Correlation.undefined(n);
        }

        // Sorting the pairs by (x, y) leaves a discordant pair exactly where y decreases; pairs tied in x
        // are then ordered by y and so never counted.
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = (long) rx[i] * n + ry[i];
        }
        Arrays.sort(keys);
        int[] ySorted = new int[n];
        long jointTiePairs = 0;
        int run = 1;
        for (int i = 0; i < n; i++) {
            ySorted[i] = (int) (keys[i] % n);
            if (i > 0 && keys[i] == keys[i - 1]) {
                run++;
            } else {
                jointTiePairs += (long) run * (run - 1) / 2;
                run = 1;
            }
        }
        jointTiePairs += (long) run * (run - 1) / 2;
        long discordant = countInversions(ySorted);

        long s = total - xTies.pairs - yTies.pairs + jointTiePairs - 2 * discordant;
        // Same order of operations as scipy, so that the coefficient agrees to the last bit or two.
        double tau = s / Math.sqrt(total - xTies.pairs) / Math.sqrt(total - yTies.pairs);
        tau = Math.min(1.0, Math.max(-1.0, tau));

        boolean noTies = xTies.pairs == 0 && yTies.pairs == 0;
        double p;
        if (noTies && (n <= EXACT_MAX_N || Math.min(discordant, total - discordant) <= 1)) {
            p = exactPValue(n, total - discordant);
        } else {
            p = asymptoticPValue(n, s, xTies, yTies);
        }
        return new Correlation(tau, p, n);
    }

    /**
     * Two-sided exact p-value for {@code concordant} concordant pairs among n untied pairs: twice the
     * probability that a uniformly random permutation has at most {@code min(c, total - c)} inversions
     * (the distribution is symmetric), capped at 1, as scipy's {@code _kendall_p_exact}.
     */
    private static double exactPValue(int n, long concordant) {
        long total = (long) n * (n - 1) / 2;
        long c = Math.min(concordant, total - concordant);
        double p;
        if (n == 2) {
            p = 1.0;
        } else if (c == 0) {
            p = n < FACTORIALS.length ? 2.0 / FACTORIALS[n] : 0.0;
        } else if (c == 1) {
            p = n - 1 < FACTORIALS.length ? 2.0 / FACTORIALS[n - 1] : 0.0;
        } else if (2 * c == total) {
            p = 1.0;
        } else {
            // Reached only for n <= 33 (for larger n, c <= 1 above), where the counts stay well inside a
            // double's range: counts[k] = number of permutations of j items with k inversions, built up
            // by the recurrence M(j, k) = M(j - 1, k) + ... + M(j - 1, k - j + 1).
            int cap = (int) c;
            double[] counts = new double[cap + 1];
            counts[0] = 1.0;
            counts[1] = 1.0;
            for (int j = 3; j <= n; j++) {
                for (int k = 1; k <= cap; k++) {
                    counts[k] += counts[k - 1];
                }
                // Descending k, so that counts[k - j] is still the prefix sum, not yet differenced.
                for (int k = cap; k >= j; k--) {
                    counts[k] -= counts[k - j];
                }
            }
            double sum = 0;
            for (double v : counts) {
                sum += v;
            }
            p = 2.0 * sum / FACTORIALS[n];
        }
        return Math.min(1.0, Math.max(0.0, p));
    }

    /** Two-sided normal-approximation p-value of S with the tie-corrected variance of its null distribution. */
    private static double asymptoticPValue(int n, long s, Ties x, Ties y) {
        double m = n * (n - 1.0);
        double variance = (m * (2.0 * n + 5) - x.v1 - y.v1) / 18
                + (2.0 * x.pairs * y.pairs) / m
                + x.v0 * y.v0 / (9 * m * (n - 2));
        double z = s / Math.sqrt(variance);
        // 2 * P(Z > |z|) = erfc(|z| / sqrt 2): erfc keeps its relative accuracy far into the tail, where
        // 1 - cdf would round to 0.
        return Erf.erfc(Math.abs(z) / Math.sqrt(2.0));
    }

    /** Ranks 0..k-1 of the distinct values (equal values share a rank). */
    private static int[] denseRanks(double[] values) {
        double[] v = Inputs.withoutNegativeZero(values);
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[distinct++] = sorted[i];
            }
        }
        int[] ranks = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            ranks[i] = Arrays.binarySearch(sorted, 0, distinct, v[i]);
        }
        return ranks;
    }

    /** Number of pairs i < j with a[i] > a[j] (strictly), by merge sort; sorts a as a side effect. */
    private static long countInversions(int[] a) {
        int[] buffer = new int[a.length];
        long inversions = 0;
        for (int width = 1; width < a.length; width *= 2) {
            for (int lo = 0; lo < a.length - width; lo += 2 * width) {
                int mid = lo + width;
                int hi = Math.min(lo + 2 * width, a.length);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    if (a[j] < a[i]) {
                        inversions += mid - i;
                        buffer[k++] = a[j++];
                    } else {
                        buffer[k++] = a[i++];
                    }
                }
                while (i < mid) {
                    buffer[k++] = a[i++];
                }
                while (j < hi) {
                    buffer[k++] = a[j++];
                }
                System.arraycopy(buffer, lo, a, lo, hi - lo);
            }
        }
        return inversions;
    }

    private static double[] factorials(int count) {
        double[] out = new double[count];
        BigInteger f = BigInteger.ONE;
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                f = f.multiply(BigInteger.valueOf(i));
            }
            out[i] = f.doubleValue();
        }
        return out;
    }

    /**
     * Tie statistics of one vector: tied pairs, and the sums of t(t-1)(t-2) and t(t-1)(2t+5) over the
     * sizes t of its groups of equal values, which enter the variance of S.
     */
    private record Ties(long pairs, double v0, double v1) {

        static Ties of(int[] ranks, int n) {
            int[] sizes = new int[n];
            for (int r : ranks) {
                sizes[r]++;
            }
            long pairs = 0;
            double v0 = 0;
            double v1 = 0;
            for (int t : sizes) {
                if (t > 1) {
                    pairs += (long) t * (t - 1) / 2;
                    v0 += t * (t - 1.0) * (t - 2);
                    v1 += t * (t - 1.0) * (2 * t + 5);
                }
            }
            return new Ties(pairs, v0, v1);
        }
    }
}
