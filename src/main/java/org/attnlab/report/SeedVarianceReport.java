package org.attnlab.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attnlab.experiment.AdversarialExperiment;
import org.attnlab.experiment.AdversarialType;
import org.attnlab.experiment.DistanceSummary;
import org.attnlab.experiment.ExperimentType;
import org.attnlab.experiment.ResultRecord;
import org.attnlab.experiment.SeedVarianceExperiment;
import org.attnlab.experiment.SeedVarianceType;

/**
 * Wiegreffe &amp; Pinter's variance calibration: how far seed variants move attention and output, and (their Figure 3)
 * J&amp;W's per-instance adversaries of the same run on the same axes.
 */
final class SeedVarianceReport implements ExperimentReport<SeedVarianceExperiment.Result, SeedVarianceType.Summary> {

    @Override
    public ExperimentType<?, SeedVarianceExperiment.Result, SeedVarianceType.Summary> type() {
        return SeedVarianceType.INSTANCE;
    }

    @Override
    public void headline(String model, SeedVarianceType.Summary s, Headline lines) {
        lines.put("seed variants: median JSD / TVD", model, Cells.fmt(s.pooled().jsd().median(), 3) + " / "
                + Cells.fmt(s.pooled().tvd().median(), 3));
    }

    @Override
    public List<Table> tables(Map<String, SeedVarianceType.Summary> byModel) {
        if (byModel.isEmpty()) {
            return List.of();
        }
        List<List<String>> rows = new ArrayList<>();
        byModel.forEach((model, s) -> {
            s.bySeed().forEach((seed, d) -> rows.add(row(model, seed, d)));
            rows.add(row(model, "all seeds", s.pooled()));
        });
        return List.of(new Table("seed-variance", "Seed variance (Wiegreffe & Pinter §3.2): attention JSD and output TVD of "
                + "seed variants from the model", List.of("model", "variant", "instances", "JSD mean ± std", "JSD median",
                "TVD mean ± std", "TVD median"), rows));
    }

    private static List<String> row(String model, String variant, DistanceSummary d) {
        return List.of(model, variant, Integer.toString(d.jsd().count()), Cells.meanStd(d.jsd()), Cells.fmt(d.jsd().median(), 3),
                Cells.meanStd(d.tvd()), Cells.fmt(d.tvd().median(), 3));
    }

    @Override
    public List<Figure> figures(Map<String, List<ResultRecord<SeedVarianceExperiment.Result>>> byModel) {
        return figures(byModel, null);
    }

    @Override
    public List<Figure> figures(Map<String, List<ResultRecord<SeedVarianceExperiment.Result>>> byModel, RunRecords run) {
        Map<String, List<ResultRecord<AdversarialExperiment.Result>>> adversarial = run == null ? Map.of()
                : run.byModel(AdversarialType.INSTANCE);
        List<Figure> out = new ArrayList<>();
        byModel.forEach((model, rs) -> {
            Map<String, List<double[]>> points = new LinkedHashMap<>();
            for (ResultRecord<SeedVarianceExperiment.Result> r : rs) {
                if (r.qualifies()) {
                    r.result().seeds().forEach(d -> points.computeIfAbsent("seed " + d.seed(), k -> new ArrayList<>())
                            .add(new double[] {d.jsd(), d.tvd()}));
                }
            }
            List<double[]> jw = adversaryPoints(adversarial.getOrDefault(model, List.of()));
            if (!jw.isEmpty()) {
                points.put("J&W adversaries (median JSD, mean TVD)", jw);
            }
            if (points.isEmpty()) {
                return;
            }
            var chart = Charts.scatter("Seeds" + (jw.isEmpty() ? "" : " vs adversaries") + " — " + model,
                    "JSD of attention from the model's (nats, ≤ ln 2)", "output TVD from the model's", points);
            chart.getXYPlot().getDomainAxis().setRange(0, 0.72);
            chart.getXYPlot().getRangeAxis().setRange(0, 1.02);
            out.add(Figure.of(Figure.stem("seed-variance-jsd-vs-tvd", model), "Per instance, JS divergence of each seed "
                    + "variant's attention (over the real tokens) from the model's against the TVD of their outputs"
                    + (jw.isEmpty() ? "" : "; beside them J&W's adversarial attentions of the same instances (median JSD "
                    + "over an instance's adversaries, mean TVD), as in Wiegreffe & Pinter's Figure 3") + ", " + model + ".",
                    chart));
        });
        return out;
    }

    /**
     * One point per attacked instance, as W&amp;P's plotting of J&amp;W adversaries: the median JSD over its adversaries
     * and the mean of their output changes.
     */
    static List<double[]> adversaryPoints(List<ResultRecord<AdversarialExperiment.Result>> records) {
        List<double[]> out = new ArrayList<>();
        for (ResultRecord<AdversarialExperiment.Result> r : records) {
            if (!r.qualifies() || r.result().unsupported() != null || r.result().adversaries().isEmpty()) {
                continue;
            }
            double median = median(r.result().adversaries().stream().mapToDouble(AdversarialExperiment.Adversary::jsd).toArray());
            double tvd = r.result().adversaries().stream().mapToDouble(AdversarialExperiment.Adversary::tvd).average().orElseThrow();
            out.add(new double[] {median, tvd});
        }
        return out;
    }

    /** Mean JSD and mean TVD of each seed over the model's qualifying records (W&amp;P's Figure 4 seed points). */
    static List<double[]> seedMeans(List<ResultRecord<SeedVarianceExperiment.Result>> records) {
        Map<Long, List<double[]>> bySeed = new LinkedHashMap<>();
        records.stream().filter(ResultRecord::qualifies).forEach(r -> r.result().seeds()
                .forEach(d -> bySeed.computeIfAbsent(d.seed(), k -> new ArrayList<>()).add(new double[] {d.jsd(), d.tvd()})));
        List<double[]> out = new ArrayList<>();
        bySeed.values().forEach(ds -> out.add(new double[] {mean(ds, 0), mean(ds, 1)}));
        return out;
    }

    static double mean(List<double[]> points, int k) {
        return points.stream().mapToDouble(p -> p[k]).filter(Double::isFinite).average().orElse(Double.NaN);
    }

    static double median(double[] values) {
        double[] s = Arrays.stream(values).sorted().toArray();
        return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
