package org.attnlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.attnlab.data.Dataset;
import org.attnlab.data.DatasetCatalog;
import org.attnlab.data.DatasetFetcher;
import org.attnlab.data.Example;
import org.attnlab.data.TokenizedText;
import org.attnlab.experiment.DecisionFlipExperiment;
import org.attnlab.experiment.Erasure;
import org.attnlab.explain.AttentionView;
import org.attnlab.explain.ImportanceMeasure;
import org.attnlab.explain.Instance;
import org.attnlab.explain.Measures;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.ModelBenchmark.Timing;
import org.attnlab.model.djl.DjlBertModel;

/**
 * Time per instance of Serrano &amp; Smith's decision-flip (as {@code serrano-smith-imdb.yaml} runs it:
 * last-layer erasure, attention and 5 random orders and four rankers, every prefix of every ordering one
 * forward) with forwardEdited's shortcuts forced off and then on, in one run. The rankers' importances are
 * computed first and cached on each instance: they cost the same on both paths and are not part of the
 * timing. Both paths must reach the same flip decisions, which is checked here too.
 */
final class DecisionFlipBench {

    private static final List<String> RANKERS = List.of("attention-gradient", "attention-x-gradient", "gradient", "loo");
    private static final int RANDOM_ORDERS = 5;

    private DecisionFlipBench() {
    }

    static List<Timing> run(ClassifierModel model, String dataset, int count, int maxLength, PrintWriter console)
            throws IOException {
        if (!(model instanceof DjlBertModel bert)) {
            throw new IllegalArgumentException("--flip-data: the shortcut comparison needs a transformer, "
                    + model.info().name() + " is a " + model.info().architecture() + " model");
        }
        Dataset data = DatasetCatalog.get(dataset).load(new DatasetFetcher(DatasetFetcher.defaultCacheDir()));
        List<Example> examples = data.test().subList(0, Math.min(count, data.test().size()));
        List<ImportanceMeasure> rankers = new ArrayList<>();
        RANKERS.forEach(id -> rankers.add(Measures.byId(id, Measures.Settings.DEFAULT)));
        DecisionFlipExperiment experiment = new DecisionFlipExperiment(AttentionView.DEFAULT, rankers, RANDOM_ORDERS,
                Erasure.LAST_LAYER, 1);
        List<Instance> instances = new ArrayList<>();
        long start = System.nanoTime();
        for (Example e : examples) {
            TokenizedText input = model.tokenize(e.text(), true).truncated(maxLength);
            Instance x = new Instance(model, e.id(), input, 0);
            experiment.measures().forEach(x::importance);
            instances.add(x);
        }
        double measures = (System.nanoTime() - start) / 1e6 / instances.size();
        double meanLength = instances.stream().mapToInt(x -> x.input().length()).average().orElse(0);
        List<Object> fullResults = new ArrayList<>();
        List<Object> fastResults = new ArrayList<>();
        double full;
        double fast;
        // Warm-up (JIT, engine caches) on a short cut of the first instance, both paths, untimed.
        Instance warm = new Instance(model, "warm-up", instances.get(0).input().truncated(Math.min(32, maxLength)), 0);
        experiment.measures().forEach(warm::importance);
        try {
            for (boolean on : new boolean[] {false, true}) {
                bert.useShortcuts(on);
                experiment.run(warm);
            }
            bert.useShortcuts(false);
            full = time(experiment, instances, fullResults);
            bert.useShortcuts(true);
            fast = time(experiment, instances, fastResults);
        } finally {
            bert.useShortcuts(true);
        }
        boolean same = fullResults.equals(fastResults);
        console.printf(Locale.ROOT, "decision-flip on %s (%d instances, mean %.0f tokens, %d orderings): full "
                        + "recomputation %.0f ms/instance, last-layer [CLS] rows %.0f ms/instance: %.1fx; same flips: %s "
                        + "(rankers' importances, common to both: %.0f ms/instance)%n", dataset, instances.size(), meanLength,
                2 + RANDOM_ORDERS + RANKERS.size(), full, fast, full / fast, same ? "yes" : "NO", measures);
        console.flush();
        if (!same) {
            throw new IllegalStateException("decision-flip: the shortcut and the full recomputation disagree: "
                    + fullResults + " vs " + fastResults);
        }
        int n = instances.size();
        return List.of(
                new Timing("decision-flip-full-recomputation", 1, (int) meanLength, n, full, full, 1000 / full),
                new Timing("decision-flip-shortcut", 1, (int) meanLength, n, fast, fast, 1000 / fast),
                new Timing("decision-flip-rankers-importances", 1, (int) meanLength, n, measures, measures, 1000 / measures));
    }

    /** Mean wall time per instance of the experiment, collecting its results. */
    private static double time(DecisionFlipExperiment experiment, List<Instance> instances, List<Object> results) {
        long start = System.nanoTime();
        for (Instance x : instances) {
            results.add(experiment.run(x));
        }
        return (System.nanoTime() - start) / 1e6 / instances.size();
    }
}
