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
import org.attnlab.experiment.PermutationExperiment;
import org.attnlab.explain.AttentionView;
import org.attnlab.explain.GradientMeasure;
import org.attnlab.explain.Instance;
import org.attnlab.explain.LeaveOneOutMeasure;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ModelBenchmark.Timing;
import org.attnlab.model.djl.DjlBertModel;

/**
 * Time per instance of Jain &amp; Wallace's full set (gradient + leave-one-out + 100 permutations):
 * as attnlab runs it (deletions and permutations as batches, layers below the permuted one shared)
 * against the same forwards issued one at a time (optional: slow), and for transformers with forwardEdited's
 * shortcuts off. All in one run on one machine, so the ratios hold.
 */
public final class JainWallaceBench {

    private static final int PERMUTATIONS = 100;

    private JainWallaceBench() {
    }

    public static List<Timing> run(ClassifierModel model, String dataset, int count, int maxLength, boolean oneByOne,
                            PrintWriter console) throws IOException {
        Dataset data = DatasetCatalog.get(dataset).load(new DatasetFetcher(DatasetFetcher.defaultCacheDir()));
        List<Example> examples = data.test().subList(0, Math.min(count, data.test().size()));
        List<TokenizedText> inputs = new ArrayList<>();
        for (Example e : examples) {
            inputs.add(model.tokenize(e.text(), true).truncated(maxLength));
        }
        int meanLength = (int) inputs.stream().mapToInt(TokenizedText::length).average().orElse(0);
        int n = inputs.size();
        DjlBertModel bert = model instanceof DjlBertModel b ? b : null;
        // Warm-up (JIT, engine caches), untimed, on both paths.
        set(model, "warm-up", inputs.get(0));
        if (bert != null) {
            InstanceTimer.withShortcuts(bert, false, () -> set(model, "warm-up", inputs.get(0)));
        }
        // Per instance, the two paths back to back (alternating which goes first), so load changes on a shared
        // machine hit both alike.
        double[] fast = new double[2];
        double[] full = new double[2];
        for (int i = 0; i < n; i++) {
            String id = examples.get(i).id();
            TokenizedText input = inputs.get(i);
            if (bert != null && i % 2 == 1) {
                InstanceTimer.add(full, InstanceTimer.timed(() -> InstanceTimer.withShortcuts(bert, false, () -> set(model, id, input))));
            }
            InstanceTimer.add(fast, InstanceTimer.timed(() -> set(model, id, input)));
            if (bert != null && i % 2 == 0) {
                InstanceTimer.add(full, InstanceTimer.timed(() -> InstanceTimer.withShortcuts(bert, false, () -> set(model, id, input))));
            }
        }
        List<Timing> out = new ArrayList<>();
        out.add(InstanceTimer.timing("jain-wallace-set-batched", meanLength, n, fast));
        console.printf(Locale.ROOT, "Jain & Wallace set on %s (%d instances, mean %d tokens): batched %.0f ms/instance "
                + "(%.2f inst/s; process CPU %.0f ms/instance)%n", dataset, n, meanLength, fast[0] / n, n * 1000 / fast[0],
                fast[1] / n);
        if (bert != null) {
            out.add(InstanceTimer.timing("jain-wallace-set-batched-full-recomputation", meanLength, n, full));
            console.printf(Locale.ROOT, "  the same without shortcuts (every layer in full for every row): %.0f ms/instance "
                    + "(CPU %.0f ms): shortcuts %.2fx wall, %.2fx CPU%n", full[0] / n, full[1] / n, full[0] / fast[0],
                    full[1] / fast[1]);
        }
        if (oneByOne) {
            double[] loop = InstanceTimer.timed(() -> oneByOne(model, examples, inputs));
            out.add(InstanceTimer.timing("jain-wallace-set-one-by-one", meanLength, n, loop));
            console.printf(Locale.ROOT, "  one forward at a time: %.0f ms/instance: batched is %.1fx%n", loop[0] / n,
                    loop[0] / fast[0]);
        }
        console.flush();
        return out;
    }

    /** Jain &amp; Wallace's set on one instance, as attnlab runs it. */
    private static void set(ClassifierModel model, String id, TokenizedText input) {
        Instance x = new Instance(model, id, input, 0);
        x.importance(new GradientMeasure(GradientMeasure.Kind.GRAD_X_INPUT));
        x.importance(new LeaveOneOutMeasure());
        new PermutationExperiment(PERMUTATIONS, AttentionView.DEFAULT, 1).run(x);
    }

    /** Every deletion and permutation a forward of its own. */
    private static void oneByOne(ClassifierModel model, List<Example> examples, List<TokenizedText> inputs) {
        for (int i = 0; i < inputs.size(); i++) {
            Instance x = new Instance(model, examples.get(i).id(), inputs.get(i), 0);
            x.importance(new GradientMeasure(GradientMeasure.Kind.GRAD_X_INPUT));
            for (int t : x.realTokens()) {
                model.forward(List.of(x.without(t)), ForwardOptions.OUTPUT_ONLY);
            }
            int layer = model.info().layers() - 1;
            int[] identity = java.util.stream.IntStream.range(0, x.input().length()).toArray();
            for (int k = 0; k < PERMUTATIONS; k++) {
                // One call per permutation: everything below the edit is recomputed each time (same cost for any permutation).
                model.forwardEdited(x.input(), List.of(List.of(new AttentionEdit.PermuteKeys(layer,
                        AttentionEdit.ALL_HEADS, identity))), ForwardOptions.OUTPUT_ONLY);
            }
        }
    }
}
