package org.attnlab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.attnlab.explain.ImportanceMeasure;

/** {@code type: correlation} (Jain &amp; Wallace): Kendall tau-b and Spearman rho between pairs of measures. */
public final class CorrelationType
        extends TypeBase<CorrelationType.Settings, CorrelationExperiment.Result, CorrelationType.Summary> {

    public static final CorrelationType INSTANCE = new CorrelationType();

    /**
     * @param pairs       {@code m1~m2} pairs of measure ids (default: attention~gradient, attention~loo, gradient~loo)
     * @param igSteps     integrated gradients' path points, where a pair names it
     * @param limeSamples LIME's perturbed copies, where a pair names it
     */
    public record Settings(List<String> pairs, Integer igSteps, Integer limeSamples) implements ExperimentSettings {
        public Settings {
            pairs = pairs == null ? List.of("attention~gradient", "attention~loo", "gradient~loo") : List.copyOf(pairs);
            if (pairs.isEmpty()) {
                throw new IllegalArgumentException("pairs: at least one m1~m2 pair");
            }
            for (String p : pairs) {
                if (!p.matches("[a-z0-9-]+~[a-z0-9-]+")) {
                    throw new IllegalArgumentException("pairs: m1~m2 with two measure ids, got '" + p + "'");
                }
            }
            if (new LinkedHashSet<>(pairs).size() != pairs.size()) {
                throw new IllegalArgumentException("pairs: each pair at most once, got " + pairs);
            }
            MeasureOptions.of(igSteps, limeSamples, measureIds(pairs));
        }

        @Override
        public List<String> namedMeasures() {
            return measureIds(pairs);
        }

        private static List<String> measureIds(List<String> pairs) {
            LinkedHashSet<String> ids = new LinkedHashSet<>();
            pairs.forEach(p -> ids.addAll(List.of(p.split("~"))));
            return List.copyOf(ids);
        }
    }

    /** Kendall tau of one pair: overall and by predicted class (Jain &amp; Wallace's table). */
    public record PairSummary(TauSummary overall, Map<String, TauSummary> byPredictedClass) {
    }

    public record Summary(int records, int qualifying, Map<String, PairSummary> kendall) {
    }

    private CorrelationType() {
        super("correlation", Settings.class, CorrelationExperiment.Result.class);
    }

    @Override
    public Experiment<CorrelationExperiment.Result> create(Settings settings, ExperimentContext context) {
        MeasureOptions options = MeasureOptions.of(settings.igSteps(), settings.limeSamples(), settings.namedMeasures());
        List<ImportanceMeasure[]> pairs = new ArrayList<>();
        for (String p : settings.pairs()) {
            String[] ids = p.split("~");
            pairs.add(new ImportanceMeasure[] {context.measure(ids[0], options), context.measure(ids[1], options)});
        }
        return new CorrelationExperiment(pairs);
    }

    /** Kendall τ of each pair over all qualifying instances, as {@code tau <pair>}. */
    @Override
    public Map<String, org.attnlab.stats.Summary> perInstanceStatistics(Summary summary) {
        Map<String, org.attnlab.stats.Summary> out = new LinkedHashMap<>();
        summary.kendall().forEach((pair, p) -> {
            TauSummary t = p.overall();
            out.put("tau " + pair, new org.attnlab.stats.Summary(t.count(), t.nanCount(), t.mean(), t.std(), t.median()));
        });
        return out;
    }

    @Override
    public Summary summarize(List<ResultRecord<CorrelationExperiment.Result>> records) {
        List<ResultRecord<CorrelationExperiment.Result>> q = records.stream().filter(ResultRecord::qualifies).toList();
        Map<String, PairSummary> kendall = new LinkedHashMap<>();
        if (!q.isEmpty()) {
            TreeSet<String> classes = new TreeSet<>();
            q.forEach(r -> classes.add(r.predicted()));
            for (String pair : q.get(0).result().kendall().keySet()) {
                Map<String, TauSummary> byClass = new LinkedHashMap<>();
                for (String c : classes) {
                    byClass.put(c, TauSummary.of(q.stream().filter(r -> r.predicted().equals(c))
                            .map(r -> r.result().kendall().get(pair)).toList()));
                }
                kendall.put(pair, new PairSummary(TauSummary.of(q.stream().map(r -> r.result().kendall().get(pair)).toList()),
                        byClass));
            }
        }
        return new Summary(records.size(), q.size(), kendall);
    }
}
