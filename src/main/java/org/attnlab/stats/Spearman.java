package org.attnlab.stats;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Spearman's rank correlation with its two-sided p-value, computed as {@code scipy.stats.spearmanr(x, y)}
 * does: the Pearson correlation of the ranks (ties get their average rank) and the p-value of
 * {@code t = rho sqrt((n - 2) / (1 - rho^2))} under Student's t with n - 2 degrees of freedom.
 *
 * <p>Degenerate input gives NaN, as scipy does: fewer than two pairs, a constant vector, or a NaN
 * anywhere. With exactly two pairs the coefficient is +-1 but the p-value is NaN (zero degrees of
 * freedom). -0.0 and 0.0 count as a tie.
 */
public final class Spearman {

    private static final NaturalRanking RANKING = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE);

    private Spearman() {
    }

    /**
     * Rho of two paired vectors and its two-sided p-value.
     *
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static Correlation of(double[] x, double[] y) {
        Inputs.requireSameLength(x, y);
        int n = x.length;
        if (n < 2 || Inputs.isConstant(x) || Inputs.isConstant(y) || Inputs.hasNaN(x) || Inputs.hasNaN(y)) {
            return Correlation.undefined(n);
        }
        double[] rx = RANKING.rank(Inputs.withoutNegativeZero(x));
        double[] ry = RANKING.rank(Inputs.withoutNegativeZero(y));
        double rho = pearson(rx, ry);
        rho = Math.min(1.0, Math.max(-1.0, rho));
        int dof = n - 2;
        // 2 P(T > |t|) with T ~ t(dof) equals I_w(dof/2, 1/2) with w = dof / (dof + t^2) = 1 - rho^2.
        // Evaluating the incomplete beta directly keeps the tail's relative accuracy (no 1 - cdf) and
        // needs no special case for |rho| = 1, where t is infinite and w is 0.
        double p = dof == 0 ? Double.NaN : Beta.regularizedBeta((1 + rho) * (1 - rho), dof / 2.0, 0.5);
        return new Correlation(rho, p, n);
    }

    /**
     * Pearson correlation in numpy's order of operations (scipy takes element [1, 0] of {@code corrcoef}:
     * the covariance scaled by 1/(n - 1), divided by b's standard deviation, then by a's). Ranks are multiples of 1/2 and so is
     * their mean, so the sums below are exact and the result is bit-for-bit scipy's; that matters near
     * |rho| = 1, where the p-value grows like sqrt(1 - |rho|) and one ulp of rho moves it from 0 to 1e-8.
     */
    private static double pearson(double[] a, double[] b) {
        int n = a.length;
        double meanA = 0;
        double meanB = 0;
        for (int i = 0; i < n; i++) {
            meanA += a[i];
            meanB += b[i];
        }
        meanA /= n;
        meanB /= n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            double da = a[i] - meanA;
            double db = b[i] - meanB;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        double scale = 1.0 / (n - 1);
        return sab * scale / Math.sqrt(sbb * scale) / Math.sqrt(saa * scale);
    }
}
