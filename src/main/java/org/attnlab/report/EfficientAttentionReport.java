package org.attnlab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attnlab.experiment.EfficientAttentionExperiment;
import org.attnlab.experiment.EfficientAttentionType;
import org.attnlab.experiment.ExperimentType;
import org.attnlab.experiment.InstanceRecord;
import org.attnlab.experiment.ResultRecord;
import org.attnlab.experiment.TauSummary;
import org.jfree.chart.JFreeChart;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Naim &amp; Asher (2024): efficient attention's support size against input length, how often the support is
 * sufficient and necessary, and Kendall tau of raw, effective and efficient attention with the references.
 */
final class EfficientAttentionReport
        implements ExperimentReport<EfficientAttentionExperiment.Result, EfficientAttentionType.Summary> {

    private static final List<String> FORMS = List.of("attention", "effective-attention", "efficient-attention");

    @Override
    public ExperimentType<?, EfficientAttentionExperiment.Result, EfficientAttentionType.Summary> type() {
        return EfficientAttentionType.INSTANCE;
    }

    @Override
    public void headline(String model, EfficientAttentionType.Summary s, Headline lines) {
        lines.put("efficient: support, suff./nec.", model, Cells.fmt(s.supportSize().mean(), 1) + ", "
                + Cells.percent(s.sufficiencyRate()) + "/" + Cells.percent(s.necessityRate()));
    }

    @Override
    public List<Table> tables(Map<String, EfficientAttentionType.Summary> byModel) {
        if (byModel.isEmpty()) {
            return List.of();
        }
        List<List<String>> rows = new ArrayList<>();
        byModel.forEach((model, s) -> rows.add(List.of(model, Integer.toString(s.qualifying()), Cells.meanStd(s.supportSize()),
                Cells.fmt(s.sufficiencyRate(), 2), Cells.fmt(s.necessityRate(), 2), Cells.sci(s.efficientOutputTvd().mean()))));
        return List.of(new Table("efficient-attention", "Efficient attention (Naim & Asher)",
                List.of("model", "instances", "support size, mean ± std", "sufficiency rate", "necessity rate",
                        "efficient output TVD, mean"), rows));
    }

    @Override
    public List<Figure> figures(Map<String, List<ResultRecord<EfficientAttentionExperiment.Result>>> byModel) {
        if (byModel.isEmpty()) {
            return List.of();
        }
        List<Figure> out = new ArrayList<>();
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        DefaultCategoryDataset rates = new DefaultCategoryDataset();
        byModel.forEach((model, all) -> {
            List<ResultRecord<EfficientAttentionExperiment.Result>> rs = all.stream().filter(ResultRecord::qualifies).toList();
            List<double[]> p = points.computeIfAbsent(model, k -> new ArrayList<>());
            for (ResultRecord<EfficientAttentionExperiment.Result> r : rs) {
                p.add(new double[] {realTokens(r.instance()), r.result().support().size()});
            }
            EfficientAttentionType.Summary s = EfficientAttentionType.INSTANCE.summarize(all);
            rates.addValue(Double.isNaN(s.sufficiencyRate()) ? 0 : s.sufficiencyRate(), "sufficient", model);
            rates.addValue(Double.isNaN(s.necessityRate()) ? 0 : s.necessityRate(), "necessary", model);
        });
        JFreeChart scatter = Charts.scatter("Efficient attention: support size vs length", "real tokens in the input",
                "support size (tokens)", points);
        Charts.hollowShapes(scatter);
        double longest = points.values().stream().flatMap(List::stream).mapToDouble(p -> p[0]).max().orElse(1);
        scatter.getXYPlot().addAnnotation(new org.jfree.chart.annotations.XYLineAnnotation(0, 0, longest, longest,
                new java.awt.BasicStroke(0.8f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 1f,
                        new float[] {4f, 4f}, 0f), java.awt.Color.GRAY));
        out.add(Figure.of("efficient-support-size", "Number of tokens in the support of efficient attention against "
                + "the number of real tokens, per model (dashed: the diagonal, full support).", scatter));
        JFreeChart bars = Charts.bars("Efficient attention's support: sufficient / necessary", "model", "share of instances", rates);
        bars.getCategoryPlot().getRangeAxis().setRange(0, 1.1); // room for the value labels above 1.0
        out.add(Figure.of("efficient-sufficiency-necessity", "Share of instances whose efficient-attention support "
                + "alone keeps the prediction (sufficient) and whose removal changes it (necessary), per model.", bars));
        byModel.forEach((model, all) -> {
            Map<String, TauSummary> kendall = EfficientAttentionType.INSTANCE.summarize(all).kendall();
            DefaultCategoryDataset taus = new DefaultCategoryDataset();
            for (String form : FORMS) {
                for (String other : List.of("gradient", "loo")) {
                    TauSummary t = kendall.get(form + "~" + other);
                    if (t != null && t.count() > 0) {
                        taus.addValue(t.mean(), form, "τ with " + other);
                    }
                }
            }
            if (taus.getRowCount() == 0) {
                return;
            }
            JFreeChart chart = Charts.bars("Raw vs effective vs efficient attention — " + model, "", "mean Kendall τ", taus);
            chart.getCategoryPlot().getRangeAxis().setRange(-1, 1);
            out.add(Figure.of(Figure.stem("efficient-kendall", model), "Mean Kendall tau of raw, effective and efficient "
                    + "attention with gradient and leave-one-out importance, " + model + "."
                    , chart));
        });
        return out;
    }

    private static double realTokens(InstanceRecord r) {
        int n = 0;
        for (boolean s : r.special()) {
            n += s ? 0 : 1;
        }
        return n;
    }
}
