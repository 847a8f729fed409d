package org.attnlab.experiment;

import java.util.List;
import org.attnlab.stats.Summary;

/**
 * Jain &amp; Wallace's per-pair statistic of Kendall tau over instances: mean, std, median, how many
 * instances had an undefined tau, and the fraction with p &le; 0.05.
 */
public record TauSummary(int count, int nanCount, double mean, double std, double median, double fractionSignificant) {

    /** The significance level of Jain &amp; Wallace's tables. */
    public static final double ALPHA = 0.05;

    public static TauSummary of(List<CorrelationExperiment.Pair> pairs) {
        double[] tau = pairs.stream().mapToDouble(p -> p == null ? Double.NaN : p.tau()).toArray();
        double[] p = pairs.stream().mapToDouble(x -> x == null ? Double.NaN : x.p()).toArray();
        Summary s = Summary.of(tau);
        return new TauSummary(s.count(), s.nanCount(), s.mean(), s.std(), s.median(), Summary.fractionAtMost(p, ALPHA));
    }
}
