package org.attnlab.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code type: permutation} (Jain &amp; Wallace): output change when the attention is shuffled. */
public final class PermutationType
        extends TypeBase<PermutationType.Settings, PermutationExperiment.Result, PermutationType.Summary> {

    public static final PermutationType INSTANCE = new PermutationType();

    /** Below this median TVD a model "does not care" about the permutation (J&amp;W's reading of their plots). */
    public static final double SMALL_TVD = 0.01;

    /** @param permutations shuffles per instance (default 100, as J&amp;W) */
    public record Settings(Integer permutations) implements ExperimentSettings {
        public Settings {
            permutations = permutations == null ? 100 : permutations;
            if (permutations < 1) {
                throw new IllegalArgumentException("permutations: must be >= 1, got " + permutations);
            }
        }
    }

    /**
     * @param medianTvd            per-instance median output change, summarised over instances
     * @param fractionSmall        share of qualifying instances whose median change is below {@link #SMALL_TVD}
     */
    public record Summary(int records, int qualifying, org.attnlab.stats.Summary medianTvd,
                          @JsonProperty("fraction_median_tvd_below_0.01") double fractionSmall) {
    }

    private PermutationType() {
        super("permutation", Settings.class, PermutationExperiment.Result.class);
    }

    @Override
    public Experiment<PermutationExperiment.Result> create(Settings settings, ExperimentContext context) {
        return new PermutationExperiment(settings.permutations(), context.view(), context.seed());
    }

    @Override
    public Summary summarize(List<ResultRecord<PermutationExperiment.Result>> records) {
        double[] median = records.stream().filter(ResultRecord::qualifies).mapToDouble(r -> r.result().medianTvd()).toArray();
        long small = java.util.Arrays.stream(median).filter(v -> v < SMALL_TVD).count();
        return new Summary(records.size(), median.length, org.attnlab.stats.Summary.of(median),
                median.length == 0 ? Double.NaN : small / (double) median.length);
    }
}
