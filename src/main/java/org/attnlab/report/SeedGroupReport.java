package org.attnlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.attnlab.experiment.CorrelationType;
import org.attnlab.experiment.RunSummary;
import org.attnlab.experiment.SeedGroupSummary;
import org.attnlab.stats.SeedSpread;

/**
 * The seed groups of a run: per group a table of every statistic its types expose as a mean over instances (the mean
 * over seeds of each model's mean, the spread between the seeds' means, the mean per-instance std), and headline rows
 * for the statistics whose per-model headline is one mean (Kendall τ).
 */
final class SeedGroupReport {

    private SeedGroupReport() {
    }

    static List<Table> tables(RunSummary summary) {
        List<Table> out = new ArrayList<>();
        summary.seedGroups().forEach((group, g) -> {
            List<List<String>> rows = new ArrayList<>();
            g.statistics().forEach((type, statistics) -> statistics.forEach((statistic, s) -> rows.add(List.of(type, statistic,
                    Cells.fmt(s.meanOfMeans(), 3), Cells.fmt(s.spreadOfMeans(), 3), Cells.fmt(s.meanInstanceStd(), 3)))));
            if (!rows.isEmpty()) {
                out.add(new Table("seeds-" + group, group + " over " + g.models().size() + " training seeds ("
                        + members(g) + "): mean over seeds of each model's mean, spread (sample std) between the seeds' means, "
                        + "mean per-instance std", List.of("experiment", "statistic", "mean of means", "spread of means",
                        "mean per-instance std"), rows));
            }
        });
        return out;
    }

    /** A column per group, {@code mean ± spread} of the seeds' means, for each Kendall τ pair. */
    static void headline(RunSummary summary, Headline lines) {
        summary.seedGroups().forEach((group, g) -> {
            Map<String, SeedSpread> taus = g.statistics().getOrDefault(CorrelationType.INSTANCE.id(), Map.of());
            taus.forEach((statistic, s) -> lines.put(statistic + " (mean ± spread of seeds)",
                    group + " (" + s.seeds() + " seeds)", Cells.fmt(s.meanOfMeans(), 2) + " ± " + Cells.fmt(s.spreadOfMeans(), 2)));
        });
    }

    private static String members(SeedGroupSummary g) {
        List<String> out = new ArrayList<>();
        g.models().forEach((model, seed) -> out.add(model + " seed " + seed));
        return String.join(", ", out);
    }
}
