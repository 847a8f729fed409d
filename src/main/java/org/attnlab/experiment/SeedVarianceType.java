package org.attnlab.experiment;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** {@code type: seed-variance} (Wiegreffe &amp; Pinter §3.2): attention and output distance of seed variants. */
public final class SeedVarianceType
        extends TypeBase<SeedVarianceType.Settings, SeedVarianceExperiment.Result, SeedVarianceType.Summary> {

    public static final SeedVarianceType INSTANCE = new SeedVarianceType();

    /** @param seeds training seeds of the variants (default 2, 3; each must differ from the spec's own seed) */
    public record Settings(List<Long> seeds) implements ExperimentSettings {
        public Settings {
            seeds = seeds == null ? List.of(2L, 3L) : List.copyOf(seeds);
            if (seeds.isEmpty()) {
                throw new IllegalArgumentException("seeds: at least one seed");
            }
            if (new LinkedHashSet<>(seeds).size() != seeds.size()) {
                throw new IllegalArgumentException("seeds: each seed at most once, got " + seeds);
            }
        }
    }

    /**
     * @param bySeed per seed ({@code seed-2}, ...)
     * @param pooled every (instance, seed) pair
     */
    public record Summary(int records, int qualifying, Map<String, DistanceSummary> bySeed, DistanceSummary pooled) {
    }

    private SeedVarianceType() {
        super("seed-variance", Settings.class, SeedVarianceExperiment.Result.class);
    }

    @Override
    public List<Companion> companions(Settings settings) {
        return settings.seeds().stream().<Companion>map(Companion.SeedVariant::new).toList();
    }

    @Override
    public Experiment<SeedVarianceExperiment.Result> create(Settings settings, ExperimentContext context) {
        return new SeedVarianceExperiment(settings.seeds(), context.view());
    }

    @Override
    public Summary summarize(List<ResultRecord<SeedVarianceExperiment.Result>> records) {
        List<ResultRecord<SeedVarianceExperiment.Result>> q = records.stream().filter(ResultRecord::qualifies).toList();
        Map<String, List<double[]>> bySeed = new LinkedHashMap<>();
        List<double[]> pooled = new java.util.ArrayList<>();
        for (ResultRecord<SeedVarianceExperiment.Result> r : q) {
            for (SeedVarianceExperiment.SeedDistance d : r.result().seeds()) {
                double[] p = {d.jsd(), d.tvd()};
                bySeed.computeIfAbsent(new Companion.SeedVariant(d.seed()).role(), k -> new java.util.ArrayList<>()).add(p);
                pooled.add(p);
            }
        }
        Map<String, DistanceSummary> out = new LinkedHashMap<>();
        bySeed.forEach((seed, ds) -> out.put(seed, DistanceSummary.of(ds)));
        return new Summary(records.size(), q.size(), out, DistanceSummary.of(pooled));
    }
}
