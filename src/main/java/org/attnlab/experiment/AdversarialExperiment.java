package org.attnlab.experiment;

import org.attnlab.data.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.attnlab.explain.AttentionMeasure;
import org.attnlab.explain.AttentionView;
import org.attnlab.explain.ImportanceMeasure;
import org.attnlab.explain.Instance;
import org.attnlab.stats.Divergences;

/**
 * Jain &amp; Wallace's adversarial attention: K attention distributions over the real tokens, found by
 * Adam on log-attention (init log(uniform) + 3 N(0,1)), that differ as much as possible from the
 * original (JSD) and from each other while keeping the output within 0.01 (hinge weight 500), the
 * encoder states fixed. Among the adversaries and the original, those whose output moved more than
 * epsilon are dropped; the record holds the largest JSD left. Needs an output affine in the attention
 * (the papers' models); other models' instances do not qualify, with the reason recorded.
 */
public final class AdversarialExperiment implements Experiment<AdversarialExperiment.Result> {

    /** One adversary: its attention (one weight per token), divergence from the original, output change (TVD). */
    public record Adversary(double[] attention, double jsd, double tvd) {
    }

    /** Record fields; {@code unsupported} says why an instance did not qualify, else null. */
    public record Result(List<Adversary> adversaries, double maxJsdWithinEpsilon, double maxAttention, double epsilon,
                         String unsupported) {
    }

    private static final double TOLERANCE = 0.01;
    private static final double HINGE_WEIGHT = 500;

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
        AffineReadout readout;
        try {
            readout = AffineReadout.of(x, 0);
        } catch (IllegalArgumentException e) {
            return new Result(List.of(), Double.NaN, Double.NaN, epsilon, e.getMessage());
        }
        double[] full = x.importance(attention).scores();
        double[] alpha = Rankings.at(full, real);
        double[] y = AffineReadout.softmax(readout.logits(full));
        Random random = Seeds.random(seed, "adversarial", x.model().info().name(), x.id());
        double[][] found = new AdversarialSearch(readout, real, full.length, alpha, y, adversaries, steps, learningRate,
                TOLERANCE, HINGE_WEIGHT).run(random);
        List<Adversary> out = new ArrayList<>();
        double best = 0; // the original itself: JSD 0, output change 0
        for (double[] a : found) {
            double[] weights = scatter(a, real, full.length);
            double jsd = Divergences.jensenShannon(a, alpha);
            double tvd = Divergences.totalVariation(AffineReadout.softmax(readout.logits(weights)), y);
            out.add(new Adversary(weights, jsd, tvd));
            if (tvd <= epsilon) {
                best = Math.max(best, jsd);
            }
        }
        double maxAttention = java.util.Arrays.stream(alpha).max().orElseThrow();
        return new Result(out, best, maxAttention, epsilon, null);
    }

    static double[] scatter(double[] onReal, int[] real, int n) {
        double[] full = new double[n];
        for (int k = 0; k < real.length; k++) {
            full[real[k]] = onReal[k];
        }
        return full;
    }
}
