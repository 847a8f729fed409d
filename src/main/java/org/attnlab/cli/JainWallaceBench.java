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
final class JainWallaceBench {

    private static final int PERMUTATIONS = 100;

    private JainWallaceBench() {
    }

    static List<Timing> run(ClassifierModel model, String dataset, int count, int maxLength, boolean oneByOne,
                            PrintWriter console) throws IOException {
        Dataset data = DatasetCatalog.get(dataset).load(new DatasetFetcher(DatasetFetcher.defaultCacheDir()));
        List<Example> examples = data.test().subList(0, Math.min(count, data.test().size()));
        List<TokenizedText> inputs = new ArrayList<>();
        for (Example e : examples) {
            inputs.add(model.tokenize(e.text(), true).truncated(maxLength));
        }
        int meanLength = (int) inputs.stream().mapToInt(TokenizedText::length).average().orElse(0);
        List<Timing> out = new ArrayList<>();
        double batched = batched(model, examples, inputs);
        out.add(new Timing("jain-wallace-set-batched", 1, meanLength, inputs.size(), batched, batched, 1000 / batched));
        console.printf(Locale.ROOT, "Jain & Wallace set on %s (%d instances, mean %d tokens): batched %.0f ms/instance "
                + "(%.2f inst/s)%n", dataset, inputs.size(), meanLength, batched, 1000 / batched);
        if (model instanceof DjlBertModel bert) {
            double full;
            try {
                bert.useShortcuts(false);
                full = batched(model, examples, inputs);
            } finally {
                bert.useShortcuts(true);
            }
            out.add(new Timing("jain-wallace-set-batched-full-recomputation", 1, meanLength, inputs.size(), full, full,
                    1000 / full));
            console.printf(Locale.ROOT, "  the same with permutations recomputing the whole last layer: %.0f ms/instance "
                    + "(shortcut %.2fx)%n", full, full / batched);
        }
        if (oneByOne) {
            double loop = oneByOne(model, examples, inputs);
            out.add(new Timing("jain-wallace-set-one-by-one", 1, meanLength, inputs.size(), loop, loop, 1000 / loop));
            console.printf(Locale.ROOT, "  one forward at a time: %.0f ms/instance: batched is %.1fx%n", loop, loop / batched);
        }
        console.flush();
        return out;
    }

    /** Mean ms per instance as attnlab runs the set. */
    private static double batched(ClassifierModel model, List<Example> examples, List<TokenizedText> inputs) {
        long start = System.nanoTime();
        for (int i = 0; i < inputs.size(); i++) {
            Instance x = new Instance(model, examples.get(i).id(), inputs.get(i), 0);
            x.importance(new GradientMeasure(GradientMeasure.Kind.GRAD_X_INPUT));
            x.importance(new LeaveOneOutMeasure());
            new PermutationExperiment(PERMUTATIONS, AttentionView.DEFAULT, 1).run(x);
        }
        return (System.nanoTime() - start) / 1e6 / inputs.size();
    }

    /** Mean ms per instance with every deletion and permutation a forward of its own. */
    private static double oneByOne(ClassifierModel model, List<Example> examples, List<TokenizedText> inputs) {
        long start = System.nanoTime();
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
        return (System.nanoTime() - start) / 1e6 / inputs.size();
    }
}
