package org.attnlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.attnlab.experiment.SuiteRunner;
import org.attnlab.stats.McNemar;
import org.attnlab.stats.Summary;

/**
 * {@code summary.json}, computed from the records files alone (so it can be recomputed anywhere):
 * per experiment and model, the papers' summary statistics.
 */
public final class SuiteSummary {

    private static final ObjectMapper JSON = SuiteRunner.JSON;
    private static final double ALPHA = 0.05;

    private final ObjectNode json;
    private final Headline headline;

    private SuiteSummary(ObjectNode json, Headline headline) {
        this.json = json;
        this.headline = headline;
    }

    public ObjectNode json() {
        return json;
    }

    /** About ten console lines: one row per headline statistic, one column per model. */
    public List<String> headline() {
        return headline.render();
    }

    public static SuiteSummary of(Path runDir, List<String> experiments) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        Headline lines = new Headline();
        for (String experiment : experiments) {
            Path file = runDir.resolve("records").resolve(experiment + ".jsonl");
            Map<String, List<JsonNode>> byModel = new LinkedHashMap<>();
            if (Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        JsonNode r = JSON.readTree(line);
                        byModel.computeIfAbsent(r.path("model").asText(), k -> new ArrayList<>()).add(r);
                    }
                }
            }
            ObjectNode e = root.putObject(experiment);
            for (Map.Entry<String, List<JsonNode>> m : byModel.entrySet()) {
                List<JsonNode> qualifying = m.getValue().stream().filter(r -> r.path("qualifies").asBoolean()).toList();
                ObjectNode s = e.putObject(m.getKey());
                s.put("records", m.getValue().size());
                s.put("qualifying", qualifying.size());
                switch (experiment) {
                    case "correlation" -> correlation(s, qualifying, m.getKey(), lines);
                    case "permutation" -> permutation(s, qualifying, m.getKey(), lines);
                    case "erasure-single" -> erasureSingle(s, qualifying, m.getKey(), lines);
                    case "decision-flip" -> decisionFlip(s, qualifying, m.getKey(), lines);
                    case "adversarial" -> adversarial(s, qualifying, m.getKey(), lines);
                    case "efficient-attention" -> efficient(s, qualifying, m.getKey(), lines);
                    default -> { }
                }
            }
        }
        return new SuiteSummary(root, lines);
    }

    /** Per pair: mean, std and fraction significant of tau, overall and by predicted class (Jain &amp; Wallace's table). */
    private static void correlation(ObjectNode s, List<JsonNode> records, String model, Headline lines) {
        if (records.isEmpty()) {
            return;
        }
        ObjectNode kendall = s.putObject("kendall");
        for (Iterator<String> pairs = records.get(0).path("kendall").fieldNames(); pairs.hasNext(); ) {
            String pair = pairs.next();
            ObjectNode p = kendall.putObject(pair);
            p.set("overall", tauSummary(records, pair, null));
            ObjectNode byClass = p.putObject("by_predicted_class");
            records.stream().map(r -> r.path("predicted").asText()).distinct().sorted()
                    .forEach(c -> byClass.set(c, tauSummary(records, pair, c)));
            JsonNode o = p.path("overall");
            lines.put("tau " + pair + " (sig.)", model, String.format(Locale.ROOT, "%.2f ± %.2f (%.2f)",
                    o.path("mean").asDouble(), o.path("std").asDouble(), o.path("fraction_significant").asDouble()));
        }
    }

    private static ObjectNode tauSummary(List<JsonNode> records, String pair, String predictedClass) {
        List<JsonNode> rs = records.stream()
                .filter(r -> predictedClass == null || r.path("predicted").asText().equals(predictedClass)).toList();
        double[] tau = rs.stream().mapToDouble(r -> r.path("kendall").path(pair).path("tau").asDouble(Double.NaN)).toArray();
        double[] p = rs.stream().mapToDouble(r -> r.path("kendall").path(pair).path("p").asDouble(Double.NaN)).toArray();
        ObjectNode o = JSON.valueToTree(Summary.of(tau));
        o.put("fraction_significant", Summary.fractionAtMost(p, ALPHA));
        return o;
    }

    private static void permutation(ObjectNode s, List<JsonNode> records, String model, Headline lines) {
        double[] median = records.stream().mapToDouble(r -> r.path("median_tvd").asDouble()).toArray();
        s.set("median_tvd", JSON.valueToTree(Summary.of(median)));
        long small = java.util.Arrays.stream(median).filter(v -> v < 0.01).count();
        s.put("fraction_median_tvd_below_0.01", records.isEmpty() ? Double.NaN : small / (double) records.size());
        lines.put("permutation: median TVD (< .01)", model, String.format(Locale.ROOT, "%.3f (%.0f%%)",
                Summary.of(median).mean(), 100.0 * small / Math.max(1, records.size())));
    }

    /** Serrano &amp; Smith's 2x2 table of which single erasure flipped the decision, with McNemar's test. */
    private static void erasureSingle(ObjectNode s, List<JsonNode> records, String model, Headline lines) {
        int both = 0;
        int onlyTop = 0;
        int onlyRandom = 0;
        int neither = 0;
        double[] delta = new double[records.size()];
        for (int i = 0; i < records.size(); i++) {
            JsonNode r = records.get(i);
            boolean top = r.path("top").path("flipped").asBoolean();
            boolean random = r.path("random").path("flipped").asBoolean();
            both += top && random ? 1 : 0;
            onlyTop += top && !random ? 1 : 0;
            onlyRandom += !top && random ? 1 : 0;
            neither += !top && !random ? 1 : 0;
            delta[i] = r.path("delta_jsd").asDouble();
        }
        ObjectNode table = s.putObject("flips");
        table.put("both", both);
        table.put("only_top", onlyTop);
        table.put("only_random", onlyRandom);
        table.put("neither", neither);
        s.put("mcnemar_p", onlyTop + onlyRandom == 0 ? 1.0 : McNemar.pValue(onlyTop, onlyRandom));
        s.set("delta_jsd", JSON.valueToTree(Summary.of(delta)));
        long positive = java.util.Arrays.stream(delta).filter(d -> d > 0).count();
        s.put("fraction_delta_jsd_positive", records.isEmpty() ? Double.NaN : positive / (double) records.size());
        lines.put("erasure: flips top / random", model,
                String.format(Locale.ROOT, "%d / %d of %d", both + onlyTop, both + onlyRandom, records.size()));
    }

    /** Per ordering: mean +- std fraction erased over instances that flip, and how many never flip. */
    private static void decisionFlip(ObjectNode s, List<JsonNode> records, String model, Headline lines) {
        if (records.isEmpty()) {
            return;
        }
        ObjectNode orderings = s.putObject("orderings");
        for (Iterator<String> it = records.get(0).path("orderings").fieldNames(); it.hasNext(); ) {
            String o = it.next();
            List<JsonNode> flips = records.stream().map(r -> r.path("orderings").path(o)).toList();
            double[] fraction = flips.stream().filter(f -> f.path("flipped").asBoolean())
                    .mapToDouble(f -> f.path("fraction").asDouble()).toArray();
            ObjectNode n = orderings.putObject(o);
            n.set("fraction_erased", JSON.valueToTree(Summary.of(fraction)));
            n.put("flipped", fraction.length);
            n.put("never_flipped", flips.size() - fraction.length);
            if (o.equals("attention-desc") || o.equals("random-1")) {
                lines.put("flip: erased, " + o + " (never)", model, String.format(Locale.ROOT, "%.2f (%d)",
                        Summary.of(fraction).mean(), flips.size() - fraction.length));
            }
        }
    }

    /** Jain &amp; Wallace's adversarial attention: how far attention can move within epsilon of the output. */
    private static void adversarial(ObjectNode s, List<JsonNode> records, String model, Headline lines) {
        List<JsonNode> attacked = records.stream().filter(r -> r.path("unsupported").isNull()).toList();
        s.put("unsupported", records.size() - attacked.size());
        if (attacked.isEmpty()) {
            lines.put("adversarial: max JSD (> .5)", model, "n/a");
            return;
        }
        double[] jsd = attacked.stream().mapToDouble(r -> r.path("max_jsd_within_epsilon").asDouble()).toArray();
        s.set("max_jsd_within_epsilon", JSON.valueToTree(Summary.of(jsd)));
        long far = java.util.Arrays.stream(jsd).filter(v -> v > 0.5).count();
        s.put("fraction_max_jsd_above_0.5", far / (double) jsd.length);
        lines.put("adversarial: max JSD (> .5)", model,
                String.format(Locale.ROOT, "%.3f (%.0f%%)", Summary.of(jsd).mean(), 100.0 * far / jsd.length));
    }

    /** Effective/efficient attention: invariance, sufficiency and necessity of the support, agreement. */
    private static void efficient(ObjectNode s, List<JsonNode> records, String model, Headline lines) {
        if (records.isEmpty()) {
            return;
        }
        double[] effective = records.stream().mapToDouble(r -> r.path("effective_tvd").asDouble()).toArray();
        double[] efficient = records.stream().mapToDouble(r -> r.path("efficient_tvd").asDouble()).toArray();
        double[] support = records.stream().mapToDouble(r -> r.path("support").size()).toArray();
        double sufficient = records.stream().filter(r -> r.path("sufficient").asBoolean()).count() / (double) records.size();
        double necessary = records.stream().filter(r -> r.path("necessary").asBoolean()).count() / (double) records.size();
        s.set("effective_output_tvd", JSON.valueToTree(Summary.of(effective)));
        s.set("efficient_output_tvd", JSON.valueToTree(Summary.of(efficient)));
        s.set("support_size", JSON.valueToTree(Summary.of(support)));
        s.put("sufficiency_rate", sufficient);
        s.put("necessity_rate", necessary);
        ObjectNode kendall = s.putObject("kendall");
        for (Iterator<String> pairs = records.get(0).path("kendall").fieldNames(); pairs.hasNext(); ) {
            String pair = pairs.next();
            kendall.set(pair, tauSummary(records, pair, null));
        }
        lines.put("efficient: support, suff./nec.", model, String.format(Locale.ROOT, "%.1f, %.0f%%/%.0f%%",
                Summary.of(support).mean(), 100 * sufficient, 100 * necessary));
    }

    /** Cells keyed by row (a statistic) and column (a model), rendered as an aligned text table. */
    private static final class Headline {
        private final Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        private final java.util.Set<String> models = new java.util.LinkedHashSet<>();

        void put(String row, String model, String cell) {
            models.add(model);
            rows.computeIfAbsent(row, k -> new LinkedHashMap<>()).put(model, cell);
        }

        List<String> render() {
            int first = rows.keySet().stream().mapToInt(String::length).max().orElse(0);
            Map<String, Integer> width = new LinkedHashMap<>();
            for (String m : models) {
                width.put(m, Math.max(m.length(), rows.values().stream().mapToInt(r -> r.getOrDefault(m, "").length()).max().orElse(0)));
            }
            List<String> out = new ArrayList<>();
            out.add(line(first, "", width, m -> m));
            rows.forEach((row, cells) -> out.add(line(first, row, width, m -> cells.getOrDefault(m, "-"))));
            return out;
        }

        private static String line(int first, String label, Map<String, Integer> width,
                java.util.function.Function<String, String> cell) {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-" + Math.max(1, first) + "s", label));
            width.forEach((m, w) -> b.append("  ").append(String.format(Locale.ROOT, "%" + w + "s", cell.apply(m))));
            return b.toString().stripTrailing();
        }
    }
}
