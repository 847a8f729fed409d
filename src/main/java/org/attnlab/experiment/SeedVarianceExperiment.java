package org.attnlab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.attnlab.explain.AttentionView;
import org.attnlab.explain.Instance;

/**
 * Wiegreffe &amp; Pinter's variance calibration (§3.2): the subject's spec retrained from other seeds; per instance and
 * seed, how far the seed model's attention (JSD over the real tokens) and prediction (TVD) are from the subject's.
 * This is the spread an adversary's distance should be judged against.
 */
public final class SeedVarianceExperiment extends CompanionComparison<SeedVarianceExperiment.Result> {

    /** One seed model on the instance. */
    public record SeedDistance(long seed, double jsd, double tvd) {
    }

    /** Record fields: one entry per seed, in the settings' order. */
    public record Result(List<SeedDistance> seeds) {
    }

    private final List<Long> seeds;

    public SeedVarianceExperiment(List<Long> seeds, AttentionView view) {
        super(view);
        this.seeds = List.copyOf(seeds);
    }

    @Override
    public Result run(Instance x, Companions companions) {
        if (x.realTokens().length < 2) {
            return null; // one real token: every attention is the same
        }
        List<SeedDistance> out = new ArrayList<>();
        for (long seed : seeds) {
            ModelDistance d = compare(x, companions, new Companion.SeedVariant(seed)).distance();
            out.add(new SeedDistance(seed, d.jsd(), d.tvd()));
        }
        return new Result(out);
    }
}
