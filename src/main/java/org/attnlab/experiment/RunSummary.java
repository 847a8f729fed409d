package org.attnlab.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attnlab.io.Json;

/**
 * {@code summary.json}: per experiment type and model, the type's statistics, computed from the records
 * files alone (so anyone can recompute them from a copied run directory); with seed groups, each group's
 * spread between its models ({@link SeedGroupSummary}, the groups named by the run's provenance).
 */
public final class RunSummary {

    private final Map<ExperimentType<?, ?, ?>, Map<String, Object>> byType;
    private final Map<String, SeedGroupSummary> seedGroups;

    private RunSummary(Map<ExperimentType<?, ?, ?>, Map<String, Object>> byType, Map<String, SeedGroupSummary> seedGroups) {
        this.byType = byType;
        this.seedGroups = seedGroups;
    }

    /**
     * Summarises every experiment type that has a records file in {@code runDir}, and the run's seed groups (named by
     * its {@code provenance.json}) from the summaries of their models.
     */
    public static RunSummary of(Path runDir) {
        Map<ExperimentType<?, ?, ?>, Map<String, Object>> out = new LinkedHashMap<>();
        for (ExperimentType<?, ?, ?> type : ExperimentTypes.ALL) {
            if (Files.isRegularFile(Records.file(runDir, type))) {
                out.put(type, summarize(runDir, type));
            }
        }
        Map<String, SeedGroupSummary> groups = new LinkedHashMap<>();
        SeedGroupSummary.groupsOf(runDir).forEach((group, members) -> groups.put(group, SeedGroupSummary.of(members, out)));
        return new RunSummary(out, groups);
    }

    private static <R, M> Map<String, Object> summarize(Path runDir, ExperimentType<?, R, M> type) {
        Map<String, List<ResultRecord<R>>> byModel = new LinkedHashMap<>();
        for (ResultRecord<R> r : Records.read(runDir, type)) {
            byModel.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(r);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        byModel.forEach((model, records) -> out.put(model, type.summarize(records)));
        return out;
    }

    /** The types with records, in {@link ExperimentTypes} order. */
    public List<ExperimentType<?, ?, ?>> types() {
        return List.copyOf(byType.keySet());
    }

    /** The type's summary per model, in order of first appearance; empty when the run has no such records. */
    public <M> Map<String, M> of(ExperimentType<?, ?, M> type) {
        Map<String, M> out = new LinkedHashMap<>();
        // Safe: this map's values for this type were made by type.summarize.
        byType.getOrDefault(type, Map.of()).forEach((model, summary) -> out.put(model, cast(summary)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <M> M cast(Object summary) {
        return (M) summary;
    }

    /** Each seed group by name, in suite order; empty when the run has none. */
    public Map<String, SeedGroupSummary> seedGroups() {
        return java.util.Collections.unmodifiableMap(seedGroups);
    }

    public ObjectNode json() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        byType.forEach((type, models) -> root.set(type.id(), Json.MAPPER.valueToTree(models)));
        if (!seedGroups.isEmpty()) {
            root.set("seed_groups", Json.MAPPER.valueToTree(seedGroups));
        }
        return root;
    }
}
