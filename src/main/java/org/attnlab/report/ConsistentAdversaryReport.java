package org.attnlab.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attnlab.experiment.ConsistentAdversaryExperiment;
import org.attnlab.experiment.ConsistentAdversaryType;
import org.attnlab.experiment.ExperimentType;
import org.attnlab.experiment.ResultRecord;
import org.attnlab.experiment.SeedVarianceType;
import org.attnlab.experiment.UniformBaselineType;

/**
 * Wiegreffe &amp; Pinter's model-consistent adversaries: per λ, mean attention JSD and output TVD from the model; drawn
 * as their Figure 4 curve, with the run's seed variants and uniform model as reference points when it has them.
 */
final class ConsistentAdversaryReport
        implements ExperimentReport<ConsistentAdversaryExperiment.Result, ConsistentAdversaryType.Summary> {

    @Override
    public ExperimentType<?, ConsistentAdversaryExperiment.Result, ConsistentAdversaryType.Summary> type() {
        return ConsistentAdversaryType.INSTANCE;
    }

    @Override
    public void headline(String model, ConsistentAdversaryType.Summary s, Headline lines) {
        // One row (the console stays short): the largest λ, the adversary pushed furthest from the model's attention.
        s.byLambda().values().stream().max(Comparator.comparingDouble(ConsistentAdversaryType.LambdaSummary::lambda))
                .ifPresent(l -> lines.put("consistent adversary (largest λ): JSD / TVD", model, Cells.fmt(l.jsd().mean(), 3)
                        + " / " + Cells.fmt(l.tvd().mean(), 3) + " (λ=" + Cells.fmt(l.lambda(), 2) + ")"));
    }

    @Override
    public List<Table> tables(Map<String, ConsistentAdversaryType.Summary> byModel) {
        if (byModel.isEmpty()) {
            return List.of();
        }
        List<List<String>> rows = new ArrayList<>();
        byModel.forEach((model, s) -> s.byLambda().values().forEach(l -> rows.add(List.of(model, Cells.fmt(l.lambda(), 3),
                Integer.toString(l.jsd().count()), Cells.meanStd(l.jsd()), Cells.meanStd(l.tvd())))));
        return List.of(new Table("consistent-adversary", "Model-consistent adversaries (Wiegreffe & Pinter §4): attention JSD "
                + "and output TVD from the model", List.of("model", "λ", "instances", "JSD mean ± std", "TVD mean ± std"), rows));
    }

    @Override
    public List<Figure> figures(Map<String, List<ResultRecord<ConsistentAdversaryExperiment.Result>>> byModel) {
        return figures(byModel, null);
    }

    @Override
    public List<Figure> figures(Map<String, List<ResultRecord<ConsistentAdversaryExperiment.Result>>> byModel, RunRecords run) {
        List<Figure> out = new ArrayList<>();
        byModel.forEach((model, rs) -> {
            ConsistentAdversaryType.Summary s = ConsistentAdversaryType.INSTANCE.summarize(rs);
            List<ConsistentAdversaryType.LambdaSummary> byLambda = s.byLambda().values().stream()
                    .sorted(Comparator.comparingDouble(ConsistentAdversaryType.LambdaSummary::lambda)).toList();
            List<double[]> curve = byLambda.stream().map(l -> new double[] {l.jsd().mean(), l.tvd().mean()}).toList();
            Map<String, List<double[]>> series = new LinkedHashMap<>();
            series.put("model-consistent adversaries (increasing λ)", curve);
            if (run != null) {
                var seeds = run.byModel(SeedVarianceType.INSTANCE).get(model);
                if (seeds != null) {
                    SeedVarianceReport.seedMeans(seeds).forEach(p -> series.computeIfAbsent("seed variants",
                            k -> new ArrayList<>()).add(p));
                }
                var uniform = run.byModel(UniformBaselineType.INSTANCE).get(model);
                if (uniform != null) {
                    var d = UniformBaselineType.INSTANCE.summarize(uniform).distance();
                    series.put("uniform attention", List.of(new double[] {d.jsd().mean(), d.tvd().mean()}));
                }
            }
            var chart = Charts.curves("Consistent adversaries — " + model, "mean JSD of attention from the model's (nats)",
                    "mean output TVD from the model's", series);
            Charts.hollowShapes(chart);
            chart.getXYPlot().getDomainAxis().setRange(0, 0.72);
            labelLambdas(chart, byLambda);
            out.add(Figure.of(Figure.stem("consistent-adversary-curve", model), "Mean attention JSD (over the real tokens) "
                    + "against mean output TVD from the model, for the model-consistent adversary of each λ (joined in order "
                    + "of λ), beside the run's seed variants and uniform-attention model where it has them, as in Wiegreffe "
                    + "& Pinter's Figure 4, " + model + ".", chart));
        });
        return out;
    }

    /** Each point says its λ, as in their Figure 4; points that fall together (within 0.015) share one label. */
    private static void labelLambdas(org.jfree.chart.JFreeChart chart, List<ConsistentAdversaryType.LambdaSummary> byLambda) {
        List<double[]> at = new ArrayList<>();
        List<StringBuilder> text = new ArrayList<>();
        for (ConsistentAdversaryType.LambdaSummary l : byLambda) {
            double x = l.jsd().mean();
            double y = l.tvd().mean();
            String lambda = java.math.BigDecimal.valueOf(l.lambda()).stripTrailingZeros().toPlainString();
            int last = at.size() - 1;
            if (last >= 0 && Math.abs(at.get(last)[0] - x) < 0.015 && Math.abs(at.get(last)[1] - y) < 0.015) {
                text.get(last).append(", ").append(lambda);
            } else {
                at.add(new double[] {x, y});
                text.add(new StringBuilder("λ=").append(lambda));
            }
        }
        for (int i = 0; i < at.size(); i++) {
            var label = new org.jfree.chart.annotations.XYTextAnnotation(text.get(i).toString(), at.get(i)[0], at.get(i)[1]);
            label.setTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_RIGHT);
            label.setFont(label.getFont().deriveFont(12f));
            chart.getXYPlot().addAnnotation(label);
        }
    }
}
