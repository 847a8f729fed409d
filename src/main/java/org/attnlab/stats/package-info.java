/**
 * Numerical statistics on plain arrays, used per instance by the experiments and in their summaries.
 *
 * <p>The correlation tests reproduce {@code scipy.stats.kendalltau} and {@code scipy.stats.spearmanr}
 * with their default arguments (two-sided; checked against scipy 1.10.1 by the fixture that
 * {@code scripts/stats/make_fixtures.py} writes), because the papers being reproduced computed their
 * p-values with scipy. Like scipy with {@code nan_policy='propagate'}, an undefined statistic (a
 * constant vector, fewer than two pairs, a NaN in the input) is reported as NaN rather than thrown, so
 * that one degenerate instance does not stop an experiment over thousands; {@link
 * org.attnlab.stats.Summary} then counts such NaNs apart from the values it averages. Malformed input
 * (arrays of different lengths, negative probabilities or counts) throws {@link
 * java.lang.IllegalArgumentException}.
 */
package org.attnlab.stats;
