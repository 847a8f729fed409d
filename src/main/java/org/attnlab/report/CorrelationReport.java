package org.attnlab.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attnlab.experiment.CorrelationExperiment;
import org.attnlab.experiment.CorrelationType;
import org.attnlab.experiment.ExperimentType;
import org.attnlab.experiment.ResultRecord;

/**
 * Jain &amp; Wallace's correlation table (Kendall τ mean ± std and the share of p ≤ .05 per pair), this run
 * beside their IMDB numbers where a model is on their setting, and τ densities by predicted class.
 */
final class CorrelationReport implements ExperimentReport<CorrelationExperiment.Result, CorrelationType.Summary> {

    /** Jain &amp; Wallace (2019), IMDB, tanh attention: mean ± std (fraction significant) of Kendall tau. */
    static final Map<String, Map<String, String>> PAPER = Map.of(
            "bilstm-imdb", Map.of("attention~gradient", "0.437 ± 0.061 (1.00)", "attention~loo", "0.341 ± 0.070 (0.99)"),
            "cnn-imdb", Map.of("attention~gradient", "0.452 ± 0.054 (1.00)", "attention~loo", "0.295 ± 0.057 (0.98)"),
            "average-imdb", Map.of("attention~gradient", "0.675 ± 0.050 (1.00)", "attention~loo", "0.576 ± 0.098 (1.00)"));

    @Override
    public ExperimentType<?, CorrelationExperiment.Result, CorrelationType.Summary> type() {
        return CorrelationType.INSTANCE;
    }

    @Override
    public void headline(String model, CorrelationType.Summary s, Headline lines) {
        s.kendall().forEach((pair, p) -> lines.put("tau " + pair + " (sig.)", model, Cells.tauShort(p.overall())));
    }

    @Override
    public List<Table> tables(Map<String, CorrelationType.Summary> byModel) {
        if (byModel.isEmpty()) {
            return List.of();
        }
        Set<String> pairs = new LinkedHashSet<>();
        byModel.values().forEach(s -> pairs.addAll(s.kendall().keySet()));
        List<String> header = new ArrayList<>(List.of("model"));
        pairs.forEach(p -> header.add("τ " + p));
        List<List<String>> rows = new ArrayList<>();
        List<List<String>> paperRows = new ArrayList<>();
        byModel.forEach((model, s) -> {
            List<String> row = new ArrayList<>(List.of(model));
            pairs.forEach(p -> row.add(s.kendall().containsKey(p) ? Cells.tau(s.kendall().get(p).overall()) : Cells.NA));
            rows.add(row);
            PAPER.forEach((setting, values) -> {
                if (model.startsWith(setting)) {
                    for (String pair : List.of("attention~gradient", "attention~loo")) {
                        CorrelationType.PairSummary ours = s.kendall().get(pair);
                        paperRows.add(List.of(model, pair, ours == null ? Cells.NA : Cells.tau(ours.overall()), values.get(pair)));
                    }
                }
            });
        });
        List<Table> out = new ArrayList<>();
        out.add(new Table("correlation", "Kendall τ between importance measures: mean ± std (fraction with p ≤ .05)"
                + " (Jain & Wallace)", header, rows));
        if (!paperRows.isEmpty()) {
            out.add(new Table("correlation-paper", "Kendall τ, this run vs Jain & Wallace (2019) on IMDB",
                    List.of("model", "pair", "this run", "Jain & Wallace"), paperRows));
        }
        return out;
    }

    @Override
    public List<Figure> figures(Map<String, List<ResultRecord<CorrelationExperiment.Result>>> byModel) {
        List<Figure> out = new ArrayList<>();
        byModel.forEach((model, rs) -> {
            for (String pair : attentionPairs(rs)) {
                Map<String, double[]> byClass = ByClass.values(rs, r -> tau(r, pair));
                out.add(Figure.of(Figure.stem("correlation-tau", pair.replace("~", "-"), model),
                        "Density of Kendall tau between " + pair.replace("~", " and ") + " by predicted class, " + model + ".",
                        Charts.histogram("Kendall τ, " + pair.replace("~", " vs ") + " — " + model, "Kendall τ",
                                byClass, 20, -1, 1)));
            }
        });
        return out;
    }

    private static double tau(CorrelationExperiment.Result r, String pair) {
        CorrelationExperiment.Pair p = r.kendall().get(pair);
        return p == null ? Double.NaN : p.tau();
    }

    /** Pairs that involve attention, e.g. attention~gradient, attention~loo, in the records' order. */
    static List<String> attentionPairs(List<ResultRecord<CorrelationExperiment.Result>> rs) {
        return rs.stream().filter(ResultRecord::qualifies).findFirst()
                .map(r -> r.result().kendall().keySet().stream().filter(p -> p.startsWith("attention~")).toList())
                .orElse(List.of());
    }
}
