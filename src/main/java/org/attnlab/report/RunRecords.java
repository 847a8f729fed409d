package org.attnlab.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attnlab.experiment.ExperimentType;
import org.attnlab.experiment.ExperimentTypes;
import org.attnlab.experiment.InstanceRecord;
import org.attnlab.experiment.Records;
import org.attnlab.experiment.ResultRecord;

/**
 * The records of one run directory, typed by experiment type and grouped by model in file order. Only
 * the records are read: a report must be reproducible from a copied run directory without models or data.
 */
public final class RunRecords {

    private final Map<ExperimentType<?, ?, ?>, List<?>> byType;
    private final List<String> models;

    private RunRecords(Map<ExperimentType<?, ?, ?>, List<?>> byType, List<String> models) {
        this.byType = byType;
        this.models = models;
    }

    /**
     * Reads the records file of every experiment type present.
     *
     * @throws IllegalArgumentException if the directory has no records/ or no record at all, or a records file is corrupt
     */
    public static RunRecords read(Path runDir) {
        Path dir = runDir.resolve("records");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(runDir + " is not a run directory: it has no records/ directory");
        }
        Map<ExperimentType<?, ?, ?>, List<?>> all = new LinkedHashMap<>();
        Set<String> models = new LinkedHashSet<>();
        for (ExperimentType<?, ?, ?> type : ExperimentTypes.ALL) {
            List<? extends ResultRecord<?>> records = Records.read(runDir, type);
            if (!records.isEmpty()) {
                all.put(type, records);
                records.forEach(r -> models.add(r.model()));
            }
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException(dir + " holds no records (*.jsonl lines of a known experiment type)");
        }
        return new RunRecords(all, List.copyOf(models));
    }

    /** Experiment types with at least one record, in {@link ExperimentTypes} order. */
    public List<ExperimentType<?, ?, ?>> types() {
        return List.copyOf(byType.keySet());
    }

    /** Their ids. */
    public List<String> experiments() {
        return types().stream().map(ExperimentType::id).toList();
    }

    /** Models in order of first appearance. */
    public List<String> models() {
        return models;
    }

    /** The type's records per model, in order of first appearance (empty when the run has none). */
    public <R> Map<String, List<ResultRecord<R>>> byModel(ExperimentType<?, R, ?> type) {
        Map<String, List<ResultRecord<R>>> out = new LinkedHashMap<>();
        for (Object o : byType.getOrDefault(type, List.of())) {
            ResultRecord<R> r = cast(o);
            out.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <R> ResultRecord<R> cast(Object record) {
        return (ResultRecord<R>) record; // stored under its own type by read()
    }

    /**
     * Per instance of the model, in first-seen order: one record (the first seen) with the union of every
     * experiment's {@code measures} — the experiments compute different measures for the same instance, and
     * the instance views want them side by side.
     */
    public List<Instance> instances(String model) {
        Map<String, Instance> byId = new LinkedHashMap<>();
        for (List<?> records : byType.values()) {
            for (Object o : records) {
                ResultRecord<?> r = (ResultRecord<?>) o;
                if (!r.model().equals(model)) {
                    continue;
                }
                Instance i = byId.computeIfAbsent(r.instance().id(),
                        id -> new Instance(r.instance(), r.qualifies(), new LinkedHashMap<>()));
                r.instance().measures().forEach(i.measures()::putIfAbsent);
            }
        }
        return List.copyOf(byId.values());
    }

    /**
     * One instance of one model.
     *
     * @param record    the common fields of the first record seen for it
     * @param qualifies whether that record's experiment analysed it
     * @param measures  every measure any experiment recorded for it, by name
     */
    public record Instance(InstanceRecord record, boolean qualifies, Map<String, double[]> measures) {

        public List<String> tokens() {
            return record.tokens();
        }

        public boolean special(int position) {
            return record.special()[position];
        }
    }
}
