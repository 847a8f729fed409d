package org.attnlab.explain;

import org.attnlab.model.GradientRequest;
import org.attnlab.model.Gradients;
import org.attnlab.model.OutputTarget;

/**
 * Integrated gradients (Sundararajan et al. 2017) w.r.t. the word embeddings, zero baseline,
 * midpoint Riemann sum with {@code steps} points: attribution of token t is
 * {@code sum_d e_td * mean_k g_td(alpha_k e)}, reported as |.| normalised over real tokens.
 * Positions and token types are not scaled (they are not part of the "input" being attributed).
 */
public final class IntegratedGradientsMeasure implements ImportanceMeasure {

    private final int steps;

    public IntegratedGradientsMeasure(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("integrated-gradients steps must be >= 1, got " + steps);
        }
        this.steps = steps;
    }

    @Override
    public String id() {
        return "integrated-gradients";
    }

    @Override
    public String key() {
        return id() + "[steps=" + steps + "]";
    }

    @Override
    public Importance explain(Instance x) {
        GradientRequest base = GradientRequest.of(OutputTarget.probability(x.predicted()));
        int n = x.input().length();
        double[] attribution = new double[n];
        for (int k = 0; k < steps; k++) {
            double alpha = (k + 0.5) / steps;
            Gradients g = x.model().gradients(x.input(), base.scaled(alpha));
            // gradTimesInput is g . (alpha e); attribution needs g . e, averaged over the path.
            for (int t = 0; t < n; t++) {
                attribution[t] += g.gradTimesInput()[t] / alpha / steps;
            }
        }
        return new Importance(id(), Scores.absNormalised(attribution, x.input().special()));
    }
}
