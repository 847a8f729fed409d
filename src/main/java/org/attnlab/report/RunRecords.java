package org.attnlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The records of one run directory ({@code records/<experiment>.jsonl}), grouped by experiment and model
 * in file order. Only the records are read: a report must be reproducible from a copied run directory
 * without models or data.
 */
public final class RunRecords {

    /** Experiments in the order the report presents them (the papers' order). */
    public static final List<String> KNOWN = List.of("correlation", "permutation", "adversarial",
            "erasure-single", "decision-flip", "efficient-attention");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Map<String, List<JsonNode>>> byExperiment;
    private final List<String> models;

    private RunRecords(Map<String, Map<String, List<JsonNode>>> byExperiment, List<String> models) {
        this.byExperiment = byExperiment;
        this.models = models;
    }

    /**
     * Reads every {@code records/*.jsonl} of the run directory.
     *
     * @throws IllegalArgumentException if the directory has no records/ or no record at all
     */
    public static RunRecords read(Path runDir) {
        Path dir = runDir.resolve("records");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(runDir + " is not a run directory: it has no records/ directory");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Map<String, List<JsonNode>>> all = new LinkedHashMap<>();
        Set<String> models = new LinkedHashSet<>();
        // Known experiments first, in the papers' order, then anything else alphabetically.
        List<Path> ordered = new ArrayList<>();
        for (String e : KNOWN) {
            files.stream().filter(p -> p.getFileName().toString().equals(e + ".jsonl")).forEach(ordered::add);
        }
        files.stream().filter(p -> !ordered.contains(p)).forEach(ordered::add);
        for (Path file : ordered) {
            String name = file.getFileName().toString();
            String experiment = name.substring(0, name.length() - ".jsonl".length());
            Map<String, List<JsonNode>> byModel = new LinkedHashMap<>();
            for (String line : lines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode r;
                try {
                    r = JSON.readTree(line);
                } catch (IOException e) {
                    // A line torn by a kill is dropped on resume too: skip it rather than fail the report.
                    continue;
                }
                String model = r.path("model").asText();
                models.add(model);
                byModel.computeIfAbsent(model, k -> new ArrayList<>()).add(r);
            }
            if (!byModel.isEmpty()) {
                all.put(experiment, byModel);
            }
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException(dir + " holds no records (*.jsonl lines)");
        }
        return new RunRecords(all, List.copyOf(models));
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Experiments with at least one record, known ones first. */
    public List<String> experiments() {
        return List.copyOf(byExperiment.keySet());
    }

    /** Models in order of first appearance. */
    public List<String> models() {
        return models;
    }

    public boolean has(String experiment) {
        return byExperiment.containsKey(experiment);
    }

    /** All records of the experiment for the model (empty if none). */
    public List<JsonNode> records(String experiment, String model) {
        return byExperiment.getOrDefault(experiment, Map.of()).getOrDefault(model, List.of());
    }

    /** Records of the experiment for the model that qualify (carry result fields). */
    public List<JsonNode> qualifying(String experiment, String model) {
        return records(experiment, model).stream().filter(r -> r.path("qualifies").asBoolean()).toList();
    }

    /** Models with at least one record of the experiment. */
    public List<String> models(String experiment) {
        return List.copyOf(byExperiment.getOrDefault(experiment, Map.of()).keySet());
    }

    /**
     * Per instance of the model, in first-seen order: one record (the first seen) with the union of
     * every experiment's {@code measures} — the experiments compute different measures for the same
     * instance, and the instance views want them side by side.
     */
    public List<Instance> instances(String model) {
        Map<String, Instance> byId = new LinkedHashMap<>();
        for (Map<String, List<JsonNode>> byModel : byExperiment.values()) {
            for (JsonNode r : byModel.getOrDefault(model, List.of())) {
                Instance i = byId.computeIfAbsent(r.path("id").asText(), id -> new Instance(r, new LinkedHashMap<>()));
                r.path("measures").fields().forEachRemaining(m -> i.measures().putIfAbsent(m.getKey(), doubles(m.getValue())));
            }
        }
        return List.copyOf(byId.values());
    }

    /** A JSON array of numbers (NaN for null or non-numeric entries). */
    static double[] doubles(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = number(array.get(i));
        }
        return v;
    }

    /** A number field; NaN when missing, null or Jackson's "NaN" text. */
    static double number(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return Double.NaN;
        }
        return n.isNumber() ? n.asDouble() : n.asDouble(Double.NaN);
    }

    /**
     * One instance of one model.
     *
     * @param record   the first record seen for it (tokens, labels, probabilities)
     * @param measures every measure any experiment recorded for it, by name
     */
    public record Instance(JsonNode record, Map<String, double[]> measures) {

        public List<String> tokens() {
            List<String> t = new ArrayList<>();
            record.path("tokens").forEach(n -> t.add(n.asText()));
            return t;
        }

        public boolean special(int position) {
            return record.path("special").path(position).asBoolean();
        }
    }
}
