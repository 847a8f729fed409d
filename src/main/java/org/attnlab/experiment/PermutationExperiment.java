package org.attnlab.experiment;

import org.attnlab.data.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.attnlab.explain.AttentionMeasure;
import org.attnlab.explain.AttentionView;
import org.attnlab.explain.ImportanceMeasure;
import org.attnlab.explain.Instance;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.stats.Divergences;

/**
 * Jain &amp; Wallace's permuted attention: shuffle the chosen layer's attention over the non-special
 * key positions (the same shuffle for every head and query row; hidden states below kept), re-run
 * upward, and record the median total variation distance of the output over the permutations,
 * beside the maximum attention weight.
 */
public final class PermutationExperiment implements Experiment<PermutationExperiment.Result> {

    /** Record fields. */
    public record Result(int permutations, double medianTvd, double maxAttention, double[] tvds) {
    }

    private final int permutations;
    private final AttentionView view;
    private final long seed;
    private final AttentionMeasure attention;

    public PermutationExperiment(int permutations, AttentionView view, long seed) {
        if (permutations < 1) {
            throw new IllegalArgumentException("permutations must be >= 1, got " + permutations);
        }
        this.permutations = permutations;
        this.view = view;
        this.seed = seed;
        this.attention = new AttentionMeasure(view);
    }


    @Override
    public List<ImportanceMeasure> measures() {
        return List.of(attention);
    }

    @Override
    public Result run(Instance x) {
        int[] real = x.realTokens();
        if (real.length < 2) {
            return null;
        }
        int layer = view.resolveLayer(x.model().info().layers());
        Random random = Seeds.random(seed, "permutation", x.model().info().name(), x.id());
        List<List<AttentionEdit>> sets = new ArrayList<>(permutations);
        for (int k = 0; k < permutations; k++) {
            int[] perm = Rankings.shuffleReal(x.input().length(), real, random);
            sets.add(List.of(new AttentionEdit.PermuteKeys(layer, AttentionEdit.ALL_HEADS, perm)));
        }
        List<ForwardResult> out = x.model().forwardEdited(x.input(), sets, ForwardOptions.OUTPUT_ONLY);
        double[] tvds = new double[permutations];
        for (int k = 0; k < permutations; k++) {
            tvds[k] = Divergences.totalVariation(x.probabilities(), out.get(k).probabilities());
        }
        double[] sorted = tvds.clone();
        Arrays.sort(sorted);
        double median = permutations % 2 == 1 ? sorted[permutations / 2]
                : (sorted[permutations / 2 - 1] + sorted[permutations / 2]) / 2;
        double max = Arrays.stream(Rankings.at(x.importance(attention).scores(), real)).max().orElseThrow();
        return new Result(permutations, median, max, tvds);
    }
}
