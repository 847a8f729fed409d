package org.attnlab.stats;

import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * Summary of per-instance values (correlations, divergences, p-values) with undefined values set apart:
 * NaNs are excluded from every statistic and counted in {@link #nanCount}, because a NaN stands for an
 * instance on which the statistic is undefined (e.g. a constant importance vector), not for a value.
 *
 * <p>Jain and Wallace's plotting code reports {@code np.std} (population, n in the denominator); this
 * reports the sample standard deviation (n - 1), larger by a factor {@code sqrt(n / (n - 1))}, which is
 * below 1.001 for the test sets of their tables.
 *
 * @param count    number of non-NaN values
 * @param nanCount number of NaN values
 * @param mean     mean of the non-NaN values; NaN if there are none
 * @param std      sample standard deviation (n - 1 denominator); NaN for fewer than two values
 * @param median   median (mean of the two middle values for an even count); NaN if there are none
 */
public record Summary(int count, int nanCount, double mean, double std, double median) {

    /** Summarises the values, leaving NaNs out. */
    public static Summary of(double[] values) {
        DescriptiveStatistics stats = new DescriptiveStatistics();
        int nans = 0;
        for (double v : values) {
            if (Double.isNaN(v)) {
                nans++;
            } else {
                stats.addValue(v);
            }
        }
        int count = (int) stats.getN();
        // Commons Math reports 0 for the sample deviation of a single value; it is undefined (numpy: NaN).
        double std = count < 2 ? Double.NaN : stats.getStandardDeviation();
        return new Summary(count, nans, stats.getMean(), std, stats.getPercentile(50));
    }

    /**
     * Fraction of the non-NaN p-values that are at most alpha; NaN if there are none. Jain and Wallace
     * divide by all instances, NaN included (a NaN compares false): multiply by
     * {@code count / (count + nanCount)} of {@link #of} to get theirs.
     */
    public static double fractionAtMost(double[] pValues, double alpha) {
        int defined = 0;
        int atMost = 0;
        for (double p : pValues) {
            if (!Double.isNaN(p)) {
                defined++;
                if (p <= alpha) {
                    atMost++;
                }
            }
        }
        return defined == 0 ? Double.NaN : (double) atMost / defined;
    }
}
