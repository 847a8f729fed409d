package org.attnlab.stats;

import java.util.List;

/**
 * One statistic over models trained with different seeds: the mean of the seeds' per-instance means
 * and the spread between them (sample standard deviation of the seeds' means, n - 1), beside the mean
 * of the seeds' per-instance standard deviations. Jain &amp; Wallace report one run; their own earlier IMDB
 * BiLSTM run differed by about .06 in τ(attention, gradient), so a gap to the paper is only meaningful
 * against this spread.
 *
 * @param seeds            number of seeds (models)
 * @param meanOfMeans      mean over seeds of the per-instance mean
 * @param spreadOfMeans    sample standard deviation of the seeds' means; NaN for one seed
 * @param meanInstanceStd  mean over seeds of the per-instance standard deviation
 */
public record SeedSpread(int seeds, double meanOfMeans, double spreadOfMeans, double meanInstanceStd) {

    /** From each seed's summary of the same statistic (NaN summaries are not allowed: every seed must have values). */
    public static SeedSpread of(List<Summary> perSeed) {
        if (perSeed.isEmpty()) {
            throw new IllegalArgumentException("no seeds");
        }
        double[] means = new double[perSeed.size()];
        double stdSum = 0;
        for (int i = 0; i < means.length; i++) {
            Summary s = perSeed.get(i);
            if (s.count() == 0) {
                throw new IllegalArgumentException("seed " + (i + 1) + " of " + perSeed.size() + " has no values");
            }
            means[i] = s.mean();
            stdSum += s.std();
        }
        Summary overSeeds = Summary.of(means);
        return new SeedSpread(means.length, overSeeds.mean(), overSeeds.std(), stdSum / means.length);
    }
}
