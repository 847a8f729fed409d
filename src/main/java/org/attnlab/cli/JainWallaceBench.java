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

/**
 * Time per instance of Jain &amp; Wallace's full set (gradient + leave-one-out + 100 permutations):
 * as attnlab runs it (deletions and permutations as batches, layers below the permuted one shared)
 * against the same forwards issued one at a time. Both in one run on one machine, so the ratio holds.
 */
final class JainWallaceBench {

    private static final int PERMUTATIONS = 100;

    private JainWallaceBench() {
    }

    static List<Timing> run(ClassifierModel model, String dataset, int count, int maxLength, PrintWriter console)
            throws IOException {
        Dataset data = DatasetCatalog.get(dataset).load(new DatasetFetcher(DatasetFetcher.defaultCacheDir()));
        List<Example> examples = data.test().subList(0, Math.min(count, data.test().size()));
        List<TokenizedText> inputs = new ArrayList<>();
        for (Example e : examples) {
            inputs.add(model.tokenize(e.text(), true).truncated(maxLength));
        }
        double meanLength = inputs.stream().mapToInt(TokenizedText::length).average().orElse(0);
        long start = System.nanoTime();
        for (int i = 0; i < inputs.size(); i++) {
            Instance x = new Instance(model, examples.get(i).id(), inputs.get(i), 0);
            x.importance(new GradientMeasure(GradientMeasure.Kind.GRAD_X_INPUT));
            x.importance(new LeaveOneOutMeasure());
            new PermutationExperiment(PERMUTATIONS, AttentionView.DEFAULT, 1).run(x);
        }
        double batched = (System.nanoTime() - start) / 1e6 / inputs.size();
        start = System.nanoTime();
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
        double loop = (System.nanoTime() - start) / 1e6 / inputs.size();
        List<Timing> out = List.of(
                new Timing("jain-wallace-set-batched", 1, (int) meanLength, inputs.size(), batched, batched, 1000 / batched),
                new Timing("jain-wallace-set-one-by-one", 1, (int) meanLength, inputs.size(), loop, loop, 1000 / loop));
        console.printf(Locale.ROOT, "Jain & Wallace set on %s (%d instances, mean %.0f tokens): batched %.0f ms/instance "
                + "(%.2f inst/s), one forward at a time %.0f ms/instance: %.1fx%n", dataset, inputs.size(), meanLength,
                batched, 1000 / batched, loop, loop / batched);
        console.flush();
        return out;
    }
}
