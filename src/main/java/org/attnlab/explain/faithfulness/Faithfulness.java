package org.attnlab.explain.faithfulness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attnlab.data.TokenizedText;
import org.attnlab.explain.Importance;
import org.attnlab.explain.Instance;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.ClassifierModel;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.NotApplicableException;

/**
 * Deletion-based faithfulness of importance measures on one instance: ERASER's comprehensiveness and sufficiency
 * at each fraction of real tokens and their AOPC ({@link FaithfulnessResult}). Every deletion of an instance, for
 * every measure given, runs as one batched model call; deletions that coincide (the same tokens out) run once.
 *
 * <p>Rankings are over real tokens only, by descending score, ties to the earlier position; the top-k of
 * {@code n} real tokens is the first {@code ceil(k n)} of them, at least one and at most n. Special tokens are never
 * removed.
 */
public final class Faithfulness {

    /** ERASER's fractions of the input: 1, 5, 10, 20 and 50 %. */
    public static final List<Double> ERASER_FRACTIONS = List.of(0.01, 0.05, 0.10, 0.20, 0.50);

    private final double[] fractions;
    private final TokenDeletion deletion;

    /** @param fractions ascending fractions k in (0, 1] of the real tokens */
    public Faithfulness(List<Double> fractions, TokenDeletion deletion) {
        if (fractions.isEmpty()) {
            throw new IllegalArgumentException("faithfulness needs at least one fraction of tokens");
        }
        this.fractions = fractions.stream().mapToDouble(Double::doubleValue).toArray();
        for (int i = 0; i < this.fractions.length; i++) {
            double k = this.fractions[i];
            if (!(k > 0 && k <= 1) || (i > 0 && !(k > this.fractions[i - 1]))) {
                throw new IllegalArgumentException("fractions must ascend strictly within (0, 1], got " + fractions);
            }
        }
        this.deletion = deletion;
    }

    public List<Double> fractions() {
        return Arrays.stream(fractions).boxed().toList();
    }

    public TokenDeletion deletion() {
        return deletion;
    }

    /** One measure's result (a convenience over {@link #evaluate(Instance, Map)}). */
    public FaithfulnessResult evaluate(Instance x, Importance importance) {
        return evaluate(x, Map.of(importance.measure(), importance.scores())).get(importance.measure());
    }

    /**
     * Each measure's comprehensiveness and sufficiency on {@code x}, in the map's order.
     *
     * @param scores measure id to one score per token of {@code x.input()} (special tokens included, ignored)
     * @throws NotApplicableException for {@link TokenDeletion#MASK} on a model without self-attention in every layer
     * @throws IllegalArgumentException when the input has no real token or a score vector has the wrong length
     */
    public Map<String, FaithfulnessResult> evaluate(Instance x, Map<String, double[]> scores) {
        int[] real = x.realTokens();
        int y = x.predicted();
        double p0 = x.probabilities()[y];
        Map<String, int[][]> plans = new LinkedHashMap<>();
        Map<String, Integer> variantIndex = new HashMap<>();
        List<int[]> variants = new ArrayList<>();
        for (Map.Entry<String, double[]> e : scores.entrySet()) {
            int[][][] plan = plan(e.getKey(), e.getValue(), x.input(), real);
            int[][] indices = new int[2][fractions.length];
            for (int side = 0; side < 2; side++) {
                for (int k = 0; k < fractions.length; k++) {
                    int[] dropped = plan[side][k];
                    indices[side][k] = variantIndex.computeIfAbsent(Arrays.toString(dropped), key -> {
                        variants.add(dropped);
                        return variants.size() - 1;
                    });
                }
            }
            plans.put(e.getKey(), indices);
        }
        double[] p = probabilities(x, variants);
        int[] counts = counts(real.length);
        Map<String, FaithfulnessResult> out = new LinkedHashMap<>();
        for (Map.Entry<String, int[][]> e : plans.entrySet()) {
            double[] comprehensiveness = new double[fractions.length];
            double[] sufficiency = new double[fractions.length];
            for (int k = 0; k < fractions.length; k++) {
                comprehensiveness[k] = p0 - p[e.getValue()[0][k]];
                sufficiency[k] = p0 - p[e.getValue()[1][k]];
            }
            out.put(e.getKey(), new FaithfulnessResult(e.getKey(), deletion, y, p0, fractions, counts, comprehensiveness,
                    sufficiency, mean(comprehensiveness), mean(sufficiency)));
        }
        return out;
    }

    /**
     * The distinct deletions {@link #evaluate(Instance, Map)} runs for these scores, each as the positions taken
     * out, in order of first appearance (measure, then comprehensiveness before sufficiency, then fraction); evaluate
     * itself runs removals longest input first. For benchmarks and inspection.
     */
    public List<int[]> deletions(TokenizedText input, Map<String, double[]> scores) {
        int[] real = realTokens(input);
        Map<String, int[]> distinct = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : scores.entrySet()) {
            int[][][] plan = plan(e.getKey(), e.getValue(), input, real);
            for (int[][] side : plan) {
                for (int[] dropped : side) {
                    distinct.putIfAbsent(Arrays.toString(dropped), dropped);
                }
            }
        }
        return new ArrayList<>(distinct.values());
    }

    /** How many real tokens form the top-k for each fraction: {@code ceil(k n)}, within 1..n. */
    int[] counts(int realTokens) {
        int[] counts = new int[fractions.length];
        for (int k = 0; k < fractions.length; k++) {
            counts[k] = tokensAt(fractions[k], realTokens);
        }
        return counts;
    }

    /** {@code ceil(fraction x realTokens)} (ignoring float noise below 1e-9), at least 1 and at most realTokens. */
    public static int tokensAt(double fraction, int realTokens) {
        int k = (int) Math.ceil(fraction * realTokens - 1e-9);
        return Math.max(1, Math.min(realTokens, k));
    }

    /** {@code input} with the tokens at {@code dropped} (ascending positions) deleted. */
    public static TokenizedText without(TokenizedText input, int[] dropped) {
        boolean[] gone = new boolean[input.length()];
        for (int t : dropped) {
            gone[t] = true;
        }
        int kept = input.length() - dropped.length;
        List<String> tokens = new ArrayList<>(kept);
        long[] ids = new long[kept];
        boolean[] special = new boolean[kept];
        long[] allIds = input.ids();
        boolean[] allSpecial = input.special();
        for (int t = 0, k = 0; t < gone.length; t++) {
            if (!gone[t]) {
                tokens.add(input.tokens().get(t));
                ids[k] = allIds[t];
                special[k++] = allSpecial[t];
            }
        }
        return new TokenizedText(input.text(), tokens, ids, special);
    }

    /** The edit that hides {@code dropped} from every position in every layer: ZeroKeys in each layer, all heads. */
    public static List<AttentionEdit> maskEdits(int layers, int[] dropped) {
        if (dropped.length == 0) {
            return List.of();
        }
        List<AttentionEdit> edits = new ArrayList<>(layers);
        for (int l = 0; l < layers; l++) {
            edits.add(new AttentionEdit.ZeroKeys(l, AttentionEdit.ALL_HEADS, dropped));
        }
        return edits;
    }

    /** {@code [0 = comprehensiveness, 1 = sufficiency][fraction]}: the positions taken out, ascending. */
    private int[][][] plan(String measure, double[] scores, TokenizedText input, int[] real) {
        if (scores.length != input.length()) {
            throw new IllegalArgumentException("measure " + measure + " has " + scores.length + " scores for "
                    + input.length() + " tokens");
        }
        if (real.length == 0) {
            throw new IllegalArgumentException("faithfulness needs at least one real (non-special) token");
        }
        Integer[] order = Arrays.stream(real).boxed().toArray(Integer[]::new);
        // Stable sort: equal scores keep position order.
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        int[] counts = counts(real.length);
        int[][][] plan = new int[2][fractions.length][];
        for (int k = 0; k < fractions.length; k++) {
            int[] top = new int[counts[k]];
            for (int i = 0; i < top.length; i++) {
                top[i] = order[i];
            }
            int[] rest = new int[real.length - top.length];
            for (int i = 0; i < rest.length; i++) {
                rest[i] = order[top.length + i];
            }
            Arrays.sort(top);
            Arrays.sort(rest);
            plan[0][k] = top;
            plan[1][k] = rest;
        }
        return plan;
    }

    /** p(y | variant) for each variant, y the full input's predicted class, from one batched call. */
    private double[] probabilities(Instance x, List<int[]> variants) {
        ClassifierModel model = x.model();
        List<ForwardResult> results;
        if (deletion == TokenDeletion.REMOVE) {
            // Longest first: the engine pads each chunk of the batch to its longest input, and sufficiency's
            // inputs are short while comprehensiveness's are nearly full, so mixing them would pad most of them.
            Integer[] byLength = java.util.stream.IntStream.range(0, variants.size()).boxed().toArray(Integer[]::new);
            Arrays.sort(byLength, (a, b) -> Integer.compare(variants.get(a).length, variants.get(b).length));
            List<TokenizedText> inputs = new ArrayList<>(variants.size());
            for (int v : byLength) {
                inputs.add(without(x.input(), variants.get(v)));
            }
            List<ForwardResult> sorted = model.forward(inputs, ForwardOptions.OUTPUT_ONLY);
            ForwardResult[] unsorted = new ForwardResult[sorted.size()];
            for (int i = 0; i < byLength.length; i++) {
                unsorted[byLength[i]] = sorted.get(i);
            }
            results = Arrays.asList(unsorted);
        } else {
            requireSelfAttention(x);
            List<List<AttentionEdit>> editSets = new ArrayList<>(variants.size());
            for (int[] dropped : variants) {
                editSets.add(maskEdits(model.info().layers(), dropped));
            }
            results = model.forwardEdited(x.input(), editSets, ForwardOptions.OUTPUT_ONLY);
        }
        int y = x.predicted();
        double[] p = new double[variants.size()];
        for (int v = 0; v < p.length; v++) {
            p[v] = results.get(v).probabilities()[y];
        }
        return p;
    }

    private static void requireSelfAttention(Instance x) {
        int n = x.input().length();
        float[][][][] attentions = x.forward().attentions();
        if (attentions == null) {
            throw new NotApplicableException("deletion by attention masking needs self-attention in every layer; "
                    + x.model().info().name() + " (" + x.model().info().architecture() + ") reports no attention");
        }
        for (float[][][] layer : attentions) {
            if (layer[0].length != n) {
                throw new NotApplicableException("deletion by attention masking needs self-attention in every layer; "
                        + x.model().info().name() + " (" + x.model().info().architecture() + ") reads its tokens through"
                        + " an encoder that masking would not reach");
            }
        }
    }

    private static int[] realTokens(TokenizedText input) {
        boolean[] special = input.special();
        return java.util.stream.IntStream.range(0, special.length).filter(i -> !special[i]).toArray();
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }
}
