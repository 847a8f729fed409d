package org.attnlab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.attnlab.explain.ImportanceMeasure;

/**
 * {@code type: efficient-attention} (Naim &amp; Asher, with Brunner et al.'s effective attention): output
 * invariance, sufficiency and necessity of the efficient support, agreement with reference measures.
 */
public final class EfficientAttentionType extends
        TypeBase<EfficientAttentionType.Settings, EfficientAttentionExperiment.Result, EfficientAttentionType.Summary> {

    public static final EfficientAttentionType INSTANCE = new EfficientAttentionType();

    /**
     * @param rankers     reference measures the three attention forms are correlated with (default: gradient, loo)
     * @param igSteps     integrated gradients' path points, where a reference names it
     * @param limeSamples LIME's perturbed copies, where a reference names it
     */
    public record Settings(List<String> rankers, Integer igSteps, Integer limeSamples) implements ExperimentSettings {
        public Settings {
            rankers = rankers == null ? List.of("gradient", "loo") : List.copyOf(rankers);
            if (new LinkedHashSet<>(rankers).size() != rankers.size()) {
                throw new IllegalArgumentException("rankers: each measure at most once, got " + rankers);
            }
            MeasureOptions.of(igSteps, limeSamples, rankers);
        }

        @Override
        public List<String> namedMeasures() {
            return rankers;
        }
    }

    /**
     * @param effectiveOutputTvd output change when every head of the layer uses its effective attention
     * @param efficientOutputTvd the same with efficient attention (0 up to rounding, by construction)
     * @param supportSize        tokens in the efficient support of the view's row
     * @param sufficiencyRate    share of instances whose support alone keeps the prediction
     * @param necessityRate      share whose support's erasure changes it
     * @param kendall            tau of raw/effective/efficient attention with each reference ({@code form~reference})
     */
    public record Summary(int records, int qualifying, org.attnlab.stats.Summary effectiveOutputTvd,
                          org.attnlab.stats.Summary efficientOutputTvd, org.attnlab.stats.Summary supportSize,
                          double sufficiencyRate, double necessityRate, Map<String, TauSummary> kendall) {
    }

    private EfficientAttentionType() {
        super("efficient-attention", Settings.class, EfficientAttentionExperiment.Result.class);
    }

    @Override
    public Experiment<EfficientAttentionExperiment.Result> create(Settings s, ExperimentContext context) {
        MeasureOptions options = MeasureOptions.of(s.igSteps(), s.limeSamples(), s.rankers());
        List<ImportanceMeasure> references = new ArrayList<>();
        for (String r : s.rankers()) {
            references.add(context.measure(r, options));
        }
        return new EfficientAttentionExperiment(context.view(), references);
    }

    @Override
    public Summary summarize(List<ResultRecord<EfficientAttentionExperiment.Result>> records) {
        List<EfficientAttentionExperiment.Result> q = records.stream().filter(ResultRecord::qualifies).map(ResultRecord::result).toList();
        Map<String, TauSummary> kendall = new LinkedHashMap<>();
        if (!q.isEmpty()) {
            for (String pair : q.get(0).kendall().keySet()) {
                kendall.put(pair, TauSummary.of(q.stream().map(r -> r.kendall().get(pair)).toList()));
            }
        }
        double n = q.size();
        return new Summary(records.size(), q.size(),
                org.attnlab.stats.Summary.of(q.stream().mapToDouble(EfficientAttentionExperiment.Result::effectiveTvd).toArray()),
                org.attnlab.stats.Summary.of(q.stream().mapToDouble(EfficientAttentionExperiment.Result::efficientTvd).toArray()),
                org.attnlab.stats.Summary.of(q.stream().mapToDouble(r -> r.support().size()).toArray()),
                q.isEmpty() ? Double.NaN : q.stream().filter(EfficientAttentionExperiment.Result::sufficient).count() / n,
                q.isEmpty() ? Double.NaN : q.stream().filter(EfficientAttentionExperiment.Result::necessary).count() / n,
                kendall);
    }
}
