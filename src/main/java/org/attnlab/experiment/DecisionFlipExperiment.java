package org.attnlab.experiment;

import org.attnlab.data.Seeds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.attnlab.explain.AttentionMeasure;
import org.attnlab.explain.AttentionView;
import org.attnlab.explain.ImportanceMeasure;
import org.attnlab.explain.Instance;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;

/**
 * Serrano &amp; Smith's decision-flip test: erase real tokens one at a time in a ranking order
 * (renormalising each time) until the predicted class changes; record how many were erased, their
 * fraction of the real tokens, and the attention mass removed. Orderings: attention descending and
 * ascending, {@code randomOrders} random orders, and descending by each given importance measure
 * (e.g. dp/dalpha, alpha dp/dalpha, gradient, LOO). All prefixes of all orderings run as one batch.
 */
public final class DecisionFlipExperiment implements Experiment<DecisionFlipExperiment.Result> {

    /** Outcome of one ordering; {@code erased} and {@code fraction} are null when the decision never flips. */
    public record Flip(Integer erased, Double fraction, double attentionMass, boolean flipped) {
    }

    /** Record fields: ordering name to outcome; {@code real} is the number of real tokens. */
    public record Result(int real, Map<String, Flip> orderings) {
    }

    private final AttentionMeasure attention;
    private final List<ImportanceMeasure> rankers;
    private final int randomOrders;
    private final Erasure erasure;
    private final long seed;

    public DecisionFlipExperiment(AttentionView view, List<ImportanceMeasure> rankers, int randomOrders,
                                  Erasure erasure, long seed) {
        this.attention = new AttentionMeasure(view);
        this.rankers = List.copyOf(rankers);
        this.randomOrders = randomOrders;
        this.erasure = erasure;
        this.seed = seed;
    }


    @Override
    public List<ImportanceMeasure> measures() {
        List<ImportanceMeasure> all = new ArrayList<>();
        all.add(attention);
        all.addAll(rankers);
        return all;
    }

    @Override
    public Result run(Instance x) {
        int[] real = x.realTokens();
        if (real.length < 2) {
            return null;
        }
        double[] alpha = x.importance(attention).scores();
        Map<String, int[]> orders = new LinkedHashMap<>();
        int[] desc = Rankings.descending(alpha, real);
        orders.put("attention-desc", desc);
        int[] asc = new int[desc.length];
        for (int k = 0; k < desc.length; k++) {
            asc[k] = desc[desc.length - 1 - k];
        }
        orders.put("attention-asc", asc);
        Random random = Seeds.random(seed, "decision-flip", x.model().info().name(), x.id());
        for (int k = 0; k < randomOrders; k++) {
            int[] perm = Rankings.shuffleReal(x.input().length(), real, random);
            orders.put("random-" + (k + 1), realOrder(perm, real));
        }
        for (ImportanceMeasure m : rankers) {
            orders.put(m.id() + "-desc", Rankings.descending(x.importance(m).scores(), real));
        }
        // Every prefix of every ordering in one call: the layers below the erased one run once for all of them.
        int layers = x.model().info().layers();
        List<List<AttentionEdit>> sets = new ArrayList<>();
        for (int[] order : orders.values()) {
            for (int k = 1; k <= order.length; k++) {
                sets.add(erasure.edits(java.util.Arrays.copyOf(order, k), layers));
            }
        }
        List<ForwardResult> results = x.model().forwardEdited(x.input(), sets, ForwardOptions.OUTPUT_ONLY);
        Map<String, Flip> out = new LinkedHashMap<>();
        int offset = 0;
        for (Map.Entry<String, int[]> e : orders.entrySet()) {
            out.put(e.getKey(), firstFlip(x, e.getValue(), alpha, results.subList(offset, offset + e.getValue().length)));
            offset += e.getValue().length;
        }
        return new Result(real.length, out);
    }

    /** The first prefix of {@code order} whose erasure flips the decision; {@code results} has one per prefix length. */
    private static Flip firstFlip(Instance x, int[] order, double[] alpha, List<ForwardResult> results) {
        double mass = 0;
        for (int k = 0; k < order.length; k++) {
            mass += alpha[order[k]];
            if (Rankings.argmax(results.get(k).probabilities()) != x.predicted()) {
                return new Flip(k + 1, (k + 1) / (double) order.length, mass, true);
            }
        }
        return new Flip(null, null, mass, false);
    }

    /** The real positions in the order a shuffle of them puts them. */
    private static int[] realOrder(int[] perm, int[] real) {
        int[] order = new int[real.length];
        for (int k = 0; k < real.length; k++) {
            order[k] = perm[real[k]];
        }
        return order;
    }
}
