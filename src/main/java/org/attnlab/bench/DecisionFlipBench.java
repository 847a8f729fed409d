package org.attnlab.bench;

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
public final class DecisionFlipBench {

    private static final List<String> RANKERS = List.of("attention-gradient", "attention-x-gradient", "gradient", "loo");
    private static final int RANDOM_ORDERS = 5;

    private DecisionFlipBench() {
    }

    public static List<Timing> run(ClassifierModel model, String dataset, int count, int maxLength, PrintWriter console)
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
        double[] measures = InstanceTimer.timed(() -> {
            for (Example e : examples) {
                TokenizedText input = model.tokenize(e.text(), true).truncated(maxLength);
                Instance x = new Instance(model, e.id(), input, 0);
                experiment.measures().forEach(x::importance);
                instances.add(x);
            }
        });
        int n = instances.size();
        int meanLength = (int) instances.stream().mapToInt(x -> x.input().length()).average().orElse(0);
        // Warm-up (JIT, engine caches) on a short cut of the first instance, both paths, untimed.
        Instance warm = new Instance(model, "warm-up", instances.get(0).input().truncated(Math.min(32, maxLength)), 0);
        experiment.measures().forEach(warm::importance);
        experiment.run(warm);
        InstanceTimer.withShortcuts(bert, false, () -> experiment.run(warm));
        // Per instance, the two paths back to back (alternating which goes first), so load changes on a shared
        // machine hit both alike.
        List<Object> fullResults = new ArrayList<>();
        List<Object> fastResults = new ArrayList<>();
        double[] full = new double[2];
        double[] fast = new double[2];
        for (int i = 0; i < n; i++) {
            Instance x = instances.get(i);
            if (i % 2 == 1) {
                InstanceTimer.add(fast, InstanceTimer.timed(() -> fastResults.add(experiment.run(x))));
            }
            InstanceTimer.add(full, InstanceTimer.timed(
                    () -> InstanceTimer.withShortcuts(bert, false, () -> fullResults.add(experiment.run(x)))));
            if (i % 2 == 0) {
                InstanceTimer.add(fast, InstanceTimer.timed(() -> fastResults.add(experiment.run(x))));
            }
        }
        boolean same = fullResults.equals(fastResults);
        console.printf(Locale.ROOT, "decision-flip on %s (%d instances, mean %d tokens, %d orderings): full "
                        + "recomputation %.0f ms/instance (CPU %.0f), last-layer [CLS] rows %.0f ms/instance (CPU %.0f): "
                        + "%.1fx wall, %.1fx CPU; same flips: %s (rankers' importances, common to both: %.0f ms/instance)%n",
                dataset, n, meanLength, 2 + RANDOM_ORDERS + RANKERS.size(), full[0] / n, full[1] / n, fast[0] / n,
                fast[1] / n, full[0] / fast[0], full[1] / fast[1], same ? "yes" : "NO", measures[0] / n);
        console.flush();
        if (!same) {
            throw new IllegalStateException("decision-flip: the shortcut and the full recomputation disagree: "
                    + fullResults + " vs " + fastResults);
        }
        return List.of(
                InstanceTimer.timing("decision-flip-full-recomputation", meanLength, n, full),
                InstanceTimer.timing("decision-flip-shortcut", meanLength, n, fast),
                InstanceTimer.timing("decision-flip-rankers-importances", meanLength, n, measures));
    }
}
