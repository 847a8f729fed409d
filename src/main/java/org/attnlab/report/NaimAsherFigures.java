package org.attnlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Naim &amp; Asher (2024): efficient attention's support size against input length, how often the
 * support is sufficient and necessary, and Kendall tau of raw, effective and efficient attention with
 * gradient and leave-one-out.
 */
public final class NaimAsherFigures implements FigureFamily {

    private static final String EXPERIMENT = "efficient-attention";
    private static final List<String> FORMS = List.of("attention", "effective-attention", "efficient-attention");

    @Override
    public List<Figure> build(RunRecords r) {
        List<String> models = r.models(EXPERIMENT);
        if (models.isEmpty()) {
            return List.of();
        }
        List<Figure> out = new ArrayList<>();
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        DefaultCategoryDataset rates = new DefaultCategoryDataset();
        for (String model : models) {
            List<JsonNode> rs = r.qualifying(EXPERIMENT, model);
            List<double[]> p = points.computeIfAbsent(model, k -> new ArrayList<>());
            for (JsonNode x : rs) {
                p.add(new double[] {realTokens(x), x.path("support").size()});
            }
            rates.addValue(share(rs, "sufficient"), "sufficient", model);
            rates.addValue(share(rs, "necessary"), "necessary", model);
        }
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
        for (String model : models) {
            List<JsonNode> rs = r.qualifying(EXPERIMENT, model);
            DefaultCategoryDataset taus = new DefaultCategoryDataset();
            for (String form : FORMS) {
                for (String other : List.of("gradient", "loo")) {
                    double[] t = rs.stream().mapToDouble(x -> RunRecords.number(x.path("kendall").path(form + "~" + other).path("tau")))
                            .filter(Double::isFinite).toArray();
                    if (t.length > 0) {
                        taus.addValue(java.util.Arrays.stream(t).average().orElse(Double.NaN), form, "τ with " + other);
                    }
                }
            }
            if (taus.getRowCount() == 0) {
                continue;
            }
            JFreeChart chart = Charts.bars("Raw vs effective vs efficient attention — " + model, "", "mean Kendall τ", taus);
            chart.getCategoryPlot().getRangeAxis().setRange(-1, 1);
            out.add(Figure.of(Figure.stem("efficient-kendall", model), "Mean Kendall tau of raw, effective and efficient "
                    + "attention with gradient and leave-one-out importance, " + model + ".", chart));
        }
        return out;
    }

    private static double realTokens(JsonNode x) {
        int n = 0;
        for (JsonNode s : x.path("special")) {
            n += s.asBoolean() ? 0 : 1;
        }
        return n;
    }

    private static double share(List<JsonNode> rs, String field) {
        return rs.isEmpty() ? 0 : rs.stream().filter(x -> x.path(field).asBoolean()).count() / (double) rs.size();
    }
}
