package org.attnlab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attnlab.io.Json;
import org.attnlab.stats.SeedSpread;
import org.attnlab.stats.Summary;

/**
 * One seed group of a run (a suite model entry with {@code seeds}) in {@code summary.json}: per experiment type and
 * statistic the type exposes as a mean over instances ({@link ExperimentType#perInstanceStatistics}), the mean of the
 * member models' means, the spread between those means and the mean per-instance std ({@link SeedSpread}). A
 * statistic is reported only where every member has a value for it.
 *
 * @param models     member model name to its training seed, in the suite's order
 * @param statistics experiment type id to statistic name to its spread over the members
 */
public record SeedGroupSummary(Map<String, Long> models, Map<String, Map<String, SeedSpread>> statistics) {

    public SeedGroupSummary {
        models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
        statistics = Collections.unmodifiableMap(new LinkedHashMap<>(statistics));
    }

    /**
     * The run's seed groups as its {@code provenance.json} records them ({@code resolved.seed_groups}: group name to
     * member name to seed), in order; empty when it has none or no provenance.
     */
    static Map<String, Map<String, Long>> groupsOf(Path runDir) {
        Path file = runDir.resolve("provenance.json");
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        JsonNode groups;
        try {
            groups = Json.PLAIN.readTree(file.toFile()).path("resolved").path("seed_groups");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": unreadable", e);
        }
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        groups.fields().forEachRemaining(g -> {
            Map<String, Long> members = new LinkedHashMap<>();
            g.getValue().fields().forEachRemaining(m -> members.put(m.getKey(), m.getValue().asLong()));
            out.put(g.getKey(), members);
        });
        return out;
    }

    /** The group of {@code members} over the per-model summaries of every type, as {@link RunSummary} holds them. */
    static SeedGroupSummary of(Map<String, Long> members, Map<ExperimentType<?, ?, ?>, Map<String, Object>> byType) {
        Map<String, Map<String, SeedSpread>> statistics = new LinkedHashMap<>();
        byType.forEach((type, byModel) -> {
            Map<String, SeedSpread> spreads = spreads(type, members.keySet().stream().map(byModel::get).toList());
            if (!spreads.isEmpty()) {
                statistics.put(type.id(), spreads);
            }
        });
        return new SeedGroupSummary(members, statistics);
    }

    private static <M> Map<String, SeedSpread> spreads(ExperimentType<?, ?, M> type, List<Object> summaries) {
        if (summaries.contains(null)) {
            return Map.of(); // a member without records of this type
        }
        List<Map<String, Summary>> perModel = new ArrayList<>();
        for (Object s : summaries) {
            @SuppressWarnings("unchecked") // RunSummary holds type.summarize's output under its type
            M summary = (M) s;
            perModel.add(type.perInstanceStatistics(summary));
        }
        Map<String, SeedSpread> out = new LinkedHashMap<>();
        for (String statistic : perModel.get(0).keySet()) {
            List<Summary> values = perModel.stream().map(m -> m.get(statistic)).toList();
            if (values.stream().allMatch(v -> v != null && v.count() > 0)) {
                out.put(statistic, SeedSpread.of(values));
            }
        }
        return out;
    }
}
