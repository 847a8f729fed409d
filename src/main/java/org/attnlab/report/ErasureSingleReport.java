package org.attnlab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attnlab.experiment.ErasureSingleExperiment;
import org.attnlab.experiment.ErasureSingleType;
import org.attnlab.experiment.ExperimentType;
import org.attnlab.experiment.ResultRecord;
import org.jfree.chart.JFreeChart;

/**
 * Serrano &amp; Smith's single-weight test: the 2×2 table of which single erasure flips the decision (with
 * McNemar's p), ΔJS against Δα, and per kind of erasure (top, second, lowest, random) its mean JS divergence and
 * flip fraction.
 */
final class ErasureSingleReport implements ExperimentReport<ErasureSingleExperiment.Result, ErasureSingleType.Summary> {

    @Override
    public ExperimentType<?, ErasureSingleExperiment.Result, ErasureSingleType.Summary> type() {
        return ErasureSingleType.INSTANCE;
    }

    @Override
    public void headline(String model, ErasureSingleType.Summary s, Headline lines) {
        ErasureSingleType.FlipCounts f = s.flips();
        lines.put("erasure: flips top / random", model, (f.both() + f.onlyTop()) + " / " + (f.both() + f.onlyRandom())
                + " of " + s.qualifying());
    }

    @Override
    public List<Table> tables(Map<String, ErasureSingleType.Summary> byModel) {
        if (byModel.isEmpty()) {
            return List.of();
        }
        List<List<String>> rows = new ArrayList<>();
        byModel.forEach((model, s) -> rows.add(List.of(model, Integer.toString(s.qualifying()),
                Integer.toString(s.flips().both()), Integer.toString(s.flips().onlyTop()),
                Integer.toString(s.flips().onlyRandom()), Integer.toString(s.flips().neither()),
                Cells.fmt(s.mcnemarP(), 3), Cells.meanStd(s.deltaJsd()))));
        List<List<String>> kinds = new ArrayList<>();
        byModel.forEach((model, s) -> ErasureSingleType.KINDS.forEach(kind -> {
            ErasureSingleType.KindSummary k = s.erasures().get(kind);
            kinds.add(List.of(model, kind, Integer.toString(k.jsd().count()), Cells.sci(k.jsd().mean()),
                    Cells.sci(k.jsd().median()), Integer.toString(k.flipped()), Cells.fmt(k.flipFraction(), 3)));
        }));
        return List.of(new Table("erasure-single", "Single-token erasure: which erasure flips the decision (Serrano & Smith)",
                List.of("model", "instances", "both flip", "only top flips", "only random flips", "neither", "McNemar p",
                        "ΔJS, mean ± std"), rows),
                new Table("erasure-single-kinds", "Single-token erasure by the erased token's attention rank: the most, "
                        + "second most and least attended real token and a random other one (Serrano & Smith)",
                        List.of("model", "erased", "instances", "JS mean", "JS median", "flips", "flip fraction"), kinds));
    }

    @Override
    public List<Figure> figures(Map<String, List<ResultRecord<ErasureSingleExperiment.Result>>> byModel) {
        List<Figure> out = new ArrayList<>();
        byModel.forEach((model, rs) -> {
            List<ErasureSingleExperiment.Result> q = rs.stream().filter(ResultRecord::qualifies).map(ResultRecord::result).toList();
            ErasureSingleType.FlipCounts flips = ErasureSingleType.flips(q);
            FlipTable table = new FlipTable("Which single erasure flips the decision — " + model, flips.both(), flips.onlyTop(),
                    flips.onlyRandom(), flips.neither(), ErasureSingleType.INSTANCE.summarize(rs).mcnemarP());
            out.add(new Figure(Figure.stem("erasure-flips", model), "Instances whose decision flips when the most attended "
                    + "token i* is erased (rows) and when a random other token r is erased (columns), " + model + "; "
                    + table.pText() + ".", table, FlipTable.WIDTH, FlipTable.HEIGHT));
            Map<String, List<double[]>> points = new LinkedHashMap<>();
            for (String k : List.of("neither flipped", "only top flipped", "only random flipped", "both flipped")) {
                points.put(k, new ArrayList<>());
            }
            for (ErasureSingleExperiment.Result r : q) {
                boolean top = r.top().flipped();
                boolean random = r.random().flipped();
                String key = top && random ? "both flipped" : top ? "only top flipped" : random ? "only random flipped" : "neither flipped";
                points.get(key).add(new double[] {r.deltaAttention(), r.deltaJsd()});
            }
            points.values().removeIf(List::isEmpty);
            JFreeChart chart = Charts.scatter("Single erasure: ΔJS vs Δα — " + model, "Δα = α(top) − α(random)",
                    "ΔJS = JS(top) − JS(random) (nats)", points);
            out.add(Figure.of(Figure.stem("erasure-delta-jsd", model),
                    "Difference in output JS divergence between erasing the most attended and a random token, against "
                            + "the difference in their attention, " + model + ".", chart));
        });
        return out;
    }
}
