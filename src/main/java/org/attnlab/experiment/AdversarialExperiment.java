package org.attnlab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.attnlab.data.Seeds;
import org.attnlab.explain.AttentionMeasure;
import org.attnlab.explain.AttentionView;
import org.attnlab.explain.ImportanceMeasure;
import org.attnlab.explain.Instance;
import org.attnlab.model.AttentionEdit;
import org.attnlab.model.AttentionReadout;
import org.attnlab.model.ForwardOptions;
import org.attnlab.model.ForwardResult;
import org.attnlab.model.NotApplicableException;
import org.attnlab.stats.Divergences;

/**
 * Jain &amp; Wallace's adversarial attention: K attention distributions over the real tokens, found by Adam on
 * log-attention (init log(uniform) + 3 N(0,1)), that differ as much as possible from the original (JSD) and
 * from each other while keeping the output within 0.01 (hinge weight 500), everything but the edited attention
 * row fixed ({@link AdversarialSearch}).
 *
 * <p>The edited row is the view's query row of the view's layer, in every head at once: the papers' RNN models
 * have one (their output is affine in it: {@link AffineReadout}); a transformer has one per head, and the model's
 * {@link AttentionReadout} differentiates the rest of the network above it (for the DJL transformers, the last
 * layer's [CLS] row). Special tokens: J&amp;W's distributions are over real tokens, so a row's weights on special
 * tokens ([CLS], [SEP], ...) stay at their original values and the adversary redistributes only the mass the
 * original row puts on real tokens. Per-head JSDs are between the rows renormalised over the real tokens.
 *
 * <p>Every adversary is re-run through the model's ordinary {@code forwardEdited} with its rows put in by
 * {@link AttentionEdit.Replace} (every other row of the layer unchanged); the record's TVD is that run's, and only
 * adversaries whose re-run TVD is within epsilon count towards the record's largest JSD (the original itself
 * counts, with JSD 0). The JSD that counts is the head-mean one: between the heads' mean rows over the real tokens
 * (the view's attention with the default mean over heads). Models and views with no readout do not qualify;
 * the record says why.
 */
public final class AdversarialExperiment implements Experiment<AdversarialExperiment.Result> {

    /**
     * One adversary.
     *
     * @param attention  its rows' mean over heads, one weight per token (special tokens included)
     * @param jsd        JSD between its head-mean row and the original's, over the real tokens (nats, ≤ ln 2)
     * @param tvd        output change measured by re-running the model with the adversary's rows put in
     * @param jsdPerHead JSD from the original per head, over the real tokens (0 for a head with no mass on them)
     */
    public record Adversary(double[] attention, double jsd, double tvd, double[] jsdPerHead) {
    }

    /**
     * Record fields; {@code unsupported} says why an instance did not qualify, else null; {@code heads} is the number
     * of heads whose rows were edited.
     */
    public record Result(List<Adversary> adversaries, double maxJsdWithinEpsilon, double maxAttention, double epsilon,
                         String unsupported, Integer heads) {
    }

    private static final double TOLERANCE = 0.01;
    private static final double HINGE_WEIGHT = 500;

    private final AttentionView view;
    private final int adversaries;
    private final int steps;
    private final double learningRate;
    private final double epsilon;
    private final long seed;
    private final AttentionMeasure attention;

    public AdversarialExperiment(AttentionView view, int adversaries, int steps, double learningRate, double epsilon,
                                 long seed) {
        if (adversaries < 1 || steps < 1 || !(learningRate > 0) || !(epsilon > 0)) {
            throw new IllegalArgumentException("adversaries and steps >= 1, learning rate and epsilon > 0");
        }
        this.view = view;
        this.adversaries = adversaries;
        this.steps = steps;
        this.learningRate = learningRate;
        this.epsilon = epsilon;
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
        float[][][] matrices = x.forward().attentions()[layer]; // [head][query][key]
        if (view.row() < 0) {
            return unsupported("adversarial attention edits one query row; the attention view takes the mean of rows");
        }
        view.checkRow(matrices[0].length, x.model().info().name(), x.id());
        AttentionReadout readout;
        try {
            readout = x.model().attentionReadout(x.input(), layer, view.row());
        } catch (NotApplicableException e) {
            if (matrices.length != 1 || matrices[0].length != 1) {
                return unsupported(e.getMessage());
            }
            try {
                readout = AffineReadout.of(x, layer);
            } catch (IllegalArgumentException notAffine) {
                return unsupported(notAffine.getMessage());
            }
        }
        try (AttentionReadout open = readout) {
            return attack(x, open, layer, matrices, real);
        }
    }

    private Result attack(Instance x, AttentionReadout readout, int layer, float[][][] matrices, int[] real) {
        int heads = readout.heads();
        int n = readout.keys();
        int m = real.length;
        int row = view.row();
        double[][] original = new double[heads][n];
        double[][] fixed = new double[heads][];
        double[] mass = new double[heads];
        double[][] alpha = new double[heads][m];
        for (int h = 0; h < heads; h++) {
            for (int t = 0; t < n; t++) {
                original[h][t] = matrices[h][row][t];
            }
            fixed[h] = original[h].clone();
            for (int t : real) {
                mass[h] += original[h][t];
                fixed[h][t] = 0;
            }
            for (int i = 0; i < m; i++) {
                alpha[h][i] = mass[h] > 0 ? original[h][real[i]] / mass[h] : 1.0 / m;
            }
        }
        double[] y = readout.probabilities(new double[][][] {original})[0];
        Random random = Seeds.random(seed, "adversarial", x.model().info().name(), x.id());
        AdversarialSearch search = new AdversarialSearch(readout, real, fixed, mass, alpha, y, adversaries, steps,
                learningRate, TOLERANCE, HINGE_WEIGHT);
        double[][][] found = search.run(random);
        double[][][] rows = search.rows(found);
        double[] rerun = rerunTvd(x, layer, row, matrices, rows);
        double[] meanOriginal = headMeanOverReal(original, real);
        List<Adversary> out = new ArrayList<>();
        double best = 0; // the original itself: JSD 0, output change 0
        for (int k = 0; k < found.length; k++) {
            double[] perHead = new double[heads];
            for (int h = 0; h < heads; h++) {
                perHead[h] = mass[h] > 0 ? Divergences.jensenShannon(found[k][h], alpha[h]) : 0;
            }
            double jsd = Divergences.jensenShannon(headMeanOverReal(rows[k], real), meanOriginal);
            out.add(new Adversary(headMean(rows[k]), jsd, rerun[k], perHead));
            if (rerun[k] <= epsilon) {
                best = Math.max(best, jsd);
            }
        }
        double maxAttention = java.util.Arrays.stream(Rankings.at(x.importance(attention).scores(), real)).max()
                .orElseThrow();
        return new Result(out, best, maxAttention, epsilon, null, heads);
    }

    /** TVD between the original output and the ordinary forward's with each adversary's rows replacing the view's row. */
    private static double[] rerunTvd(Instance x, int layer, int row, float[][][] matrices, double[][][] rows) {
        List<List<AttentionEdit>> sets = new ArrayList<>(rows.length);
        for (double[][] adversary : rows) {
            List<AttentionEdit> set = new ArrayList<>(adversary.length);
            for (int h = 0; h < adversary.length; h++) {
                double[][] matrix = new double[matrices[h].length][];
                for (int q = 0; q < matrix.length; q++) {
                    matrix[q] = q == row ? adversary[h] : toDouble(matrices[h][q]);
                }
                set.add(new AttentionEdit.Replace(layer, h, matrix));
            }
            sets.add(set);
        }
        List<ForwardResult> results = x.model().forwardEdited(x.input(), sets, ForwardOptions.OUTPUT_ONLY);
        double[] tvd = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            tvd[k] = Divergences.totalVariation(results.get(k).probabilities(), x.probabilities());
        }
        return tvd;
    }

    private static double[] headMean(double[][] rows) {
        double[] mean = new double[rows[0].length];
        for (double[] r : rows) {
            for (int t = 0; t < mean.length; t++) {
                mean[t] += r[t] / rows.length;
            }
        }
        return mean;
    }

    /** The heads' mean row at the real tokens, renormalised to a distribution over them. */
    private static double[] headMeanOverReal(double[][] rows, int[] real) {
        double[] mean = Rankings.at(headMean(rows), real);
        double sum = java.util.Arrays.stream(mean).sum();
        for (int i = 0; i < mean.length; i++) {
            mean[i] /= sum;
        }
        return mean;
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private Result unsupported(String reason) {
        return new Result(List.of(), Double.NaN, Double.NaN, epsilon, reason, null);
    }
}
