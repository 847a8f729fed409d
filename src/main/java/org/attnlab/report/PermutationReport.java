package org.attnlab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.attnlab.experiment.ExperimentType;
import org.attnlab.experiment.PermutationExperiment;
import org.attnlab.experiment.PermutationType;
import org.attnlab.experiment.ResultRecord;

/** Jain &amp; Wallace's permuted attention: median output change, binned by the largest attention weight. */
final class PermutationReport implements ExperimentReport<PermutationExperiment.Result, PermutationType.Summary> {

    /** Upper ends of the max-attention axis; the boxes split the smallest that fits in four bins. */
    private static final double[] TOPS = {0.2, 0.4, 1.0};

    @Override
    public ExperimentType<?, PermutationExperiment.Result, PermutationType.Summary> type() {
        return PermutationType.INSTANCE;
    }

    @Override
    public void headline(String model, PermutationType.Summary s, Headline lines) {
        lines.put("permutation: median TVD (< .01)", model, Cells.fmt(s.medianTvd().mean(), 3) + " ("
                + Cells.percent(s.fractionSmall()) + ")");
    }

    @Override
    public List<Table> tables(Map<String, PermutationType.Summary> byModel) {
        if (byModel.isEmpty()) {
            return List.of();
        }
        List<List<String>> rows = new ArrayList<>();
        byModel.forEach((model, s) -> rows.add(List.of(model, Integer.toString(s.qualifying()), Cells.meanStd(s.medianTvd()),
                Cells.fmt(s.fractionSmall(), 2))));
        return List.of(new Table("permutation", "Attention permutation (Jain & Wallace)",
                List.of("model", "instances", "median TVD, mean ± std", "share median TVD < 0.01"), rows));
    }

    @Override
    public List<Figure> figures(Map<String, List<ResultRecord<PermutationExperiment.Result>>> byModel) {
        List<Figure> out = new ArrayList<>();
        byModel.forEach((model, rs) -> out.add(figure(model, rs.stream().filter(ResultRecord::qualifies).toList())));
        return out;
    }

    private static Figure figure(String model, List<ResultRecord<PermutationExperiment.Result>> rs) {
        double[] edges = edges(rs.stream().mapToDouble(r -> r.result().maxAttention()).filter(Double::isFinite).max().orElse(1));
        List<String> bins = new ArrayList<>();
        for (int b = 0; b + 1 < edges.length; b++) {
            bins.add(String.format(Locale.ROOT, "%.2f–%.2f", edges[b], edges[b + 1]));
        }
        Map<String, Map<String, List<Double>>> rows = new TreeMap<>();
        for (ResultRecord<PermutationExperiment.Result> r : rs) {
            double max = r.result().maxAttention();
            int b = 0; // the last bin takes everything above its lower edge, the largest weight included
            while (b + 2 < edges.length && max >= edges[b + 1]) {
                b++;
            }
            Map<String, List<Double>> row = rows.computeIfAbsent(r.predicted(), k -> new LinkedHashMap<>());
            bins.forEach(label -> row.putIfAbsent(label, new ArrayList<>()));
            row.get(bins.get(b)).add(r.result().medianTvd());
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
}
