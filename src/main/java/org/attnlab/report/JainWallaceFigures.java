package org.attnlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Jain &amp; Wallace (2019): Kendall tau densities by predicted class, output change under attention
 * permutation against the largest attention weight, and the adversarial attention's JSD.
 */
public final class JainWallaceFigures implements FigureFamily {

    /** Upper ends of the max-attention axis; the permutation boxes split the smallest that fits in four bins. */
    private static final double[] TOPS = {0.2, 0.4, 1.0};

    @Override
    public List<Figure> build(RunRecords r) {
        List<Figure> out = new ArrayList<>();
        for (String model : r.models("correlation")) {
            List<JsonNode> rs = r.qualifying("correlation", model);
            for (String pair : attentionPairs(rs)) {
                Map<String, double[]> byClass = byClass(rs, x -> RunRecords.number(x.path("kendall").path(pair).path("tau")));
                out.add(Figure.of(Figure.stem("correlation-tau", pair.replace("~", "-"), model),
                        "Density of Kendall tau between " + pair.replace("~", " and ") + " by predicted class, " + model + ".",
                        Charts.histogram("Kendall τ, " + pair.replace("~", " vs ") + " — " + model, "Kendall τ",
                                byClass, 20, -1, 1)));
            }
        }
        for (String model : r.models("permutation")) {
            out.add(permutation(model, r.qualifying("permutation", model)));
        }
        for (String model : r.models("adversarial")) {
            List<JsonNode> attacked = r.qualifying("adversarial", model).stream()
                    .filter(x -> x.path("unsupported").isNull() || x.path("unsupported").isMissingNode()).toList();
            if (attacked.isEmpty()) {
                continue; // e.g. transformers: the attack does not apply, the table says why
            }
            double eps = attacked.get(0).path("epsilon").asDouble();
            String epsText = String.format(Locale.ROOT, "%.2f", eps);
            out.add(Figure.of(Figure.stem("adversarial-jsd", model),
                    "Largest JS divergence from the original attention among adversarial attentions whose output "
                            + "changes by at most ε=" + epsText + " (TVD), by predicted class, " + model + ".",
                    Charts.histogram("Max JSD within ε=" + epsText + " — " + model, "max JS divergence (nats, ≤ ln 2)",
                            byClass(attacked, x -> RunRecords.number(x.path("max_jsd_within_epsilon"))), 14, 0, Math.log(2))));
            Map<String, List<double[]>> points = new TreeMap<>();
            for (JsonNode x : attacked) {
                points.computeIfAbsent(x.path("predicted").asText(), k -> new ArrayList<>())
                        .add(new double[] {RunRecords.number(x.path("max_attention")), RunRecords.number(x.path("max_jsd_within_epsilon"))});
            }
            var chart = Charts.scatter("Max JSD vs max attention — " + model, "max attention weight",
                    "max JS divergence within ε (nats)", points);
            chart.getXYPlot().getDomainAxis().setRange(0, 1.02);
            chart.getXYPlot().getRangeAxis().setRange(0, 0.72);
            out.add(Figure.of(Figure.stem("adversarial-jsd-vs-max-attention", model),
                    "Max JSD within ε against the original's largest attention weight, by predicted class, " + model + ".", chart));
        }
        return out;
    }

    private static Figure permutation(String model, List<JsonNode> rs) {
        double[] edges = edges(rs.stream().mapToDouble(x -> RunRecords.number(x.path("max_attention")))
                .filter(Double::isFinite).max().orElse(1));
        List<String> bins = new ArrayList<>();
        for (int b = 0; b + 1 < edges.length; b++) {
            bins.add(String.format(Locale.ROOT, "%.2f–%.2f", edges[b], edges[b + 1]));
        }
        Map<String, Map<String, List<Double>>> rows = new TreeMap<>();
        for (JsonNode x : rs) {
            double max = RunRecords.number(x.path("max_attention"));
            int b = 0; // the last bin takes everything above its lower edge, the largest weight included
            while (b + 2 < edges.length && max >= edges[b + 1]) {
                b++;
            }
            Map<String, List<Double>> row = rows.computeIfAbsent(x.path("predicted").asText(), k -> new LinkedHashMap<>());
            bins.forEach(label -> row.putIfAbsent(label, new ArrayList<>()));
            row.get(bins.get(b)).add(RunRecords.number(x.path("median_tvd")));
        }
        return Figure.of(Figure.stem("permutation-median-tvd", model),
                "Median output change (TVD) over random permutations of attention, binned by the largest attention "
                        + "weight, by predicted class, " + model + ".",
                Charts.boxes("Attention permutation — " + model, "max attention weight (bin)",
                        "median output change (TVD)", rows));
    }

    /**
     * Four equal max-attention bins (J&amp;W bin the x axis the same way) over [0, 1] for the RNN models, whose
     * largest weight spans it, and over [0, 0.2] or [0, 0.4] for a transformer's head-mean attention, which
     * rarely exceeds 0.25 and would otherwise all fall into one box.
     */
    static double[] edges(double largest) {
        double top = 1.0;
        for (double t : TOPS) {
            if (largest < t) {
                top = t;
                break;
            }
        }
        double[] edges = new double[5];
        for (int b = 0; b < 5; b++) {
            edges[b] = top * b / 4;
        }
        return edges;
    }

    /** Pairs of the correlation record that involve attention, e.g. attention~gradient, attention~loo. */
    static List<String> attentionPairs(List<JsonNode> rs) {
        List<String> pairs = new ArrayList<>();
        if (!rs.isEmpty()) {
            for (Iterator<String> it = rs.get(0).path("kendall").fieldNames(); it.hasNext(); ) {
                String p = it.next();
                if (p.startsWith("attention~")) {
                    pairs.add(p);
                }
            }
        }
        return pairs;
    }

    /** One value per record, grouped by predicted class (sorted, so colours match across figures). */
    static Map<String, double[]> byClass(List<JsonNode> rs, java.util.function.ToDoubleFunction<JsonNode> value) {
        Map<String, List<JsonNode>> groups = new TreeMap<>();
        rs.forEach(x -> groups.computeIfAbsent("predicted " + x.path("predicted").asText(), k -> new ArrayList<>()).add(x));
        Map<String, double[]> out = new LinkedHashMap<>();
        groups.forEach((k, v) -> out.put(k, v.stream().mapToDouble(value).toArray()));
        return out;
    }
}
