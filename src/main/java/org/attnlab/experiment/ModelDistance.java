package org.attnlab.experiment;

import org.attnlab.explain.AttentionMeasure;
import org.attnlab.explain.AttentionView;
import org.attnlab.explain.Instance;
import org.attnlab.stats.Divergences;

/**
 * How far another model is from the subject on one instance (Wiegreffe &amp; Pinter's seed variance and adversaries):
 * the JS divergence between their attentions over the real tokens (each renormalised over them, as W&amp;P compare
 * the rows without the sentence markers) and the total variation distance between their output distributions.
 *
 * @param jsd JSD(α_other, α_base) over the real tokens, nats (≤ ln 2)
 * @param tvd TVD(ŷ_other, ŷ_base)
 */
public record ModelDistance(double jsd, double tvd) {

    /** The distance of {@code other} (the same tokens, see {@link Companions#sameTokens}) from {@code base}. */
    public static ModelDistance between(Instance base, Instance other, AttentionView view) {
        AttentionMeasure attention = new AttentionMeasure(view);
        double[] a = realAttention(base, attention);
        double[] b = realAttention(other, attention);
        return new ModelDistance(Divergences.jensenShannon(b, a), Divergences.totalVariation(other.probabilities(),
                base.probabilities()));
    }

    /** The attention on {@code x}'s real tokens, renormalised to sum to 1. */
    static double[] realAttention(Instance x, AttentionMeasure attention) {
        double[] a = Rankings.at(x.importance(attention).scores(), x.realTokens());
        double sum = 0;
        for (double v : a) {
            sum += v;
        }
        if (!(sum > 0)) {
            throw new IllegalStateException(x.id() + ": " + x.model().info().name() + " puts no attention on the real tokens");
        }
        for (int i = 0; i < a.length; i++) {
            a[i] /= sum;
        }
        return a;
    }
}
