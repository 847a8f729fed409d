package org.attnlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The papers' summary tables from a {@code summary.json} tree ({@link SuiteSummary}'s layout): one
 * {@link Table} per experiment present, plus "paper vs this run" for correlation when the run has a
 * model on Jain &amp; Wallace's IMDB setting. Means are shown as {@code mean ± std (fraction p ≤ .05)}.
 */
public final class SummaryTables {

    /** Jain &amp; Wallace (2019), Table 2, IMDB: mean ± std (fraction significant) of Kendall tau. */
    static final Map<String, Map<String, String>> PAPER = Map.of(
            "bilstm-imdb", Map.of("attention~gradient", "0.44 ± 0.06 (1.00)", "attention~loo", "0.34 ± 0.07 (0.99)"),
            "average-imdb", Map.of("attention~gradient", "0.67 ± 0.05 (1.00)", "attention~loo", "0.58 ± 0.10 (1.00)"));

    static final String NA = "n/a";

    private SummaryTables() {
    }

    /** Every table the summary supports, in the papers' order. */
    public static List<Table> of(JsonNode summary) {
        List<Table> out = new ArrayList<>();
        if (has(summary, "correlation")) {
            out.add(correlation(summary.path("correlation")));
            Table paper = paper(summary.path("correlation"));
            if (!paper.rows().isEmpty()) {
                out.add(paper);
            }
        }
        if (has(summary, "permutation")) {
            out.add(perModel(summary.path("permutation"), "permutation", "Attention permutation (Jain & Wallace)",
                    List.of("median TVD, mean ± std", "share median TVD < 0.01"),
                    s -> List.of(meanStd(s.path("median_tvd")), fmt(s.path("fraction_median_tvd_below_0.01"), 2))));
        }
        if (has(summary, "adversarial")) {
            out.add(perModel(summary.path("adversarial"), "adversarial", "Adversarial attention (Jain & Wallace)",
                    List.of("max JSD within ε, mean ± std", "share > 0.5", "unsupported"),
                    s -> List.of(meanStd(s.path("max_jsd_within_epsilon")), fmt(s.path("fraction_max_jsd_above_0.5"), 2),
                            s.path("unsupported").asText(NA))));
        }
        if (has(summary, "erasure-single")) {
            out.add(perModel(summary.path("erasure-single"), "erasure-single",
                    "Single-token erasure: which erasure flips the decision (Serrano & Smith)",
                    List.of("both flip", "only top flips", "only random flips", "neither", "McNemar p", "ΔJS, mean ± std"),
                    s -> List.of(s.path("flips").path("both").asText(NA), s.path("flips").path("only_top").asText(NA),
                            s.path("flips").path("only_random").asText(NA), s.path("flips").path("neither").asText(NA),
                            fmt(s.path("mcnemar_p"), 3), meanStd(s.path("delta_jsd")))));
        }
        if (has(summary, "decision-flip")) {
            out.add(decisionFlip(summary.path("decision-flip")));
        }
        if (has(summary, "efficient-attention")) {
            out.add(perModel(summary.path("efficient-attention"), "efficient-attention",
                    "Efficient attention (Naim & Asher)",
                    List.of("support size, mean ± std", "sufficiency rate", "necessity rate", "efficient output TVD, mean"),
                    s -> List.of(meanStd(s.path("support_size")), fmt(s.path("sufficiency_rate"), 2),
                            fmt(s.path("necessity_rate"), 2), sci(s.path("efficient_output_tvd").path("mean")))));
        }
        return out;
    }

    private static boolean has(JsonNode summary, String experiment) {
        return summary.path(experiment).size() > 0;
    }

    static Table correlation(JsonNode correlation) {
        Set<String> pairs = new LinkedHashSet<>();
        correlation.forEach(m -> m.path("kendall").fieldNames().forEachRemaining(pairs::add));
        List<String> header = new ArrayList<>(List.of("model"));
        pairs.forEach(p -> header.add("τ " + p));
        List<List<String>> rows = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = correlation.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> m = it.next();
            List<String> row = new ArrayList<>(List.of(m.getKey()));
            pairs.forEach(p -> row.add(tau(m.getValue().path("kendall").path(p).path("overall"))));
            rows.add(row);
        }
        return new Table("correlation", "Kendall τ between importance measures: mean ± std (fraction with p ≤ .05)"
                + " (Jain & Wallace)", header, rows);
    }

    /** This run beside Jain &amp; Wallace's IMDB numbers, for models named bilstm-imdb* / average-imdb*. */
    static Table paper(JsonNode correlation) {
        List<List<String>> rows = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = correlation.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> m = it.next();
            for (Map.Entry<String, Map<String, String>> paper : PAPER.entrySet()) {
                if (m.getKey().startsWith(paper.getKey())) {
                    for (String pair : List.of("attention~gradient", "attention~loo")) {
                        rows.add(List.of(m.getKey(), pair, tau(m.getValue().path("kendall").path(pair).path("overall")),
                                paper.getValue().get(pair)));
                    }
                }
            }
        }
        return new Table("correlation-paper", "Kendall τ, this run vs Jain & Wallace (2019) on IMDB",
                List.of("model", "pair", "this run", "Jain & Wallace"), rows);
    }

    static Table decisionFlip(JsonNode flip) {
        Set<String> orderings = new LinkedHashSet<>();
        flip.forEach(m -> m.path("orderings").fieldNames().forEachRemaining(orderings::add));
        List<String> header = new ArrayList<>(List.of("model"));
        header.addAll(orderings);
        List<List<String>> rows = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = flip.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> m = it.next();
            List<String> row = new ArrayList<>(List.of(m.getKey()));
            for (String o : orderings) {
                JsonNode n = m.getValue().path("orderings").path(o);
                row.add(n.isMissingNode() ? NA : fmt(n.path("fraction_erased").path("mean"), 2) + " (never "
                        + n.path("never_flipped").asText(NA) + ")");
            }
            rows.add(row);
        }
        return new Table("decision-flip", "Fraction of tokens erased before the decision flips, mean over instances"
                + " that flip (number that never flip), per ordering (Serrano & Smith)", header, rows);
    }

    private static Table perModel(JsonNode experiment, String name, String title, List<String> columns,
            java.util.function.Function<JsonNode, List<String>> cells) {
        List<String> header = new ArrayList<>(List.of("model", "instances"));
        header.addAll(columns);
        List<List<String>> rows = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = experiment.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> m = it.next();
            List<String> row = new ArrayList<>(List.of(m.getKey(), m.getValue().path("qualifying").asText(NA)));
            row.addAll(cells.apply(m.getValue()));
            rows.add(row);
        }
        return new Table(name, title, header, rows);
    }

    /** {@code mean ± std (fraction significant)} of a tau summary. */
    static String tau(JsonNode s) {
        return s.isMissingNode() ? NA : meanStd(s) + " (" + fmt(s.path("fraction_significant"), 2) + ")";
    }

    static String meanStd(JsonNode s) {
        return s.isMissingNode() ? NA : fmt(s.path("mean"), 3) + " ± " + fmt(s.path("std"), 3);
    }

    static String fmt(JsonNode n, int digits) {
        double v = RunRecords.number(n);
        return Double.isNaN(v) ? NA : String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    private static String sci(JsonNode n) {
        double v = RunRecords.number(n);
        return Double.isNaN(v) ? NA : String.format(Locale.ROOT, "%.1e", v);
    }
}
